// ResourceLoader — inflates a catalog blob and builds the ResourceType tree.
// Decoding errors are exceptions inside this file only: the API answers
// llvm::Expected.
#include "Catalog/ResourceLoader.h"

#include "llvm/ADT/StringSwitch.h"

#include <zlib.h>

#include <optional>
#include <stdexcept>

namespace cfc::catalog {

namespace {

/// A malformed blob; turned into an llvm::Error by decodeResource.
struct BadBlob : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string inflate(llvm::StringRef Compressed, uint32_t RawLength) {
  std::string Raw(RawLength, '\0');
  z_stream S{};
  S.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(Compressed.data()));
  S.avail_in = static_cast<uInt>(Compressed.size());
  S.next_out = reinterpret_cast<Bytef *>(Raw.data());
  S.avail_out = RawLength;
  int Status = inflateInit(&S);
  if (Status == Z_OK) {
    // The catalog is part of cfc's own binary: no Adler-32 of every blob
    // (a fifth of a small stack's check). A damaged blob still fails to
    // inflate, or to inflate to its recorded length, or to decode.
    inflateValidate(&S, 0);
    Status = ::inflate(&S, Z_FINISH);
  }
  size_t Size = RawLength - S.avail_out;
  inflateEnd(&S);
  if (Status != Z_STREAM_END || Size != RawLength)
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

/// Reads the CBOR (RFC 8949) that the generator writes with nlohmann's
/// to_cbor: definite-length text, arrays and maps, unsigned integers,
/// booleans, null and floats. Reading it in place, without first building
/// a JSON tree of maps and strings, makes decoding a type about four times
/// cheaper: for a small stack, decoding was half of the whole build.
class CborReader {
public:
  explicit CborReader(llvm::StringRef Bytes)
      : Pos(reinterpret_cast<const uint8_t *>(Bytes.data())), End(Pos + Bytes.size()) {}

  enum Major : uint8_t { UInt = 0, NegInt = 1, Bytes = 2, Text = 3, Array = 4, Map = 5, Tag = 6, Simple = 7 };

  bool atEnd() const { return Pos == End; }
  Major peekMajor() const {
    need(1);
    return static_cast<Major>(*Pos >> 5);
  }

  uint64_t unsignedInt() { return argument(UInt); }
  llvm::StringRef text() {
    uint64_t Length = argument(Text);
    need(Length);
    llvm::StringRef Result(reinterpret_cast<const char *>(Pos), Length);
    Pos += Length;
    return Result;
  }
  uint64_t arrayLength() { return argument(Array); }
  uint64_t mapLength() { return argument(Map); }
  bool boolean() {
    need(1);
    uint8_t Byte = *Pos++;
    if (Byte != 0xf4 && Byte != 0xf5)
      throw BadBlob("expected a boolean");
    return Byte == 0xf5;
  }
  std::vector<std::string> texts() {
    std::vector<std::string> Out(arrayLength());
    for (std::string &T : Out)
      T = text().str();
    return Out;
  }

  /// The bytes of the next value, moving past it: read later by a reader of
  /// its own.
  llvm::StringRef valueBytes() {
    const uint8_t *Begin = Pos;
    skip();
    return {reinterpret_cast<const char *>(Begin), static_cast<size_t>(Pos - Begin)};
  }

  /// Moves past one value of any kind.
  void skip(unsigned Depth = 0) {
    if (Depth > 64)
      throw BadBlob("nesting too deep");
    Major M = peekMajor();
    if (M == Simple) {
      uint8_t Info = *Pos & 31;
      size_t Size = Info < 24 ? 1 : Info == 24 ? 2 : Info == 25 ? 3 : Info == 26 ? 5 : Info == 27 ? 9 : 0;
      if (!Size)
        throw BadBlob("unsupported CBOR simple value");
      need(Size);
      Pos += Size;
      return;
    }
    uint64_t N = argument(M);
    switch (M) {
    case Bytes:
    case Text:
      need(N);
      Pos += N;
      return;
    case Array:
      for (uint64_t I = 0; I < N; ++I)
        skip(Depth + 1);
      return;
    case Map:
      for (uint64_t I = 0; I < 2 * N; ++I)
        skip(Depth + 1);
      return;
    case Tag:
      skip(Depth + 1);
      return;
    default:
      return; // Integers: the argument was the value.
    }
  }

private:
  void need(uint64_t N) const {
    if (N > static_cast<uint64_t>(End - Pos))
      throw BadBlob("the blob ends early");
  }

  /// The head of the next item, which must be of major type Expected: its
  /// argument (a value, a length or a count).
  uint64_t argument(Major Expected) {
    need(1);
    uint8_t Head = *Pos;
    if (Head >> 5 != Expected)
      throw BadBlob("unexpected CBOR item (major type " + std::to_string(Head >> 5) + ")");
    ++Pos;
    uint8_t Info = Head & 31;
    if (Info < 24)
      return Info;
    unsigned Size = Info == 24 ? 1 : Info == 25 ? 2 : Info == 26 ? 4 : Info == 27 ? 8 : 0;
    if (!Size)
      throw BadBlob("indefinite lengths are not used in catalog blobs");
    need(Size);
    uint64_t V = 0;
    for (unsigned I = 0; I < Size; ++I)
      V = V << 8 | *Pos++;
    // Lengths and counts beyond the blob are damage, not allocations.
    if (Expected != UInt && V > static_cast<uint64_t>(End - Pos))
      throw BadBlob("a length beyond the end of the blob");
    return V;
  }

  const uint8_t *Pos, *End;
};

/// Builds one ResourceType from its blob; every node it makes goes into
/// R.TypeNodes.
class Decoder {
public:
  explicit Decoder(ResourceType &R) : R(R) {}

  void decode(llvm::StringRef Bytes) {
    // The top-level keys in any order; structs are sized before any type is
    // decoded, since Struct nodes point into R.Structs.
    CborReader Top(Bytes);
    llvm::StringRef Props, Attrs, Structs;
    bool HaveProps = false, HaveAttrs = false, HaveStructs = false;
    for (uint64_t I = 0, N = Top.mapLength(); I < N; ++I) {
      llvm::StringRef Key = Top.text();
      if (Key == "doc") {
        R.Documentation = Top.text().str();
      } else if (Key == "id") {
        R.PrimaryIdentifier = Top.texts();
      } else if (Key == "tags") {
        R.TagProperty = Top.text().str();
      } else if (Key == "rules") {
        R.Rules = rules(Top);
      } else if (Key == "conds") {
        R.Conditionals = conditionals(Top);
      } else if (Key == "props" || Key == "attrs" || Key == "structs") {
        llvm::StringRef &Slot = Key == "props" ? Props : Key == "attrs" ? Attrs : Structs;
        (Key == "props" ? HaveProps : Key == "attrs" ? HaveAttrs : HaveStructs) = true;
        Slot = Top.valueBytes();
      } else {
        Top.skip();
      }
    }
    if (!HaveProps || !HaveAttrs || !HaveStructs)
      throw BadBlob("a blob needs props, attrs and structs");
    structs(Structs);
    CborReader PropsReader(Props);
    R.Properties = properties(PropsReader);
    attributes(Attrs);
  }

private:
  void structs(llvm::StringRef Bytes) {
    CborReader In(Bytes);
    uint64_t N = In.arrayLength();
    R.Structs.resize(N);
    // Names first (a type may refer to a struct later in the list), then
    // each struct's properties.
    std::vector<llvm::StringRef> PropBytes(N);
    for (uint64_t I = 0; I < N; ++I) {
      StructType &S = R.Structs[I];
      for (uint64_t K = 0, Keys = In.mapLength(); K < Keys; ++K) {
        llvm::StringRef Key = In.text();
        if (Key == "name")
          S.Name = In.text().str();
        else if (Key == "doc")
          S.Documentation = In.text().str();
        else if (Key == "props")
          PropBytes[I] = In.valueBytes();
        else if (Key == "rules")
          S.Rules = rules(In);
        else
          In.skip();
      }
      if (S.Name.empty() || PropBytes[I].empty())
        throw BadBlob("a struct needs a name and props");
      S.QualifiedName = R.LangName + "." + S.Name;
    }
    for (uint64_t I = 0; I < N; ++I) {
      CborReader Props(PropBytes[I]);
      R.Structs[I].Properties = properties(Props);
    }
  }

  void attributes(llvm::StringRef Bytes) {
    CborReader In(Bytes);
    uint64_t N = In.arrayLength();
    R.Attributes.reserve(N);
    for (uint64_t I = 0; I < N; ++I) {
      Attribute A;
      bool HaveName = false;
      for (uint64_t K = 0, Keys = In.mapLength(); K < Keys; ++K) {
        llvm::StringRef Key = In.text();
        if (Key == "name")
          A.Name = In.text().str(), HaveName = true;
        else if (Key == "type")
          A.Type = type(In);
        else if (Key == "doc")
          A.Documentation = In.text().str();
        else
          In.skip();
      }
      if (!HaveName || !A.Type)
        throw BadBlob("an attribute needs a name and a type");
      R.Attributes.push_back(std::move(A));
    }
  }

  std::vector<Property> properties(CborReader &In) {
    std::vector<Property> Out(In.arrayLength());
    for (Property &P : Out)
      property(In, P);
    return Out;
  }

  void property(CborReader &In, Property &P) {
    bool HaveName = false;
    for (uint64_t K = 0, Keys = In.mapLength(); K < Keys; ++K) {
      llvm::StringRef Key = In.text();
      if (Key == "name") {
        P.Name = In.text().str();
        HaveName = true;
      } else if (Key == "type") {
        P.Type = type(In);
      } else if (Key == "req") {
        P.Required = In.boolean();
      } else if (Key == "deprecated") {
        P.Deprecated = In.boolean();
      } else if (Key == "repl") {
        llvm::StringRef Replacement = In.text();
        P.Update = Replacement == "yes"     ? UpdateEffect::Replaces
                   : Replacement == "maybe" ? UpdateEffect::MayReplace
                                            : UpdateEffect::InPlace;
      } else if (Key == "default") {
        P.DefaultValue = In.text().str();
      } else if (Key == "doc") {
        P.Documentation = In.text().str();
      } else if (Key == "c") {
        P.Limits = limits(In);
      } else if (Key == "rels") {
        for (uint64_t I = 0, N = In.arrayLength(); I < N; ++I) {
          if (In.arrayLength() != 2)
            throw BadBlob("a relationship is a [type, attribute] pair");
          std::string Type = In.text().str();
          P.RelationshipRefs.push_back({std::move(Type), In.text().str()});
        }
      } else {
        In.skip();
      }
    }
    if (!HaveName || !P.Type)
      throw BadBlob("a property needs a name and a type");
  }

  /// A constraint tree (the generator's keys: min, max, minLen, maxLen,
  /// minItems, maxItems, pattern, unique, enum, items, values).
  const ValueLimits *limits(CborReader &In, unsigned Depth = 0) {
    if (Depth > 16)
      throw BadBlob("constraints nested too deep");
    ValueLimits &L = R.LimitNodes.emplace_back();
    for (uint64_t K = 0, Keys = In.mapLength(); K < Keys; ++K) {
      llvm::StringRef Key = In.text();
      if (Key == "min" || Key == "max")
        (Key == "min" ? L.Minimum : L.Maximum) = number(In.text());
      else if (Key == "minLen")
        L.MinLength = In.unsignedInt();
      else if (Key == "maxLen")
        L.MaxLength = In.unsignedInt();
      else if (Key == "minItems")
        L.MinItems = In.unsignedInt();
      else if (Key == "maxItems")
        L.MaxItems = In.unsignedInt();
      else if (Key == "pattern")
        L.Pattern = In.text().str();
      else if (Key == "unique")
        L.UniqueItems = In.boolean();
      else if (Key == "enum")
        L.Enum = In.texts();
      else if (Key == "items")
        L.Items = limits(In, Depth + 1);
      else if (Key == "values")
        L.Values = limits(In, Depth + 1);
      else
        In.skip();
    }
    return &L;
  }

  static double number(llvm::StringRef Text) {
    double V;
    if (Text.getAsDouble(V))
      throw BadBlob("a bound is not a number: " + Text.str());
    return V;
  }

  /// Presence rules: [{kind: "oneOf"|"anyOf", sets: [[name...]...]} or
  /// {kind: "requires", if: name, then: [name...]}].
  std::vector<PresenceRule> rules(CborReader &In) {
    std::vector<PresenceRule> Out(In.arrayLength());
    for (PresenceRule &Rule : Out) {
      for (uint64_t K = 0, Keys = In.mapLength(); K < Keys; ++K) {
        llvm::StringRef Key = In.text();
        if (Key == "kind") {
          llvm::StringRef Kind = In.text();
          Rule.RuleKind = Kind == "oneOf"   ? PresenceRule::ExactlyOne
                          : Kind == "anyOf" ? PresenceRule::AtLeastOne
                                            : PresenceRule::Requires;
        } else if (Key == "sets") {
          for (uint64_t I = 0, N = In.arrayLength(); I < N; ++I)
            Rule.Sets.push_back(In.texts());
        } else if (Key == "if") {
          Rule.If = In.text().str();
        } else if (Key == "then") {
          Rule.Sets.push_back(In.texts());
        } else {
          In.skip();
        }
      }
      if (Rule.Sets.empty())
        throw BadBlob("a presence rule names no properties");
    }
    return Out;
  }

  std::vector<ConditionalRule> conditionals(CborReader &In) {
    std::vector<ConditionalRule> Out(In.arrayLength());
    for (ConditionalRule &C : Out) {
      for (uint64_t K = 0, Keys = In.mapLength(); K < Keys; ++K) {
        llvm::StringRef Key = In.text();
        if (Key == "id")
          C.Id = In.text().str();
        else if (Key == "file")
          C.File = In.text().str();
        else if (Key == "path")
          C.Path = In.texts();
        else if (Key == "description")
          C.Description = In.text().str();
        else if (Key == "schema")
          C.Schema = In.text().str();
        else
          In.skip();
      }
      if (C.Schema.empty())
        throw BadBlob("a conditional rule without a schema");
    }
    return Out;
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

  const PropertyType *type(CborReader &In, unsigned Depth = 0) {
    if (Depth > 32)
      throw BadBlob("a type nested too deep");
    if (In.peekMajor() == CborReader::Text) {
      llvm::StringRef Name = In.text();
      std::optional<TypeKind> Kind = scalarKind(Name);
      if (!Kind)
        throw BadBlob("unknown type '" + Name.str() + "'");
      return scalar(*Kind);
    }
    if (In.mapLength() != 1)
      throw BadBlob("a type is a name or a one-key object");
    llvm::StringRef Key = In.text();
    if (Key == "list" || Key == "map") {
      PropertyType &N = node(Key == "list" ? TypeKind::List : TypeKind::Map);
      N.Element = type(In, Depth + 1);
      return &N;
    }
    if (Key == "struct") {
      uint64_t Index = In.unsignedInt();
      if (Index >= R.Structs.size())
        throw BadBlob("struct index out of range");
      PropertyType &N = node(TypeKind::Struct);
      N.Struct = &R.Structs[Index];
      return &N;
    }
    if (Key == "union") {
      PropertyType &N = node(TypeKind::Union);
      for (uint64_t I = 0, Count = In.arrayLength(); I < Count; ++I)
        N.Members.push_back(type(In, Depth + 1));
      return &N;
    }
    std::optional<TypeKind> Kind = scalarKind(Key);
    if (!Kind)
      throw BadBlob("unknown type '" + Key.str() + "'");
    PropertyType &N = node(*Kind);
    N.AllowedValues = In.texts();
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
    std::string Raw = inflate(Compressed, RawLength);
    Decoder(*R).decode(Raw);
  } catch (const std::exception &E) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "catalog entry for %s is damaged: %s", CfnName.str().c_str(),
                                   E.what());
  }
  return R;
}

} // namespace cfc::catalog
