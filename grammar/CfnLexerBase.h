// CfnLexerBase — the superclass of the generated CfnLexer.
//
// The lexer pushes a mode on every '{' and pops one on every '}' so that the
// '}' closing a string interpolation returns to the string. A stray '}' at the
// top level would pop an empty mode stack, which throws inside ANTLR; here it
// stays in the default mode and the parser reports the token instead.
#pragma once

#include "antlr4-runtime.h"

namespace cfc::grammar {

class CfnLexerBase : public antlr4::Lexer {
public:
  explicit CfnLexerBase(antlr4::CharStream *Input) : antlr4::Lexer(Input) {}

  size_t popMode() override {
    if (modeStack.empty())
      return mode;
    return antlr4::Lexer::popMode();
  }

  /// Strings are one line long: a line break ends every string and
  /// interpolation still open, so an unclosed `"${x` cannot swallow the
  /// rest of the file. StringMode is the generated lexer's STRING mode.
  void unwindStrings(size_t StringMode) {
    while (mode == StringMode ||
           std::find(modeStack.begin(), modeStack.end(), StringMode) != modeStack.end())
      antlr4::Lexer::popMode();
  }
};

} // namespace cfc::grammar
