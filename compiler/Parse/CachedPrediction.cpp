// CachedPrediction — see CachedPrediction.h.
#include "Parse/CachedPrediction.h"

namespace cfc::parse {

using antlr4::atn::ATN;
using antlr4::dfa::DFAState;

size_t CachedPredictionSimulator::adaptivePredict(antlr4::TokenStream *Input, size_t Decision,
                                                  antlr4::ParserRuleContext *Outer) {
  size_t Alt = predictFromDFA(Input, Decision);
  if (Alt != ATN::INVALID_ALT_NUMBER)
    return Alt;
  return ParserATNSimulator::adaptivePredict(Input, Decision, Outer);
}

size_t CachedPredictionSimulator::predictFromDFA(antlr4::TokenStream *Input, size_t Decision) {
  // No decision of this grammar looks far ahead; a longer walk is left to
  // the runtime rather than bounded here by accident.
  constexpr ssize_t MaxLookahead = 16;
  antlr4::dfa::DFA &Dfa = decisionToDFA[Decision];
  size_t Alt = ATN::INVALID_ALT_NUMBER;
  // The runtime adds edges under the write side of this lock (analyses on
  // the language server's worker thread parse while others may).
  _edgeLock.readLock();
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
  _edgeLock.readUnlock();
  return Alt;
}

void useCachedPrediction(antlr4::Parser &Parser) {
  auto *Runtime = Parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
  auto *Cached = new CachedPredictionSimulator(&Parser, Parser.getATN(), Runtime->decisionToDFA,
                                               Runtime->getSharedContextCache());
  // Deletes the runtime's simulator; the generated parser deletes ours.
  Parser.setInterpreter(Cached);
}

} // namespace cfc::parse
