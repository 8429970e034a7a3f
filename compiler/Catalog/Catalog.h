// Catalog — every CloudFormation resource type cfc knows, generated at build
// time from the pinned AWS resource specification and embedded in the cfc
// binary (docs/catalog.md). Lookups are lazy: the index is searched in place
// and only the types asked for are decoded, once each, so a stack that uses
// ten types pays for ten, not for the 1,800 in the catalog. Safe to share
// between threads (the language server looks types up from several).
#pragma once

#include "Catalog/ResourceType.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace cfc::catalog {

class Catalog {
public:
  /// The catalog embedded in this binary. Built on first use (which costs
  /// only a check of the header and index); never destroyed.
  static const Catalog &builtin();

  /// A catalog over the bytes of a catalog file (CatalogFormat.h), which
  /// must outlive it. Fails if the header or index is malformed; a blob is
  /// checked only when its type is first looked up.
  static llvm::Expected<std::unique_ptr<Catalog>> fromBuffer(llvm::StringRef Bytes);

  Catalog(const Catalog &) = delete;
  Catalog &operator=(const Catalog &) = delete;
  ~Catalog();

  /// The type named Name, in the language's spelling ("aws.s3.Bucket") or
  /// CloudFormation's ("AWS::S3::Bucket"); null if there is none (or if its
  /// entry is damaged, which the tests rule out for the builtin catalog).
  const ResourceType *lookup(llvm::StringRef Name) const;

  /// Like lookup, but says why there is no type: an unknown name, or an
  /// entry that cannot be decoded.
  llvm::Expected<const ResourceType *> load(llvm::StringRef Name) const;

  /// A struct type by qualified name ("aws.s3.Bucket.LifecycleConfiguration"),
  /// or null.
  const StructType *lookupStruct(llvm::StringRef QualifiedName) const;

  /// Whether Name is a type of this catalog, without decoding it.
  bool contains(llvm::StringRef Name) const;

  /// Every type's language name, sorted; the strings live as long as the
  /// catalog.
  std::vector<llvm::StringRef> typeNames() const;

  /// Number of resource types.
  size_t size() const;

  /// The specification the catalog was generated from:
  /// "@aws-cdk/aws-service-spec" and its version ("0.1.216").
  llvm::StringRef specPackage() const;
  llvm::StringRef specVersion() const;

  /// Up to Max type names that Name may have been meant as, best first, for
  /// "did you mean" (case slips, a missing service, a near spelling). Empty
  /// when nothing is close.
  std::vector<std::string> closestNames(llvm::StringRef Name, unsigned Max) const;

  /// The catalog file this catalog reads (to open a second, independent
  /// catalog over the same bytes, as the laziness tests do).
  llvm::StringRef bytes() const { return Bytes; }

  /// How many types have been decoded so far (the laziness tests use it).
  size_t loadedCount() const;

  /// The language name of a CloudFormation type name: the vendor and the
  /// service lower-cased, the type kept ("AWS::EC2::VPC" -> "aws.ec2.VPC",
  /// "Alexa::ASK::Skill" -> "alexa.ask.Skill"). Empty if CfnType is not
  /// of the form A::B::C.
  static std::string languageName(llvm::StringRef CfnType);

private:
  struct Entry;
  explicit Catalog(llvm::StringRef Bytes);
  llvm::Error readIndex();
  const Entry *find(llvm::StringRef LangName) const;
  /// The entry of Name in either spelling, or null.
  const Entry *findEither(llvm::StringRef Name) const;

  llvm::StringRef Bytes;
  llvm::StringRef Strings;
  llvm::StringRef Blobs;
  llvm::StringRef Package;
  llvm::StringRef Version;
  std::unique_ptr<Entry[]> Entries;
  size_t Count = 0;
  mutable std::atomic<size_t> Loaded{0};
  /// CloudFormation names already found, with their entries. Sema looks a resource's type up by that name several times per
  /// resource; converting the name and searching the index each time cost
  /// as much as decoding the types.
  mutable std::mutex CfnNamesLock;
  mutable llvm::StringMap<const Entry *> CfnNames;
};

} // namespace cfc::catalog
