// Catalog — the index of the catalog file, searched in place, and the
// once-per-type decoding of its entries.
#include "Catalog/Catalog.h"

#include "Basic/ArenaScope.h"

#include "Catalog/CatalogFormat.h"
#include "Catalog/CatalogText.h"
#include "Catalog/ResourceLoader.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/ErrorHandling.h"

#include <algorithm>
#include <mutex>
#include <tuple>

namespace cfc::catalog {

/// One index entry: names and blob are views into the catalog bytes; the
/// decoded type (or why it could not be decoded) is filled in once.
struct Catalog::Entry {
  llvm::StringRef LangName;
  llvm::StringRef CfnName;
  llvm::StringRef Blob;
  uint32_t RawLength = 0;
  mutable std::once_flag Once;
  mutable std::unique_ptr<ResourceType> Type;
  mutable std::string Damage;
};

namespace {

llvm::Error malformed(const char *What) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "malformed catalog: %s", What);
}

/// The part of Area at [Offset, Offset + Length), if it lies inside Area.
bool slice(llvm::StringRef Area, uint32_t Offset, uint32_t Length, llvm::StringRef &Out) {
  if (Offset > Area.size() || Length > Area.size() - Offset)
    return false;
  Out = Area.substr(Offset, Length);
  return true;
}

} // namespace

Catalog::Catalog(llvm::StringRef Bytes) : Bytes(Bytes) {}
Catalog::~Catalog() = default;

llvm::Expected<std::unique_ptr<Catalog>> Catalog::fromBuffer(llvm::StringRef Bytes) {
  std::unique_ptr<Catalog> C(new Catalog(Bytes));
  if (llvm::Error E = C->readIndex())
    return E;
  return C;
}

llvm::Error Catalog::readIndex() {
  namespace F = format;
  if (Bytes.size() < F::HeaderSize ||
      !Bytes.startswith(llvm::StringRef(F::Magic, sizeof(F::Magic))))
    return malformed("not a catalog file, or one of another format version");
  auto Header = [&](F::HeaderWord W) {
    return F::readWord(Bytes.data() + sizeof(F::Magic) + 4 * W);
  };
  Count = Header(F::Count);
  // Checked before anything is allocated for Count entries.
  uint64_t IndexSize = uint64_t(Count) * F::IndexEntrySize;
  llvm::StringRef Index;
  if (IndexSize > Bytes.size() ||
      !slice(Bytes, Header(F::IndexOffset), static_cast<uint32_t>(IndexSize), Index) ||
      !slice(Bytes, Header(F::StringsOffset), Header(F::StringsSize), Strings) ||
      !slice(Bytes, Header(F::BlobsOffset), Header(F::BlobsSize), Blobs) ||
      !slice(Strings, Header(F::PackageOffset), Header(F::PackageLength), Package) ||
      !slice(Strings, Header(F::VersionOffset), Header(F::VersionLength), Version))
    return malformed("an area lies outside the file");
  Entries.reset(new Entry[Count]);
  for (size_t I = 0; I < Count; ++I) {
    const char *Words = Index.data() + I * F::IndexEntrySize;
    auto Word = [&](F::IndexWord W) { return F::readWord(Words + 4 * W); };
    Entry &E = Entries[I];
    E.RawLength = Word(F::RawLength);
    if (!slice(Strings, Word(F::LangNameOffset), Word(F::LangNameLength), E.LangName) ||
        !slice(Strings, Word(F::CfnNameOffset), Word(F::CfnNameLength), E.CfnName) ||
        !slice(Blobs, Word(F::BlobOffset), Word(F::BlobLength), E.Blob))
      return malformed("an index entry points outside the file");
    // Binary search depends on it.
    if (I > 0 && !(Entries[I - 1].LangName < E.LangName))
      return malformed("the index is not sorted");
  }
  return llvm::Error::success();
}

const Catalog &Catalog::builtin() {
  // The bytes come from CatalogData.S, which includes the generated file.
  extern const char cfc_catalog_data[] asm("cfc_catalog_data");
  extern const char cfc_catalog_data_end[] asm("cfc_catalog_data_end");
  static const Catalog *Builtin = [] {
    llvm::StringRef Bytes(cfc_catalog_data, cfc_catalog_data_end - cfc_catalog_data);
    llvm::Expected<std::unique_ptr<Catalog>> C = fromBuffer(Bytes);
    if (!C) // A build defect, not an input error: the tests load it.
      llvm::report_fatal_error(C.takeError(), /*GenCrashDiag=*/false);
    return C->release();
  }();
  return *Builtin;
}

const Catalog::Entry *Catalog::find(llvm::StringRef LangName) const {
  const Entry *Begin = Entries.get(), *End = Entries.get() + Count;
  const Entry *It = std::lower_bound(
      Begin, End, LangName, [](const Entry &E, llvm::StringRef Name) { return E.LangName < Name; });
  return It != End && It->LangName == LangName ? It : nullptr;
}

/// Whether Name holds "::" (a CloudFormation name): StringRef::contains
/// sets up a substring search, which cost more than the lookup it guards.
static bool hasDoubleColon(llvm::StringRef Name) {
  for (size_t I = Name.find(':'); I != llvm::StringRef::npos; I = Name.find(':', I + 1))
    if (I + 1 < Name.size() && Name[I + 1] == ':')
      return true;
  return false;
}

const Catalog::Entry *Catalog::findEither(llvm::StringRef Name) const {
  if (!hasDoubleColon(Name))
    return find(Name);
  std::lock_guard<std::mutex> Guard(CfnNamesLock);
  if (auto It = CfnNames.find(Name); It != CfnNames.end())
    return It->second;
  arena::Permanent Shared; // Kept for every stack of the run.
  const Entry *E = find(languageName(Name));
  // "AWS::S3::bucket" maps to a real language name but is not a real type.
  if (!E || E->CfnName != Name)
    return nullptr;
  CfnNames[Name] = E; // Only real types: at most one entry per type.
  return E;
}

bool Catalog::contains(llvm::StringRef Name) const { return findEither(Name) != nullptr; }

llvm::Expected<const ResourceType *> Catalog::load(llvm::StringRef Name) const {
  const Entry *E = findEither(Name);
  if (!E)
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "unknown resource type '%s'",
                                   Name.str().c_str());
  std::call_once(E->Once, [&] {
    arena::Permanent Shared; // Decoded once for every stack of the run.
    llvm::Expected<std::unique_ptr<ResourceType>> R =
        decodeResource(E->LangName, E->CfnName, E->Blob, E->RawLength);
    if (!R) {
      E->Damage = llvm::toString(R.takeError());
      return;
    }
    E->Type = std::move(*R);
    Loaded.fetch_add(1, std::memory_order_relaxed);
  });
  if (!E->Type)
    return llvm::createStringError(llvm::inconvertibleErrorCode(), E->Damage);
  return E->Type.get();
}

const ResourceType *Catalog::lookup(llvm::StringRef Name) const {
  llvm::Expected<const ResourceType *> R = load(Name);
  if (!R) {
    llvm::consumeError(R.takeError());
    return nullptr;
  }
  return *R;
}

const StructType *Catalog::lookupStruct(llvm::StringRef QualifiedName) const {
  auto [Owner, Name] = QualifiedName.rsplit('.');
  if (Name.empty() || Owner.empty())
    return nullptr;
  const ResourceType *R = lookup(Owner);
  return R ? R->findStruct(Name) : nullptr;
}

std::vector<llvm::StringRef> Catalog::typeNames() const {
  std::vector<llvm::StringRef> Names;
  Names.reserve(Count);
  for (size_t I = 0; I < Count; ++I)
    Names.push_back(Entries[I].LangName);
  return Names;
}

size_t Catalog::size() const { return Count; }
llvm::StringRef Catalog::specPackage() const { return Package; }
llvm::StringRef Catalog::specVersion() const { return Version; }
size_t Catalog::loadedCount() const { return Loaded.load(std::memory_order_relaxed); }

std::string Catalog::languageName(llvm::StringRef CfnType) {
  llvm::SmallVector<llvm::StringRef, 3> Parts;
  CfnType.split(Parts, "::");
  if (Parts.size() != 3 || llvm::any_of(Parts, [](llvm::StringRef P) { return P.empty(); }))
    return "";
  return Parts[0].lower() + "." + Parts[1].lower() + "." + Parts[2].str();
}

/// The last N dot-separated parts of Name ("s3.bucket" for N = 2).
static llvm::StringRef lastParts(llvm::StringRef Name, size_t N) {
  size_t Cut = Name.size();
  for (size_t I = 0; I < N; ++I) {
    size_t Dot = Name.rfind('.', Cut);
    if (Dot == llvm::StringRef::npos || Dot == 0)
      return Name;
    Cut = Dot - 1;
    if (I + 1 == N)
      return Name.substr(Dot + 1);
  }
  return Name;
}

/// How unlike the type name Candidate is to Wanted (a language name, or its
/// last parts), or empty if too unlike to suggest.
static std::optional<unsigned> nameUnlikeness(llvm::StringRef Wanted, llvm::StringRef Candidate) {
  size_t Dots = Wanted.count('.');
  if (Dots < 2) // "Bucket" or "s3.Bucket": compared with as many trailing parts.
    return unlikeness(Wanted, lastParts(Candidate, Dots + 1));
  // Within the service asked for, only the type name counts, so that
  // "aws.s3.Policy" finds BucketPolicy rather than aws.fms.Policy.
  auto [WantedScope, WantedType] = Wanted.rsplit('.');
  auto [Scope, Type] = Candidate.rsplit('.');
  if (WantedScope.equals_insensitive(Scope))
    return unlikeness(WantedType, Type);
  if (std::optional<unsigned> Score = unlikeness(Wanted, Candidate))
    return *Score + 1;
  return std::nullopt;
}

std::vector<std::string> Catalog::closestNames(llvm::StringRef Name, unsigned Max) const {
  // No type name comes near this length; nothing longer can be a slip.
  if (Name.size() > 256)
    return {};
  std::string Wanted = Name.contains("::") ? languageName(Name) : Name.str();
  if (Wanted.empty())
    Wanted = Name.str();
  // Closest first; then the shorter, so "Policy" suggests BucketPolicy
  // before BucketPolicyStatement; then by name, to be deterministic.
  std::vector<std::tuple<unsigned, size_t, llvm::StringRef>> Scored;
  for (size_t I = 0; I < Count; ++I) {
    llvm::StringRef Candidate = Entries[I].LangName;
    if (std::optional<unsigned> Score = nameUnlikeness(Wanted, Candidate))
      Scored.emplace_back(*Score, Candidate.size(), Candidate);
  }
  std::sort(Scored.begin(), Scored.end());
  std::vector<std::string> Out;
  for (size_t I = 0; I < Scored.size() && I < Max; ++I)
    Out.push_back(std::get<2>(Scored[I]).str());
  return Out;
}

} // namespace cfc::catalog
