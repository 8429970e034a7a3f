// ValueDigest — see the header for what counts.
#include "IR/ValueDigest.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SHA256.h"

#include <algorithm>
#include <vector>

namespace cfc::ir {

namespace {

// Changing what a value contributes changes every digest, so every
// versioned resource is replaced once: bump the version with it.
constexpr llvm::StringLiteral FormatVersion = "cfc-value-1\n";

/// Writes V as a sequence of tagged, length-prefixed items, so that no two
/// different values write the same bytes.
void feed(llvm::SHA256 &Hash, const Value &V);

void feedText(llvm::SHA256 &Hash, char Tag, llvm::StringRef Text) {
  std::string Header = std::string(1, Tag) + std::to_string(Text.size()) + ':';
  Hash.update(Header);
  Hash.update(Text);
}

void feedList(llvm::SHA256 &Hash, const std::vector<ValuePtr> &Elems) {
  feedText(Hash, '[', std::to_string(Elems.size()));
  for (const ValuePtr &E : Elems)
    feed(Hash, *E);
}

void feedObject(llvm::SHA256 &Hash, const Value &V) {
  std::vector<const std::pair<std::string, ValuePtr> *> Fields;
  for (const auto &F : V.fields())
    if (F.second->kind() != Value::Kind::None)
      Fields.push_back(&F);
  std::sort(Fields.begin(), Fields.end(), [](auto *A, auto *B) { return A->first < B->first; });
  feedText(Hash, '{', std::to_string(Fields.size()));
  for (const auto *F : Fields) {
    feedText(Hash, 'k', F->first);
    feed(Hash, *F->second);
  }
}

void feed(llvm::SHA256 &Hash, const Value &V) {
  switch (V.kind()) {
  case Value::Kind::None: return feedText(Hash, 'n', "");
  case Value::Kind::Bool: return feedText(Hash, 'b', V.asBool() ? "true" : "false");
  case Value::Kind::Int: return feedText(Hash, 'i', std::to_string(V.asInt()));
  case Value::Kind::Number: return feedText(Hash, 'f', V.text());
  case Value::Kind::String: return feedText(Hash, 's', V.text());
  case Value::Kind::Duration: return feedText(Hash, 'd', std::to_string(V.asInt()));
  case Value::Kind::Size: return feedText(Hash, 'z', std::to_string(V.asInt()));
  case Value::Kind::List: return feedList(Hash, V.elements());
  case Value::Kind::Object: return feedObject(Hash, V);
  case Value::Kind::Intrinsic:
    // A deploy-time value counts by what it says ({"Ref": "Stage"}): its
    // result is not known, so neither is a change of it.
    feedText(Hash, '@', V.text());
    return feedList(Hash, V.elements());
  }
}

} // namespace

std::string valueDigest(const Value &V) {
  llvm::SHA256 Hash;
  Hash.update(FormatVersion);
  feed(Hash, V);
  return llvm::toHex(Hash.final(), /*LowerCase=*/false).substr(0, 8);
}

} // namespace cfc::ir
