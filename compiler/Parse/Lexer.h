// Lexer — the public token view of a source text, for tools that work on
// tokens rather than on the AST (the formatter, the language server's
// semantic tokens). It runs the same lexer (Scanner) as the parser, so both agree
// on every token, and no ANTLR type crosses this header.
#pragma once

#include "Basic/SourceRange.h"

#include "llvm/ADT/StringRef.h"

#include <vector>

namespace cfc {

/// What a token is, at the granularity an editor colours and a formatter
/// spaces. A string is several tokens: `"a${x}b"` is StringStart, StringText,
/// InterpolationStart, Identifier, InterpolationEnd, StringText, StringEnd.
enum class TokenKind {
  Keyword,            ///< `param`, `resource`, `for`, ...; see lexTokens for soft keywords.
  Identifier,         ///< A name.
  Integer,            ///< `42`, `1_000`.
  Number,             ///< `0.5`, `1e9`, `2.5E-3`.
  Duration,           ///< `90s`, `250ms`, `30d`.
  Size,               ///< `128MB`, `10GiB`.
  Bool,               ///< `true`, `false`.
  None,               ///< `none`.
  StringStart,        ///< The opening `"`.
  StringText,         ///< Literal text inside a string (adjacent pieces merged).
  StringEscape,       ///< `\n`, `\u{1F600}`, and unknown ones such as `\q`.
  InterpolationStart, ///< `${`.
  InterpolationEnd,   ///< The `}` that closes an interpolation.
  StringEnd,          ///< The closing `"` (absent from an unterminated string).
  RawString,          ///< A whole `"""raw"""` string, terminated or not.
  Comment,            ///< `// ...` or `/* ... */`, terminated or not.
  DocComment,         ///< `/// ...`: documents the declaration below it.
  Punctuation,        ///< `{ } ( ) [ ] , : . ->` (a `}` outside interpolation).
  Operator,           ///< `= == != < <= > >= && || ! + - * / % ? |`.
  Decorator,          ///< The `@` that starts a decorator.
  Invalid,            ///< A character the language has no use for, a number
                      ///< glued to letters (`10x`), a `\` before a line break.
};

/// One token: its kind and its bytes in the text.
struct Token {
  TokenKind Kind;
  SourceRange Range;
};

/// Splits Text into tokens, in order, including comments but not whitespace.
/// Ranges are byte offsets into Text and never split a UTF-8 sequence that
/// the lexer saw as one piece of text (a non-ASCII character outside a string
/// is one Invalid token, not one per byte).
///
/// Details a caller may rely on:
///  - An unterminated string ends before the line break (no StringEnd); an
///    unterminated raw string or block comment runs to the end of the text.
///  - The `}` closing an interpolation is InterpolationEnd, even when the
///    interpolated expression holds braces of its own (`"${ {a: 1}.a }"`);
///    a stray `}` outside any brace is Punctuation.
///  - The soft keywords `description`, `type`, `as`, `in` and `fn` are
///    Identifier where the grammar can only want a name (after `.`, `@`, `:`
///    or a keyword that declares a name, and before `:`, `?:` or `.`), else
///    Keyword. The AST knows better; this is what a token-level tool can see.
///
/// Never throws and accepts any bytes: if the lexer fails inside, the tokens
/// read so far are returned followed by one Invalid token for the rest.
std::vector<Token> lexTokens(llvm::StringRef Text);

/// The kind's name as written in the enum ("InterpolationEnd"), for tests
/// and debugging output.
llvm::StringRef tokenKindName(TokenKind Kind);

} // namespace cfc
