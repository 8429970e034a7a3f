// ParseFile — parseFile (Parser.h), the door to ANTLR: lexing, the two-stage
// parse (fast SLL, then full LL with error recovery only when SLL fails), and
// the hand-off to the AST builder.
#include "Parse/Parser.h"
#include "Parse/CachedPrediction.h"
#include "Parse/ParseInternals.h"
#include "Parse/Scanner.h"

#include <mutex>

namespace cfc {
namespace parse {

SourceRange tokenRange(const ParseState &S, const antlr4::Token *T) {
  size_t Start = T->getStartIndex(), Stop = T->getStopIndex();
  if (T->getType() == antlr4::Token::EOF || Start == INVALID_INDEX || Start > S.Text.size()) {
    uint32_t At = T->getType() == antlr4::Token::EOF
                      ? static_cast<uint32_t>(S.Text.size())
                      : endOfPreviousToken(S, T->getTokenIndex());
    return {At, At};
  }
  uint32_t End = Stop == INVALID_INDEX || Stop < Start ? Start : Stop + 1;
  return {static_cast<uint32_t>(Start), std::min<uint32_t>(End, S.Text.size())};
}

uint32_t endOfPreviousToken(const ParseState &S, size_t I) {
  if (I == INVALID_INDEX)
    return 0;
  while (I-- > 0) {
    antlr4::Token *T = S.All[I];
    if (T->getChannel() == antlr4::Token::DEFAULT_CHANNEL && T->getStopIndex() != INVALID_INDEX)
      return static_cast<uint32_t>(T->getStopIndex() + 1);
  }
  return 0;
}

static bool isKeyword(size_t Type) {
  return Type >= CfnLexer::DESCRIPTION && Type <= CfnLexer::NONE;
}

std::string describeToken(const ParseState &S, const antlr4::Token *T) {
  size_t Type = T->getType();
  if (Type == antlr4::Token::EOF)
    return "end of file";
  SourceRange R = tokenRange(S, T);
  llvm::StringRef Spelling = S.Text.slice(R.Begin, R.End);
  if (Spelling.size() > 40)
    Spelling = Spelling.take_front(40);
  if (isKeyword(Type) && Type != CfnLexer::TRUE && Type != CfnLexer::FALSE && Type != CfnLexer::NONE)
    return ("keyword '" + Spelling + "'").str();
  switch (Type) {
  case CfnLexer::IDENT:
    return ("name '" + Spelling + "'").str();
  case CfnLexer::DQUOTE:
  case CfnLexer::RAW_STRING:
    return "a string";
  case CfnLexer::INT:
  case CfnLexer::NUMBER:
  case CfnLexer::DURATION:
  case CfnLexer::SIZE:
    return ("number '" + Spelling + "'").str();
  default:
    return ("'" + Spelling + "'").str();
  }
}

/// What one parse runs on; it owns the tokens and the parse tree.
struct Machinery {
  explicit Machinery(llvm::StringRef Text) : Input(Text), Lexer(&Input, Text), Tokens(&Lexer), Parser(&Tokens) {
    useCachedPrediction(Parser);
  }
  ByteStream Input;
  Scanner Lexer;
  ScannedTokenStream Tokens;
  CfnParser Parser;
};

/// Parsers kept until the process exits (ParseOptions::KeepParseTreesUntilExit).
/// Reachable from a global, so leak checkers do not report them.
static std::vector<std::unique_ptr<Machinery>> *KeptUntilExit = nullptr;

static void keepUntilExit(std::unique_ptr<Machinery> M) {
  static std::mutex Lock;
  std::lock_guard<std::mutex> Guard(Lock);
  if (!KeptUntilExit)
    KeptUntilExit = new std::vector<std::unique_ptr<Machinery>>();
  KeptUntilExit->push_back(std::move(M));
}

} // namespace parse

std::unique_ptr<ast::File> parseFile(const SourceManager &SM, FileId File,
                                     DiagnosticEngine &Diags, const ParseOptions &Opts) {
  using namespace parse;
  auto Result = std::make_unique<ast::File>();
  Result->Id = File;
  llvm::StringRef Text = SM.text(File);
  if (Text.size() > SourceManager::MaxFileSize) {
    Diags.report(File, {0, 0}, diag::FileTooLarge, SM.name(File), Text.size(),
                 SourceManager::MaxFileSize);
    return Result;
  }
  try {
    auto M = std::make_unique<Machinery>(Text);
    antlr4::CommonTokenStream &Tokens = M->Tokens;
    CfnParser &Parser = M->Parser;
    Tokens.fill();
    ParseState State{SM, File, Diags, Opts, Text, Tokens, {}, {}};
    State.All = M->Tokens.all();
    checkTokens(State);
    settleSoftKeywords(State);
    M->Tokens.startParsing();

    Parser.removeErrorListeners();
    // Stage 1: SLL prediction, giving up at the first error. It is enough
    // for almost every correct file and much cheaper than full LL.
    auto *Sim = Parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
    Sim->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    Parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    CfnParser::FileContext *Tree = nullptr;
    try {
      Tree = Parser.file();
    } catch (const antlr4::ParseCancellationException &) {
      Tree = nullptr;
    }
    // Stage 2: full LL with recovery and our messages.
    if (!Tree) {
      Parser.reset();
      Sim->setPredictionMode(antlr4::atn::PredictionMode::LL);
      Parser.setErrorHandler(makeErrorStrategy(State));
      Tree = Parser.file();
    }
    buildAST(State, Tree, *Result);
    if (Opts.KeepParseTreesUntilExit)
      keepUntilExit(std::move(M));
  } catch (const std::exception &E) {
    Diags.report(File, {0, 0}, diag::InternalParserError, E.what());
  }
  return Result;
}

} // namespace cfc
