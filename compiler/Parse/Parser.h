// Parser — the only door to ANTLR. Turns one source file into the
// project's own AST, reporting every independent syntax error it finds.
#pragma once

#include "AST/AST.h"
#include "Basic/SourceManager.h"
#include "Diagnostics/DiagnosticEngine.h"

#include <memory>

namespace cfc {

struct ParseOptions {
  /// Deepest nesting of brackets, braces, parentheses and interpolations.
  /// The ANTLR runtime recurses per level, so hostile input is cut here.
  unsigned MaxNesting = 128;
  /// Deepest expression tree the AST builder makes (operator chains,
  /// prefix operators, conditionals): later phases recurse over it too.
  unsigned MaxExpressionDepth = 256;
  /// Most elements of one list, object or argument list: a compile-time
  /// value holds at most this many (ir::limits::ListElements, CFC4010),
  /// and past it the rest is cut before the parser makes a tree of it
  /// (some 600 bytes an element: `[1,1,1,...]` in 1 MB took 540 MB).
  unsigned MaxListElements = 100000;
  /// Keep ANTLR's tokens and parse tree until the process exits instead of
  /// freeing them after the AST is built: a one-shot command (cfc build)
  /// saves the time (~6% of a build) and exits soon anyway, as clang's
  /// -disable-free does. The language server, which lives long, leaves it off.
  bool KeepParseTreesUntilExit = false;
};

/// Parses File. Always returns a File: parts that could not be read are
/// null or Error nodes, and each problem is in Diags. Never throws.
std::unique_ptr<ast::File> parseFile(const SourceManager &SM, FileId File,
                                     DiagnosticEngine &Diags, const ParseOptions &Opts = {});

} // namespace cfc
