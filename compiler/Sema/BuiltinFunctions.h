// BuiltinFunctions — what each builtin function takes and gives, written
// for people. One table, next to the checks in Builtins.cpp: the checker's
// did-you-mean lists its names, and the language server shows it in
// completion and signature help, so a new builtin is added in one place.
#pragma once

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace cfc::sema {

struct BuiltinParameter {
  std::string Name;
  std::string Type;          ///< In the language's type syntax: "[string]".
  std::string Documentation; ///< Markdown, one sentence.
  bool Optional = false;     ///< `azs(region?)`.
  bool Variadic = false;     ///< `merge(objects...)`: one or more.
};

struct BuiltinFunction {
  std::string Name;
  std::vector<BuiltinParameter> Params;
  std::string Result;
  std::string Documentation; ///< Markdown.

  /// "join(separator: string, list: [string]) -> string".
  std::string label() const;
  /// Where each parameter is in label(): [begin, end) offsets (ASCII).
  std::vector<std::pair<unsigned, unsigned>> parameterOffsets() const;
};

/// Every builtin function, the unit conversions included, sorted by name.
const std::vector<BuiltinFunction> &builtinFunctions();
/// The builtin called Name, or null.
const BuiltinFunction *findBuiltinFunction(llvm::StringRef Name);

} // namespace cfc::sema
