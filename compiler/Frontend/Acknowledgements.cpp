// Acknowledgements — reads `cfc-disable-next-line` comments for the errors
// that may be acknowledged (see the header), as compiler/Lint reads them for
// security findings: a comment right above a declaration covers all of it.
#include "Frontend/Acknowledgements.h"

#include "llvm/ADT/STLExtras.h"

#include <map>
#include <set>
#include <string>

namespace cfc {

namespace {

/// Errors about facts outside the program, which only its author knows.
const diag::Kind Acknowledgeable[] = {diag::LambdaRuntimeBlocked};

struct AcknowledgedDecl {
  FileId File;
  SourceRange Range;
  std::set<std::string> Codes;
};

/// The codes a line comment disables on the next line, by that line.
void readComment(const ast::File &F, const ast::Comment &C, const SourceManager &SM,
                 std::map<unsigned, std::set<std::string>> &Out) {
  if (C.Block)
    return;
  llvm::StringRef Text = SM.text(F.Id).slice(C.Range.Begin, C.Range.End);
  Text = Text.drop_while([](char Ch) { return Ch == '/'; }).ltrim();
  if (!Text.consume_front("cfc-disable-next-line"))
    return;
  llvm::SmallVector<llvm::StringRef, 4> Codes;
  Text.split(Codes, ' ', -1, /*KeepEmpty=*/false);
  std::set<std::string> &Line = Out[SM.lineColumn(F.Id, C.Range.Begin).Line + 1];
  for (llvm::StringRef Code : Codes)
    Line.insert(Code.trim(" ,\t\r").upper());
}

} // namespace

DiagnosticEngine::Acknowledger acknowledgements(const std::vector<std::shared_ptr<ast::File>> &Files,
                                                const SourceManager &SM) {
  std::vector<AcknowledgedDecl> Decls;
  for (const auto &F : Files) {
    if (!F)
      continue;
    std::map<unsigned, std::set<std::string>> ByLine;
    for (const ast::Comment &C : F->Comments)
      readComment(*F, C, SM, ByLine);
    if (ByLine.empty())
      continue;
    for (const ast::Decl *D : F->Decls) {
      auto It = ByLine.find(SM.lineColumn(F->Id, D->range().Begin).Line);
      if (It != ByLine.end())
        Decls.push_back({F->Id, D->range(), It->second});
    }
  }
  if (Decls.empty())
    return nullptr;
  return [Decls](const Diagnostic &D) {
    if (!llvm::is_contained(Acknowledgeable, D.Kind))
      return false;
    std::string Code = diag::codeString(D.Kind);
    return llvm::any_of(Decls, [&](const AcknowledgedDecl &A) {
      return A.File == D.File && A.Range.Begin <= D.Range.Begin && D.Range.Begin < A.Range.End &&
             A.Codes.count(Code);
    });
  };
}

} // namespace cfc
