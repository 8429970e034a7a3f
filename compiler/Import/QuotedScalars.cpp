// QuotedScalars — quoted YAML scalars that span lines, read again from the
// source as YAML 1.2 folds them (7.3: a line break between two lines of text
// is a space; a line break followed by n empty lines is n newlines; the
// spaces around each break are dropped). yaml-cpp 0.7 drops one newline when
// the last line before the closing quote is blank ('proxy_redirect off;\n\n\n
// ' reads as "...;\n", not "...;\n\n"), which changes the text of inline
// files and scripts without a word.
#include "Import/Importer.h"

#include "llvm/ADT/SmallVector.h"

namespace cfc::import {

namespace {

/// The text between the quotes of the scalar Text starts with, or nullopt
/// when it is no quoted scalar that this reader folds exactly: a single-
/// quoted one ('' is a quote), or a double-quoted one without escapes.
std::optional<llvm::StringRef> quotedBody(llvm::StringRef Text, char &Quote) {
  if (Text.empty() || (Text[0] != '\'' && Text[0] != '"'))
    return std::nullopt;
  Quote = Text[0];
  for (size_t I = 1; I < Text.size(); ++I) {
    if (Quote == '"' && Text[I] == '\\')
      return std::nullopt;
    if (Text[I] != Quote)
      continue;
    if (Quote == '\'' && I + 1 < Text.size() && Text[I + 1] == '\'') {
      ++I; // '' is one quote.
      continue;
    }
    return Text.slice(1, I);
  }
  return std::nullopt;
}

std::string unquoted(llvm::StringRef Line, char Quote) {
  if (Quote != '\'')
    return Line.str();
  std::string Out;
  for (size_t I = 0; I < Line.size(); ++I) {
    Out += Line[I];
    if (Line[I] == '\'' && I + 1 < Line.size() && Line[I + 1] == '\'')
      ++I;
  }
  return Out;
}

} // namespace

std::optional<std::string> rereadMultilineQuoted(llvm::StringRef Text) {
  if (Text.startswith("!"))
    Text = Text.drop_while([](char C) { return C != ' ' && C != '\t' && C != '\n'; }).ltrim(" \t");
  char Quote = 0;
  std::optional<llvm::StringRef> Body = quotedBody(Text, Quote);
  if (!Body || !Body->contains('\n'))
    return std::nullopt;
  llvm::SmallVector<llvm::StringRef, 8> Lines;
  Body->split(Lines, '\n');
  const char *Blank = " \t\r";
  std::string Out = unquoted(Lines.front().rtrim(Blank), Quote);
  size_t Last = Lines.size() - 1;
  for (size_t I = 1; I <= Last;) {
    size_t Empty = 0;
    while (I + Empty < Last && Lines[I + Empty].trim(Blank).empty())
      ++Empty;
    Out += Empty ? std::string(Empty, '\n') : std::string(" ");
    I += Empty;
    llvm::StringRef Line = Lines[I].ltrim(Blank);
    Out += unquoted(I == Last ? Line : Line.rtrim(Blank), Quote);
    ++I;
  }
  return Out;
}

} // namespace cfc::import
