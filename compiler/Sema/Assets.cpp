// Assets — asset("./handlers"): a local folder or file that `cfc build`
// packages as a zip for S3. Here the files are listed, checked against
// Lambda's limits and hashed into the key (IR/AssetDigest.h); the zip itself
// is written by Emit/AssetWriter.cpp, so `cfc check` writes nothing. The
// value is {bucket, key}, the shape of serverless.Function's `s3Code`.
#include "Basic/ArenaScope.h"
#include "IR/AssetDigest.h"
#include "Sema/Bundle.h"
#include "Sema/Evaluator.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <mutex>
#include <optional>
#include <set>

namespace cfc::sema {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace {

constexpr llvm::StringLiteral BucketParameter = "AssetBucket";

/// What walking an asset found. The walk stops at the first file it cannot
/// take, and when there are more files than a zip holds (so that a path to
/// a huge tree, such as "../../..", ends quickly).
struct Listing {
  std::vector<ir::AssetFile> Files;
  uint64_t Bytes = 0;
  /// Bytes under each top-level name, to say what makes an asset too large.
  std::map<std::string, uint64_t> TopLevelBytes;
  /// Each file's modification time, for KeyCache.
  std::map<std::string, int64_t> Stamps;
  bool TooManyFiles = false;
  std::string Unreadable, Why; ///< The first file that could not be taken, and why.

  bool stopped() const { return TooManyFiles || !Unreadable.empty(); }
};

class Walker {
public:
  Listing L;
  /// For a bundle's signature: the dependencies are pinned by the lock
  /// file, and node_modules may hold more files than a zip lists.
  bool SkipNodeModules = false;

  void entry(const std::string &Path, const std::string &Name, std::vector<fs::UniqueID> &Folders) {
    if (L.stopped() || (SkipNodeModules && Name == "node_modules"))
      return;
    fs::file_status St;
    // Links are followed: a link to shared code is packaged as the code.
    if (std::error_code EC = fs::status(Path, St, /*Follow=*/true))
      return refuse(Name, EC.message());
    if (fs::is_directory(St))
      return folder(Path, Name, St.getUniqueID(), Folders);
    if (!fs::is_regular_file(St))
      return refuse(Name, "it is not a regular file (a pipe, socket or device)");
    if (L.Files.size() == ir::limits::AssetFiles.Value) {
      L.TooManyFiles = true;
      return;
    }
    bool Executable = (St.permissions() & fs::owner_exe) != 0;
    L.Files.push_back({Name, Path, St.getSize(), Executable});
    L.Stamps[Name] = St.getLastModificationTime().time_since_epoch().count();
    L.Bytes += St.getSize();
    L.TopLevelBytes[llvm::StringRef(Name).split('/').first.str()] += St.getSize();
  }

  void folder(const std::string &Path, const std::string &Name, fs::UniqueID Id,
              std::vector<fs::UniqueID> &Folders) {
    // A link back to a folder being walked would never end.
    if (std::find(Folders.begin(), Folders.end(), Id) != Folders.end())
      return refuse(Name, "it links back to a folder that contains it");
    std::vector<std::string> Children;
    std::error_code EC;
    for (fs::directory_iterator It(Path, EC), End; It != End && !EC; It.increment(EC))
      Children.push_back(path::filename(It->path()).str());
    if (EC)
      return refuse(Name.empty() ? "." : Name, EC.message());
    std::sort(Children.begin(), Children.end());
    Folders.push_back(Id);
    for (const std::string &Child : Children) {
      llvm::SmallString<256> ChildPath(Path);
      path::append(ChildPath, Child);
      entry(ChildPath.str().str(), Name.empty() ? Child : Name + "/" + Child, Folders);
    }
    Folders.pop_back();
  }

  void refuse(const std::string &Name, std::string Why) {
    L.Unreadable = Name;
    L.Why = std::move(Why);
  }
};

/// The files of a folder (entries named relative to it) or of a single file
/// (one entry, its own name), sorted by name.
Listing listAsset(const std::string &Path, bool SkipNodeModules = false) {
  Walker W;
  W.SkipNodeModules = SkipNodeModules;
  std::vector<fs::UniqueID> Folders;
  if (fs::is_directory(Path)) {
    fs::UniqueID Id;
    if (std::error_code EC = fs::getUniqueID(Path, Id))
      W.refuse(".", EC.message());
    else
      W.folder(Path, "", Id, Folders);
  } else {
    W.entry(Path, path::filename(Path).str(), Folders);
  }
  std::sort(W.L.Files.begin(), W.L.Files.end(),
            [](const ir::AssetFile &A, const ir::AssetFile &B) { return A.Name < B.Name; });
  return std::move(W.L);
}

/// "; the largest part is 'node_modules' (180000000 bytes)" for a folder of
/// several parts, else "".
std::string largestPart(const Listing &L) {
  if (L.TopLevelBytes.size() < 2)
    return "";
  auto Largest = std::max_element(L.TopLevelBytes.begin(), L.TopLevelBytes.end(),
                                  [](const auto &A, const auto &B) { return A.second < B.second; });
  return "; the largest part is '" + Largest->first + "' (" + std::to_string(Largest->second) + " bytes)";
}

} // namespace

/// Why Name is no S3 bucket name (the rules for new buckets), or "".
static std::string bucketNameProblem(llvm::StringRef Name) {
  if (Name.size() < 3 || Name.size() > 63)
    return "an S3 bucket name is 3 to 63 characters long";
  auto Allowed = [](char C) { return llvm::isDigit(C) || (C >= 'a' && C <= 'z') || C == '.' || C == '-'; };
  if (!llvm::all_of(Name, Allowed) || !llvm::isAlnum(Name.front()) || !llvm::isAlnum(Name.back()))
    return "an S3 bucket name is lower-case letters, digits, dots and hyphens, and starts and ends "
           "with a letter or a digit";
  return "";
}

ValuePtr Evaluator::assetBucket(Origin Use) {
  if (AssetBucketRef)
    return AssetBucketRef;
  // Bound with --set or in cfc.yaml (an environment's own bucket): a
  // constant, and no parameter.
  if (auto Bound = Opts.Bindings.find(BucketParameter.str()); Bound != Opts.Bindings.end()) {
    if (std::string Problem = bucketNameProblem(Bound->second); !Problem.empty()) {
      auto Source = Opts.BindingSources.find(Bound->first);
      if (Source != Opts.BindingSources.end())
        Diags.report(Source->second.File, Source->second.Value, diag::ProjectInvalidParameter,
                     Bound->first, "'" + Bound->second + "'", Problem);
      else
        Diags.report(0, {}, diag::InvalidBinding, Bound->first, Bound->second, Problem);
    }
    AssetBucketRef = Value::string(Bound->second, Use);
    return AssetBucketRef;
  }
  // One parameter for every asset of the stack, as SAM's --s3-bucket: the
  // bucket is the deployer's (per account and region), not the stack's.
  ir::Parameter P;
  P.LogicalId = claimLogicalId(BucketParameter.str(), Use,
                               "parameter 'AssetBucket' (the bucket asset() packages are uploaded to)");
  P.Type = "String";
  P.Description = "The S3 bucket holding this stack's assets: before deploying, upload the "
                  "assets folder cfc build writes next to the template "
                  "(aws s3 sync DIR/assets s3://BUCKET/assets)";
  P.MinLength = 3;
  P.MaxLength = 63;
  P.Attributes = Value::object(
      {{"AllowedPattern", Value::string("^[a-z0-9][a-z0-9.-]*[a-z0-9]$", Use)},
       {"ConstraintDescription",
        Value::string("an S3 bucket name: lower-case letters, digits, dots and hyphens", Use)}},
      Use);
  P.Where = Use;
  Out.Parameters.push_back(std::move(P));
  AssetBucketRef = Value::intrinsic("Ref", {Value::string(BucketParameter.str(), Use)},
                                    ir::DeployType::String, Use, /*Single=*/true);
  return AssetBucketRef;
}

namespace {

/// The language server lowers the stack again after every edit: reading
/// and hashing a large asset each time (0.5 s for 100 MB) would lag the
/// editor. A listing whose files all have the names, sizes, modes and
/// modification times they had last time keeps its key, so an edit costs
/// one stat per file. Process-wide, as the server's analyses are separate
/// Evaluators (possibly on other threads); `cfc build` checks the key
/// against the files again when it zips them (CFC4107).
class KeyCache {
public:
  static std::string signature(const Listing &L) {
    std::string S;
    for (const ir::AssetFile &F : L.Files)
      S += F.Name + '\0' + std::to_string(F.Size) + '\0' + (F.Executable ? "x" : "-") +
           std::to_string(L.Stamps.at(F.Name)) + '\n';
    return S;
  }
  static std::string find(const std::string &Path, const std::string &Signature) {
    std::lock_guard<std::mutex> Lock(M);
    auto It = Keys.find(Path);
    return It != Keys.end() && It->second.first == Signature ? It->second.second : "";
  }
  static void remember(const std::string &Path, std::string Signature, std::string Key) {
    std::lock_guard<std::mutex> Lock(M);
    arena::Permanent Shared; // Kept for every stack of the run.
    Keys[Path] = {Signature, Key};
  }

private:
  static inline std::mutex M;
  /// By the asset's resolved path: at most one entry per asset path used.
  static inline std::map<std::string, std::pair<std::string, std::string>> Keys;
};

} // namespace

/// The key of a listed asset, reading every file; "" after a diagnostic.
static std::string hashAsset(const Listing &L, const std::string &Shown, Origin O,
                             DiagnosticEngine &Diags) {
  ir::AssetDigest Digest;
  for (const ir::AssetFile &F : L.Files) {
    auto Buffer = llvm::MemoryBuffer::getFile(F.Path, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!Buffer) {
      Diags.report(O.File, O.Range, diag::AssetUnreadable, F.Name, Shown, Buffer.getError().message());
      return "";
    }
    Digest.addFile(F.Name, F.Executable, (*Buffer)->getBuffer());
  }
  return Digest.key();
}

/// The options of asset(path, {bundle: "esbuild", ...}); false after a
/// diagnostic. Unknown keys are refused: a misspelled `sourceMap` would
/// otherwise be ignored.
static bool readBundleOptions(const Value &V, BundleRequest &R, DiagnosticEngine &Diags, FileId File,
                              SourceRange Range) {
  const char *Wanted = "{bundle: \"esbuild\", entry?: string, sourceMap?: bool, target?: string}";
  auto Refuse = [&]() {
    Diags.report(File, Range, diag::TypeMismatch, "argument 2 of 'asset'", Wanted, describe(V));
    return false;
  };
  if (V.kind() != Value::Kind::Object)
    return Refuse();
  ValuePtr Bundle = V.field("bundle");
  if (!Bundle || Bundle->kind() != Value::Kind::String || Bundle->text() != "esbuild")
    return Refuse();
  for (const auto &F : V.fields()) {
    const ValuePtr &X = F.second;
    if (F.first == "entry" && X->kind() == Value::Kind::String)
      R.Entry = X->text();
    else if (F.first == "sourceMap" && X->kind() == Value::Kind::Bool)
      R.SourceMap = X->asBool();
    else if (F.first == "target" && X->kind() == Value::Kind::String)
      R.Target = X->text();
    else if (F.first != "bundle" && X->kind() != Value::Kind::None)
      return Refuse();
  }
  return true;
}

ValuePtr Evaluator::evalAsset(const ast::Call *E, const std::vector<ValuePtr> &Args, FileId File) {
  Origin O = at(File, E);
  if (Args.size() != 1 && Args.size() != 2) {
    Diags.report(File, E->range(), diag::WrongArgumentCount, "asset", "a path and optionally {bundle: \"esbuild\"}",
                 Args.size());
    return nullptr;
  }
  std::optional<BundleRequest> Bundle;
  if (Args.size() == 2) {
    Bundle.emplace();
    if (!readBundleOptions(*Args[1], *Bundle, Diags, File, E->Args[1]->range()))
      return nullptr;
  }
  SourceRange ArgRange = E->Args[0]->range();
  const ValuePtr &Arg = Args[0];
  if (Arg->kind() == Value::Kind::Intrinsic && Arg->deployType() == ir::DeployType::String) {
    Diags.report(File, ArgRange, diag::NeedsCompileTime, "the path of 'asset'",
                 "cfc reads the files when it builds the stack (a literal, a let or a loop variable)");
    return nullptr;
  }
  if (Arg->kind() != Value::Kind::String) {
    Diags.report(File, ArgRange, diag::TypeMismatch, "argument 1 of 'asset'", "a path (a string)",
                 describe(*Arg));
    return nullptr;
  }
  const std::string &Written = Arg->text();
  if (!Opts.ReadAssets) {
    Diags.report(File, ArgRange, diag::CannotReadFile, Written,
                 "this compilation is hermetic: asset() reads no files");
    return nullptr;
  }
  // The literal as written, when the path is one: fixes replace it.
  bool IsLiteral = SM.text(File).slice(ArgRange.Begin, ArgRange.End) == "\"" + Written + "\"";
  llvm::SmallString<256> Base(path::parent_path(SM.name(File)));
  if (path::is_absolute(Written)) {
    auto Diag = Diags.report(File, ArgRange, diag::AssetAbsolutePath, Written);
    llvm::SmallString<256> AbsoluteBase(Base);
    llvm::StringRef Rest = Written;
    // make_absolute("") is the working folder with a '/' after it.
    if (IsLiteral && !fs::make_absolute(AbsoluteBase) &&
        Rest.consume_front(llvm::StringRef(AbsoluteBase).rtrim('/')) && Rest.consume_front("/") &&
        !Rest.empty())
      Diag.fix("make it relative", ArgRange, "\"./" + Rest.str() + "\"");
    return nullptr;
  }
  llvm::SmallString<256> Resolved(Base);
  path::append(Resolved, Written);
  path::remove_dots(Resolved, /*remove_dot_dot=*/true);
  std::string Path = Resolved.empty() ? "." : Resolved.str().str();

  if (Bundle) {
    // The bundle, made from the folder, is the asset.
    Path = bundleAsset(Written, Path, *Bundle, ArgRange, O);
    if (Path.empty())
      return nullptr;
  }
  auto Known = AssetKeys.find(Path);
  if (Known == AssetKeys.end()) {
    std::string Key = packageAsset(Written, Path, IsLiteral, ArgRange, O);
    if (Key.empty())
      return nullptr;
    Known = AssetKeys.emplace(Path, Key).first;
  }
  return Value::object({{"bucket", assetBucket(O)}, {"key", Value::string(Known->second, O)}}, O);
}

std::string Evaluator::packageAsset(const std::string &Written, const std::string &Path, bool IsLiteral,
                                    SourceRange ArgRange, Origin O) {
  if (Written.empty() || !fs::exists(Path)) {
    // A near name in the folder it should be in is most likely the one meant.
    std::vector<std::string> Siblings;
    std::error_code EC;
    llvm::StringRef Parent = path::parent_path(Path);
    for (fs::directory_iterator It(Parent.empty() ? "." : Parent, EC), End; It != End && !EC; It.increment(EC))
      Siblings.push_back(path::filename(It->path()).str());
    std::sort(Siblings.begin(), Siblings.end());
    std::string Best = Written.empty() ? "" : closest(path::filename(Path), Siblings);
    std::string Hint = !Best.empty()        ? "; did you mean '" + Best + "'?"
                       : Written.empty()    ? "; name a folder or a file, such as \"./handlers\""
                                            : "; paths are relative to the file that calls asset()";
    auto Diag = Diags.report(O.File, ArgRange, diag::AssetNotFound, Written, Path, Hint);
    if (!Best.empty() && IsLiteral) {
      std::string Folder = path::parent_path(Written).str();
      Diag.fix("did you mean '" + Best + "'?", ArgRange, "\"" + (Folder.empty() ? "" : Folder + "/") + Best + "\"");
    }
    return "";
  }
  Listing L = listAsset(Path);
  if (!L.Unreadable.empty()) {
    Diags.report(O.File, ArgRange, diag::AssetUnreadable, L.Unreadable, Written, L.Why);
    return "";
  }
  if (L.TooManyFiles) {
    Diags.report(O.File, ArgRange, diag::AssetTooManyFiles, Written, ir::limits::AssetFiles.Value);
    return "";
  }
  if (L.Files.empty()) {
    Diags.report(O.File, ArgRange, diag::AssetEmpty, Written);
    return "";
  }
  if (L.Bytes > ir::limits::AssetBytes.Value) {
    Diags.report(O.File, ArgRange, diag::AssetTooLarge, Written, L.Bytes, ir::limits::AssetBytes.Value,
                 largestPart(L));
    return "";
  }
  std::string Signature = KeyCache::signature(L);
  std::string Key = KeyCache::find(Path, Signature);
  if (Key.empty()) {
    Key = hashAsset(L, Written, O, Diags);
    if (Key.empty())
      return "";
    KeyCache::remember(Path, std::move(Signature), Key);
  }
  // Two paths to the same content are one asset: one zip, one key.
  bool Seen = std::any_of(Out.Assets.begin(), Out.Assets.end(),
                          [&](const ir::Asset &A) { return A.Key == Key; });
  if (!Seen)
    Out.Assets.push_back({Key, Written, std::move(L.Files), L.Bytes, O});
  return Key;
}

std::string Evaluator::bundleAsset(const std::string &Written, const std::string &Path, BundleRequest &R,
                                   SourceRange ArgRange, Origin O) {
  if (!fs::exists(Path))
    return packageAsset(Written, Path, false, ArgRange, O), ""; // CFC4101 with its did-you-mean.
  Listing Sources = listAsset(Path, /*SkipNodeModules=*/true);
  if (!Sources.Unreadable.empty()) {
    Diags.report(O.File, ArgRange, diag::AssetUnreadable, Sources.Unreadable, Written, Sources.Why);
    return "";
  }
  R.Folder = Path;
  R.Signature = KeyCache::signature(Sources);
  BundleResult B = bundleWithEsbuild(R);
  if (B.BundlerMissing) {
    Diags.report(O.File, ArgRange, diag::AssetBundlerMissing, Written);
    return "";
  }
  if (!B.Problem.empty()) {
    Diags.report(O.File, ArgRange, diag::AssetBundleFailed, Written, B.Problem);
    return "";
  }
  return B.OutDir;
}

// ---- where assets are used -------------------------------------------------------

/// Whether V holds the string Key anywhere (through objects, lists and
/// intrinsics such as a deploy-time Fn::If between two assets).
static bool holds(const Value &V, llvm::StringRef Key) {
  switch (V.kind()) {
  case Value::Kind::String:
    return V.text() == Key;
  case Value::Kind::List:
  case Value::Kind::Intrinsic:
    return llvm::any_of(V.elements(), [&](const ValuePtr &E) { return holds(*E, Key); });
  case Value::Kind::Object:
    return llvm::any_of(V.fields(), [&](const auto &F) { return holds(*F.second, Key); });
  default:
    return false;
  }
}

/// R's @attributes with Metadata keys added; keys the author set win.
static ValuePtr withMetadata(const ValuePtr &Attributes,
                             std::vector<std::pair<std::string, ValuePtr>> Added, Origin O) {
  std::vector<std::pair<std::string, ValuePtr>> Top;
  if (Attributes)
    Top = Attributes->fields();
  auto Meta = std::find_if(Top.begin(), Top.end(), [](const auto &F) { return F.first == "Metadata"; });
  if (Meta == Top.end()) {
    Top.emplace_back("Metadata", Value::object(std::move(Added), O));
  } else if (Meta->second->kind() == Value::Kind::Object) {
    std::vector<std::pair<std::string, ValuePtr>> Fields = Meta->second->fields();
    for (auto &F : Added)
      if (!Meta->second->field(F.first))
        Fields.push_back(std::move(F));
    Meta->second = Value::object(std::move(Fields), Meta->second->origin());
  }
  return Value::object(std::move(Top), Attributes ? Attributes->origin() : O);
}

void recordAssetUses(ir::Template &T) {
  for (ir::Resource &R : T.Resources) {
    if (!R.Properties)
      continue;
    // CDK's convention, which SAM CLI reads to find a function's code
    // (`sam local invoke`): the asset, relative to the template's folder, and
    // the property it fills. One per resource, the first in property order.
    for (const auto &Field : R.Properties->fields()) {
      // Not a structured binding: clang 14 cannot capture one in a lambda.
      const std::string &Property = Field.first;
      const Value &V = *Field.second;
      auto Used = std::find_if(T.Assets.begin(), T.Assets.end(),
                               [&](const ir::Asset &A) { return holds(V, A.Key); });
      if (Used == T.Assets.end())
        continue;
      R.Attributes = withMetadata(R.Attributes,
                                  {{"aws:asset:path", Value::string(Used->Key, Used->Where)},
                                   {"aws:asset:property", Value::string(Property, Used->Where)}},
                                  Used->Where);
      break;
    }
  }
}

} // namespace cfc::sema
