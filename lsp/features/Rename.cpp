// Rename — a declared name and every use of it, across the stack's files
// and the files it imports, found by the scope walk (Bindings.h) so that
// code lowering never reached is renamed too. What cannot be renamed, and
// new names that would change what another name means, are refused with a
// message saying why (docs/editors.md lists the rules).
#include "lsp/features/AstQuery.h"
#include "lsp/features/Bindings.h"
#include "lsp/features/Features.h"

#include "Basic/Names.h"
#include "Parse/Lexer.h"
#include "Sema/BuiltinFunctions.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

#include <set>

namespace cfc::lsp {

using namespace ast;

namespace {

/// The reserved and the soft keywords (docs/language.md §1): a soft one is
/// a name in some places only, so it is refused everywhere.
bool isKeyword(llvm::StringRef S) {
  static const std::set<llvm::StringRef> Words = {
      "param", "let",  "resource", "output", "import", "for", "component", "true",
      "false", "none", "description", "type", "as",    "in",  "fn",        "assert"};
  return Words.count(S) != 0;
}

bool isIdentifier(llvm::StringRef S) {
  if (S.empty() || llvm::isDigit(S[0]))
    return false;
  return llvm::all_of(S, [](char C) { return llvm::isAlnum(C) || C == '_'; });
}

bool isBasicType(llvm::StringRef S) {
  static const std::set<llvm::StringRef> Types = {"string", "int",  "number",   "bool",
                                                   "json",   "secret", "duration", "size"};
  return Types.count(S) != 0;
}

bool isStdlib(const ParsedDocument &Doc, FileId File) {
  return Doc.sources().name(File).startswith("std/");
}

const char *kindName(Binding::Kind K) {
  switch (K) {
  case Binding::Kind::Param: return "param";
  case Binding::Kind::Let: return "let";
  case Binding::Kind::Resource: return "resource";
  case Binding::Kind::Fn: return "fn";
  case Binding::Kind::TypeAlias: return "type";
  case Binding::Kind::Component: return "component";
  case Binding::Kind::Import: return "import";
  case Binding::Kind::LoopVariable: return "loop variable";
  case Binding::Kind::FnParameter: return "parameter";
  }
  return "name";
}

/// "line 4", or "net.cfn:4" in another file.
std::string where(const ParsedDocument &Doc, FileId File, SourceRange R) {
  std::string Line = std::to_string(Doc.position(File, R.Begin).line + 1);
  if (File == Doc.Main)
    return "line " + Line;
  return llvm::sys::path::filename(Doc.sources().name(File)).str() + ":" + Line;
}

std::string describe(const ParsedDocument &Doc, const Binding &B) {
  std::string S = std::string(kindName(B.K)) + " '" + B.Name + "'";
  if (B.Id)
    S += " (" + where(Doc, B.File, B.Id->Range) + ")";
  return S;
}

/// What is at the cursor: a declared name, or why there is none to rename.
struct Target {
  const Binding *B = nullptr;
  const NameOccurrence *At = nullptr;
  std::string Refusal; ///< Set when something is there that cannot be renamed.
};

/// Why the word at Offset, which names no declaration, cannot be renamed;
/// "" when the cursor is on no word at all.
std::string refusalForWord(const ParsedDocument &Doc, uint32_t Offset) {
  llvm::StringRef Text = Doc.text();
  for (const Token &T : lexTokens(Text)) {
    if (T.Range.Begin > Offset)
      break;
    if (Offset > T.Range.End)
      continue;
    std::string Word = Text.slice(T.Range.Begin, T.Range.End).str();
    if (T.Kind == TokenKind::Keyword || T.Kind == TokenKind::Bool || T.Kind == TokenKind::None)
      return "'" + Word + "' is a keyword: it cannot be renamed";
    if (T.Kind != TokenKind::Identifier)
      continue;
    const Decl *Around = nullptr; // The innermost declaration at Offset.
    forEachDecl(Doc.Ast->Decls, [&](const Decl *D) {
      if (D->range().Begin <= Offset && Offset <= D->range().End)
        Around = D;
    });
    if (auto *O = llvm::dyn_cast_or_null<OutputDecl>(Around);
        O && O->Name.Range.Begin <= Offset && Offset <= O->Name.Range.End)
      return "'" + Word + "' is an output: other tools and stacks read outputs by name, so cfc does not "
             "rename them";
    if (llvm::isa_and_nonnull<ImportDecl>(Around))
      return "'" + Word + "' is part of a module's name or path: rename the file or module instead";
    return "'" + Word + "' is not a declared name (a property, an attribute, a field or a type): "
           "only params, lets, resources, components, functions, types, loop variables and function "
           "parameters can be renamed";
  }
  return "";
}

Target targetAt(const ParsedDocument &Doc, const Bindings &Names, uint32_t Offset) {
  Target T;
  T.At = Names.at(Doc.Main, Offset);
  if (!T.At) {
    T.Refusal = refusalForWord(Doc, Offset);
    return T;
  }
  const std::string &Name = T.At->Name;
  if (!T.At->Target) {
    if (sema::findBuiltinFunction(Name))
      T.Refusal = "'" + Name + "' is a builtin function: it cannot be renamed";
    else if (Name == "aws")
      T.Refusal = "'aws' is the namespace of the pseudo parameters: it cannot be renamed";
    else
      T.Refusal = "'" + Name + "' is not declared anywhere in this stack: there is nothing to rename";
    return T;
  }
  const Binding &B = *T.At->Target;
  if (isStdlib(Doc, B.File))
    T.Refusal = "'" + Name + "' is declared in the standard library (" +
                Doc.sources().name(B.File).str() + "): it cannot be renamed";
  else if (!B.Id)
    T.Refusal = "'" + Name + "' is the name of an import without alias: give it one " +
                "(`import ... as " + Name + "`), then rename that";
  else
    T.B = &B;
  return T;
}

/// Why NewName cannot be B's name, or "".
std::string checkNewName(const std::string &NewName, const Binding &B) {
  if (!isIdentifier(NewName))
    return "'" + NewName + "' is not a name: names are ASCII letters, digits and '_', not starting "
           "with a digit";
  if (isKeyword(NewName))
    return "'" + NewName + "' is a keyword";
  if (NewName == "aws")
    return "'aws' is the namespace of the pseudo parameters";
  if (sema::findBuiltinFunction(NewName))
    return "'" + NewName + "' is a builtin function: the new name would hide it";
  if ((B.K == Binding::Kind::TypeAlias || B.K == Binding::Kind::Component) && isBasicType(NewName))
    return "'" + NewName + "' is a builtin type";
  return "";
}

/// Why the rename would change what a name means, or "": NewName declared
/// beside B, declared closer to one of B's uses (which would then mean
/// that), or used where B would capture it.
std::string checkConflicts(const ParsedDocument &Doc, const Bindings &Names, const Binding &B,
                           const std::string &NewName) {
  for (const BindingScope *S : {B.Scope, B.Outer})
    if (S && S->Names.count(NewName))
      return "'" + NewName + "' is already declared in the same scope: " +
             describe(Doc, *S->Names.at(NewName));
  auto Depth = [](const BindingScope *S) { return S ? static_cast<int>(S->Depth) : -1; };
  for (const NameOccurrence *O : Names.occurrencesOf(B)) {
    if (O->R != NameOccurrence::Role::Use)
      continue; // Members and arguments are looked up in B's own scope.
    const BindingScope *Now = O->Scope->scopeOf(B.Name);
    const BindingScope *Closer = O->Scope->scopeOf(NewName);
    if (Closer && Depth(Closer) > Depth(Now))
      return "the use of '" + B.Name + "' at " + where(Doc, O->File, O->Range) + " would then mean " +
             describe(Doc, *Closer->Names.at(NewName)) + ", declared closer to it";
  }
  for (const NameOccurrence &O : Names.occurrences()) {
    if (O.R != NameOccurrence::Role::Use || O.Name != NewName || !O.Target)
      continue;
    // The scope where the use would find B after the rename, if any.
    const BindingScope *Renamed = nullptr;
    for (const BindingScope *S = O.Scope; S && !Renamed; S = S->Parent)
      if (S == B.Scope || S == B.Outer)
        Renamed = S;
    if (Renamed && Depth(Renamed) > Depth(O.Scope->scopeOf(NewName)))
      return "'" + NewName + "' at " + where(Doc, O.File, O.Range) + " means " + describe(Doc, *O.Target) +
             ": after the rename it would mean " + kindName(B.K) + " '" + B.Name + "' instead";
  }
  // Parameters and resources share the stack's logical IDs.
  if (B.K == Binding::Kind::Param && B.Scope->K == BindingScope::Kind::Stack &&
      pascalCase(NewName) != pascalCase(B.Name))
    for (const auto &[Name, Other] : Names.stack().Names)
      if ((Other->K == Binding::Kind::Param || Other->K == Binding::Kind::Resource) &&
          pascalCase(Name) == pascalCase(NewName))
        return "the parameter's logical ID would be '" + pascalCase(NewName) + "', the same as " +
               describe(Doc, *Other) + "'s";
  return "";
}

/// A resource's logical ID is its name in PascalCase, so a new name makes
/// CloudFormation replace the deployed resource. At the stack's top level
/// the old ID is kept by pinning it (`@logicalId("Old")` above the
/// declaration); in a loop or a component the ID also has the iteration's
/// suffix or the instance's prefix, which one string cannot pin: refused.
std::string keepLogicalId(const ParsedDocument &Doc, const Binding &B, const std::string &NewName,
                          WorkspaceEdit &Edit) {
  auto *R = llvm::dyn_cast<ResourceDecl>(B.Decl);
  if (!R || R->decorator("logicalId") || pascalCase(NewName) == pascalCase(B.Name))
    return "";
  if (B.Scope->K != BindingScope::Kind::Stack)
    return "renaming resource '" + B.Name + "' would change the logical IDs it makes in each " +
           (B.Scope->K == BindingScope::Kind::Loop ? "loop iteration" : "component instance") +
           ", and CloudFormation would replace those resources on the next deploy; pin the ID with "
           "@logicalId first, or pick a name with the same PascalCase ('" + pascalCase(B.Name) + "')";
  // Above the declaration's first line, decorators included, indented alike.
  uint32_t Begin = R->range().Begin;
  llvm::StringRef Text = Doc.sources().text(B.File);
  size_t LineStart = Text.rfind('\n', Begin); // Looks before Begin.
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  llvm::StringRef Indent = Text.slice(LineStart, Begin);
  if (!Indent.trim().empty())
    Indent = "";
  Position At = Doc.position(B.File, Begin);
  std::string Pin = "@logicalId(\"" + pascalCase(B.Name) + "\")\n" + Indent.str();
  Edit.changes.push_back({Doc.uriOf(B.File), {TextEdit{{At, At}, Pin}}});
  return "";
}

/// The edits renaming every occurrence, one list per file.
void renameOccurrences(const ParsedDocument &Doc, const Bindings &Names, const Binding &B,
                       const std::string &NewName, WorkspaceEdit &Edit) {
  for (const NameOccurrence *O : Names.occurrencesOf(B)) {
    std::string Uri = Doc.uriOf(O->File);
    auto It = std::find_if(Edit.changes.begin(), Edit.changes.end(),
                           [&](const auto &C) { return C.first == Uri; });
    if (It == Edit.changes.end())
      It = Edit.changes.insert(Edit.changes.end(), {Uri, {}});
    It->second.push_back({Doc.range(O->File, O->Range), NewName});
  }
}

} // namespace

RenameTarget prepareRename(const ParsedDocument &Doc, Position P) {
  Bindings Names(Doc);
  Target T = targetAt(Doc, Names, Doc.offsetAt(P));
  RenameTarget Result;
  Result.refusal = T.Refusal;
  if (T.B) {
    Result.range = Doc.range(Doc.Main, T.At->Range);
    Result.placeholder = T.At->Name;
  }
  return Result;
}

RenameResult rename(const ParsedDocument &Doc, Position P, const std::string &NewName) {
  Bindings Names(Doc);
  Target T = targetAt(Doc, Names, Doc.offsetAt(P));
  RenameResult Result;
  if (!T.B) {
    Result.refusal = T.Refusal.empty() ? "there is no name to rename here" : T.Refusal;
    return Result;
  }
  if (NewName == T.B->Name)
    return Result; // Nothing changes.
  Result.refusal = checkNewName(NewName, *T.B);
  if (Result.refusal.empty())
    Result.refusal = checkConflicts(Doc, Names, *T.B, NewName);
  if (Result.refusal.empty())
    Result.refusal = keepLogicalId(Doc, *T.B, NewName, Result.edit);
  if (!Result.refusal.empty()) {
    Result.edit = {};
    return Result;
  }
  renameOccurrences(Doc, Names, *T.B, NewName, Result.edit);
  return Result;
}

} // namespace cfc::lsp
