// ProjectFile — reading cfc.yaml. yaml-cpp gives the tree and each node's
// mark (byte offset, line, column); this file checks the keys it knows, the
// kind of value each takes, and reports anything else where it is written.
#include "Project/ProjectFile.h"

#include "Diagnostics/FileDiagnostics.h"
#include "Basic/Names.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <functional>

namespace cfc::project {

namespace {

const std::vector<std::string> TopLevelKeys = {"name",   "entry",      "output",       "format",
                                               "region", "parameters", "environments", "removal",
                                               "tags"};
const std::vector<std::string> EnvironmentKeys = {"region", "parameters", "removal", "tags"};
const std::vector<std::string> Formats = {"json", "yaml"};

class Reader {
public:
  Reader(Project &P, DiagnosticEngine &Diags) : P(P), Diags(Diags), Text(P.Text) {}

  void readTopLevel(const YAML::Node &Root);

private:
  Project &P;
  DiagnosticEngine &Diags;
  llvm::StringRef Text;
  /// The key whose value is being read: where a missing value is reported
  /// (yaml-cpp marks a null value at the start of the next line).
  SourceRange CurrentKey;
  bool TooMany = false; ///< ProjectTooManyEnvironments was reported.

  using EntryHandler =
      std::function<void(const std::string &Key, SourceRange KeyRange, const YAML::Node &Value)>;

  SourceRange rangeOf(const YAML::Node &N) const;
  std::string describe(const YAML::Node &N) const;
  void forEachEntry(const YAML::Node &Map, llvm::StringRef Where, const EntryHandler &Handle);
  void unknownKey(const std::string &Key, SourceRange Range, llvm::StringRef Where,
                  const std::vector<std::string> &Known);
  void wrongValue(llvm::StringRef Key, llvm::StringRef Wanted, const YAML::Node &Found);
  bool readScalar(llvm::StringRef Key, const YAML::Node &N, llvm::StringRef Wanted, Setting &Out);

  void readName(const YAML::Node &N);
  void readEntry(const YAML::Node &N);
  void readOutput(const YAML::Node &N);
  void readFormat(const YAML::Node &N);
  void readRegion(const YAML::Node &N, Setting &Out);
  void readParameters(const YAML::Node &N, std::vector<ParameterValue> &Out);
  void readRemoval(const YAML::Node &N, Setting &Out);
  void readTags(const YAML::Node &N, std::vector<TagValue> &Out);
  bool readParameterValue(const std::string &Name, const YAML::Node &N, std::string &Out);
  void readEnvironments(const YAML::Node &N);
  void readEnvironment(Environment &Env, const YAML::Node &N);
};

/// The end of a quoted scalar starting at Begin (its closing quote
/// included), or of the line when it is not closed there.
size_t quotedEnd(llvm::StringRef Text, size_t Begin) {
  char Quote = Text[Begin];
  for (size_t I = Begin + 1; I < Text.size() && Text[I] != '\n'; ++I) {
    if (Quote == '"' && Text[I] == '\\') {
      ++I;
      continue;
    }
    if (Text[I] == Quote) {
      if (Quote == '\'' && I + 1 < Text.size() && Text[I + 1] == '\'') {
        ++I; // '' is an escaped quote in a single-quoted scalar.
        continue;
      }
      return I + 1;
    }
  }
  return Text.find('\n', Begin) == llvm::StringRef::npos ? Text.size() : Text.find('\n', Begin);
}

/// The end of a flow list or mapping starting at Begin (its closing bracket
/// included), or of the line when it does not close there.
size_t flowEnd(llvm::StringRef Text, size_t Begin) {
  unsigned Depth = 0;
  for (size_t I = Begin; I < Text.size() && Text[I] != '\n'; ++I) {
    char C = Text[I];
    if (C == '"' || C == '\'') {
      I = quotedEnd(Text, I) - 1;
    } else if (C == '[' || C == '{') {
      ++Depth;
    } else if ((C == ']' || C == '}') && --Depth == 0) {
      return I + 1;
    }
  }
  return Text.find('\n', Begin) == llvm::StringRef::npos ? Text.size() : Text.find('\n', Begin);
}

SourceRange Reader::rangeOf(const YAML::Node &N) const {
  YAML::Mark M = N.Mark();
  if (M.pos < 0 || static_cast<size_t>(M.pos) >= Text.size())
    return {static_cast<uint32_t>(Text.size()), static_cast<uint32_t>(Text.size())};
  size_t Begin = M.pos;
  size_t LineEnd = Text.find('\n', Begin);
  if (LineEnd == llvm::StringRef::npos)
    LineEnd = Text.size();
  size_t End = LineEnd;
  if (N.IsScalar()) {
    char C = Text[Begin];
    if (C == '"' || C == '\'')
      End = quotedEnd(Text, Begin);
    else if (Text.substr(Begin).startswith(N.Scalar()) && !N.Scalar().empty())
      End = Begin + N.Scalar().size();
  } else if (Text[Begin] == '[' || Text[Begin] == '{') {
    End = flowEnd(Text, Begin);
  }
  // Never an empty range: a caret needs a character (a null value's mark
  // may sit on the line break after its key).
  if (End <= Begin)
    End = std::min(Begin + 1, Text.size());
  return {static_cast<uint32_t>(Begin), static_cast<uint32_t>(End)};
}

/// How a value is named in messages: 'text', a list, a mapping, nothing.
std::string Reader::describe(const YAML::Node &N) const {
  switch (N.Type()) {
  case YAML::NodeType::Scalar: {
    std::string S = N.Scalar();
    return S.size() > 40 ? "'" + S.substr(0, 40) + "...'" : "'" + S + "'";
  }
  case YAML::NodeType::Sequence:
    return "a list";
  case YAML::NodeType::Map:
    return "a mapping";
  default:
    return "nothing";
  }
}

void Reader::forEachEntry(const YAML::Node &Map, llvm::StringRef Where,
                          const EntryHandler &Handle) {
  llvm::StringMap<SourceRange> Seen;
  for (const auto &KV : Map) {
    SourceRange KeyRange = rangeOf(KV.first);
    if (!KV.first.IsScalar()) {
      Diags.report(P.File, KeyRange, diag::ProjectWrongValue, "keys", "names", describe(KV.first));
      continue;
    }
    const std::string &Key = KV.first.Scalar();
    auto [It, Fresh] = Seen.try_emplace(Key, KeyRange);
    if (!Fresh) {
      Diags.report(P.File, KeyRange, diag::ProjectDuplicateKey, Key, Where)
          .note(P.File, It->second, "first given here");
      continue;
    }
    SourceRange Outer = CurrentKey;
    CurrentKey = KeyRange;
    Handle(Key, KeyRange, KV.second);
    CurrentKey = Outer;
  }
}

void Reader::unknownKey(const std::string &Key, SourceRange Range, llvm::StringRef Where,
                        const std::vector<std::string> &Known) {
  std::string Best = closest(Key, Known);
  std::string Hint =
      Best.empty() ? "; keys are " + llvm::join(Known, ", ") : "; did you mean '" + Best + "'?";
  auto B = Diags.report(P.File, Range, diag::ProjectUnknownKey, Key, Where, Hint);
  if (!Best.empty())
    B.fix("change '" + Key + "' to '" + Best + "'", Range, Best);
}

void Reader::wrongValue(llvm::StringRef Key, llvm::StringRef Wanted, const YAML::Node &Found) {
  SourceRange At = Found.IsNull() && !CurrentKey.empty() ? CurrentKey : rangeOf(Found);
  Diags.report(P.File, At, diag::ProjectWrongValue, Key, Wanted, describe(Found));
}

bool Reader::readScalar(llvm::StringRef Key, const YAML::Node &N, llvm::StringRef Wanted,
                        Setting &Out) {
  if (!N.IsScalar() || N.Scalar().empty()) {
    wrongValue(Key, Wanted, N);
    return false;
  }
  Out.Value = N.Scalar();
  Out.Range = rangeOf(N);
  return true;
}

void Reader::readTopLevel(const YAML::Node &Root) {
  forEachEntry(Root, "cfc.yaml",
               [&](const std::string &Key, SourceRange KeyRange, const YAML::Node &Value) {
                 if (Key == "name")
                   readName(Value);
                 else if (Key == "entry")
                   readEntry(Value);
                 else if (Key == "output")
                   readOutput(Value);
                 else if (Key == "format")
                   readFormat(Value);
                 else if (Key == "region")
                   readRegion(Value, P.Region);
                 else if (Key == "parameters")
                   readParameters(Value, P.Parameters);
                 else if (Key == "removal")
                   readRemoval(Value, P.Removal);
                 else if (Key == "tags")
                   readTags(Value, P.Tags);
                 else if (Key == "environments")
                   readEnvironments(Value);
                 else
                   unknownKey(Key, KeyRange, "cfc.yaml", TopLevelKeys);
               });
}

void Reader::readName(const YAML::Node &N) {
  const char *Wanted = "a name of letters, digits, '-', '_' and '.'";
  Setting Name;
  if (!readScalar("name", N, Wanted, Name))
    return;
  if (!isValidName(Name.Value)) {
    wrongValue("name", Wanted, N);
    return;
  }
  P.Name = Name;
}

/// The .cfn files and folders next to a missing entry, for "did you mean".
std::vector<std::string> entryCandidates(llvm::StringRef Folder, llvm::StringRef Missing) {
  llvm::SmallString<256> Parent(Folder);
  llvm::sys::path::append(Parent, llvm::sys::path::parent_path(Missing));
  std::vector<std::string> Names;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Parent.empty() ? "." : Parent.str(), EC), End;
       It != End && !EC; It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    if (llvm::sys::path::extension(Name) == ".cfn" || llvm::sys::fs::is_directory(It->path()))
      Names.push_back(Name.str());
  }
  std::sort(Names.begin(), Names.end());
  return Names;
}

void Reader::readEntry(const YAML::Node &N) {
  Setting Entry;
  if (!readScalar("entry", N, "a .cfn file or a folder of them", Entry))
    return;
  P.Entry = Entry;
  if (llvm::sys::fs::exists(P.entryPath()))
    return;
  llvm::StringRef Missing = Entry.Value;
  std::string Best =
      closest(llvm::sys::path::filename(Missing), entryCandidates(P.Folder, Missing));
  auto B = Diags.report(P.File, Entry.Range, diag::ProjectMissingPath, "entry", Entry.Value);
  if (!Best.empty()) {
    llvm::SmallString<128> Fixed(llvm::sys::path::parent_path(Missing));
    llvm::sys::path::append(Fixed, llvm::sys::path::Style::posix, Best);
    B.fix("change it to '" + Fixed.str().str() + "'", Entry.Range, Fixed.str().str());
  }
}

void Reader::readOutput(const YAML::Node &N) {
  Setting Output;
  if (!readScalar("output", N, "a folder", Output))
    return;
  P.Output = Output;
  std::string Path = P.outputFolder();
  if (llvm::sys::fs::exists(Path) && !llvm::sys::fs::is_directory(Path))
    wrongValue("output", "a folder (this is a file)", N);
}

void Reader::readFormat(const YAML::Node &N) {
  Setting Format;
  if (!readScalar("format", N, "json or yaml", Format))
    return;
  if (Format.Value == "json" || Format.Value == "yaml") {
    P.Format = Format;
    return;
  }
  std::string Best = closest(Format.Value, Formats);
  auto B = Diags.report(P.File, Format.Range, diag::ProjectWrongValue, "format", "json or yaml",
                        describe(N));
  if (!Best.empty())
    B.fix("change it to '" + Best + "'", Format.Range, Best);
}

void Reader::readRegion(const YAML::Node &N, Setting &Out) {
  const char *Wanted = "an AWS region name such as eu-west-1";
  Setting Region;
  if (!readScalar("region", N, Wanted, Region))
    return;
  if (!isRegionName(Region.Value)) {
    wrongValue("region", Wanted, N);
    return;
  }
  Out = Region;
}

void Reader::readParameters(const YAML::Node &N, std::vector<ParameterValue> &Out) {
  if (!N.IsMap()) {
    // `parameters:` with nothing under it sets nothing.
    if (!N.IsNull())
      wrongValue("parameters", "a mapping of parameter names to values", N);
    return;
  }
  forEachEntry(N, "parameters",
               [&](const std::string &Name, SourceRange NameRange, const YAML::Node &Value) {
                 ParameterValue PV{Name, "", NameRange, rangeOf(Value)};
                 if (readParameterValue(Name, Value, PV.Value))
                   Out.push_back(std::move(PV));
               });
}

void Reader::readRemoval(const YAML::Node &N, Setting &Out) {
  const char *Wanted = "destroy, retain or snapshot";
  Setting Removal;
  if (!readScalar("removal", N, Wanted, Removal))
    return;
  if (Removal.Value != "destroy" && Removal.Value != "retain" && Removal.Value != "snapshot") {
    wrongValue("removal", Wanted, N);
    return;
  }
  Out = Removal;
}

void Reader::readTags(const YAML::Node &N, std::vector<TagValue> &Out) {
  if (!N.IsMap()) {
    if (!N.IsNull())
      wrongValue("tags", "a mapping of tag keys to values", N);
    return;
  }
  forEachEntry(N, "tags", [&](const std::string &Key, SourceRange KeyRange, const YAML::Node &Value) {
    // CloudFormation refuses keys in AWS's own namespace.
    if (llvm::StringRef(Key).startswith("aws:")) {
      Diags.report(P.File, KeyRange, diag::ProjectWrongValue, "tags",
                   "keys that do not start with 'aws:'", "'" + Key + "'");
      return;
    }
    if (!Value.IsScalar()) {
      wrongValue(Key, "a string", Value);
      return;
    }
    Out.push_back({Key, Value.Scalar()});
  });
}

bool Reader::readParameterValue(const std::string &Name, const YAML::Node &N, std::string &Out) {
  const char *Wanted = "a string, a number, true or false, or a list of strings";
  if (N.IsScalar()) {
    Out = N.Scalar();
    return true;
  }
  if (!N.IsSequence()) {
    wrongValue(Name, Wanted, N);
    return false;
  }
  // A `[string]` parameter is a CommaDelimitedList: its value is one text.
  std::vector<std::string> Items;
  for (const YAML::Node &Item : N) {
    if (!Item.IsScalar()) {
      wrongValue(Name, "a list of strings", Item);
      return false;
    }
    if (Item.Scalar().find(',') != std::string::npos) {
      wrongValue(Name, "list elements without ',' (CloudFormation joins them with commas)", Item);
      return false;
    }
    Items.push_back(Item.Scalar());
  }
  Out = llvm::join(Items, ",");
  return true;
}

void Reader::readEnvironments(const YAML::Node &N) {
  if (!N.IsMap()) {
    if (!N.IsNull())
      wrongValue("environments", "a mapping of environment names to settings", N);
    return;
  }
  forEachEntry(N, "environments",
               [&](const std::string &Name, SourceRange NameRange, const YAML::Node &Value) {
                 if (!isValidName(Name)) {
                   Diags.report(P.File, NameRange, diag::ProjectWrongValue, "environments",
                                "names of letters, digits, '-', '_' and '.'", "'" + Name + "'");
                   return;
                 }
                 if (P.Environments.size() == MaxEnvironments) {
                   if (!TooMany)
                     Diags.report(P.File, NameRange, diag::ProjectTooManyEnvironments,
                                  MaxEnvironments);
                   TooMany = true;
                   return;
                 }
                 Environment Env;
                 Env.Name = {Name, NameRange};
                 readEnvironment(Env, Value);
                 P.Environments.push_back(std::move(Env));
               });
}

void Reader::readEnvironment(Environment &Env, const YAML::Node &N) {
  // `staging:` alone is an environment with the project's settings.
  if (N.IsNull())
    return;
  if (!N.IsMap()) {
    wrongValue(Env.Name.Value, "a mapping with region and parameters", N);
    return;
  }
  std::string Where = "environment '" + Env.Name.Value + "'";
  forEachEntry(N, Where,
               [&](const std::string &Key, SourceRange KeyRange, const YAML::Node &Value) {
                 if (Key == "region")
                   readRegion(Value, Env.Region);
                 else if (Key == "parameters")
                   readParameters(Value, Env.Parameters);
                 else if (Key == "removal")
                   readRemoval(Value, Env.Removal);
                 else if (Key == "tags")
                   readTags(Value, Env.Tags);
                 else
                   unknownKey(Key, KeyRange, Where, EnvironmentKeys);
               });
}

/// The byte offset of a parse error's mark.
uint32_t errorOffset(const YAML::Mark &M, llvm::StringRef Text) {
  if (M.pos >= 0 && static_cast<size_t>(M.pos) <= Text.size())
    return M.pos;
  return Text.size();
}

} // namespace

std::string Project::entryPath() const {
  llvm::SmallString<256> Path(Folder);
  llvm::sys::path::append(Path, Entry.given() ? llvm::StringRef(Entry.Value) : ".");
  llvm::sys::path::remove_dots(Path);
  return Path.empty() ? "." : Path.str().str();
}

std::string Project::outputFolder() const {
  llvm::SmallString<256> Path(Folder);
  llvm::sys::path::append(Path, Output.given() ? llvm::StringRef(Output.Value) : "out");
  llvm::sys::path::remove_dots(Path);
  return Path.str().str();
}

std::string Project::stackName() const {
  if (Name.given())
    return Name.Value;
  llvm::SmallString<256> Entry(entryPath());
  if (llvm::sys::fs::is_directory(Entry)) {
    // "." is the folder of cfc.yaml: name the stack after it.
    llvm::sys::fs::make_absolute(Entry);
    llvm::sys::path::remove_dots(Entry, true);
    std::string Base = llvm::sys::path::filename(Entry).str();
    return isValidName(Base) ? Base : "stack";
  }
  return llvm::sys::path::stem(Entry).str();
}

std::string Project::templatePath(const Environment *Env, llvm::StringRef Extension) const {
  llvm::SmallString<256> Path(outputFolder());
  if (Env)
    llvm::sys::path::append(Path, Env->Name.Value);
  llvm::sys::path::append(Path, stackName() + "." + Extension.str());
  return Path.str().str();
}

const Environment *Project::environment(llvm::StringRef Wanted) const {
  for (const Environment &E : Environments)
    if (E.Name.Value == Wanted)
      return &E;
  return nullptr;
}

std::vector<std::string> Project::environmentNames() const {
  std::vector<std::string> Names;
  for (const Environment &E : Environments)
    Names.push_back(E.Name.Value);
  return Names;
}

std::vector<ParameterValue> Project::parametersOf(const Environment *Env) const {
  std::vector<ParameterValue> Out = Parameters;
  if (!Env)
    return Out;
  for (const ParameterValue &PV : Env->Parameters) {
    auto Same = [&](const ParameterValue &X) { return X.Name == PV.Name; };
    if (auto It = std::find_if(Out.begin(), Out.end(), Same); It != Out.end())
      *It = PV;
    else
      Out.push_back(PV);
  }
  return Out;
}

std::string Project::regionOf(const Environment *Env) const {
  return Env && Env->Region.given() ? Env->Region.Value : Region.Value;
}

std::string Project::removalOf(const Environment *Env) const {
  return Env && Env->Removal.given() ? Env->Removal.Value : Removal.Value;
}

std::vector<TagValue> Project::tagsOf(const Environment *Env) const {
  std::vector<TagValue> Out = Tags;
  if (!Env)
    return Out;
  for (const TagValue &T : Env->Tags) {
    auto Same = [&](const TagValue &X) { return X.Key == T.Key; };
    if (auto It = std::find_if(Out.begin(), Out.end(), Same); It != Out.end())
      *It = T;
    else
      Out.push_back(T);
  }
  return Out;
}

bool isValidName(llvm::StringRef Name) {
  if (Name.empty() || Name.front() == '.' || Name.size() > 128)
    return false;
  return llvm::all_of(Name,
                      [](char C) { return llvm::isAlnum(C) || C == '-' || C == '_' || C == '.'; });
}

bool isRegionName(llvm::StringRef Name) {
  // Partition prefix, optional qualifiers, a direction and a number:
  // eu-west-1, us-gov-west-1, ap-southeast-4, cn-northwest-1.
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Name.split(Parts, '-');
  if (Parts.size() < 3 || Parts.back().empty() ||
      !llvm::all_of(Parts.back(), [](char C) { return llvm::isDigit(C); }))
    return false;
  for (size_t I = 0; I + 1 < Parts.size(); ++I)
    if (Parts[I].empty() || !llvm::all_of(Parts[I], [](char C) { return C >= 'a' && C <= 'z'; }))
      return false;
  return true;
}

std::optional<Project> parseProject(std::string Text, llvm::StringRef Path, SourceManager &SM,
                                    DiagnosticEngine &Diags) {
  Project P;
  P.Path = Path.str();
  P.Folder = llvm::sys::path::parent_path(Path).str();
  P.Text = Text;
  P.File = SM.addBuffer(std::move(Text), Path);
  YAML::Node Root;
  try {
    Root = YAML::Load(P.Text);
  } catch (const YAML::Exception &E) {
    uint32_t At = errorOffset(E.mark, P.Text);
    Diags.report(P.File, {At, std::min<uint32_t>(At + 1, P.Text.size())}, diag::ProjectInvalidYaml,
                 E.msg);
    return std::nullopt;
  }
  // An empty file is a project with every default.
  if (Root.IsNull())
    return P;
  if (!Root.IsMap()) {
    Diags.report(P.File, {0, std::min<uint32_t>(1, P.Text.size())}, diag::ProjectWrongValue,
                 "cfc.yaml", "a mapping of settings (entry, output, environments...)",
                 Root.IsSequence() ? "a list" : "a single value");
    return std::nullopt;
  }
  Reader(P, Diags).readTopLevel(Root);
  return P;
}

std::optional<Project> readProject(llvm::StringRef Path, SourceManager &SM,
                                   DiagnosticEngine &Diags) {
  uint64_t Size = 0;
  if (!llvm::sys::fs::file_size(Path, Size) && Size > SourceManager::MaxFileSize) {
    Diags.report(0, {}, diag::FileTooLarge, Path, Size, SourceManager::MaxFileSize);
    return std::nullopt;
  }
  auto Buffer = readSourceFile(Path, SourceManager::MaxFileSize);
  if (!Buffer) {
    reportUnreadable(Diags, Path, Buffer.getError());
    return std::nullopt;
  }
  return parseProject((*Buffer)->getBuffer().str(), Path, SM, Diags);
}

} // namespace cfc::project
