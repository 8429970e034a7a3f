// CfnParserBase — the superclass of the generated CfnParser: the one
// semantic predicate of the grammar.
#pragma once

#include "antlr4-runtime.h"

namespace cfc::grammar {

class CfnParserBase : public antlr4::Parser {
public:
  explicit CfnParserBase(antlr4::TokenStream *Input) : antlr4::Parser(Input) {}

protected:
  /// Whether the soft keyword ahead starts a declaration rather than being a
  /// name: it is the first token of its line and is followed by what that
  /// declaration takes (`type X =`, `fn f(`, `description "..."`). After a
  /// forgotten '}', the next `type X = ...` must not read as a field `type`.
  bool softKeywordStartsDeclaration() {
    antlr4::TokenStream *In = getTokenStream();
    antlr4::Token *Kw = In->LT(1), *Next = In->LT(2), *Prev = In->LT(-1);
    if (!Kw || !Next || !Prev || Prev->getLine() >= Kw->getLine())
      return false;
    std::string Word = Kw->getText(), After = Next->getText();
    if (Word == "description")
      return !After.empty() && After[0] == '"';
    if (Word == "assert")
      return assertStartsDeclaration(After);
    if (Word != "type" && Word != "fn")
      return false;
    if (After.empty() || !(isalpha(static_cast<unsigned char>(After[0])) || After[0] == '_'))
      return false;
    antlr4::Token *Third = In->LT(3);
    std::string Then = Third ? Third->getText() : "";
    return Word == "type" ? Then == "=" : Then == "(";
  }

  /// `assert` followed by what can start a condition, not by what follows
  /// a name (`assert: 1` is a field, `assert.x` a member).
  static bool assertStartsDeclaration(const std::string &After) {
    static const char *const NameFollowers[] = {":", ".", "=", ",", ")", "]", "}", "<EOF>"};
    for (const char *F : NameFollowers)
      if (After == F)
        return false;
    return !After.empty();
  }
};

} // namespace cfc::grammar
