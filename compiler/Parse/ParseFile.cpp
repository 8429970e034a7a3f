// ParseFile — parseFile (Parser.h), the door to ANTLR: lexing, the two-stage
// parse (fast SLL, then full LL with error recovery only when SLL fails), and
// the hand-off to the AST builder.
#include "Parse/Parser.h"
#include "Basic/ArenaScope.h"
#include "Parse/CachedPrediction.h"
#include "Parse/ParseInternals.h"
#include "Parse/Scanner.h"

#include <mutex>
#include <optional>

namespace cfc {
namespace parse {

SourceRange tokenRange(const ParseState &S, const antlr4::Token *T) {
  // Nearly always one of the file's own tokens (the error strategy makes
  // the others): its fields are then read without virtual calls.
  size_t Index = T->getTokenIndex();
  if (Index < S.All.size() && S.All[Index] == T)
    return tokenRange(S, *S.All[Index]);
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

SourceRange tokenRange(const ParseState &S, const ScannedToken &T) {
  size_t Start = T.getStartIndex(), Stop = T.getStopIndex();
  if (T.getType() == antlr4::Token::EOF || Start == INVALID_INDEX || Start > S.Text.size()) {
    uint32_t At = T.getType() == antlr4::Token::EOF ? static_cast<uint32_t>(S.Text.size())
                                                     : endOfPreviousToken(S, T.getTokenIndex());
    return {At, At};
  }
  uint32_t End = Stop == INVALID_INDEX || Stop < Start ? Start : Stop + 1;
  return {static_cast<uint32_t>(Start), std::min<uint32_t>(End, S.Text.size())};
}

uint32_t endOfPreviousToken(const ParseState &S, size_t I) {
  if (I == INVALID_INDEX)
    return 0;
  while (I-- > 0) {
    ScannedToken *T = S.All[I];
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
  // In a region (a stack of a many-stack run), the tokens and the tree go
  // with the rest of the region, all at once, when it is reused.
  if (arena::Current) {
    (void)M.release();
    return;
  }
  static std::mutex Lock;
  std::lock_guard<std::mutex> Guard(Lock);
  if (!KeptUntilExit)
    KeptUntilExit = new std::vector<std::unique_ptr<Machinery>>();
  KeptUntilExit->push_back(std::move(M));
}

/// The runtime's UTF converters are function-local thread_locals, which
/// the guard of OneShotArena.cpp does not see, and which the first input
/// stream of a thread makes: made here, in the process's memory, before
/// a parse starts in a region of its own, not in that region.
static void makeThreadLocalsOutsideRegions() {
  thread_local bool Made = false;
  if (Made)
    return;
  arena::Permanent Shared;
  (void)antlrcpp::utf32_to_utf8(std::u32string());
  (void)antlrcpp::utf8_to_utf32(nullptr, nullptr);
  Made = true;
}

/// Defined in WithoutXPath.cpp; naming it here (in data kept even though
/// nothing reads it) links that file into every program that parses, ahead
/// of the runtime's XPath.
extern const bool WithoutXPathLinked;
[[gnu::used]] static const bool *const LinkWithoutXPath = &WithoutXPathLinked;

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
    // The tokens and the parse tree serve until the AST is built. Under the
    // one-shot arena they are made in a region of their own, which the
    // next file reuses once the AST is built: dropped all at once, never
    // freed node by node (Basic/ArenaScope.h). Diagnostics reported while
    // parsing go to the engine's own region.
    makeThreadLocalsOutsideRegions();
    arena::Memory TreeMemory = arena::Memory::take();
    std::optional<arena::AllocateIn> InTree(TreeMemory.region());
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
      // The runtime's error recovery fills caches in the grammar's shared
      // ATN as it goes (each state's next tokens), which later parses read:
      // a file with syntax errors is parsed again in the process's memory.
      arena::Permanent Recovery;
      Parser.reset();
      Sim->setPredictionMode(antlr4::atn::PredictionMode::LL);
      Parser.setErrorHandler(makeErrorStrategy(State));
      Tree = Parser.file();
    }
    InTree.reset(); // The AST is made where the caller allocates.
    buildAST(State, Tree, *Result);
    if (TreeMemory.region())
      (void)M.release(); // Goes with its region, after State.
    else if (Opts.KeepParseTreesUntilExit)
      keepUntilExit(std::move(M));
  } catch (const std::exception &E) {
    Diags.report(File, {0, 0}, diag::InternalParserError, E.what());
  }
  return Result;
}

} // namespace cfc
