// ComponentDescribe — `cfc describe serverless.Function`: what a
// standard-library component takes and gives, read from its source through
// the front end (a Compilation importing the module, so CFC_STDLIB_PATH
// works as it does for builds). Types and defaults are shown as written;
// the `///` comments are the documentation.
#include "Driver/Commands.h"

#include "Basic/Names.h"
#include "Diagnostics/DiagnosticPrinters.h"
#include "Frontend/Compilation.h"
#include "Frontend/Stdlib.h"
#include "Sema/DataKept.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <set>

namespace cfc::driver {

using namespace ast;
using nlohmann::ordered_json;

namespace {

bool isName(llvm::StringRef S) {
  return !S.empty() && !llvm::isDigit(S.front()) &&
         llvm::all_of(S, [](char C) { return llvm::isAlnum(C) || C == '_'; });
}

/// A standard-library module loaded through a Compilation of one line,
/// `import std.<name>`; Files is empty when there is no such module.
struct LoadedModule {
  Compilation C;
  std::string Name;
  std::vector<const File *> Files;

  explicit LoadedModule(llvm::StringRef Module) : Name(Module.str()) {
    C.parseOptions().KeepParseTreesUntilExit = true; // One command, then exit.
    C.addSource("import std." + Name + "\n", "<describe>");
    C.parse();
    if (C.files().empty() || C.files().front()->Decls.empty())
      return;
    auto *Import = llvm::dyn_cast_or_null<ImportDecl>(C.files().front()->Decls.front());
    if (Import)
      Files = C.loadAll(*Import, C.files().front()->Id);
  }

  std::string text(FileId File, const Node *N) {
    return N ? C.sources().text(File).slice(N->range().Begin, N->range().End).str() : "";
  }

  template <typename Fn> void forEachDecl(Fn Visit) {
    for (const File *F : Files)
      for (const Decl *D : F->Decls)
        if (D)
          Visit(*D, F->Id);
  }

  std::vector<std::string> componentNames() {
    std::vector<std::string> Names;
    forEachDecl([&](const Decl &D, FileId) {
      if (llvm::isa<ComponentDecl>(D))
        Names.push_back(D.Name.Name);
    });
    return Names;
  }
};

/// A doc comment on one line (params' comments are a sentence or two).
std::string oneLine(llvm::StringRef Doc) {
  llvm::SmallVector<llvm::StringRef, 4> Lines;
  Doc.split(Lines, '\n');
  std::string Out;
  for (llvm::StringRef L : Lines)
    if (!L.trim().empty())
      Out += (Out.empty() ? "" : " ") + L.trim().str();
  return Out;
}

/// The first sentence of a doc comment, for lists: up to the first '.',
/// or the lead-in of a list ("A Lambda function with...:" before "- ...").
std::string firstSentence(llvm::StringRef Doc) {
  llvm::StringRef Para = Doc.take_front(std::min(Doc.find("\n\n"), Doc.find("\n- ")));
  std::string Line = oneLine(Para);
  for (size_t I = 0; I < Line.size(); ++I)
    if (Line[I] == '.' && (I + 1 == Line.size() || Line[I + 1] == ' '))
      return Line.substr(0, I + 1);
  if (!Line.empty() && Line.back() == ':')
    Line.back() = '.';
  return Line;
}

/// The names a type expression mentions (`Runtime`, `Destination`).
void namedTypes(const TypeExpr *T, std::set<std::string> &Out) {
  if (!T)
    return;
  if (auto *N = llvm::dyn_cast<NamedType>(T))
    Out.insert(N->dottedName());
  else if (auto *L = llvm::dyn_cast<ListType>(T))
    namedTypes(L->Element, Out);
  else if (auto *M = llvm::dyn_cast<MapType>(T))
    namedTypes(M->Value, Out);
  else if (auto *O = llvm::dyn_cast<OptionalType>(T))
    namedTypes(O->Inner, Out);
  else if (auto *U = llvm::dyn_cast<UnionType>(T))
    for (const TypeExpr *M : U->Members)
      namedTypes(M, Out);
  else if (auto *R = llvm::dyn_cast<RecordType>(T))
    for (const RecordType::Field &F : R->Fields)
      namedTypes(F.Type, Out);
}

/// What describe says of a component, read once and printed as text or
/// JSON.
struct ComponentInfo {
  struct Param {
    std::string Name, Type, Default, Doc;
    bool Required = false;
  };
  struct Output {
    std::string Name, Type, Doc;
  };
  struct Alias {
    std::string Name, Definition, Doc;
  };
  std::string Name, Module, Doc;
  std::vector<Param> Params;
  std::vector<Output> Outputs;
  std::vector<Alias> Types; ///< The module's type aliases the params use.
  std::vector<sema::KeptData> Kept; ///< Its resources that hold data.
};

ComponentInfo readComponent(LoadedModule &M, const ComponentDecl &Comp, FileId File) {
  ComponentInfo Info;
  Info.Name = M.Name + "." + Comp.Name.Name;
  Info.Module = "std." + M.Name;
  Info.Doc = Comp.DocComment;
  std::set<std::string> Used;
  for (const Decl *D : Comp.Body) {
    if (auto *P = llvm::dyn_cast_or_null<ParamDecl>(D)) {
      // A param with neither default nor `?` must be given by the instance.
      bool Optional = llvm::isa_and_nonnull<OptionalType>(P->Type);
      Info.Params.push_back({P->Name.Name, M.text(File, P->Type), M.text(File, P->Default),
                             oneLine(P->DocComment), !P->Default && !Optional});
      namedTypes(P->Type, Used);
    } else if (auto *O = llvm::dyn_cast_or_null<OutputDecl>(D)) {
      Info.Outputs.push_back({O->Name.Name, M.text(File, O->Type), oneLine(O->DocComment)});
    }
  }
  Info.Kept = sema::dataKeptBy(Comp);
  M.forEachDecl([&](const Decl &D, FileId F) {
    if (auto *T = llvm::dyn_cast<TypeDecl>(&D); T && Used.count(T->Name.Name))
      Info.Types.push_back({T->Name.Name, oneLine(M.text(F, T->Type)), oneLine(T->DocComment)});
  });
  return Info;
}

void printComponent(llvm::raw_ostream &OS, const ComponentInfo &Info) {
  OS << Info.Name << " (component of " << Info.Module << ")\n";
  if (!Info.Doc.empty())
    OS << Info.Doc << "\n";
  OS << "\nparams:\n";
  if (Info.Params.empty())
    OS << "  (none)\n";
  for (const ComponentInfo::Param &P : Info.Params) {
    OS << "  " << P.Name;
    if (!P.Type.empty())
      OS << ": " << P.Type;
    if (!P.Default.empty())
      OS << " = " << P.Default;
    if (P.Required)
      OS << " (required)";
    if (!P.Doc.empty())
      OS << "  // " << P.Doc;
    OS << "\n";
  }
  OS << "\noutputs:\n";
  if (Info.Outputs.empty())
    OS << "  (none)\n";
  for (const ComponentInfo::Output &O : Info.Outputs) {
    OS << "  " << O.Name;
    if (!O.Type.empty())
      OS << ": " << O.Type;
    if (!O.Doc.empty())
      OS << "  // " << O.Doc;
    OS << "\n";
  }
  if (!Info.Types.empty()) {
    OS << "\ntypes:\n";
    for (const ComponentInfo::Alias &T : Info.Types) {
      OS << "  " << T.Name << " = " << T.Definition;
      if (!T.Doc.empty())
        OS << "  // " << firstSentence(T.Doc);
      OS << "\n";
    }
  }
  if (!Info.Kept.empty()) {
    OS << "\ndata kept when the stack deletes or replaces it:\n";
    for (const sema::KeptData &K : Info.Kept)
      OS << "  " << K.Name << " " << K.Type << ": DeletionPolicy and UpdateReplacePolicy " << K.Policy
         << "\n";
    OS << "  (" << sema::RemovalHint << ")\n";
  }
  // What a first use looks like: the import and the params it must give.
  OS << "\nusage:\n  import " << Info.Module << "\n  resource NAME " << Info.Name << " {\n";
  for (const ComponentInfo::Param &P : Info.Params)
    if (P.Required)
      OS << "    " << P.Name << ": ...\n";
  OS << "  }\n";
}

ordered_json componentJson(const ComponentInfo &Info) {
  ordered_json J;
  J["name"] = Info.Name;
  J["module"] = Info.Module;
  J["documentation"] = Info.Doc;
  J["params"] = ordered_json::array();
  for (const ComponentInfo::Param &P : Info.Params) {
    ordered_json Param;
    Param["name"] = P.Name;
    Param["type"] = P.Type;
    Param["required"] = P.Required;
    if (!P.Default.empty())
      Param["default"] = P.Default;
    Param["documentation"] = P.Doc;
    J["params"].push_back(std::move(Param));
  }
  J["outputs"] = ordered_json::array();
  for (const ComponentInfo::Output &O : Info.Outputs) {
    ordered_json Output;
    Output["name"] = O.Name;
    if (!O.Type.empty())
      Output["type"] = O.Type;
    Output["documentation"] = O.Doc;
    J["outputs"].push_back(std::move(Output));
  }
  J["keepsData"] = ordered_json::array();
  for (const sema::KeptData &K : Info.Kept)
    J["keepsData"].push_back({{"resource", K.Name}, {"type", K.Type}, {"policy", K.Policy}});
  J["types"] = ordered_json::array();
  for (const ComponentInfo::Alias &T : Info.Types)
    J["types"].push_back(
        {{"name", T.Name}, {"definition", T.Definition}, {"documentation", T.Doc}});
  return J;
}

void printJsonDocument(const ordered_json &J) {
  llvm::outs() << J.dump(2, ' ', false, ordered_json::error_handler_t::replace) << "\n";
}

/// `cfc describe std.serverless`: the module's components.
int describeModule(LoadedModule &M, DescribeFormat Format) {
  ordered_json List = ordered_json::array();
  std::vector<std::pair<std::string, std::string>> Components;
  M.forEachDecl([&](const Decl &D, FileId) {
    if (llvm::isa<ComponentDecl>(D))
      Components.emplace_back(D.Name.Name, D.DocComment);
  });
  if (Format == DescribeFormat::Json) {
    for (auto &[Name, Doc] : Components)
      List.push_back({{"name", M.Name + "." + Name}, {"documentation", Doc}});
    printJsonDocument({{"name", "std." + M.Name}, {"components", List}});
    return Success;
  }
  llvm::raw_ostream &OS = llvm::outs();
  OS << "std." << M.Name << " (standard-library module: import std." << M.Name << ")\n";
  OS << "\ncomponents (cfc describe " << M.Name << ".NAME):\n";
  if (Components.empty())
    OS << "  (none)\n";
  for (auto &[Name, Doc] : Components)
    OS << "  " << Name << "  // " << firstSentence(Doc) << "\n";
  return Success;
}

/// Prints one diagnostic without a location (the name came from the
/// command line) and returns 1: the input names nothing.
template <typename... Ts> int printError(diag::Kind Kind, Ts &&...Args) {
  SourceManager SM;
  DiagnosticEngine Diags;
  Diags.report(0, {}, Kind, std::forward<Ts>(Args)...);
  for (const Diagnostic &D : Diags.diagnostics())
    printText(D, SM, llvm::errs(), llvm::errs().has_colors());
  return InputErrors;
}

} // namespace

int describeComponent(llvm::StringRef Name, DescribeFormat Format) {
  bool Explicit = Name.consume_front("std.");
  // Not a structured binding: clang 14 cannot capture one in a lambda.
  auto Parts = Name.split('.');
  llvm::StringRef Module = Parts.first, Component = Parts.second;
  if (!isName(Module))
    return -1;
  LoadedModule M(Module);
  if (M.Files.empty()) {
    // `std.nothing`: no module by that name. Anything else may be a
    // catalog type.
    if (!Explicit)
      return -1;
    std::vector<std::string> Modules;
    for (const StdlibModule &S : stdlibModules())
      Modules.push_back(S.Name);
    return printError(diag::DescribeUnknownModule, Module, didYouMean(Module, Modules),
                      llvm::join(Modules, ", "));
  }
  if (Component.empty())
    return describeModule(M, Format);
  const ComponentDecl *Found = nullptr;
  FileId FoundIn = 0;
  M.forEachDecl([&](const Decl &D, FileId F) {
    if (auto *C = llvm::dyn_cast<ComponentDecl>(&D); C && !Found && C->Name.Name == Component)
      Found = C, FoundIn = F;
  });
  if (!Found)
    return printError(diag::DescribeUnknownComponent, M.Name, Component,
                      didYouMean(Component, M.componentNames()));
  ComponentInfo Info = readComponent(M, *Found, FoundIn);
  if (Format == DescribeFormat::Json)
    printJsonDocument(componentJson(Info));
  else
    printComponent(llvm::outs(), Info);
  return Success;
}

std::vector<std::string> stdlibComponentNames() {
  std::vector<std::string> Names;
  for (const StdlibModule &S : stdlibModules()) {
    LoadedModule M(S.Name);
    for (const std::string &C : M.componentNames())
      Names.push_back(M.Name + "." + C);
  }
  std::sort(Names.begin(), Names.end());
  return Names;
}

} // namespace cfc::driver
