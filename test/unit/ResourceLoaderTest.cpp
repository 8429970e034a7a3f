// ResourceLoaderTest — decoding one catalog blob (zlib over CBOR, keys in
// docs/catalog.md) without the generator: keys in any order, unknown keys
// passed over, and every truncation or wrong item an error, never a crash
// or a half-built type.
#include "Catalog/ResourceLoader.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

using namespace cfc::catalog;
using nlohmann::json;

namespace {

std::string compressed(const std::vector<uint8_t> &Raw) {
  uLongf Size = compressBound(Raw.size());
  std::string Out(Size, '\0');
  EXPECT_EQ(compress(reinterpret_cast<Bytef *>(Out.data()), &Size, Raw.data(), Raw.size()), Z_OK);
  Out.resize(Size);
  return Out;
}

llvm::Expected<std::unique_ptr<ResourceType>> decode(const std::vector<uint8_t> &Cbor) {
  return decodeResource("test.Thing", "Test::Thing", compressed(Cbor), Cbor.size());
}

/// A small blob in the generator's shape, with its keys in another order
/// and a key no reader knows.
json thing() {
  json Blob;
  Blob["structs"] = json::array({json{{"name", "Inner"},
                                      {"doc", "an inner struct"},
                                      {"props", json::array({json{{"name", "Depth"}, {"type", "integer"}}})}}});
  Blob["future"] = json{{"nested", json::array({1, 2.5, nullptr, true})}};
  Blob["props"] = json::array(
      {json{{"name", "Mode"}, {"type", json{{"string", {"A", "B"}}}}, {"req", true}, {"repl", "yes"}},
       json{{"name", "Parts"}, {"type", json{{"list", json{{"struct", 0}}}}}, {"doc", "the parts"},
            {"rels", json::array({json::array({"AWS::S3::Bucket", "Arn"})})}},
       json{{"name", "Value"}, {"type", json{{"union", {"json", "string"}}}}, {"default", "\"x\""}}});
  Blob["attrs"] = json::array({json{{"name", "Arn"}, {"type", "string"}}});
  Blob["id"] = json::array({"Mode"});
  Blob["tags"] = "";
  Blob["doc"] = "a thing";
  return Blob;
}

TEST(ResourceLoader, DecodesKeysInAnyOrderAndSkipsUnknownOnes) {
  llvm::Expected<std::unique_ptr<ResourceType>> R = decode(json::to_cbor(thing()));
  ASSERT_TRUE(bool(R)) << llvm::toString(R.takeError());
  const ResourceType &T = **R;
  EXPECT_EQ(T.Documentation, "a thing");
  ASSERT_EQ(T.Properties.size(), 3u);
  EXPECT_EQ(T.Properties[0].Name, "Mode");
  EXPECT_TRUE(T.Properties[0].Required);
  EXPECT_EQ(T.Properties[0].Update, UpdateEffect::Replaces);
  EXPECT_EQ(T.Properties[0].Type->AllowedValues, (std::vector<std::string>{"A", "B"}));
  const PropertyType *Parts = T.Properties[1].Type;
  ASSERT_EQ(Parts->Kind, TypeKind::List);
  ASSERT_EQ(Parts->Element->Kind, TypeKind::Struct);
  EXPECT_EQ(Parts->Element->Struct->QualifiedName, "test.Thing.Inner");
  EXPECT_EQ(Parts->Element->Struct->Properties[0].Type->Kind, TypeKind::Integer);
  ASSERT_EQ(T.Properties[1].RelationshipRefs.size(), 1u);
  EXPECT_EQ(T.Properties[1].RelationshipRefs[0].CfnType, "AWS::S3::Bucket");
  EXPECT_EQ(T.Properties[2].Type->Members.size(), 2u);
  EXPECT_EQ(T.Properties[2].DefaultValue, "\"x\"");
  EXPECT_EQ(T.Attributes[0].Name, "Arn");
  EXPECT_EQ(T.PrimaryIdentifier, std::vector<std::string>{"Mode"});
}

TEST(ResourceLoader, EveryTruncationIsAnError) {
  std::vector<uint8_t> Cbor = json::to_cbor(thing());
  for (size_t Length = 0; Length < Cbor.size(); ++Length) {
    std::vector<uint8_t> Cut(Cbor.begin(), Cbor.begin() + Length);
    llvm::Expected<std::unique_ptr<ResourceType>> R = decode(Cut);
    ASSERT_FALSE(bool(R)) << "cut at " << Length;
    EXPECT_NE(llvm::toString(R.takeError()).find("damaged"), std::string::npos);
  }
}

TEST(ResourceLoader, WrongItemsAreErrors) {
  auto Fails = [](json Blob, const char *Why) {
    llvm::Expected<std::unique_ptr<ResourceType>> R = decode(json::to_cbor(Blob));
    ASSERT_FALSE(bool(R)) << "accepted: " << Blob.dump();
    std::string Message = llvm::toString(R.takeError());
    EXPECT_NE(Message.find(Why), std::string::npos) << Message;
  };
  json Blob = thing();
  Blob["props"][1]["type"] = json{{"struct", 7}};
  Fails(Blob, "struct index out of range");
  Blob = thing();
  Blob["props"][0]["type"] = "text";
  Fails(Blob, "unknown type 'text'");
  Blob = thing();
  Blob["props"][0]["req"] = "yes";
  Fails(Blob, "expected a boolean");
  Blob = thing();
  Blob.erase("structs");
  Fails(Blob, "needs props, attrs and structs");
  Blob = thing();
  Blob["props"][0].erase("type");
  Fails(Blob, "a property needs a name and a type");
  // A length that claims more than the blob holds allocates nothing.
  std::vector<uint8_t> Huge = {0xa1, 0x65, 'p', 'r', 'o', 'p', 's', 0x9b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  llvm::Expected<std::unique_ptr<ResourceType>> R = decode(Huge);
  ASSERT_FALSE(bool(R));
  EXPECT_NE(llvm::toString(R.takeError()).find("beyond the end"), std::string::npos);
}

} // namespace
