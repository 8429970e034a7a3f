// CachedPrediction — see CachedPrediction.h.
#include "Parse/CachedPrediction.h"

#include "Basic/ArenaScope.h"

namespace cfc::parse {

using antlr4::atn::ATN;
using antlr4::dfa::DFAState;

size_t CachedPredictionSimulator::adaptivePredict(antlr4::TokenStream *Input, size_t Decision,
                                                  antlr4::ParserRuleContext *Outer) {
  size_t Alt = predictFromDFA(Input, Decision);
  if (Alt != ATN::INVALID_ALT_NUMBER)
    return Alt;
  // The runtime grows this thread's DFAs (and the shared context cache),
  // which serve every later stack of the run.
  arena::Permanent Shared;
  return ParserATNSimulator::adaptivePredict(Input, Decision, Outer);
}

size_t CachedPredictionSimulator::predictFromDFA(antlr4::TokenStream *Input, size_t Decision) {
  // No decision of this grammar looks far ahead; a longer walk is left to
  // the runtime rather than bounded here by accident.
  constexpr ssize_t MaxLookahead = 16;
  antlr4::dfa::DFA &Dfa = decisionToDFA[Decision];
  size_t Alt = ATN::INVALID_ALT_NUMBER;
  // ParserATNSimulator::execATN, reading the DFA only: from the start
  // state (per precedence level for a left-recursive rule), follow the
  // edge of each token ahead until an accepting state.
  DFAState *D = Dfa.isPrecedenceDfa() ? Dfa.getPrecedenceStartState(parser->getPrecedence()) : Dfa.s0;
  for (ssize_t K = 1; D && K <= MaxLookahead; ++K) {
    auto Edge = D->edges.find(Input->LA(K));
    if (Edge == D->edges.end())
      break; // Not computed yet.
    D = Edge->second;
    if (D == ERROR.get() || D->requiresFullContext)
      break; // A syntax error or a conflict: the runtime's business.
    if (D->isAcceptState) {
      if (D->predicates.empty())
        Alt = D->prediction;
      break;
    }
  }
  return Alt;
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
