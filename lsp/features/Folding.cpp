// Folding — textDocument/foldingRange: what an editor can fold, read off
// the AST: every declaration, object and list that spans lines, each run of
// `//` comments and each block comment over several lines, and the imports
// at the top of the file.
#include "lsp/features/AstQuery.h"
#include "lsp/features/EditorFeatures.h"

#include <algorithm>
#include <map>

namespace cfc::lsp {

using namespace ast;

namespace {

class Folder {
public:
  explicit Folder(const ParsedDocument &Doc) : Doc(Doc) {}

  std::vector<FoldingRange> run() {
    foldImports();
    foldComments();
    forEachDecl(Doc.Ast->Decls, [&](const Decl *D) { foldDecl(*D); });
    std::vector<FoldingRange> Result;
    for (const auto &[Start, F] : ByStartLine)
      Result.push_back(F);
    return Result;
  }

private:
  unsigned line(uint32_t Offset) const { return Doc.position(Doc.Main, Offset).line; }

  /// Keeps the widest range starting on a line: an editor folds one per line.
  void add(unsigned Start, unsigned End, const char *Kind) {
    if (End <= Start)
      return;
    auto It = ByStartLine.find(Start);
    if (It != ByStartLine.end() && It->second.endLine >= End)
      return;
    ByStartLine[Start] = FoldingRange{Start, End, Kind};
  }

  /// Folds [Begin, End); a closing bracket on a line of its own stays
  /// visible, as editors show `{ ... }` folded.
  void addBracketed(uint32_t Begin, uint32_t End) {
    if (End <= Begin)
      return;
    unsigned Start = line(Begin), Last = line(End);
    llvm::StringRef Text = Doc.text();
    char Close = End <= Text.size() ? Text[End - 1] : 0;
    bool Bracket = Close == '}' || Close == ']' || Close == ')';
    add(Start, Bracket && Last > Start ? Last - 1 : Last, "");
  }

  void foldDecl(const Decl &D) {
    // From the name's line: decorators and doc comments above stay visible.
    uint32_t Begin = D.Name.valid() ? D.Name.Range.Begin : D.range().Begin;
    addBracketed(Begin, D.range().End);
    forEachChild(&D, [&](const Node *N) { foldExpr(N); });
  }

  void foldExpr(const Node *N) {
    if (llvm::isa<Decl>(N))
      return; // Nested declarations are folded by forEachDecl.
    if (llvm::isa<Object>(N) || llvm::isa<List>(N) || llvm::isa<Call>(N))
      addBracketed(N->range().Begin, N->range().End);
    forEachChild(N, [&](const Node *C) { foldExpr(C); });
  }

  void foldComments() {
    const std::vector<Comment> &Comments = Doc.Ast->Comments;
    for (size_t I = 0; I < Comments.size();) {
      if (Comments[I].Block) {
        add(line(Comments[I].Range.Begin), line(Comments[I].Range.End), "comment");
        ++I;
        continue;
      }
      // A run of line comments, each on the line after the previous one.
      size_t J = I;
      while (J + 1 < Comments.size() && !Comments[J + 1].Block &&
             line(Comments[J + 1].Range.Begin) == line(Comments[J].Range.Begin) + 1)
        ++J;
      add(line(Comments[I].Range.Begin), line(Comments[J].Range.Begin), "comment");
      I = J + 1;
    }
  }

  void foldImports() {
    const ImportDecl *First = nullptr, *Last = nullptr;
    for (const Decl *D : Doc.Ast->Decls) {
      auto *I = llvm::dyn_cast_or_null<ImportDecl>(D);
      if (!I) {
        if (First)
          break;
        continue;
      }
      First = First ? First : I;
      Last = I;
    }
    if (First)
      add(line(First->range().Begin), line(Last->range().End), "imports");
  }

  const ParsedDocument &Doc;
  std::map<unsigned, FoldingRange> ByStartLine;
};

} // namespace

std::vector<FoldingRange> foldingRanges(const ParsedDocument &Doc) {
  if (!Doc.Ast)
    return {};
  return Folder(Doc).run();
}

} // namespace cfc::lsp
