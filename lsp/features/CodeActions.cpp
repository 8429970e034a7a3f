// CodeActions and diagnostics — the compiler's findings as LSP diagnostics,
// their fix-its as quick fixes, and a fix that adds a resource's missing
// required properties (or a component's required parameters) with
// placeholders.
#include "lsp/features/AstQuery.h"
#include "lsp/features/Features.h"

namespace cfc::lsp {

using namespace ast;

Diagnostic toLsp(const ParsedDocument &Doc, const cfc::Diagnostic &D) {
  Diagnostic Out;
  Out.code = diag::codeString(D.Kind);
  Out.message = D.Message;
  Out.severity = D.Level == Severity::Error     ? DiagnosticSeverity::Error
                 : D.Level == Severity::Warning ? DiagnosticSeverity::Warning
                                                : DiagnosticSeverity::Information;
  if (D.File == Doc.Main) {
    Out.range = Doc.range(D.File, D.Range);
  } else if (D.File != 0) {
    // A finding in an imported file: shown at the top, naming the file.
    Out.message = Doc.sources().name(D.File).str() + ":" +
                  std::to_string(Doc.sources().lineColumn(D.File, D.Range.Begin).Line) + ": " +
                  Out.message;
  }
  for (const Note &N : D.Notes)
    if (N.File != 0)
      Out.relatedInformation.push_back({{Doc.uriOf(N.File), Doc.range(N.File, N.Range)}, N.Message});
  return Out;
}

std::vector<Diagnostic> diagnostics(const ParsedDocument &Doc) {
  std::vector<Diagnostic> Result;
  for (const cfc::Diagnostic &D : Doc.Diagnostics)
    Result.push_back(toLsp(Doc, D));
  return Result;
}

namespace {

/// Whether A and B share a line: a cursor anywhere on a diagnostic's line
/// offers its fixes, as editors show a light bulb for the whole line.
bool overlaps(const Range &A, const Range &B) {
  return A.start.line <= B.end.line && B.start.line <= A.end.line;
}

std::string placeholder(const catalog::PropertyType *T) {
  if (!T)
    return "\"\"";
  switch (T->Kind) {
  case catalog::TypeKind::String:
  case catalog::TypeKind::DateTime:
    return T->AllowedValues.empty() ? "\"\"" : "\"" + T->AllowedValues.front() + "\"";
  case catalog::TypeKind::Integer:
  case catalog::TypeKind::Number:
    return "0";
  case catalog::TypeKind::Boolean:
    return "false";
  case catalog::TypeKind::List:
    return "[]";
  case catalog::TypeKind::Union:
    return T->Members.empty() ? "\"\"" : placeholder(T->Members.front());
  default:
    return "{}";
  }
}

/// "Add missing required properties" for one resource, or nothing.
std::optional<CodeAction> addRequired(const ParsedDocument &Doc, const ResourceDecl &R) {
  ResolvedResource T = resolveResource(Doc, &R);
  std::vector<std::pair<std::string, std::string>> Missing;
  auto Present = [&](llvm::StringRef Name) { return R.Body && R.Body->find(Name); };
  if (T.Aws) {
    for (const catalog::Property &P : T.Aws->Properties)
      if (P.Required && !Present(P.Name))
        Missing.push_back({P.Name, placeholder(P.Type)});
  } else if (T.Component) {
    for (const Decl *D : T.Component->Body)
      if (auto *P = llvm::dyn_cast_or_null<ParamDecl>(D); P && isRequiredParam(*P) && !Present(P->Name.Name))
        Missing.push_back({P->Name.Name, "\"\""});
  }
  if (Missing.empty())
    return std::nullopt;
  llvm::StringRef Line = Doc.sources().lineText(Doc.Main, R.range().Begin);
  std::string Indent = Line.take_while([](char C) { return C == ' ' || C == '\t'; }).str();
  std::string Fields;
  for (const auto &[Name, Value] : Missing)
    Fields += Indent + "  " + Name + ": " + Value + "\n";
  TextEdit Edit;
  llvm::StringRef Text = Doc.text();
  if (R.Body && R.Body->range().End >= 1 && R.Body->range().End <= Text.size() &&
      Text[R.Body->range().End - 1] == '}') {
    // Before the closing brace, on a line of its own.
    uint32_t Close = R.Body->range().End - 1;
    uint32_t LineStart = Close;
    while (LineStart > 0 && (Text[LineStart - 1] == ' ' || Text[LineStart - 1] == '\t'))
      --LineStart;
    bool OwnLine = LineStart == 0 || Text[LineStart - 1] == '\n';
    if (OwnLine) {
      Edit.range = Doc.range(Doc.Main, {LineStart, LineStart});
      Edit.newText = Fields;
    } else {
      Edit.range = Doc.range(Doc.Main, {Close, Close});
      Edit.newText = "\n" + Fields + Indent;
    }
  } else if (!R.Body) {
    Edit.range = Doc.range(Doc.Main, {R.range().End, R.range().End});
    Edit.newText = " {\n" + Fields + Indent + "}";
  } else {
    return std::nullopt; // The body did not parse to its end.
  }
  CodeAction A;
  A.title = Missing.size() == 1 ? "Add the required property '" + Missing[0].first + "'"
                                : "Add the " + std::to_string(Missing.size()) + " missing required properties";
  A.edit.changes.push_back({Doc.Uri, {Edit}});
  return A;
}

} // namespace

std::vector<CodeAction> codeActions(const ParsedDocument &Doc, Range R) {
  std::vector<CodeAction> Result;
  for (const cfc::Diagnostic &D : Doc.Diagnostics) {
    if (D.File != Doc.Main || !overlaps(Doc.range(D.File, D.Range), R))
      continue;
    for (size_t I = 0; I < D.Fixes.size(); ++I) {
      const FixIt &F = D.Fixes[I];
      FileId File = F.File ? F.File : D.File;
      CodeAction A;
      A.title = F.Message.empty() ? "Apply the fix" : F.Message;
      A.diagnostics.push_back(toLsp(Doc, D));
      A.isPreferred = I == 0;
      A.edit.changes.push_back({Doc.uriOf(File), {{Doc.range(File, F.Range), F.Replacement}}});
      Result.push_back(std::move(A));
    }
  }
  forEachDecl(Doc.Ast->Decls, [&](const Decl *D) {
    auto *Res = llvm::dyn_cast<ResourceDecl>(D);
    if (Res && overlaps(Doc.range(Doc.Main, Res->range()), R))
      if (auto A = addRequired(Doc, *Res)) {
        for (const cfc::Diagnostic &Diag : Doc.Diagnostics)
          if (Diag.File == Doc.Main && (Diag.Kind == diag::MissingRequiredProperty || Diag.Kind == diag::MissingComponentParam) &&
              Res->range().Begin <= Diag.Range.Begin && Diag.Range.End <= Res->range().End)
            A->diagnostics.push_back(toLsp(Doc, Diag));
        Result.push_back(std::move(*A));
      }
  });
  return Result;
}

} // namespace cfc::lsp
