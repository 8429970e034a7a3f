// Scanner — the tokens of CfnLexer.g4, read by hand. The grammar file stays
// the specification (its token types are the parser's vocabulary); this is
// the same lexer as a single pass over the bytes, because ANTLR's lexer
// simulation (a locked DFA lookup and a hash per byte) was a third of the
// whole compile. ScannerTest lexes every test, example and stdlib file and
// thousands of random texts with both and requires identical tokens: type,
// offsets, line, column and channel.
//
// Private to compiler/Parse, like every ANTLR type.
#pragma once

#include "CfnLexer.h"
#include "antlr4-runtime.h"

#include "llvm/ADT/StringRef.h"

#include <memory>
#include <type_traits>
#include <vector>

namespace cfc::parse {

class Scanner;

/// A token of the Scanner: what CommonToken holds, in half its size, made
/// in the Scanner's chunks instead of one allocation each, and `final`, so
/// that the passes over a file's tokens (lexical checks, soft keywords, the
/// token stream's tables, ranges) read its fields inline instead of through
/// the runtime's virtual getters. The runtime's own uses see a Token like
/// any other. Deleting one (the token stream owns them by unique_ptr) runs
/// its destructor and leaves the memory to the Scanner's chunks, so the
/// Scanner must outlive its tokens.
class ScannedToken final : public antlr4::WritableToken {
public:
  ScannedToken(Scanner *Source, size_t Type, size_t Channel, size_t Start, size_t Stop, size_t Line,
               size_t Column)
      : Source(Source), Start(Start), Stop(Stop), Type(uint32_t(Type)), Channel(uint32_t(Channel)),
        Line(uint32_t(Line)), Column(uint32_t(Column)) {}

  static void *operator new(size_t, void *Place) noexcept { return Place; }
  static void operator delete(void *) noexcept {} // The Scanner's chunk holds it.

  size_t getType() const override { return Type == uint32_t(EOF) ? EOF : Type; }
  size_t getLine() const override { return Line; }
  size_t getCharPositionInLine() const override { return Column; }
  size_t getChannel() const override { return Channel; }
  size_t getTokenIndex() const override { return Index; }
  size_t getStartIndex() const override { return Start; }
  size_t getStopIndex() const override { return Stop; }
  antlr4::TokenSource *getTokenSource() const override;
  antlr4::CharStream *getInputStream() const override;
  std::string getText() const override;
  std::string toString() const override;

  void setText(const std::string &Replacement) override { Text = Replacement; }
  void setType(size_t T) override { Type = uint32_t(T); }
  void setLine(size_t L) override { Line = uint32_t(L); }
  void setCharPositionInLine(size_t C) override { Column = uint32_t(C); }
  void setChannel(size_t C) override { Channel = uint32_t(C); }
  void setTokenIndex(size_t I) override { Index = I; }

private:
  Scanner *Source;
  size_t Start, Stop;
  size_t Index = INVALID_INDEX;
  uint32_t Type, Channel, Line, Column;
  std::string Text; ///< Set only by setText, as CommonToken's.
};

class Scanner : public antlr4::TokenSource {
public:
  /// Input must hold Text, byte for byte (a ByteStream): tokens read their
  /// text from it. Whitespace is read but not returned as tokens, unless
  /// KeepWhitespace (to compare with the ANTLR lexer, which returns WS on
  /// the hidden channel): nothing uses them, and they were a third of all
  /// tokens.
  Scanner(antlr4::CharStream *Input, llvm::StringRef Text, bool KeepWhitespace = false)
      : Input(Input), Text(Text), KeepWhitespace(KeepWhitespace) {}

  std::unique_ptr<antlr4::Token> nextToken() override;
  size_t getLine() const override { return Line; }
  size_t getCharPositionInLine() override { return Column; }
  antlr4::CharStream *getInputStream() override { return Input; }
  std::string getSourceName() override { return Input->getSourceName(); }
  antlr4::TokenFactory<antlr4::CommonToken> *getTokenFactory() override {
    return antlr4::CommonTokenFactory::DEFAULT.get();
  }

  /// About how many tokens the text holds (a token takes 4 to 5 bytes of
  /// source on average): room for them at once, not grown by doubling.
  size_t expectedTokens() const { return Text.size() / 4 + 16; }

  /// The lexer mode now (CfnLexer::DEFAULT_MODE or CfnLexer::STRING): after
  /// a '}', STRING means it closed an interpolation.
  size_t mode() const { return Mode; }

private:
  friend class ScannedToken;
  antlr4::CharStream *Input;
  llvm::StringRef Text;
  bool KeepWhitespace;
  /// Where the tokens are made, a chunk at a time (not zeroed: each slot
  /// is constructed when taken). A token takes 4 to 5 bytes of source on
  /// average, so a chunk of a quarter of the text's length is usually the
  /// only one.
  using Slot = std::aligned_storage_t<sizeof(ScannedToken), alignof(ScannedToken)>;
  size_t ChunkSize = std::min<size_t>(Text.size() / 4 + 16, 16384);
  std::vector<std::unique_ptr<Slot[]>> Chunks;
  size_t UsedInChunk = ChunkSize;
  void *newSlot() {
    if (UsedInChunk == ChunkSize) {
      Chunks.push_back(std::unique_ptr<Slot[]>(new Slot[ChunkSize]));
      UsedInChunk = 0;
    }
    return &Chunks.back()[UsedInChunk++];
  }
  size_t Pos = 0;
  size_t Line = 1, Column = 0;
  size_t Mode = grammar::CfnLexer::DEFAULT_MODE;
  std::vector<size_t> Modes;

  struct Match {
    size_t Type;
    size_t Length;
    size_t Channel = antlr4::Token::DEFAULT_CHANNEL;
  };
  Match scanDefault() const;
  Match scanString() const;
  Match scanNumber() const;
  Match scanWord() const;

  char at(size_t I) const { return I < Text.size() ? Text[I] : '\0'; }
  bool has(size_t I) const { return I < Text.size(); }
  void pushMode(size_t M) { Modes.push_back(Mode), Mode = M; }
  /// CfnLexerBase::popMode: a '}' with nothing to close stays where it is.
  void popMode() {
    if (!Modes.empty())
      Mode = Modes.back(), Modes.pop_back();
  }
  /// CfnLexerBase::unwindStrings: a line break ends every open string.
  void unwindStrings();
  /// Moves past whitespace in the default mode, doing what WS's action does.
  void skipWhitespace();
  /// Moves past N bytes, counting lines as ANTLR does (a '\n' starts one).
  void advance(size_t N);
};

/// The parser's token stream over a Scanner. The runtime's fetch
/// dynamic_casts each token to give it its index; the Scanner's tokens are
/// all ScannedTokens, so this fetch does it without.
///
/// The parser asks for the next token (LT(1)), the previous one (LT(-1),
/// when a rule ends), the tokens ahead (LT(K), predicting) and moves on
/// (consume) for every token, through
/// virtual calls that sync, bounds-check and skip hidden tokens one call at
/// a time. Once the whole file is fetched (startParsing) these overrides
/// answer from the token vector directly, with the runtime's semantics;
/// anything else goes to the runtime.
class ScannedTokenStream : public antlr4::CommonTokenStream {
public:
  explicit ScannedTokenStream(Scanner *Source) : antlr4::CommonTokenStream(Source) {}

  /// Every token fetched so far (hidden ones too), by index: all the
  /// Scanner's.
  std::vector<ScannedToken *> all() const {
    std::vector<ScannedToken *> Out;
    Out.reserve(_tokens.size());
    for (const std::unique_ptr<antlr4::Token> &T : _tokens)
      Out.push_back(static_cast<ScannedToken *>(T.get()));
    return Out;
  }

  /// Called once every token is fetched and its channel final (after the
  /// lexical checks): moves to the first visible token and turns the fast
  /// paths on.
  void startParsing() {
    fill();
    seek(0);
    Types.resize(_tokens.size());
    for (size_t I = 0; I < _tokens.size(); ++I)
      Types[I] = static_cast<uint32_t>(token(I).getType());
    // The nearest visible token on either side of each, so that a long run
    // of hidden tokens (400 KB of prefix operators past the nesting limit)
    // is not walked again at each step: that made parsing quadratic.
    size_t N = _tokens.size();
    NextVisible.assign(N + 1, N == 0 ? 0 : uint32_t(N - 1));
    for (size_t I = N; I-- > 0;)
      NextVisible[I] = visible(token(I)) || I + 1 == N ? uint32_t(I) : NextVisible[I + 1];
    PrevVisible.assign(N + 1, NoToken);
    for (size_t I = 0; I < N; ++I)
      PrevVisible[I + 1] = visible(token(I)) ? uint32_t(I) : PrevVisible[I];
    Filled = true;
  }

  size_t LA(ssize_t I) override {
    // The generated parser's switches ask LA(1) several times per token.
    if (Filled && I == 1) {
      uint32_t Type = Types[_p];
      return Type == uint32_t(antlr4::Token::EOF) ? antlr4::Token::EOF : Type;
    }
    return antlr4::CommonTokenStream::LA(I);
  }

  antlr4::Token *LT(ssize_t K) override {
    if (!filled())
      return antlr4::CommonTokenStream::LT(K);
    if (K == 1)
      return _tokens[_p].get();
    if (K > 1) {
      // CommonTokenStream::LT(K): the Kth visible token from _p; past the
      // end, EOF (the last token).
      size_t I = _p;
      for (ssize_t N = 1; N < K && I + 1 < _tokens.size(); ++N)
        I = NextVisible[I + 1];
      return _tokens[I].get();
    }
    if (K == -1) {
      // CommonTokenStream::LB(1): the nearest visible token before _p.
      uint32_t I = PrevVisible[_p];
      return I == NoToken ? nullptr : _tokens[I].get();
    }
    return antlr4::CommonTokenStream::LT(K);
  }

  void consume() override {
    // BufferedTokenStream::consume: past the current token to the next
    // visible one; consuming EOF (the last token) is the runtime's error.
    if (!filled() || _p + 1 >= _tokens.size())
      return antlr4::CommonTokenStream::consume();
    _p = NextVisible[_p + 1]; // At the latest EOF, the last token, which is visible.
  }

private:
  bool Filled = false;
  /// Each token's type, fixed once parsing starts (the lexical checks and
  /// the soft keywords have changed what they change by then).
  std::vector<uint32_t> Types;
  /// For each index I: the first visible token at or after I (the last
  /// token past the end), and the last visible one before I.
  std::vector<uint32_t> NextVisible, PrevVisible;
  static constexpr uint32_t NoToken = ~uint32_t(0);
  bool filled() const { return Filled; }
  const ScannedToken &token(size_t I) const { return *static_cast<ScannedToken *>(_tokens[I].get()); }
  bool visible(const ScannedToken &T) const {
    return T.getChannel() == channel || T.getType() == antlr4::Token::EOF;
  }

protected:
  size_t fetch(size_t N) override {
    if (_fetchedEOF)
      return 0;
    if (_tokens.empty())
      _tokens.reserve(static_cast<Scanner *>(_tokenSource)->expectedTokens());
    size_t I = 0;
    while (I < N) {
      std::unique_ptr<antlr4::Token> T = _tokenSource->nextToken();
      static_cast<ScannedToken *>(T.get())->setTokenIndex(_tokens.size());
      bool Eof = T->getType() == antlr4::Token::EOF;
      _tokens.push_back(std::move(T));
      ++I;
      if (Eof) {
        _fetchedEOF = true;
        break;
      }
    }
    return I;
  }
};

} // namespace cfc::parse
