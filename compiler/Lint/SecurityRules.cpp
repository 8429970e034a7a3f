// SecurityRules — applies the security rules (rows of
// ../shared/design/security-rules.md, one file per area: S3Rules.cpp,
// IamRules.cpp, ServerlessRules.cpp, DatabaseRules.cpp, NetworkRules.cpp,
// AuditRules.cpp) to a lowered template and reports what they find.
#include "Lint/Lint.h"
#include "IR/UserLine.h"
#include "Lint/RuleKit.h"

#include "llvm/ADT/STLExtras.h"

namespace cfc::lint {

namespace {

/// Every area's rules, in code order: findings at one place are reported
/// in that order.
std::vector<const Rule *> allRules() {
  std::vector<const Rule *> All;
  for (llvm::ArrayRef<Rule> Area :
       {storageRules(), iamRules(), serverlessRules(), databaseRules(), networkRules(), auditRules()})
    for (const Rule &Row : Area)
      All.push_back(&Row);
  return All;
}

const std::vector<const Rule *> &rules() {
  static const std::vector<const Rule *> All = allRules();
  return All;
}

void report(const Rule &Row, const ir::Resource &R, const Finding &F, DiagnosticEngine &Diags) {
  ir::Origin Where = F.At ? F.At->origin() : R.Where;
  // The user cannot change the standard library: a finding inside it lands
  // on the user's instance (reportOnUserLine), the library's place the
  // first note: without a property, the resource's name there, not its body.
  bool Moved = ir::inLibraryFrame(R, Where);
  if (Moved && !F.At && !R.Frames.empty())
    Where = R.Frames.front().first;
  DiagnosticBuilder B = ir::reportOnUserLine(Diags, R, Where, Row.Kind, R.LogicalId, F.Property, F.Problem);
  if (F.At && !F.Replacement.empty() && Where.File && !Moved)
    B.fix((Row.Fix.empty() ? "set " + F.Replacement : Row.Fix.str() + ": set " + F.Replacement),
          Where.Range, F.Replacement);
}

} // namespace

void checkSecurity(const ir::Template &T, DiagnosticEngine &Diags) {
  Stack S(T);
  for (const ir::Resource &R : T.Resources) {
    if (!R.Properties)
      continue;
    for (const Rule *Row : rules()) {
      if (!llvm::is_contained(Row->Types, llvm::StringRef(R.Type)))
        continue;
      Findings Found;
      Row->Check(R, S, Found);
      for (const Finding &F : Found)
        report(*Row, R, F, Diags);
    }
  }
}

std::vector<std::pair<llvm::StringRef, llvm::StringRef>> crossToolIds(diag::Kind Kind) {
  for (const Rule *Row : rules())
    if (Row->Kind == Kind)
      return {Row->Ids.begin(), Row->Ids.end()};
  return {};
}

std::vector<diag::Kind> kindsForToolId(llvm::StringRef Tool, llvm::StringRef Id) {
  std::vector<diag::Kind> Kinds;
  for (const Rule *Row : rules())
    for (const auto &[RowTool, Ids] : Row->Ids) {
      if (RowTool != Tool)
        continue;
      // "CKV_AWS_53/54/55/56", "W45,W46,W69": each one, with its prefix.
      llvm::SmallVector<llvm::StringRef, 8> Parts;
      Ids.split(Parts, ',');
      for (llvm::StringRef Part : Parts) {
        Part = Part.trim();
        llvm::SmallVector<llvm::StringRef, 8> Alternatives;
        Part.split(Alternatives, '/');
        llvm::StringRef Prefix = Alternatives.front().rtrim("0123456789");
        bool Match = llvm::any_of(Alternatives, [&](llvm::StringRef A) {
          std::string Full = A == Alternatives.front() ? A.str() : Prefix.str() + A.str();
          return llvm::StringRef(Full).equals_insensitive(Id);
        });
        if (Match && !llvm::is_contained(Kinds, Row->Kind))
          Kinds.push_back(Row->Kind);
      }
    }
  return Kinds;
}

} // namespace cfc::lint
