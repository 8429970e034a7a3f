// CachedPrediction — the parser's ATN simulator, with a fast path for the
// common case of adaptivePredict: the decision's DFA already holds the path
// for the tokens ahead, so the prediction is read off it. The runtime's
// adaptivePredict does the same walk but wraps every call in a
// heap-allocated std::function, marks, seeks and consumes the token stream
// and takes a process-wide lock per edge: about a thousand instructions per
// decision, an eighth of a build, and with stacks compiled on several
// threads that lock made them wait on each other. The precedence
// predicates of expr's operator loop are evaluated here too (they were 2.5
// trips to the runtime per resource, 2% of a build), and an SLL conflict
// takes the state's prediction as the runtime's SLL mode does. Anything
// else (a state not yet in the DFA, an error, a conflict in LL mode, a
// predicate that fails) goes to the runtime, which also grows the DFA.
//
// The DFAs are per thread, not the generated parser's shared ones: nothing
// else writes them, so the fast path reads them without a lock. Each thread
// warms its own (about 1.5 M instructions, once). Internal to compiler/Parse.
#pragma once

#include "antlr4-runtime.h"

namespace cfc::parse {

class CachedPredictionSimulator : public antlr4::atn::ParserATNSimulator {
public:
  using antlr4::atn::ParserATNSimulator::ParserATNSimulator;

  size_t adaptivePredict(antlr4::TokenStream *Input, size_t Decision,
                         antlr4::ParserRuleContext *Outer) override;

private:
  /// The alternative the DFA predicts for the tokens ahead, or
  /// ATN::INVALID_ALT_NUMBER when the runtime must decide.
  size_t predictFromDFA(antlr4::TokenStream *Input, size_t Decision,
                        antlr4::ParserRuleContext *Outer);
  /// The alternative an accepting DFA state predicts, its predicates
  /// evaluated as the runtime does; ATN::INVALID_ALT_NUMBER when none holds.
  size_t acceptedAlt(antlr4::dfa::DFAState *D, antlr4::ParserRuleContext *Outer);
};

/// Gives Parser a CachedPredictionSimulator over this thread's DFAs in
/// place of the runtime's simulator. Parser must be used on this thread only.
void useCachedPrediction(antlr4::Parser &Parser);

} // namespace cfc::parse
