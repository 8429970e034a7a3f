// Suppressions — `// cfc-disable-next-line CODE...` comments silencing
// security findings on the next line.
#include "Lint/Lint.h"

#include <map>
#include <set>
#include <utility>

namespace cfc::lint {

namespace {

constexpr llvm::StringLiteral Marker = "cfc-disable-next-line";

/// (file, line of the finding) -> codes silenced there.
using SilencedCodes = std::map<std::pair<FileId, unsigned>, std::set<std::string>>;

/// A declaration whose first line a comment silences some codes on: they
/// are silenced throughout it (a resource's findings land on its
/// properties' lines too).
struct SilencedDecl {
  FileId File;
  SourceRange Range;
  const std::set<std::string> *Codes;
};

/// Reads the codes of one comment, if it is a suppression.
void readComment(const ast::File &F, const ast::Comment &C, const SourceManager &SM,
                 SilencedCodes &Out) {
  if (C.Block)
    return;
  llvm::StringRef Text = SM.text(F.Id).slice(C.Range.Begin, C.Range.End);
  Text = Text.drop_while([](char Ch) { return Ch == '/'; }).ltrim();
  if (!Text.consume_front(Marker))
    return;
  unsigned NextLine = SM.lineColumn(F.Id, C.Range.Begin).Line + 1;
  std::set<std::string> &Silenced = Out[{F.Id, NextLine}];
  size_t Pos = 0;
  while (Pos < Text.size()) {
    size_t End = Text.find_first_of(" ,\t\r", Pos);
    if (End == llvm::StringRef::npos)
      End = Text.size();
    if (End > Pos)
      Silenced.insert(Text.slice(Pos, End).upper());
    Pos = End + 1;
  }
}

} // namespace

std::vector<Diagnostic> withoutSuppressed(std::vector<Diagnostic> Diags,
                                          const std::vector<std::shared_ptr<ast::File>> &Files,
                                          const SourceManager &SM) {
  SilencedCodes Silenced;
  for (const auto &F : Files)
    if (F)
      for (const ast::Comment &C : F->Comments)
        readComment(*F, C, SM, Silenced);
  if (Silenced.empty())
    return Diags;
  std::vector<SilencedDecl> Decls;
  for (const auto &F : Files)
    if (F)
      for (const ast::Decl *D : F->Decls) {
        auto It = Silenced.find({F->Id, SM.lineColumn(F->Id, D->range().Begin).Line});
        if (It != Silenced.end())
          Decls.push_back({F->Id, D->range(), &It->second});
      }
  std::vector<Diagnostic> Kept;
  for (Diagnostic &D : Diags) {
    bool Security = diag::info(D.Kind).Code / 1000 == 8;
    if (Security && D.File) {
      std::string Code = diag::codeString(D.Kind);
      auto It = Silenced.find({D.File, SM.lineColumn(D.File, D.Range.Begin).Line});
      if (It != Silenced.end() && It->second.count(Code))
        continue;
      if (llvm::any_of(Decls, [&](const SilencedDecl &S) {
            return S.File == D.File && S.Range.Begin <= D.Range.Begin && D.Range.Begin < S.Range.End &&
                   S.Codes->count(Code);
          }))
        continue;
    }
    Kept.push_back(std::move(D));
  }
  return Kept;
}

} // namespace cfc::lint
