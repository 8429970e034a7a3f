// ResourceLoader — inflates a catalog blob and builds the ResourceType tree.
// nlohmann's exceptions stay in this file: the API answers llvm::Expected.
#include "Catalog/ResourceLoader.h"

#include "llvm/ADT/StringSwitch.h"

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <optional>
#include <stdexcept>

using nlohmann::json;

namespace cfc::catalog {

namespace {

/// A malformed blob; turned into an llvm::Error by decodeResource.
struct BadBlob : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string inflate(llvm::StringRef Compressed, uint32_t RawLength) {
  std::string Raw(RawLength, '\0');
  uLongf Size = RawLength;
  int Status = uncompress(reinterpret_cast<Bytef *>(Raw.data()), &Size,
                          reinterpret_cast<const Bytef *>(Compressed.data()), Compressed.size());
  if (Status != Z_OK || Size != RawLength)
    throw BadBlob("cannot inflate the blob (zlib status " + std::to_string(Status) + ")");
  return Raw;
}

std::optional<TypeKind> scalarKind(llvm::StringRef Name) {
  return llvm::StringSwitch<std::optional<TypeKind>>(Name)
      .Case("string", TypeKind::String)
      .Case("integer", TypeKind::Integer)
      .Case("number", TypeKind::Number)
      .Case("boolean", TypeKind::Boolean)
      .Case("json", TypeKind::Json)
      .Case("date-time", TypeKind::DateTime)
      .Case("tag", TypeKind::Tag)
      .Default(std::nullopt);
}

/// Builds one ResourceType; every node it makes goes into R.TypeNodes.
class Decoder {
public:
  explicit Decoder(ResourceType &R) : R(R) {}

  void decode(const json &Blob) {
    R.Documentation = Blob.value("doc", "");
    R.PrimaryIdentifier = Blob.value("id", std::vector<std::string>());
    R.TagProperty = Blob.value("tags", "");
    const json &Structs = Blob.at("structs");
    // Sized before any type is decoded: Struct nodes point into it.
    R.Structs.resize(Structs.size());
    for (size_t I = 0; I < Structs.size(); ++I) {
      StructType &S = R.Structs[I];
      S.Name = Structs[I].at("name").get<std::string>();
      S.QualifiedName = R.LangName + "." + S.Name;
      S.Documentation = Structs[I].value("doc", "");
    }
    for (size_t I = 0; I < Structs.size(); ++I)
      R.Structs[I].Properties = properties(Structs[I].at("props"));
    R.Properties = properties(Blob.at("props"));
    for (const json &A : Blob.at("attrs"))
      R.Attributes.push_back(
          {A.at("name").get<std::string>(), type(A.at("type")), A.value("doc", "")});
  }

private:
  std::vector<Property> properties(const json &List) {
    std::vector<Property> Out;
    Out.reserve(List.size());
    for (const json &P : List)
      Out.push_back(property(P));
    return Out;
  }

  Property property(const json &J) {
    Property P;
    P.Name = J.at("name").get<std::string>();
    P.Type = type(J.at("type"));
    P.Required = J.value("req", false);
    P.Deprecated = J.value("deprecated", false);
    std::string Replacement = J.value("repl", "");
    P.Update = Replacement == "yes"     ? UpdateEffect::Replaces
               : Replacement == "maybe" ? UpdateEffect::MayReplace
                                        : UpdateEffect::InPlace;
    P.DefaultValue = J.value("default", "");
    P.Documentation = J.value("doc", "");
    for (const json &Rel : J.value("rels", json::array()))
      P.RelationshipRefs.push_back({Rel.at(0).get<std::string>(), Rel.at(1).get<std::string>()});
    return P;
  }

  PropertyType &node(TypeKind Kind) {
    PropertyType &N = R.TypeNodes.emplace_back();
    N.Kind = Kind;
    return N;
  }

  /// Plain scalars are shared: most of a resource's nodes are "string".
  const PropertyType *scalar(TypeKind Kind) {
    const PropertyType *&Slot = SharedScalars[static_cast<size_t>(Kind)];
    if (!Slot)
      Slot = &node(Kind);
    return Slot;
  }

  const PropertyType *type(const json &J) {
    if (J.is_string()) {
      std::optional<TypeKind> Kind = scalarKind(J.get<std::string>());
      if (!Kind)
        throw BadBlob("unknown type '" + J.get<std::string>() + "'");
      return scalar(*Kind);
    }
    if (!J.is_object() || J.size() != 1)
      throw BadBlob("a type is a name or a one-key object");
    auto Only = J.begin();
    const std::string &Key = Only.key();
    const json &Value = Only.value();
    if (Key == "list" || Key == "map") {
      PropertyType &N = node(Key == "list" ? TypeKind::List : TypeKind::Map);
      N.Element = type(Value);
      return &N;
    }
    if (Key == "struct") {
      size_t Index = Value.get<size_t>();
      if (Index >= R.Structs.size())
        throw BadBlob("struct index out of range");
      PropertyType &N = node(TypeKind::Struct);
      N.Struct = &R.Structs[Index];
      return &N;
    }
    if (Key == "union") {
      PropertyType &N = node(TypeKind::Union);
      for (const json &Member : Value)
        N.Members.push_back(type(Member));
      return &N;
    }
    std::optional<TypeKind> Kind = scalarKind(Key);
    if (!Kind)
      throw BadBlob("unknown type '" + Key + "'");
    PropertyType &N = node(*Kind);
    N.AllowedValues = Value.get<std::vector<std::string>>();
    return &N;
  }

  ResourceType &R;
  const PropertyType *SharedScalars[static_cast<size_t>(TypeKind::Union) + 1] = {};
};

} // namespace

llvm::Expected<std::unique_ptr<ResourceType>> decodeResource(llvm::StringRef LangName,
                                                             llvm::StringRef CfnName,
                                                             llvm::StringRef Compressed,
                                                             uint32_t RawLength) {
  auto R = std::make_unique<ResourceType>();
  R->LangName = LangName.str();
  R->CfnType = CfnName.str();
  try {
    Decoder(*R).decode(json::from_cbor(inflate(Compressed, RawLength)));
  } catch (const std::exception &E) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "catalog entry for %s is damaged: %s", CfnName.str().c_str(),
                                   E.what());
  }
  return R;
}

} // namespace cfc::catalog
