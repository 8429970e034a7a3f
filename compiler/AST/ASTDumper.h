// ASTDumper — a readable, indented dump of a file's AST with line:column
// ranges; `cfc dump --ast` prints it and baseline tests compare it.
#pragma once

#include "AST/AST.h"
#include "Basic/SourceManager.h"

#include "llvm/Support/raw_ostream.h"

namespace cfc::ast {

void dump(const File &F, const SourceManager &SM, llvm::raw_ostream &OS);

} // namespace cfc::ast
