// CachedPrediction — the parser's ATN simulator, with a fast path for the
// common case of adaptivePredict: the decision's DFA (shared by every parse
// in the process) already holds the path for the tokens ahead, so the
// prediction is read off it. The runtime's adaptivePredict does the same
// walk but wraps every call in a heap-allocated std::function, marks, seeks
// and consumes the token stream and takes a lock per edge: about a thousand
// instructions per decision, an eighth of a build. Anything else (a state
// not yet in the DFA, an error, a conflict needing full context, semantic
// predicates) goes to the runtime, which also grows the DFA. Internal to
// compiler/Parse.
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
  size_t predictFromDFA(antlr4::TokenStream *Input, size_t Decision);
};

/// Gives Parser a CachedPredictionSimulator in place of the runtime's.
void useCachedPrediction(antlr4::Parser &Parser);

} // namespace cfc::parse
