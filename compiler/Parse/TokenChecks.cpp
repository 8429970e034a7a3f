// TokenChecks — the lexical checks made on the whole token stream before
// parsing: characters the language has no use for, unterminated comments and
// raw strings, malformed numbers, invalid UTF-8, and nesting too deep for the
// recursive-descent runtime. Offending tokens are moved off the parser's
// channel so that one mistake gives one message.
#include "Parse/ParseInternals.h"
#include "Basic/Ascii.h"

#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/Format.h"

#include <cstring>

namespace cfc::parse {

namespace {

void hide(ScannedToken *T) { T->setChannel(antlr4::Token::HIDDEN_CHANNEL); }

/// Length of the valid UTF-8 sequence at Text[I], or 0 if it is invalid.
unsigned validUtf8Length(llvm::StringRef Text, size_t I) {
  auto *Begin = reinterpret_cast<const llvm::UTF8 *>(Text.data() + I);
  unsigned Len = llvm::getNumBytesForUTF8(*Begin);
  if (I + Len > Text.size() || !llvm::isLegalUTF8Sequence(Begin, Begin + Len))
    return 0;
  return Len;
}

/// Reports the first invalid UTF-8 byte of each line in [Begin, End).
void checkUtf8(ParseState &S, SourceRange R) {
  unsigned LastLine = 0;
  for (size_t I = R.Begin; I < R.End;) {
    unsigned char C = S.Text[I];
    if (C < 0x80) {
      ++I;
      continue;
    }
    unsigned Len = validUtf8Length(S.Text, I);
    if (Len) {
      I += Len;
      continue;
    }
    unsigned Line = S.SM.lineColumn(S.File, I).Line;
    if (Line != LastLine)
      S.Diags.report(S.File, {uint32_t(I), uint32_t(I + 1)}, diag::InvalidUtf8,
                     llvm::format_hex_no_prefix(C, 2, /*Upper=*/true));
    LastLine = Line;
    ++I;
  }
}

/// Records a cut from the hidden token at index First through the next
/// token the parser will see.
void recordCut(ParseState &S, size_t First) {
  uint32_t Begin = tokenRange(S, S.All[First]).Begin;
  uint32_t End = static_cast<uint32_t>(S.Text.size());
  for (size_t I = First + 1; I < S.All.size(); ++I) {
    ScannedToken *T = S.All[I];
    if (T->getChannel() == antlr4::Token::DEFAULT_CHANNEL) {
      End = tokenRange(S, T).End;
      break;
    }
  }
  S.Cuts.push_back({Begin, End});
}

/// A run of BAD_CHAR tokens is one mistake: report its first character.
void reportBadCharacters(ParseState &S, size_t &I) {
  ScannedToken *First = S.All[I];
  size_t FirstIndex = I;
  uint32_t Begin = tokenRange(S, First).Begin;
  uint32_t End = Begin;
  while (I < S.All.size() && S.All[I]->getType() == CfnLexer::BAD_CHAR &&
         tokenRange(S, S.All[I]).Begin == End) {
    End = tokenRange(S, S.All[I]).End;
    hide(S.All[I]);
    ++I;
  }
  --I; // The caller's loop advances past the run.
  recordCut(S, FirstIndex); // What the parser trips over next is this mistake.
  unsigned char C = S.Text[Begin];
  if (C >= 0x80) {
    unsigned Len = validUtf8Length(S.Text, Begin);
    if (!Len)
      return checkUtf8(S, {Begin, End});
    S.Diags.report(S.File, {Begin, Begin + Len}, diag::UnexpectedCharacter,
                   S.Text.substr(Begin, Len));
    return;
  }
  std::string Shown = C >= 0x20 && C < 0x7f ? std::string(1, char(C))
                                             : llvm::formatv("\\x{0:x-2}", unsigned(C)).str();
  auto D = S.Diags.report(S.File, {Begin, Begin + 1}, diag::UnexpectedCharacter, Shown);
  if (C == '\'')
    D.fix("strings are written in double quotes", {Begin, Begin + 1}, "\"");
  else if (C == ';')
    D.fix("remove the ';': declarations need no separator", {Begin, Begin + 1}, "");
}

const char *numberProblem(llvm::StringRef Spelling) {
  llvm::StringRef Suffix = Spelling.drop_while([](char C) { return isdigit(C) || C == '_'; });
  if (Suffix.equals_insensitive("kb") || Suffix.equals_insensitive("mb") ||
      Suffix.equals_insensitive("gb") || Suffix.equals_insensitive("tb"))
    return "size units are written B, KB, MB, GB, TB (or KiB, MiB, GiB, TiB)";
  if (Suffix.startswith_insensitive("sec") || Suffix.startswith_insensitive("min") ||
      Suffix.startswith_insensitive("hour") || Suffix.startswith_insensitive("day") ||
      Suffix == "S" || Suffix == "M" || Suffix == "H" || Suffix == "D")
    return "durations are written with ms, s, m, h or d (90s, 5m, 2h, 30d)";
  return "a number is followed by a unit (ms, s, m, h, d, B, KB, MB, GB, TB) or nothing";
}

/// Hides every token nested deeper than the limit (the opener that crosses
/// it through its closer), so the parser sees a shallow, balanced file and
/// reports nothing more about the region.
void limitNesting(ParseState &S) {
  unsigned Depth = 0;
  bool Reported = false;
  size_t CutStart = SIZE_MAX;
  for (size_t I = 0; I < S.All.size(); ++I) {
    ScannedToken *T = S.All[I];
    if (T->getChannel() != antlr4::Token::DEFAULT_CHANNEL)
      continue;
    size_t Type = T->getType();
    bool Deep = Depth >= S.Opts.MaxNesting;
    if (opensBracket(Type)) {
      if (Deep && !Reported) {
        S.Diags.report(S.File, tokenRange(S, T), diag::NestingTooDeep, S.Opts.MaxNesting);
        Reported = true;
      }
      ++Depth;
    } else if (closesBracket(Type) && Depth > 0) {
      --Depth;
      Deep = Depth >= S.Opts.MaxNesting;
    }
    if (Deep && Type != antlr4::Token::EOF) {
      hide(T);
      if (CutStart == SIZE_MAX)
        CutStart = I;
    } else if (CutStart != SIZE_MAX) {
      recordCut(S, CutStart);
      CutStart = SIZE_MAX;
    }
  }
}

constexpr bool endsValue(size_t Type) {
  switch (Type) {
  case CfnLexer::IDENT: case CfnLexer::INT: case CfnLexer::NUMBER: case CfnLexer::DURATION:
  case CfnLexer::SIZE: case CfnLexer::BAD_NUMBER: case CfnLexer::TRUE: case CfnLexer::FALSE:
  case CfnLexer::NONE: case CfnLexer::STR_END: case CfnLexer::STR_NEWLINE:
  case CfnLexer::RAW_STRING: case CfnLexer::RPAREN: case CfnLexer::RBRACKET:
  case CfnLexer::RBRACE: case CfnLexer::DESCRIPTION: case CfnLexer::TYPE: case CfnLexer::AS:
  case CfnLexer::IN: case CfnLexer::FN: case CfnLexer::ASSERT:
    return true;
  default:
    return false;
  }
}

/// Prefix operators (`!!!!x`) and conditionals (`a ? b : c ? d : ...`)
/// recurse in the runtime without any bracket. Together with the brackets
/// around them they count towards the same nesting limit; past it, the rest
/// of the declaration is hidden from the parser.
void limitOperatorChains(ParseState &S) {
  std::vector<unsigned> Chains{0}; // Per open bracket: operators counted.
  unsigned Total = 0;              // Brackets plus every level's operators.
  bool Cutting = false, Reported = false;
  size_t Previous = 0, CutStart = SIZE_MAX;
  for (size_t I = 0; I < S.All.size(); ++I) {
    ScannedToken *T = S.All[I];
    size_t Type = T->getType();
    if (T->getChannel() != antlr4::Token::DEFAULT_CHANNEL || Type == antlr4::Token::EOF)
      continue;
    if (startsDeclaration(Type) && Chains.size() == 1) {
      Total -= Chains.back();
      Chains.back() = 0;
      if (Cutting)
        recordCut(S, CutStart);
      Cutting = false;
    }
    if (opensBracket(Type)) {
      Chains.push_back(0);
      ++Total;
    } else if (closesBracket(Type) && Chains.size() > 1) {
      Total -= Chains.back() + 1;
      Chains.pop_back();
    } else if (Type == CfnLexer::COMMA) {
      Total -= Chains.back();
      Chains.back() = 0;
    } else if (Type == CfnLexer::QUESTION || Type == CfnLexer::BANG ||
               (Type == CfnLexer::MINUS && !endsValue(Previous))) {
      ++Chains.back();
      ++Total;
    }
    Previous = Type;
    if (Total > S.Opts.MaxNesting && !Cutting) {
      if (!Reported)
        S.Diags.report(S.File, tokenRange(S, T), diag::ExpressionTooDeep, S.Opts.MaxNesting);
      Reported = Cutting = true;
      CutStart = I;
    }
    if (Cutting)
      hide(T);
  }
  if (Cutting)
    recordCut(S, CutStart);
}

/// Cuts each list, object or argument list after MaxListElements elements
/// (objects count their fields' colons, the others their commas), with
/// one CFC4010: evaluation would refuse the value anyway, and the parse
/// tree of a million elements is hundreds of megabytes. The cut runs from
/// the first token of the element past the limit to the bracket's closer,
/// which stays, so the parser sees a whole, shorter value.
void limitListElements(ParseState &S) {
  struct Level {
    size_t Opener;
    size_t Elements = 0;
  };
  std::vector<Level> Levels{{0}}; // The file itself: not a value.
  size_t CutLevel = 0, CutStart = SIZE_MAX;
  bool Reported = false;
  for (size_t I = 0; I < S.All.size(); ++I) {
    ScannedToken *T = S.All[I];
    size_t Type = T->getType();
    if (T->getChannel() != antlr4::Token::DEFAULT_CHANNEL || Type == antlr4::Token::EOF)
      continue;
    if (closesBracket(Type) && Levels.size() > 1) {
      if (CutLevel == Levels.size()) {
        recordCut(S, CutStart);
        CutLevel = 0;
      } else if (CutLevel) {
        hide(T);
      }
      Levels.pop_back();
      continue;
    }
    if (CutLevel) {
      hide(T);
      if (opensBracket(Type))
        Levels.push_back({Type});
      continue;
    }
    Level &L = Levels.back();
    if (Levels.size() > 1 && L.Elements >= S.Opts.MaxListElements && Type != CfnLexer::COMMA) {
      if (!Reported)
        S.Diags.report(S.File, tokenRange(S, T), diag::ValueTooLarge,
                       L.Opener == CfnLexer::LBRACE ? "object" : "list",
                       "more than " + std::to_string(S.Opts.MaxListElements), "elements",
                       std::to_string(S.Opts.MaxListElements) + " elements");
      Reported = true;
      CutLevel = Levels.size();
      CutStart = I;
      hide(T);
      if (opensBracket(Type))
        Levels.push_back({Type});
      continue;
    }
    if (opensBracket(Type))
      Levels.push_back({Type});
    else if (Type == (L.Opener == CfnLexer::LBRACE ? CfnLexer::COLON : CfnLexer::COMMA))
      ++L.Elements;
  }
  if (CutLevel)
    recordCut(S, CutStart);
}

constexpr bool isBinaryOperator(size_t Type) {
  switch (Type) {
  case CfnLexer::PLUS: case CfnLexer::MINUS: case CfnLexer::STAR: case CfnLexer::SLASH:
  case CfnLexer::PERCENT: case CfnLexer::LT: case CfnLexer::LE: case CfnLexer::GT: case CfnLexer::GE:
  case CfnLexer::EQEQ: case CfnLexer::NOTEQ: case CfnLexer::ANDAND: case CfnLexer::OROR:
    return true;
  default:
    return false;
  }
}

/// An expression of thousands of binary or postfix operators at one
/// bracket level (`1 + 1 + ...`, `o.a.a...`, `f(1)(1)...`) nests about as
/// deep as it is long, far past MaxExpressionDepth, which the AST builder
/// reports only after the parser made a tree of it all: 300,000 `.a` took
/// 290 MB and a second. Past MaxOperatorRun operators in one expression,
/// the rest of it (to the next comma, closing bracket or declaration) is
/// hidden, with the AST builder's one CFC1020. Operators count from the
/// last comma, colon, declaration or opening bracket of their level.
void limitOperatorRuns(ParseState &S) {
  const unsigned MaxOperatorRun = 8 * S.Opts.MaxExpressionDepth;
  std::vector<unsigned> Runs{0};
  size_t CutLevel = 0, CutStart = SIZE_MAX, Previous = 0;
  for (size_t I = 0; I < S.All.size(); ++I) {
    ScannedToken *T = S.All[I];
    size_t Type = T->getType();
    if (T->getChannel() != antlr4::Token::DEFAULT_CHANNEL || Type == antlr4::Token::EOF)
      continue;
    // A declaration starts a new count at any level: inside a component's
    // or a loop's body, the dots of 600 resources' types are no chain.
    bool EndsExpression = Type == CfnLexer::COMMA || startsDeclaration(Type);
    if (CutLevel == Runs.size() && EndsExpression) {
      recordCut(S, CutStart);
      CutLevel = 0;
    }
    if (closesBracket(Type) && Runs.size() > 1) {
      if (CutLevel == Runs.size()) {
        recordCut(S, CutStart);
        CutLevel = 0;
      } else if (CutLevel) {
        hide(T);
      }
      Runs.pop_back();
      Previous = Type;
      continue;
    }
    if (CutLevel) {
      hide(T);
      if (opensBracket(Type))
        Runs.push_back(0);
      continue;
    }
    bool Postfix = Type == CfnLexer::DOT ||
                   ((Type == CfnLexer::LBRACKET || Type == CfnLexer::LPAREN) && endsValue(Previous));
    if (Postfix || (isBinaryOperator(Type) && endsValue(Previous))) {
      if (++Runs.back() > MaxOperatorRun) {
        S.Diags.report(S.File, tokenRange(S, T), diag::ExpressionTooDeep, S.Opts.MaxExpressionDepth);
        S.ReportedExpressionDepth = true;
        CutLevel = Runs.size();
        CutStart = I;
        hide(T);
        if (opensBracket(Type))
          Runs.push_back(0);
        continue;
      }
    } else if (EndsExpression || Type == CfnLexer::COLON) {
      Runs.back() = 0;
    }
    if (opensBracket(Type))
      Runs.push_back(0);
    Previous = Type;
  }
  if (CutLevel)
    recordCut(S, CutStart);
}

/// Whether a token of this type can be wrong on its own: most cannot, and
/// are passed over without looking at their text.
constexpr bool mayBeMalformed(size_t Type) {
  switch (Type) {
  case CfnLexer::BAD_CHAR: case CfnLexer::BLOCK_COMMENT: case CfnLexer::LINE_COMMENT:
  case CfnLexer::STR_TEXT: case CfnLexer::RAW_STRING: case CfnLexer::SQ_STRING:
  case CfnLexer::BAD_NUMBER:
    return true;
  default:
    return false;
  }
}

/// The checks of the token at index I (BAD_CHAR moves I to the end of its
/// run).
void checkToken(ParseState &S, size_t &I, bool Ascii) {
  ScannedToken *T = S.All[I];
  SourceRange R = tokenRange(S, T);
  llvm::StringRef Spelling = S.Text.slice(R.Begin, R.End);
  switch (T->getType()) {
  case CfnLexer::BAD_CHAR:
    reportBadCharacters(S, I);
    break;
  case CfnLexer::BLOCK_COMMENT:
    if (!Ascii)
      checkUtf8(S, R);
    if (Spelling.size() < 4 || !Spelling.endswith("*/"))
      S.Diags.report(S.File, {R.Begin, R.Begin + 2}, diag::UnterminatedComment)
          .fix("close the comment", {R.End, R.End}, "*/");
    break;
  case CfnLexer::LINE_COMMENT:
  case CfnLexer::STR_TEXT:
    if (!Ascii)
      checkUtf8(S, R);
    break;
  case CfnLexer::RAW_STRING:
    if (!Ascii)
      checkUtf8(S, R);
    if (Spelling.size() < 6 || !Spelling.endswith("\"\"\""))
      S.Diags.report(S.File, {R.Begin, R.Begin + 3}, diag::UnterminatedRawString)
          .fix("close the string", {R.End, R.End}, "\"\"\"");
    break;
  case CfnLexer::SQ_STRING: {
    // A 'single-quoted' string: one mistake with a certain fix.
    std::string Fixed = "\"" + Spelling.drop_front().drop_back().str() + "\"";
    S.Diags.report(S.File, R, diag::UnexpectedCharacter, "'")
        .fix("strings are written in double quotes", R, Fixed);
    break;
  }
  case CfnLexer::BAD_NUMBER:
    S.Diags.report(S.File, R, diag::InvalidNumber, Spelling, numberProblem(Spelling));
    break;
  default:
    break;
  }
}

constexpr bool isSoftKeyword(size_t Type) {
  return Type == CfnLexer::DESCRIPTION || Type == CfnLexer::TYPE || Type == CfnLexer::FN ||
         Type == CfnLexer::ASSERT;
}

/// What the pass below asks of a token's type, one table lookup instead
/// of a handful of switches per token (it reads every token).
enum TokenFlag : uint16_t {
  Opens = 1, Closes = 2, Declaration = 4, EndsValue = 8, Binary = 16, MayBeMalformed = 32,
  SoftKeyword = 64,
  /// None of the tokens any limit counts or resets on (brackets,
  /// declarations, operators, commas, colons, dots): most of a file.
  Plain = 128,
};
constexpr size_t FlaggedTypes = 64; // Every type of CfnLexer (EOF aside).
constexpr uint16_t flagsOf(size_t T) {
  bool Counted = opensBracket(T) || closesBracket(T) || startsDeclaration(T) || isBinaryOperator(T) ||
                 T == CfnLexer::COMMA || T == CfnLexer::COLON || T == CfnLexer::DOT ||
                 T == CfnLexer::QUESTION || T == CfnLexer::BANG;
  return (opensBracket(T) ? Opens : 0) | (closesBracket(T) ? Closes : 0) |
         (startsDeclaration(T) ? Declaration : 0) | (endsValue(T) ? EndsValue : 0) |
         (isBinaryOperator(T) ? Binary : 0) | (mayBeMalformed(T) ? MayBeMalformed : 0) |
         (isSoftKeyword(T) ? SoftKeyword : 0) | (Counted ? 0 : Plain);
}
struct TokenFlags {
  uint16_t Of[FlaggedTypes] = {};
  constexpr TokenFlags() {
    for (size_t T = 0; T < FlaggedTypes; ++T)
      Of[T] = flagsOf(T);
  }
  uint16_t operator[](size_t Type) const { return Type < FlaggedTypes ? Of[Type] : 0; }
};
constexpr TokenFlags Flags;
static_assert(CfnLexer::STR_NEWLINE < FlaggedTypes, "a token type past the flag table");

/// The four limits above, counted together over the visible tokens and
/// without cutting anything: whether each would leave the file untouched.
/// Nearly every file is far within them; for one that is, the four passes
/// (a fifth of parsing's passes over the tokens) are this one. Each count
/// is the pass's own, step for step, so the answer is exact as long as
/// none of them has cut (a cut hides tokens the later passes then skip):
/// at the first that would, the file goes through the passes one by one.
class LimitSurvey {
public:
  explicit LimitSurvey(const ParseOptions &Opts)
      : MaxNesting(Opts.MaxNesting), MaxListElements(Opts.MaxListElements),
        MaxOperatorRun(8 * Opts.MaxExpressionDepth) {
    Levels.reserve(16);
  }

  /// Counts a visible token of this type (F its flags); false when a
  /// limit would cut.
  bool step(size_t Type, uint16_t F) {
    if (Type == antlr4::Token::EOF)
      return true; // Only limitNesting looks at it, and it opens nothing.
    if (F & Plain) {
      // limitListElements' check, which every token but a comma makes.
      if (Levels.size() > 1 && Levels.back().Elements >= MaxListElements)
        return false;
      PreviousEndsValue = F & EndsValue;
      return true;
    }
    bool Opening = F & Opens, Closing = F & Closes, StartsDeclaration = F & Declaration;
    // limitNesting: cuts where the depth reaches the limit.
    if (Opening && ++Depth >= MaxNesting)
      return false;
    if (Closing && Depth > 0)
      --Depth;
    // limitOperatorChains (Chains per level, Total over all).
    if (StartsDeclaration && Levels.size() == 1) {
      Total -= Levels.back().Chain;
      Levels.back().Chain = 0;
    }
    // limitOperatorRuns: a declaration or a comma ends a run.
    bool EndsExpression = Type == CfnLexer::COMMA || StartsDeclaration;
    if (Closing && Levels.size() > 1) {
      Total -= Levels.back().Chain + 1;
      Levels.pop_back();
      PreviousEndsValue = F & EndsValue;
      return true;
    }
    Level &L = Levels.back();
    // limitListElements: the element past the limit is cut.
    if (Levels.size() > 1 && L.Elements >= MaxListElements && Type != CfnLexer::COMMA)
      return false;
    if (Type == CfnLexer::COMMA) {
      Total -= L.Chain;
      L.Chain = 0;
    } else if (Type == CfnLexer::QUESTION || Type == CfnLexer::BANG ||
               (Type == CfnLexer::MINUS && !PreviousEndsValue)) {
      ++L.Chain;
      ++Total;
    }
    bool Postfix = Type == CfnLexer::DOT ||
                   ((Type == CfnLexer::LBRACKET || Type == CfnLexer::LPAREN) && PreviousEndsValue);
    if (Postfix || ((F & Binary) && PreviousEndsValue)) {
      if (++L.Run > MaxOperatorRun)
        return false;
    } else if (EndsExpression || Type == CfnLexer::COLON) {
      L.Run = 0;
    }
    if (!Opening && Type == (L.Opener == CfnLexer::LBRACE ? CfnLexer::COLON : CfnLexer::COMMA))
      ++L.Elements;
    if (Opening) {
      Levels.push_back({Type});
      ++Total;
    }
    PreviousEndsValue = F & EndsValue;
    return Total <= MaxNesting;
  }

private:
  /// The file, then each open bracket: what each pass counts per level.
  struct Level {
    size_t Opener;
    size_t Elements = 0; ///< limitListElements
    unsigned Chain = 0;  ///< limitOperatorChains
    unsigned Run = 0;    ///< limitOperatorRuns
  };
  const unsigned MaxNesting;
  const size_t MaxListElements;
  const unsigned MaxOperatorRun;
  unsigned Depth = 0, Total = 0;
  /// Whether the previous visible token ends a value (endsValue).
  bool PreviousEndsValue = false;
  std::vector<Level> Levels{Level{0}};
};

} // namespace

void checkTokens(ParseState &S) {
  bool Ascii = isAscii(S.Text); // Then no text needs a UTF-8 check.
  LimitSurvey Survey(S.Opts);
  bool WithinLimits = true;
  for (size_t I = 0; I < S.All.size(); ++I) {
    ScannedToken *T = S.All[I];
    size_t Type = T->getType();
    uint16_t F = Flags[Type];
    // Line comments and string text can only be wrong in their UTF-8.
    bool Checked = (F & MayBeMalformed) &&
                   !(Ascii && (Type == CfnLexer::STR_TEXT || Type == CfnLexer::LINE_COMMENT));
    if (Checked) {
      checkToken(S, I, Ascii); // May hide it (and move I past a run).
      T = S.All[I], Type = T->getType(), F = Flags[Type];
    } else if (F & SoftKeyword) {
      S.SoftKeywords.push_back(I);
    }
    // Earlier tokens' checks never hide a later one: this one's channel is
    // final unless a limit cuts.
    if (WithinLimits && T->getChannel() == antlr4::Token::DEFAULT_CHANNEL)
      WithinLimits = Survey.step(Type, F);
  }
  if (WithinLimits)
    return;
  limitNesting(S);
  limitOperatorChains(S);
  limitListElements(S);
  limitOperatorRuns(S);
}

} // namespace cfc::parse
