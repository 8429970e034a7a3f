// CatalogGen — turns the AWS resource specification (the db.json.gz of the
// npm package @aws-cdk/aws-service-spec) into cfc's compact catalog file
// (layout: compiler/Catalog/CatalogFormat.h; blob keys: docs/catalog.md).
// Runs at build time; a failure stops the build with a message, because a
// catalog that silently lost types would make every later error wrong.
//
//   cfc-catalog-gen --db DB.json.gz --package PACKAGE.json --pin PIN.json
//                   --constraints CONSTRAINTS.json --sam SAM.json -o OUT
//
// PACKAGE.json is the installed package's own manifest (its name and version
// go into the catalog); PIN.json is tools/catalog/package.json, whose pinned
// version must match, so a stale node_modules cannot slip through.
// CONSTRAINTS.json is tools/catalog/constraints.json, the value constraints
// of AWS's provider schemas (made by constraints-gen.py, which the spec
// package lacks); they are attached to the properties of the same name.
// SAM.json (--sam) holds SAM's resource types as the SAM translator defines
// them (made by sam-spec-gen.py, in the spec's form); they replace the
// spec's own AWS::Serverless::* entries, which type every event as S3's.
#include "Catalog/CatalogFormat.h"

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using nlohmann::json;
using nlohmann::ordered_json;
namespace format = cfc::catalog::format;

namespace {

/// Everything that stops generation; caught once in main.
struct GenError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const char *const SpecPackage = "@aws-cdk/aws-service-spec";

std::string readGzip(const std::string &Path) {
  gzFile File = gzopen(Path.c_str(), "rb");
  if (!File)
    throw GenError("cannot open " + Path);
  std::string Text;
  char Buffer[1 << 16];
  int Read;
  while ((Read = gzread(File, Buffer, sizeof(Buffer))) > 0)
    Text.append(Buffer, static_cast<size_t>(Read));
  bool Failed = Read < 0;
  gzclose(File);
  if (Failed)
    throw GenError("cannot decompress " + Path);
  return Text;
}

json readJsonFile(const std::string &Path) {
  std::ifstream In(Path);
  if (!In)
    throw GenError("cannot open " + Path);
  return json::parse(In);
}

/// The version of the installed package, checked against the pin.
std::string checkedVersion(const json &Package, const json &Pin) {
  if (Package.value("name", "") != SpecPackage)
    throw GenError(std::string("the package manifest is not ") + SpecPackage);
  std::string Installed = Package.at("version").get<std::string>();
  std::string Pinned = Pin.at("dependencies").at(SpecPackage).get<std::string>();
  if (Installed != Pinned)
    throw GenError("tools/catalog/node_modules holds " + std::string(SpecPackage) + " " +
                   Installed + " but tools/catalog/package.json pins " + Pinned +
                   "; run tools/setup (or npm ci --prefix tools/catalog)");
  return Installed;
}

std::string lower(std::string S) {
  std::transform(S.begin(), S.end(), S.begin(), [](unsigned char C) { return std::tolower(C); });
  return S;
}

/// "AWS::S3::Bucket" -> "aws.s3.Bucket" (the rule of docs/catalog.md; the
/// reader has the same function, Catalog::languageName).
std::string languageName(const std::string &CfnType) {
  size_t First = CfnType.find("::");
  size_t Second = First == std::string::npos ? First : CfnType.find("::", First + 2);
  if (Second == std::string::npos || CfnType.find("::", Second + 2) != std::string::npos ||
      First == 0 || Second == First + 2 || Second + 2 == CfnType.size())
    throw GenError("unexpected resource type name '" + CfnType + "'");
  return lower(CfnType.substr(0, First)) + "." +
         lower(CfnType.substr(First + 2, Second - First - 2)) + "." + CfnType.substr(Second + 2);
}

/// One resource type being encoded: the type definitions it uses, in the
/// order of the blob's "structs" array (sorted by name).
class ResourceEncoder {
public:
  /// Limits: the resource's entry in the constraint table (owner name, ""
  /// for the resource itself, to {props, rules}), or null.
  ResourceEncoder(const json &Resource, const std::map<std::string, const json *> &Definitions,
                  const json *Limits)
      : Resource(Resource), Definitions(Definitions), Limits(Limits) {}

  /// How many properties got constraints, and how many owners and
  /// properties of the table found nothing to attach to here.
  unsigned Attached = 0, Unmatched = 0;

  ordered_json encode() {
    collectStructs();
    ordered_json Blob;
    Blob["doc"] = Resource.value("documentation", "");
    Blob["id"] = Resource.value("primaryIdentifier", json::array());
    if (Resource.contains("tagInformation"))
      Blob["tags"] = Resource["tagInformation"].value("tagPropertyName", "");
    Blob["props"] = encodeProperties(Resource.at("properties"), "");
    if (const json *Rules = ownerRules(""))
      Blob["rules"] = *Rules;
    if (const json *O = owner(""); O && O->contains("conds"))
      Blob["conds"] = encodeConditionals((*O)["conds"]);
    Blob["attrs"] = encodeAttributes(Resource.value("attributes", json::object()));
    ordered_json Structs = ordered_json::array();
    for (const auto &[Name, Id] : StructOrder) {
      const json &Def = *Definitions.at(Id);
      ordered_json S;
      S["name"] = Name;
      S["doc"] = Def.value("documentation", "");
      S["props"] = encodeProperties(Def.at("properties"), Name);
      if (const json *Rules = ownerRules(Name))
        S["rules"] = *Rules;
      Structs.push_back(std::move(S));
    }
    Blob["structs"] = std::move(Structs);
    countUnmatched();
    return Blob;
  }

private:
  static void collectRefs(const json &Type, std::vector<std::string> &Out) {
    if (Type.at("type") == "ref")
      Out.push_back(Type.at("reference").at("$ref").get<std::string>());
    if (Type.contains("element"))
      collectRefs(Type["element"], Out);
    for (const json &Member : Type.value("types", json::array()))
      collectRefs(Member, Out);
  }

  /// Every definition reachable from the properties and attributes; names
  /// must be unique within one resource, since that is how cfc spells them.
  void collectStructs() {
    std::vector<std::string> Pending;
    for (const char *Field : {"properties", "attributes"}) {
      json Members = Resource.value(Field, json::object());
      for (const auto &[Name, Prop] : Members.items())
        collectRefs(Prop.at("type"), Pending);
    }
    std::set<std::string> Seen;
    while (!Pending.empty()) {
      std::string Id = Pending.back();
      Pending.pop_back();
      if (!Seen.insert(Id).second)
        continue;
      auto It = Definitions.find(Id);
      if (It == Definitions.end())
        throw GenError("dangling type reference " + Id);
      std::string Name = It->second->at("name").get<std::string>();
      if (!StructOrder.emplace(Name, Id).second)
        throw GenError("two type definitions named '" + Name + "'");
      for (const auto &[PropName, Prop] : It->second->at("properties").items())
        collectRefs(Prop.at("type"), Pending);
    }
    unsigned Index = 0;
    for (const auto &[Name, Id] : StructOrder)
      StructIndex[Id] = Index++;
  }

  ordered_json encodeType(const json &Type) const {
    std::string Kind = Type.at("type").get<std::string>();
    if (Kind == "array" || Kind == "map")
      return {{Kind == "array" ? "list" : "map", encodeType(Type.at("element"))}};
    if (Kind == "ref")
      return {{"struct", StructIndex.at(Type.at("reference").at("$ref").get<std::string>())}};
    if (Kind == "union") {
      ordered_json Members = ordered_json::array();
      for (const json &Member : Type.at("types"))
        Members.push_back(encodeType(Member));
      return {{"union", std::move(Members)}};
    }
    static const std::set<std::string> Scalars = {"string", "integer",   "number", "boolean",
                                                  "json",   "date-time", "tag"};
    if (!Scalars.count(Kind))
      throw GenError("unknown property type '" + Kind + "'");
    if (!Type.contains("allowedValues"))
      return Kind;
    ordered_json Values = ordered_json::array();
    for (const json &V : Type["allowedValues"])
      Values.push_back(V.is_string() ? V.get<std::string>() : V.dump());
    return {{Kind, std::move(Values)}};
  }

  /// The constraint table's entry for an owner ("" the resource, or a
  /// struct's name), or null.
  const json *owner(const std::string &Owner) const {
    if (!Limits || !Limits->contains(Owner))
      return nullptr;
    return &(*Limits)[Owner];
  }

  const json *ownerRules(const std::string &Owner) const {
    const json *O = owner(Owner);
    return O && O->contains("rules") ? &(*O)["rules"] : nullptr;
  }

  /// A constraint tree as the blob holds it: bounds as JSON number text
  /// (the reader needs no CBOR floats or negative integers), the rest as
  /// the table has it.
  static ordered_json encodeLimits(const json &C) {
    ordered_json Out;
    for (const auto &[Key, V] : C.items()) {
      if (Key == "min" || Key == "max")
        Out[Key] = V.dump();
      else if (Key == "items" || Key == "values")
        Out[Key] = encodeLimits(V);
      else
        Out[Key] = V;
    }
    return Out;
  }

  /// cfn-lint's conditional rules; each schema as JSON text, which the
  /// compiler parses only for a resource that has the type.
  static ordered_json encodeConditionals(const json &Conds) {
    ordered_json Out = ordered_json::array();
    for (const json &C : Conds)
      Out.push_back({{"id", C.at("id")},
                     {"file", C.at("file")},
                     {"path", C.at("path")},
                     {"description", C.value("description", "")},
                     {"schema", C.at("schema").dump()}});
    return Out;
  }

  /// Table entries (owners, properties) with no such struct or property in
  /// the specification: the two sources disagree on a name.
  void countUnmatched() {
    if (!Limits)
      return;
    for (const auto &[Owner, Entry] : Limits->items()) {
      const json *Props = nullptr;
      if (Owner.empty())
        Props = &Resource.at("properties");
      else if (auto It = StructOrder.find(Owner); It != StructOrder.end())
        Props = &Definitions.at(It->second)->at("properties");
      const json Named = Entry.value("props", json::object());
      if (!Props) {
        Unmatched += static_cast<unsigned>(Named.size() + (Entry.contains("rules") ? 1 : 0));
        continue;
      }
      for (const auto &[Name, C] : Named.items())
        Unmatched += Props->contains(Name) ? 0 : 1;
    }
  }

  ordered_json encodeProperty(const std::string &Name, const json &Prop, const std::string &Owner) {
    ordered_json P;
    P["name"] = Name;
    P["type"] = encodeType(Prop.at("type"));
    if (Prop.value("required", false))
      P["req"] = true;
    if (Prop.contains("causesReplacement") && Prop["causesReplacement"] != "no")
      P["repl"] = Prop["causesReplacement"];
    if (Prop.contains("deprecated"))
      P["deprecated"] = true;
    if (Prop.contains("defaultValue"))
      P["default"] = Prop["defaultValue"].is_string() ? Prop["defaultValue"].get<std::string>()
                                                      : Prop["defaultValue"].dump();
    if (Prop.contains("relationshipRefs")) {
      ordered_json Rels = ordered_json::array();
      for (const json &R : Prop["relationshipRefs"])
        Rels.push_back({R.at("cloudFormationType"), R.at("propertyName")});
      P["rels"] = std::move(Rels);
    }
    if (Prop.contains("documentation"))
      P["doc"] = Prop["documentation"];
    if (const json *O = owner(Owner); O && O->contains("props") && (*O)["props"].contains(Name)) {
      P["c"] = encodeLimits((*O)["props"][Name]);
      ++Attached;
    }
    return P;
  }

  /// Sorted by name: the spec's order is the order it was scraped in.
  ordered_json encodeProperties(const json &Props, const std::string &Owner) {
    std::map<std::string, const json *> Sorted;
    for (const auto &[Name, Prop] : Props.items())
      Sorted[Name] = &Prop;
    ordered_json Out = ordered_json::array();
    for (const auto &[Name, Prop] : Sorted)
      Out.push_back(encodeProperty(Name, *Prop, Owner));
    return Out;
  }

  ordered_json encodeAttributes(const json &Attrs) const {
    std::map<std::string, const json *> Sorted;
    for (const auto &[Name, Attr] : Attrs.items())
      Sorted[Name] = &Attr;
    ordered_json Out = ordered_json::array();
    for (const auto &[Name, Attr] : Sorted) {
      ordered_json A;
      A["name"] = Name;
      A["type"] = encodeType(Attr->at("type"));
      if (Attr->contains("documentation"))
        A["doc"] = (*Attr)["documentation"];
      Out.push_back(std::move(A));
    }
    return Out;
  }

  const json &Resource;
  const std::map<std::string, const json *> &Definitions;
  const json *Limits;
  std::map<std::string, std::string> StructOrder; ///< name -> definition $id
  std::map<std::string, unsigned> StructIndex;    ///< definition $id -> index
};

std::string compress(const std::string &Raw) {
  uLongf Size = compressBound(Raw.size());
  std::string Out(Size, '\0');
  if (compress2(reinterpret_cast<Bytef *>(Out.data()), &Size,
                reinterpret_cast<const Bytef *>(Raw.data()), Raw.size(), 9) != Z_OK)
    throw GenError("zlib cannot compress a blob");
  Out.resize(Size);
  return Out;
}

struct Entry {
  std::string LangName;
  std::string CfnName;
  std::string Blob;
  uint32_t RawLength = 0;
};

/// What the constraint table added to the catalog, for the summary line.
struct LimitCounts {
  unsigned Types = 0, Attached = 0, Unmatched = 0;
};

bool isSamType(const std::string &CfnName) { return CfnName.rfind("AWS::Serverless::", 0) == 0; }

/// The resources to encode: the spec's, with SAM's own definitions in place
/// of its AWS::Serverless::* entries.
std::vector<const json *> resourcesToEncode(const json &Schema, const json &Sam) {
  std::vector<const json *> Resources;
  for (const json &Resource : Schema.at("resource").at("entities"))
    if (!isSamType(Resource.at("cloudFormationType").get<std::string>()))
      Resources.push_back(&Resource);
  for (const json &Resource : Sam.at("resource")) {
    if (!isSamType(Resource.at("cloudFormationType").get<std::string>()))
      throw GenError("the SAM types hold " + Resource.at("cloudFormationType").get<std::string>());
    Resources.push_back(&Resource);
  }
  return Resources;
}

std::vector<Entry> encodeResources(const json &Db, const json &Sam, const json &Constraints,
                                   LimitCounts &Counts) {
  const json &Table = Constraints.at("types");
  const json &Schema = Db.at("schema");
  std::map<std::string, const json *> Definitions;
  for (const json &Def : Schema.at("typeDefinition").at("entities"))
    Definitions[Def.at("$id").get<std::string>()] = &Def;
  for (const json &Def : Sam.at("typeDefinition"))
    if (!Definitions.emplace(Def.at("$id").get<std::string>(), &Def).second)
      throw GenError("SAM's type definition " + Def.at("$id").get<std::string>() + " clashes with the spec's");
  std::vector<Entry> Entries;
  std::map<std::string, std::string> Owners; // language name -> CloudFormation name
  for (const json *ResourcePtr : resourcesToEncode(Schema, Sam)) {
    const json &Resource = *ResourcePtr;
    std::string CfnName = Resource.at("cloudFormationType").get<std::string>();
    std::string LangName = languageName(CfnName);
    auto [It, Fresh] = Owners.emplace(LangName, CfnName);
    if (!Fresh)
      throw GenError("'" + CfnName + "' and '" + It->second + "' both map to '" + LangName + "'");
    std::string Raw;
    try {
      // CBOR, not JSON text: strings (documentation, most of a blob) are
      // length-prefixed, so cfc copies them instead of lexing every byte.
      const json *Limits = Table.contains(CfnName) ? &Table[CfnName] : nullptr;
      ResourceEncoder Encoder(Resource, Definitions, Limits);
      std::vector<uint8_t> Cbor = json::to_cbor(Encoder.encode());
      Counts.Types += Limits ? 1 : 0;
      Counts.Attached += Encoder.Attached;
      Counts.Unmatched += Encoder.Unmatched;
      Raw.assign(Cbor.begin(), Cbor.end());
    } catch (const std::exception &E) {
      throw GenError(CfnName + ": " + E.what());
    }
    Entries.push_back({LangName, CfnName, compress(Raw), static_cast<uint32_t>(Raw.size())});
  }
  std::sort(Entries.begin(), Entries.end(),
            [](const Entry &A, const Entry &B) { return A.LangName < B.LangName; });
  return Entries;
}

/// Appends S to Strings and returns its offset there.
uint32_t addString(std::string &Strings, const std::string &S) {
  auto Offset = static_cast<uint32_t>(Strings.size());
  Strings += S;
  return Offset;
}

std::string layout(const std::vector<Entry> &Entries, const std::string &Version) {
  std::string Strings, Blobs;
  std::string Index(Entries.size() * format::IndexEntrySize, '\0');
  for (size_t I = 0; I < Entries.size(); ++I) {
    const Entry &E = Entries[I];
    char *Words = Index.data() + I * format::IndexEntrySize;
    auto Put = [&](format::IndexWord W, uint32_t V) { format::writeWord(Words + 4 * W, V); };
    Put(format::LangNameOffset, addString(Strings, E.LangName));
    Put(format::LangNameLength, static_cast<uint32_t>(E.LangName.size()));
    Put(format::CfnNameOffset, addString(Strings, E.CfnName));
    Put(format::CfnNameLength, static_cast<uint32_t>(E.CfnName.size()));
    Put(format::BlobOffset, addString(Blobs, E.Blob));
    Put(format::BlobLength, static_cast<uint32_t>(E.Blob.size()));
    Put(format::RawLength, E.RawLength);
  }
  uint32_t PackageOffset = addString(Strings, SpecPackage);
  uint32_t VersionOffset = addString(Strings, Version);

  std::string Header(format::HeaderSize, '\0');
  std::copy(std::begin(format::Magic), std::end(format::Magic), Header.begin());
  auto Put = [&](format::HeaderWord W, size_t V) {
    if (V > UINT32_MAX)
      throw GenError("the catalog outgrew 32-bit offsets");
    format::writeWord(Header.data() + sizeof(format::Magic) + 4 * W, static_cast<uint32_t>(V));
  };
  size_t StringsAt = Header.size() + Index.size();
  Put(format::Count, Entries.size());
  Put(format::IndexOffset, Header.size());
  Put(format::StringsOffset, StringsAt);
  Put(format::StringsSize, Strings.size());
  Put(format::BlobsOffset, StringsAt + Strings.size());
  Put(format::BlobsSize, Blobs.size());
  Put(format::PackageOffset, PackageOffset);
  Put(format::PackageLength, std::strlen(SpecPackage));
  Put(format::VersionOffset, VersionOffset);
  Put(format::VersionLength, Version.size());
  return Header + Index + Strings + Blobs;
}

/// Writes beside Path and renames, so an interrupted run leaves no half
/// file that the build would take for up to date.
void writeFile(const std::string &Path, const std::string &Bytes) {
  std::string Temp = Path + ".tmp";
  {
    std::ofstream Out(Temp, std::ios::binary | std::ios::trunc);
    Out.write(Bytes.data(), static_cast<std::streamsize>(Bytes.size()));
    if (!Out)
      throw GenError("cannot write " + Temp);
  }
  if (std::rename(Temp.c_str(), Path.c_str()) != 0)
    throw GenError("cannot rename " + Temp + " to " + Path);
}

struct Arguments {
  std::string Db, Package, Pin, Constraints, Sam, Output;
};

Arguments parseArguments(int Argc, char **Argv) {
  Arguments Args;
  for (int I = 1; I + 1 < Argc; I += 2) {
    std::string Flag = Argv[I];
    std::string *Slot = Flag == "--db"        ? &Args.Db
                        : Flag == "--package" ? &Args.Package
                        : Flag == "--pin"     ? &Args.Pin
                        : Flag == "--constraints" ? &Args.Constraints
                        : Flag == "--sam"     ? &Args.Sam
                        : Flag == "-o"        ? &Args.Output
                                              : nullptr;
    if (!Slot)
      throw GenError("unknown argument '" + Flag + "'");
    *Slot = Argv[I + 1];
  }
  if (Argc % 2 == 0 || Args.Db.empty() || Args.Package.empty() || Args.Pin.empty() ||
      Args.Constraints.empty() || Args.Sam.empty() || Args.Output.empty())
    throw GenError("usage: cfc-catalog-gen --db DB.json.gz --package PACKAGE.json "
                   "--pin PIN.json --constraints CONSTRAINTS.json --sam SAM.json -o OUT");
  return Args;
}

} // namespace

int main(int Argc, char **Argv) {
  try {
    Arguments Args = parseArguments(Argc, Argv);
    std::string Version = checkedVersion(readJsonFile(Args.Package), readJsonFile(Args.Pin));
    json Db = json::parse(readGzip(Args.Db));
    LimitCounts Counts;
    json Sam = readJsonFile(Args.Sam);
    std::vector<Entry> Entries = encodeResources(Db, Sam, readJsonFile(Args.Constraints), Counts);
    std::string Bytes = layout(Entries, Version);
    writeFile(Args.Output, Bytes);
    std::cout << "cfc-catalog-gen: " << Entries.size() << " resource types from " << SpecPackage
              << " " << Version << " (SAM's from " << Sam.value("source", "?") << "), "
              << Bytes.size() << " bytes; constraints on "
              << Counts.Attached << " properties of " << Counts.Types << " types ("
              << Counts.Unmatched << " table entries name no property of the specification)\n";
    return 0;
  } catch (const std::exception &E) {
    std::cerr << "cfc-catalog-gen: error: " << E.what() << "\n";
    return 1;
  }
}
