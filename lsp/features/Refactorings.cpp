// Refactorings — code actions that change the program's text without
// changing the template it compiles to:
// - extract to `let` (refactor.extract): the selected expression becomes a
//   `let` above the declaration it is in, and is used by name there;
// - extract to `param` (refactor.extract): a literal becomes the default
//   of a new stack parameter (the template then has a Parameter for it);
// - pin the logical ID (refactor.rewrite): `@logicalId("Queue")` above a
//   resource, so that renaming it (by hand or with rename, which adds the
//   same pin) keeps the deployed resource instead of replacing it.
// Names are checked against the scope walk (Bindings.h) and the builtins,
// as rename checks them.
#include "lsp/features/AstQuery.h"
#include "lsp/features/Bindings.h"
#include "lsp/features/EditorFeatures.h"

#include "Basic/Names.h"
#include "Sema/BuiltinFunctions.h"

#include "llvm/ADT/StringExtras.h"

#include <set>

namespace cfc::lsp {

using namespace ast;

namespace {

/// The expression the selection [Begin, End) means: the innermost one
/// covering it; for an empty selection, the innermost value at the cursor
/// that is not a name (extracting a name gains nothing).
const Expr *selectedExpr(const std::vector<const Node *> &Path, uint32_t Begin, uint32_t End) {
  for (auto It = Path.rbegin(); It != Path.rend(); ++It) {
    auto *E = llvm::dyn_cast<Expr>(*It);
    if (!E || llvm::isa<ErrorExpr>(E) || E->range().Begin > Begin || E->range().End < End)
      continue;
    if (Begin == End && (llvm::isa<NameRef>(E) || llvm::isa<Member>(E)))
      continue;
    return E;
  }
  return nullptr;
}

/// The field key whose value E is, or "".
std::string keyOf(const std::vector<const Node *> &Path, const Expr *E) {
  for (const Node *N : Path)
    if (auto *O = llvm::dyn_cast<Object>(N))
      for (const Object::Field &F : O->Fields)
        if (F.Value == E)
          return F.Key.Name;
  return "";
}

bool isKeyword(llvm::StringRef S) {
  static const std::set<llvm::StringRef> Words = {
      "param", "let", "resource", "output", "import", "for", "component", "true", "false",
      "none",  "description", "type", "as", "in", "fn", "assert", "aws"};
  return Words.count(S) != 0;
}

/// A name for the extracted value: the field's key in camelCase
/// (`QueueName` -> `queueName`), else "value"; numbered when taken.
std::string freshName(const ParsedDocument &Doc, const std::string &Key) {
  std::string Base = "value";
  if (!Key.empty() && llvm::all_of(Key, [](char C) { return llvm::isAlnum(C) || C == '_'; }) &&
      !llvm::isDigit(Key[0]))
    Base = std::string(1, llvm::toLower(Key[0])) + Key.substr(1);
  std::set<std::string> Taken;
  for (const NameOccurrence &O : Doc.bindings().occurrences())
    Taken.insert(O.Name);
  for (const auto &[Owner, Ids] : Doc.Index.LogicalIds)
    for (const std::string &Id : Ids)
      Taken.insert(Id); // A param's logical ID must not be a resource's.
  auto Free = [&](const std::string &N) {
    return !Taken.count(N) && !Taken.count(pascalCase(N)) && !isKeyword(N) && !sema::findBuiltinFunction(N);
  };
  std::string Name = Base;
  for (int I = 2; !Free(Name); ++I)
    Name = Base + std::to_string(I);
  return Name;
}

/// Where a new declaration goes above D: the start of D's first line, or
/// of the `///` comment above it (which stays with D).
uint32_t insertionPoint(llvm::StringRef Text, const Decl &D) {
  size_t LineStart = Text.rfind('\n', D.range().Begin);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  while (LineStart > 0) {
    size_t Prev = Text.rfind('\n', LineStart - 2);
    Prev = Prev == llvm::StringRef::npos || LineStart < 2 ? 0 : Prev + 1;
    if (!Text.slice(Prev, LineStart).ltrim().startswith("///"))
      break;
    LineStart = Prev;
  }
  return static_cast<uint32_t>(LineStart);
}

std::string indentOf(llvm::StringRef Text, uint32_t LineStart) {
  return Text.substr(LineStart).take_while([](char C) { return C == ' ' || C == '\t'; }).str();
}

/// Whether E uses a function's parameter: a `let` outside the function
/// could not see it.
bool usesFunctionParameter(const ParsedDocument &Doc, const Expr &E) {
  for (const NameOccurrence &O : Doc.bindings().occurrences())
    if (O.File == Doc.Main && O.Target && O.Target->K == Binding::Kind::FnParameter &&
        E.range().Begin <= O.Range.Begin && O.Range.End <= E.range().End)
      return true;
  return false;
}

CodeAction extraction(const ParsedDocument &Doc, const std::string &Title, uint32_t At,
                      const std::string &Declaration, const Expr &E, const std::string &Name) {
  CodeAction A;
  A.title = Title;
  A.kind = "refactor.extract";
  Position Insert = Doc.position(Doc.Main, At);
  A.edit.changes.push_back({Doc.Uri,
                            {{{Insert, Insert}, Declaration},
                             {Doc.range(Doc.Main, E.range()), Name}}});
  return A;
}

std::optional<CodeAction> extractToLet(const ParsedDocument &Doc, const std::vector<const Node *> &Path,
                                       const Expr &E) {
  const Decl *Host = nullptr; // The innermost declaration around E.
  for (const Node *N : Path)
    if (auto *D = llvm::dyn_cast<Decl>(N))
      Host = D;
  if (!Host || llvm::isa<ParamDecl>(Host) || llvm::isa<TypeDecl>(Host) || llvm::isa<ImportDecl>(Host) ||
      llvm::isa<ForDecl>(Host) || llvm::isa<ComponentDecl>(Host))
    return std::nullopt; // Param defaults are constants of their own; the rest hold no values to extract.
  if (auto *L = llvm::dyn_cast<LetDecl>(Host); L && L->Value == &E)
    return std::nullopt; // Already a let's whole value.
  if (auto *R = llvm::dyn_cast<ResourceDecl>(Host); R && R->Body == &E)
    return std::nullopt; // A resource's body is no value.
  if (llvm::isa<FnDecl>(Host) && usesFunctionParameter(Doc, E))
    return std::nullopt;
  llvm::StringRef Text = Doc.text();
  uint32_t At = insertionPoint(Text, *Host);
  std::string Indent = indentOf(Text, At);
  std::string Name = freshName(Doc, keyOf(Path, &E));
  std::string Value = sourceText(Doc, Doc.Main, E.range());
  return extraction(Doc, "Extract to let '" + Name + "'", At, Indent + "let " + Name + " = " + Value + "\n",
                    E, Name);
}

/// A literal a CloudFormation parameter can hold as its default.
bool parameterLiteral(const Expr &E) {
  if (llvm::isa<IntLit>(E) || llvm::isa<NumberLit>(E) || llvm::isa<BoolLit>(E))
    return true;
  if (auto *S = llvm::dyn_cast<StringLit>(&E))
    return S->isPlain() && !S->Raw;
  return false;
}

std::optional<CodeAction> extractToParam(const ParsedDocument &Doc, const std::vector<const Node *> &Path,
                                         const Expr &E) {
  if (!parameterLiteral(E) || Path.empty())
    return std::nullopt;
  // Parameters belong to the stack: not inside components and functions,
  // and not the default of another param.
  for (const Node *N : Path)
    if (llvm::isa<ComponentDecl>(N) || llvm::isa<FnDecl>(N) || llvm::isa<ParamDecl>(N) ||
        llvm::isa<TypeDecl>(N))
      return std::nullopt;
  auto *Top = llvm::dyn_cast<Decl>(Path.front());
  if (!Top)
    return std::nullopt;
  llvm::StringRef Text = Doc.text();
  uint32_t At = insertionPoint(Text, *Top);
  std::string Name = freshName(Doc, keyOf(Path, &E));
  std::string Value = sourceText(Doc, Doc.Main, E.range());
  return extraction(Doc, "Extract to param '" + Name + "'", At, "param " + Name + " = " + Value + "\n", E,
                    Name);
}

std::optional<CodeAction> pinLogicalId(const ParsedDocument &Doc, const std::vector<const Node *> &Path,
                                       Range Selected) {
  auto *R = Path.empty() ? nullptr : llvm::dyn_cast<ResourceDecl>(Path.front());
  if (!R || !R->Name.valid() || R->decorator("logicalId") || resolveResource(Doc, R).Component)
    return std::nullopt;
  // Offered on the declaration's first line, not everywhere in its body.
  if (Doc.range(Doc.Main, R->Name.Range).start.line != Selected.start.line)
    return std::nullopt;
  auto Ids = Doc.Index.LogicalIds.find(R);
  if (Ids == Doc.Index.LogicalIds.end() || Ids->second.size() != 1)
    return std::nullopt;
  llvm::StringRef Text = Doc.text();
  size_t LineStart = Text.rfind('\n', R->range().Begin);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  std::string Indent = indentOf(Text, static_cast<uint32_t>(LineStart));
  Position At = Doc.position(Doc.Main, R->range().Begin);
  CodeAction A;
  A.title = "Pin the logical ID '" + Ids->second.front() + "' with @logicalId (a rename then keeps the "
            "deployed resource)";
  A.kind = "refactor.rewrite";
  A.edit.changes.push_back(
      {Doc.Uri, {{{At, At}, "@logicalId(\"" + Ids->second.front() + "\")\n" + Indent}}});
  return A;
}

} // namespace

std::vector<CodeAction> refactorings(const ParsedDocument &Doc, Range Selected) {
  if (!Doc.Ast)
    return {};
  llvm::StringRef Text = Doc.text();
  uint32_t Begin = Doc.offsetAt(Selected.start), End = Doc.offsetAt(Selected.end);
  // Blanks around the selection are not part of it.
  while (Begin < End && llvm::isSpace(Text[Begin]))
    ++Begin;
  while (End > Begin && llvm::isSpace(Text[End - 1]))
    --End;
  std::vector<const Node *> Path = nodesAt(*Doc.Ast, Begin);
  std::vector<CodeAction> Result;
  if (const Expr *E = selectedExpr(Path, Begin, End)) {
    // Only the path down to E: what is around it decides where it goes.
    std::vector<const Node *> ToE;
    for (const Node *N : Path) {
      ToE.push_back(N);
      if (N == E)
        break;
    }
    if (auto A = extractToLet(Doc, ToE, *E))
      Result.push_back(std::move(*A));
    if (auto A = extractToParam(Doc, ToE, *E))
      Result.push_back(std::move(*A));
  }
  if (auto A = pinLogicalId(Doc, Path, Selected))
    Result.push_back(std::move(*A));
  return Result;
}

} // namespace cfc::lsp
