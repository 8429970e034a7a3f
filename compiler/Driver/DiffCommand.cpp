// DiffCommand — `cfc diff PATH --against TEMPLATE` (what would change
// against a saved template, as `cdk diff` shows it) and `cfc check PATH
// --against TEMPLATE` (a change that deletes data is an error on the line
// that asks for it). compiler/Diff compares; this file builds the stack,
// reads the saved template, finds the source lines and prints.
#include "Driver/Commands.h"

#include "Diagnostics/FileDiagnostics.h"
#include "Driver/Reporting.h"
#include "Driver/DeployCommands.h"
#include "Driver/Stacks.h"

#include "Catalog/Catalog.h"
#include "Diff/DiffPrinter.h"
#include "Diff/TemplateDiff.h"
#include "Emit/Emitter.h"
#include "Import/Importer.h"

#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace cfc::driver {

namespace {

/// "main.cfn:14", as cfc:source writes places: relative to the stack's
/// folder, so it reads the same wherever the stack is built from.
std::string placeText(const SourceManager &SM, llvm::StringRef Root, const ir::Origin &O) {
  llvm::StringRef Name = SM.name(O.File);
  std::string Rel = !Root.empty() && Name.startswith(Root) ? Name.drop_front(Root.size()).ltrim("/").str()
                                                           : llvm::sys::path::filename(Name).str();
  return Rel + ":" + std::to_string(SM.lineColumn(O.File, O.Range.Begin).Line);
}

/// Where the value at Path (from the entry: Properties.X[0].Y) of R was
/// written: the deepest value on the path the IR has, or R's own place.
/// Library code is no place for the user: then the instance.
ir::Origin originOf(const ir::Resource &R, const std::vector<diff::PathStep> &Path) {
  ir::Origin Best = ir::reportedAt(R);
  if (Path.empty() || Path[0].IsIndex || Path[0].Key != "Properties")
    return Best;
  ir::ValuePtr V = R.Properties;
  for (size_t I = 1; I < Path.size() && V; ++I) {
    const diff::PathStep &S = Path[I];
    if (S.IsIndex)
      V = V->kind() == ir::Value::Kind::List && S.Index < V->elements().size() ? V->elements()[S.Index]
                                                                               : nullptr;
    else
      V = V->kind() == ir::Value::Kind::Object ? V->field(S.Key) : nullptr;
    if (V && V->origin().File && !ir::inLibraryFrame(R, V->origin()))
      Best = V->origin();
  }
  return Best;
}

/// The saved template's entry of a resource (from the reader's positions).
SourceRange savedPlace(const SavedTemplate &Saved, const std::string &LogicalId) {
  auto It = Saved.Where.find("/Resources/" + import::pointerToken(LogicalId));
  return It == Saved.Where.end() ? SourceRange{} : It->second;
}

/// The change that decides R's replacement: the first as strong as R's.
const diff::ValueChange *decisiveChange(const diff::ResourceChange &R) {
  for (const diff::ValueChange &C : R.Changes)
    if (C.Replaces == R.Replaces)
      return &C;
  return nullptr;
}

/// "@retain\n" with the declaration's indentation, before it.
void addRetainFix(DiagnosticBuilder &B, const SourceManager &SM, const ir::Resource &R) {
  if (R.Instance.File || !R.Where.File)
    return; // Made by a library component: its instance takes no @retain.
  llvm::StringRef Line = SM.lineText(R.Where.File, R.Where.Range.Begin);
  std::string Indent = Line.take_front(Line.size() - Line.ltrim().size()).str();
  B.fix("add @retain to keep the old resource's data (UpdateReplacePolicy Retain)",
        {R.Where.Range.Begin, R.Where.Range.Begin}, "@retain\n" + Indent);
}

void reportReplaced(Compilation &C, const diff::ResourceChange &R, const ir::Template &T,
                    const SavedTemplate &Saved) {
  const ir::Resource *IR = T.resource(R.LogicalId);
  const diff::ValueChange *Why = decisiveChange(R);
  ir::Origin At = IR && Why ? originOf(*IR, Why->Path) : IR ? ir::reportedAt(*IR) : ir::Origin{};
  diag::Kind Kind = R.Replaces == diff::Replacement::Always ? diag::ReplacesDataResource
                                                            : diag::MayReplaceDataResource;
  DiagnosticBuilder B = C.diagnostics().report(At.File, At.Range, Kind, R.LogicalId, R.type());
  if (Why && !Why->CausedBy.empty())
    B.note(0, {}, diff::pathText(Why->Path) + " refers to '" + Why->CausedBy +
                      "', which is replaced, so it may change");
  if (Why && !Why->Reason.empty())
    B.note(0, {}, Why->Reason);
  B.note(Saved.File, savedPlace(Saved, R.LogicalId),
         "the saved template declares it here");
  if (IR)
    addRetainFix(B, C.sources(), *IR);
}

/// A removed resource has no line in the stack any more: the saved
/// template's entry is where it is, with its old line as a note.
void reportRemoved(Compilation &C, const diff::ResourceChange &R, const SavedTemplate &Saved) {
  DiagnosticBuilder B = C.diagnostics().report(Saved.File, savedPlace(Saved, R.LogicalId),
                                               diag::RemovesDataResource, R.LogicalId, R.type());
  if (!R.Source.empty())
    B.note(0, {}, "it was declared at " + R.Source + " when the saved template was built");
  B.note(0, {}, "its DeletionPolicy does not keep the data; deploy it with @retain before removing it");
}

} // namespace

std::optional<SavedTemplate> readSavedTemplate(Compilation &C, const std::string &Path) {
  SourceManager &SM = C.sources();
  llvm::ErrorOr<FileId> File = SM.addFile(Path);
  if (!File) {
    reportUnreadable(C.diagnostics(), Path, File.getError());
    return std::nullopt;
  }
  // JSON is read as JSON for exact error places; anything else as YAML,
  // which reads JSON too.
  bool Yaml = llvm::sys::path::extension(Path) != ".json";
  SavedTemplate T;
  T.File = *File;
  std::string Error;
  size_t Offset = 0;
  bool Read = import::readTemplate(SM.text(*File), Yaml, T.Json, Error, Offset, &T.Where);
  if (Read && diff::nestsTooDeep(T.Json)) {
    Read = false;
    Error = "its values nest deeper than " + std::to_string(diff::MaxNesting) + " levels";
  }
  if (!Read) {
    uint32_t At = static_cast<uint32_t>(Offset);
    C.diagnostics().report(*File, {At, At}, diag::AgainstNotTemplate, Path, Error);
    return std::nullopt;
  }
  return T;
}

/// The diff from Before to the lowered stack L, each property change with
/// the line that writes its new value.
static diff::TemplateDiff diffWithSources(Compilation &C, const Compilation::Lowered &L, llvm::StringRef Root,
                                          const nlohmann::ordered_json &Before) {
  diff::TemplateDiff D =
      diff::diffTemplates(Before, emit::toJson(L.Template, L.Graph), catalog::Catalog::builtin());
  const SourceManager &SM = C.sources();
  for (diff::ResourceChange &R : D.Resources) {
    const ir::Resource *IR = R.Kind == diff::ChangeKind::Removed ? nullptr : L.Template.resource(R.LogicalId);
    if (!IR)
      continue;
    for (diff::ValueChange &Change : R.Changes)
      if (!Change.Path.empty() && Change.Path[0].Key == "Properties")
        Change.Source = placeText(SM, Root, originOf(*IR, Change.Path));
  }
  return D;
}

void checkAgainst(Compilation &C, const Compilation::Lowered &L, llvm::StringRef Root,
                  const SavedTemplate &Saved) {
  diff::TemplateDiff D = diffWithSources(C, L, Root, Saved.Json);
  for (const diff::ResourceChange &R : D.Resources) {
    if (!R.DataAtRisk)
      continue;
    if (R.Kind == diff::ChangeKind::Removed)
      reportRemoved(C, R, Saved);
    else
      reportReplaced(C, R, L.Template, Saved);
  }
}

int printDiffAgainst(CompiledStack &S, llvm::StringRef Root, const nlohmann::ordered_json &Deployed,
                     DiffFormat Format) {
  diff::TemplateDiff D = diffWithSources(*S.C, *S.Result, Root, Deployed);
  if (Format == DiffFormat::Json)
    llvm::outs() << diff::diffToJson(D).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
                 << "\n";
  else
    diff::printDiff(D, llvm::outs());
  llvm::outs().flush();
  return Success; // Differences are what was asked for, not errors.
}

int runDiff(const DiffOptions &Opts) {
  if (!Opts.Against.empty() && !Opts.Stack.empty())
    return usageError("give --against TEMPLATE or --stack NAME, not both");
  if (Opts.Against.empty() && Opts.Stack.empty())
    return usageError("cfc diff compares with something: a saved template (--against TEMPLATE.json) "
                      "or a deployed stack (--stack NAME)");
  if (!checkRegionFlag(Opts.Region) || (!Opts.Stack.empty() && !checkStackFlag(Opts.Stack)))
    return UsageError;
  // Warnings of the build on stderr as text: stdout is the diff's.
  Reporter Out(DiagnosticFormat::Text, Opts.Quiet);
  int Status = Success;
  std::string Root;
  std::optional<CompiledStack> S = buildForCommand(Opts.Path, Opts.Project, Opts.Bindings, Opts.Region, Out,
                                                   Status, Root);
  if (!S)
    return Status;
  std::optional<SavedTemplate> Saved;
  if (S->Result && !Opts.Against.empty())
    Saved = readSavedTemplate(*S->C, Opts.Against);
  Out.add(diagnosticsToShow(*S->C), S->C->sources());
  Out.finish();
  if (Out.sawErrors())
    return InputErrors;
  if (!Opts.Stack.empty())
    return diffAgainstDeployedStack(Opts, *S, Root);
  return printDiffAgainst(*S, Root, Saved->Json, Opts.Format);
}

} // namespace cfc::driver
