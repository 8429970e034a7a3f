// CachedPrediction — see CachedPrediction.h.
#include "Parse/CachedPrediction.h"

#include "Basic/ArenaScope.h"

namespace cfc::parse {

using antlr4::atn::ATN;
using antlr4::atn::SemanticContext;
using antlr4::dfa::DFAState;

size_t CachedPredictionSimulator::adaptivePredict(antlr4::TokenStream *Input, size_t Decision,
                                                  antlr4::ParserRuleContext *Outer) {
  size_t Alt = predictFromDFA(Input, Decision, Outer);
  if (Alt != ATN::INVALID_ALT_NUMBER)
    return Alt;
  // The runtime grows this thread's DFAs (and the shared context cache),
  // which serve every later stack of the run.
  arena::Permanent Shared;
  return ParserATNSimulator::adaptivePredict(Input, Decision, Outer);
}

size_t CachedPredictionSimulator::predictFromDFA(antlr4::TokenStream *Input, size_t Decision,
                                                 antlr4::ParserRuleContext *Outer) {
  // No decision of this grammar looks far ahead; a longer walk is left to
  // the runtime rather than bounded here by accident.
  constexpr ssize_t MaxLookahead = 16;
  antlr4::dfa::DFA &Dfa = decisionToDFA[Decision];
  // ParserATNSimulator::execATN, reading the DFA only: from the start
  // state (per precedence level for a left-recursive rule), follow the
  // edge of each token ahead until an accepting state.
  DFAState *D = Dfa.isPrecedenceDfa() ? Dfa.getPrecedenceStartState(parser->getPrecedence()) : Dfa.s0;
  for (ssize_t K = 1; D && K <= MaxLookahead; ++K) {
    auto Edge = D->edges.find(Input->LA(K));
    if (Edge == D->edges.end())
      break; // Not computed yet.
    D = Edge->second;
    if (D == ERROR.get())
      break; // A syntax error: the runtime's business.
    // A conflict that full-context prediction would settle. Under SLL the
    // runtime takes the state's prediction as it is (below); under LL it
    // must look at the whole context.
    if (D->requiresFullContext && getPredictionMode() != antlr4::atn::PredictionMode::SLL)
      break;
    if (D->isAcceptState)
      return acceptedAlt(D, Outer);
  }
  return ATN::INVALID_ALT_NUMBER;
}

size_t CachedPredictionSimulator::acceptedAlt(DFAState *D, antlr4::ParserRuleContext *Outer) {
  if (D->predicates.empty())
    return D->prediction;
  // The alternatives of a left-recursive rule's operator loop (expr) are
  // guarded by precedence predicates, which the DFA keeps unevaluated: as
  // execATN does, evaluate them all (they read the parser's precedence
  // stack, never the tokens) and take the first that holds. With none
  // holding, the runtime reports the error.
  // (evalSemanticContext does the same, but copies the list and fills a
  // bit set: 1,500 instructions a call.)
  size_t Alt = SIZE_MAX;
  for (DFAState::PredPrediction *P : D->predicates) {
    size_t Candidate = static_cast<size_t>(P->alt);
    if (Candidate < Alt && (P->pred == SemanticContext::NONE || P->pred->eval(parser, Outer)))
      Alt = Candidate;
  }
  return Alt == SIZE_MAX ? ATN::INVALID_ALT_NUMBER : Alt;
}

/// This thread's DFAs, one per decision of the grammar, as the generated
/// parser makes its shared ones. They live as long as the thread.
static std::vector<antlr4::dfa::DFA> &threadDFAs(const antlr4::atn::ATN &Atn) {
  thread_local std::vector<antlr4::dfa::DFA> DFAs;
  if (DFAs.empty()) {
    arena::Permanent Shared; // For every stack this thread compiles.
    DFAs.reserve(Atn.getNumberOfDecisions());
    for (size_t I = 0; I < Atn.getNumberOfDecisions(); ++I)
      DFAs.emplace_back(Atn.getDecisionState(I), I);
  }
  return DFAs;
}

void useCachedPrediction(antlr4::Parser &Parser) {
  auto *Runtime = Parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
  auto *Cached = new CachedPredictionSimulator(&Parser, Parser.getATN(), threadDFAs(Parser.getATN()),
                                               Runtime->getSharedContextCache());
  // Deletes the runtime's simulator; the generated parser deletes ours.
  Parser.setInterpreter(Cached);
}

} // namespace cfc::parse
