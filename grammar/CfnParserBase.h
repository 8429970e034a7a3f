// CfnParserBase — the superclass of the generated CfnParser. It replaces
// three steps the runtime takes at every rule (enter, exit, choice of
// alternative), which dynamic_cast the current context's parent to the
// ParserRuleContext it always is here: a fifth of a build went to those
// casts. Same behaviour, static_cast instead (every context of a generated
// parser derives from ParserRuleContext, without virtual inheritance).
// exitRule is not virtual in the runtime: declared here, it hides the
// runtime's for the generated code, which calls it unqualified. `finally`
// likewise: every generated rule calls `finally([=] { exitRule(); })`
// unqualified, and a member found in this class wins over the runtime's
// antlrcpp::finally, which wraps the lambda in a heap-allocated
// std::function (5% of a build's instructions).
#pragma once

#include "antlr4-runtime.h"

#include <memory>
#include <new>
#include <type_traits>
#include <vector>

namespace cfc::grammar {

class CfnParserBase : public antlr4::Parser {
public:
  explicit CfnParserBase(antlr4::TokenStream *Input) : antlr4::Parser(Input) {}

  void enterRule(antlr4::ParserRuleContext *Local, size_t State, size_t) override {
    setState(State);
    _ctx = Local;
    // Most rules have a few children: one allocation instead of growing
    // from 1 to 2 to 4 (vector growth was 5% of a build).
    _ctx->children.reserve(4);
    _ctx->start = _input->LT(1);
    if (_buildParseTrees)
      addContextToParseTree();
    if (!_parseListeners.empty())
      triggerEnterRuleEvent();
  }

  void exitRule() {
    _ctx->stop = _matchedEOF ? _input->LT(1) : _input->LT(-1);
    if (!_parseListeners.empty())
      triggerExitRuleEvent();
    setState(_ctx->invokingState);
    _ctx = parentOf(_ctx);
  }

  void enterOuterAlt(antlr4::ParserRuleContext *Local, size_t Alt) override {
    // A labelled alternative's context is made fresh (copyFrom), without
    // the reservation enterRule made for the rule's context. Not the
    // context a left-recursive rule (expr) starts with: the alternative's
    // context replaces it at once, and it never has a child.
    if (Local != RecursionStart)
      reserveChildren(Local);
    RecursionStart = nullptr;
    Local->setAltNumber(Alt);
    if (_buildParseTrees && _ctx != Local)
      if (antlr4::ParserRuleContext *Parent = parentOf(_ctx)) {
        Parent->removeLastChild();
        Parent->addChild(Local);
      }
    _ctx = Local;
  }

  // The contexts of a left-recursive rule (expr) are made here, not by
  // enterRule. The first is replaced by its alternative's at once (the
  // generated code calls enterOuterAlt on it first): no room for children.
  void enterRecursionRule(antlr4::ParserRuleContext *Local, size_t State, size_t RuleIndex,
                          int Precedence) override {
    RecursionStart = Local;
    antlr4::Parser::enterRecursionRule(Local, State, RuleIndex, Precedence);
  }
  void pushNewRecursionContext(antlr4::ParserRuleContext *Local, size_t State,
                               size_t RuleIndex) override {
    Local->children.reserve(4);
    antlr4::Parser::pushNewRecursionContext(Local, State, RuleIndex);
  }

  /// Parser::consume, with the terminal node of a matched token made in
  /// this parser's chunks instead of one allocation each, tracked for
  /// deletion (a node per token: 3% of a build). Error nodes and parsers
  /// with listeners take the runtime's way.
  antlr4::Token *consume() override {
    if (!_buildParseTrees || !_parseListeners.empty() || _errHandler->inErrorRecoveryMode(this))
      return antlr4::Parser::consume();
    antlr4::Token *Matched = _input->LT(1);
    if (Matched->getType() != antlr4::Token::EOF)
      _input->consume();
    _ctx->addChild(newTerminal(Matched));
    return Matched;
  }

protected:
  /// Runs Fn when it goes out of scope (the rule's exit, normal or by an
  /// exception); the lambda is stored by value, nothing is allocated.
  template <typename Fn> struct OnExit {
    Fn Action;
    ~OnExit() { Action(); }
  };
  template <typename Fn> static OnExit<Fn> finally(Fn &&Action) {
    return OnExit<Fn>{std::forward<Fn>(Action)};
  }

  void addContextToParseTree() override {
    if (antlr4::ParserRuleContext *Parent = parentOf(_ctx)) {
      // The parent may be a labelled alternative of expr, made fresh too.
      reserveChildren(Parent);
      Parent->addChild(_ctx);
    }
  }

private:
  /// The context enterRecursionRule was given, until enterOuterAlt.
  antlr4::ParserRuleContext *RecursionStart = nullptr;

  /// Terminal nodes, a chunk at a time. They hold nothing to free (a
  /// terminal has no children), so they are dropped with their chunk,
  /// when the parser is: the parse tree must not outlive its parser,
  /// which compiler/Parse keeps together.
  using TerminalSlot =
      std::aligned_storage_t<sizeof(antlr4::tree::TerminalNodeImpl), alignof(antlr4::tree::TerminalNodeImpl)>;
  static constexpr size_t TerminalChunk = 4096;
  std::vector<std::unique_ptr<TerminalSlot[]>> Terminals;
  size_t TerminalsUsed = TerminalChunk;
  antlr4::tree::TerminalNodeImpl *newTerminal(antlr4::Token *Symbol) {
    if (TerminalsUsed == TerminalChunk) {
      Terminals.push_back(std::unique_ptr<TerminalSlot[]>(new TerminalSlot[TerminalChunk]));
      TerminalsUsed = 0;
    }
    return new (&Terminals.back()[TerminalsUsed++]) antlr4::tree::TerminalNodeImpl(Symbol);
  }

  /// Room for a few children at the first, so that adding them does not
  /// grow the vector from 1 to 2 to 4 (22,000 reallocations for 500
  /// resources, 2% of a build).
  static void reserveChildren(antlr4::ParserRuleContext *Ctx) {
    if (Ctx->children.capacity() == 0)
      Ctx->children.reserve(4);
  }
  static antlr4::ParserRuleContext *parentOf(antlr4::ParserRuleContext *Ctx) {
    return static_cast<antlr4::ParserRuleContext *>(Ctx->parent);
  }
};

} // namespace cfc::grammar
