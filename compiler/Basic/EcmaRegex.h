// EcmaRegex — the regular expressions of AWS's resource provider schemas,
// evaluated with PCRE2.
//
// The schemas' `pattern`s are ECMA-262 expressions, as JSON Schema says, but
// AWS writes some with Java's constructs (\A, \Z, inline flags such as (?i)),
// which its own Java validators understand. PCRE2 reads both families; where
// it and ECMA-262 differ on the same spelling (`.`, `$`, `\s`, `\u`), the
// pattern is rewritten to ECMA's meaning, and where the meaning is doubtful
// (`\v`, letters ECMA reads as themselves, POSIX classes, surrogates) the
// pattern is not evaluated at all: a check that cannot be made exactly is not
// made. Compiled patterns are cached for the process; safe from any thread.
#pragma once

#include "llvm/ADT/StringRef.h"

#include <string>

namespace cfc {

enum class PatternMatch {
  Matches,
  Fails,
  Unknown ///< the pattern cannot be evaluated exactly, or took too much work
};

/// Whether Text (UTF-8) contains a match of Pattern, as JSON Schema's
/// `pattern` asks (unanchored: the pattern anchors itself if it means to).
PatternMatch searchPattern(llvm::StringRef Pattern, llvm::StringRef Text);

/// Whether Pattern can be evaluated at all; if not, why (for tests and
/// `cfc describe`).
bool patternSupported(llvm::StringRef Pattern, std::string *Why = nullptr);

/// Pattern rewritten into PCRE2's syntax with ECMA-262's meaning, or an
/// empty string with Why set when it cannot be (exposed for unit tests).
std::string translatePattern(llvm::StringRef Pattern, std::string &Why);

} // namespace cfc
