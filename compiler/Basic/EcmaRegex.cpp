// EcmaRegex — schema patterns through PCRE2 (see EcmaRegex.h for what is
// rewritten and what is refused).
#include "Basic/EcmaRegex.h"

#include "Basic/ArenaScope.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"

#include <memory>
#include <mutex>

namespace cfc {

namespace {

/// ECMA-262's WhiteSpace and LineTerminator code points, the class `\s`
/// stands for there (PCRE2's `\s` without UCP is ASCII only).
constexpr llvm::StringLiteral EcmaSpace =
    "\\t\\n\\x0b\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}"
    "\\x{3000}\\x{feff}";
/// ECMA's `.` matches anything but a LineTerminator.
constexpr llvm::StringLiteral EcmaDot = "[^\\n\\r\\x{2028}\\x{2029}]";

/// Escapes that mean the same in ECMA-262, Java and PCRE2.
bool sameEverywhere(char C) {
  return llvm::StringRef("dDwWbBtnfrcxpPkAZ").contains(C) || llvm::isDigit(C);
}

class Translator {
public:
  explicit Translator(llvm::StringRef P) : P(P) {}

  std::string run(std::string &Why) {
    for (I = 0; I < P.size() && Why.empty(); ++I) {
      char C = P[I];
      if (C == '\\')
        escape(Why);
      else if (C == '[' && !InClass)
        openClass(Why);
      else if (C == ']' && InClass)
        InClass = false, Out += C;
      else if (C == '.' && !InClass)
        Out += EcmaDot;
      else
        Out += C;
    }
    if (!Why.empty())
      return "";
    return Out;
  }

private:
  void openClass(std::string &Why) {
    // [:alpha:] inside a class is a POSIX class to PCRE2 and Java, literal
    // characters to ECMA: which one AWS means is unknowable.
    llvm::StringRef Rest = P.substr(I);
    if (posixClassIn(Rest))
      Why = "a POSIX class";
    if (classWithNonSpace(Why))
      return;
    InClass = true;
    Out += '[';
    // ECMA's [^] (anything) and [] (nothing): PCRE2 reads ']' right after
    // the bracket as a literal, so they are spelled out.
    if (Rest.startswith("[^]"))
      Out.back() = '(', Out += "?s:.)", I += 2, InClass = false;
    else if (Rest.startswith("[]"))
      Out.back() = '(', Out += "?!)", I += 1, InClass = false;
    else if (Rest.startswith("[^"))
      Out += '^', ++I;
  }

  /// Whether the class opening Class holds what PCRE2 takes for a POSIX
  /// class: '[' with ':', '.' or '=', closed by the same and ']' before any
  /// other ']' (PCRE2's own check_posix_syntax).
  static bool posixClassIn(llvm::StringRef Class) {
    for (size_t K = 1; K < Class.size() && Class[K] != ']'; ++K) {
      if (Class[K] == '\\') {
        ++K;
        continue;
      }
      if (Class[K] != '[' || K + 1 >= Class.size() || !llvm::StringRef(":.=").contains(Class[K + 1]))
        continue;
      char Terminator = Class[K + 1];
      for (size_t J = K + 2; J + 1 < Class.size() && Class[J] != ']'; ++J)
        if (Class[J] == Terminator && Class[J + 1] == ']')
          return true;
    }
    return false;
  }

  /// ECMA's `\S` inside a class ([\s\S], [\S ]) has no spelling in a
  /// PCRE2 class once `\s` is an explicit list, so [X\S] becomes
  /// (?:[X]|[^spaces]). A negated one ([^\S]) is declined.
  bool classWithNonSpace(std::string &Why) {
    size_t End = I + 1;
    bool Has = false;
    if (End < P.size() && P[End] == '^')
      ++End;
    if (End < P.size() && P[End] == ']')
      ++End; // A leading ']' is ECMA's empty class, handled by the caller.
    for (; End < P.size() && P[End] != ']'; ++End)
      if (P[End] == '\\' && End + 1 < P.size())
        Has |= P[++End] == 'S';
    if (!Has || End >= P.size())
      return false;
    if (P[I + 1] == '^') {
      Why = "\\S inside a negated class";
      return true;
    }
    std::string Body;
    for (size_t K = I + 1; K < End; ++K) {
      if (P[K] == '\\' && P[K + 1] == 'S') {
        ++K;
        continue;
      }
      Body += P[K];
      if (P[K] == '\\')
        Body += P[++K];
    }
    std::string NonSpace = "[^" + EcmaSpace.str() + "]";
    if (Body.empty()) {
      Out += NonSpace;
    } else {
      std::string Inner = Translator("[" + Body + "]").run(Why);
      Out += "(?:" + Inner + "|" + NonSpace + ")";
    }
    I = End;
    return true;
  }

  void escape(std::string &Why) {
    if (I + 1 >= P.size()) {
      Why = "a trailing backslash";
      return;
    }
    char C = P[++I];
    if (C == 's' || C == 'S') {
      if (C == 'S' && InClass) {
        Why = "\\S inside a class";
        return;
      }
      Out += InClass ? EcmaSpace.str() : (C == 's' ? "[" : "[^") + EcmaSpace.str() + "]";
      literalDashAfterClassEscape();
      return;
    }
    if (C == 'u') {
      unicodeEscape(Why);
      return;
    }
    if (C == 'x' && !(I + 2 < P.size() && llvm::isHexDigit(P[I + 1]) && llvm::isHexDigit(P[I + 2]))) {
      Why = "\\x without two hex digits";
      return;
    }
    if (C == '0' && !(I + 1 < P.size() && llvm::isDigit(P[I + 1]))) {
      Out += "\\x00";
      return;
    }
    if (llvm::isAlpha(C) && !sameEverywhere(C)) {
      Why = std::string("the escape \\") + C + " (its meaning differs between ECMA-262, Java and PCRE2)";
      return;
    }
    Out += '\\';
    Out += C;
    if (llvm::StringRef("dDwW").contains(C))
      literalDashAfterClassEscape();
  }

  /// In a class, ECMA reads the '-' after a class escape ([\\w-.]) as a
  /// literal dash; PCRE2 calls it a bad range.
  void literalDashAfterClassEscape() {
    if (InClass && I + 2 < P.size() && P[I + 1] == '-' && P[I + 2] != ']') {
      Out += "\\-";
      ++I;
    }
  }

  /// \uHHHH and \u{H...} become PCRE2's \x{...}; UTF-16 surrogates (which
  /// a UTF-8 string never holds alone) make the pattern unknowable.
  void unicodeEscape(std::string &Why) {
    llvm::StringRef Rest = P.substr(I + 1);
    llvm::StringRef Hex;
    if (Rest.startswith("{")) {
      size_t Close = Rest.find('}');
      if (Close == llvm::StringRef::npos) {
        Why = "an unterminated \\u{";
        return;
      }
      Hex = Rest.substr(1, Close - 1);
      I += Close + 1;
    } else {
      Hex = Rest.take_front(4);
      I += 4;
    }
    unsigned Code = 0;
    if (Hex.empty() || Hex.size() > 6 || Hex.getAsInteger(16, Code) || Code > 0x10FFFF) {
      Why = "a malformed \\u escape";
      return;
    }
    if (Code >= 0xD800 && Code <= 0xDFFF) {
      Why = "a UTF-16 surrogate";
      return;
    }
    Out += "\\x{" + llvm::utohexstr(Code) + "}";
  }

  llvm::StringRef P;
  size_t I = 0;
  bool InClass = false;
  std::string Out;
};

/// One compiled pattern, or the reason it has none.
struct Compiled {
  pcre2_code *Code = nullptr;
  std::string Why;
  ~Compiled() { pcre2_code_free(Code); }
};

Compiled *compile(llvm::StringRef Pattern) {
  static std::mutex Lock;
  static llvm::StringMap<std::unique_ptr<Compiled>> Cache;
  std::lock_guard<std::mutex> Guard(Lock);
  arena::Permanent Shared; // Kept for every stack of the run.
  auto &Slot = Cache[Pattern];
  if (Slot)
    return Slot.get();
  Slot = std::make_unique<Compiled>();
  std::string Translated = translatePattern(Pattern, Slot->Why);
  if (!Slot->Why.empty())
    return Slot.get();
  int Error = 0;
  PCRE2_SIZE Offset = 0;
  // DOLLAR_ENDONLY: ECMA's `$` is the end of the input, not before a final
  // newline. UTF: classes and `.` take code points. No UCP: ECMA's \d, \w
  // and \b are ASCII.
  Slot->Code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(Translated.data()), Translated.size(),
                             PCRE2_UTF | PCRE2_DOLLAR_ENDONLY, &Error, &Offset,
                             nullptr);
  if (!Slot->Code) {
    PCRE2_UCHAR Message[256];
    pcre2_get_error_message(Error, Message, sizeof(Message));
    Slot->Why = "PCRE2 cannot compile it: " + std::string(reinterpret_cast<char *>(Message));
  }
  return Slot.get();
}

} // namespace

std::string translatePattern(llvm::StringRef Pattern, std::string &Why) {
  Why.clear();
  return Translator(Pattern).run(Why);
}

bool patternSupported(llvm::StringRef Pattern, std::string *Why) {
  Compiled *C = compile(Pattern);
  if (Why)
    *Why = C->Why;
  return C->Code != nullptr;
}

PatternMatch searchPattern(llvm::StringRef Pattern, llvm::StringRef Text) {
  Compiled *C = compile(Pattern);
  if (!C->Code)
    return PatternMatch::Unknown;
  // A bounded search: a pathological pattern gives up rather than hang.
  std::unique_ptr<pcre2_match_context, void (*)(pcre2_match_context *)> Context(
      pcre2_match_context_create(nullptr), pcre2_match_context_free);
  pcre2_set_match_limit(Context.get(), 1000000);
  pcre2_set_depth_limit(Context.get(), 10000);
  std::unique_ptr<pcre2_match_data, void (*)(pcre2_match_data *)> Data(
      pcre2_match_data_create_from_pattern(C->Code, nullptr), pcre2_match_data_free);
  int Result = pcre2_match(C->Code, reinterpret_cast<PCRE2_SPTR>(Text.data()), Text.size(), 0, 0,
                           Data.get(), Context.get());
  if (Result >= 0)
    return PatternMatch::Matches;
  if (Result == PCRE2_ERROR_NOMATCH)
    return PatternMatch::Fails;
  return PatternMatch::Unknown; // Limits, invalid UTF-8.
}

} // namespace cfc
