// ResourceType — name lookups in the sorted member lists.
#include "Catalog/ResourceType.h"

#include <algorithm>

namespace cfc::catalog {

/// The element of Sorted (ordered by Name) called Name, or null.
template <typename T>
static const T *findByName(const std::vector<T> &Sorted, llvm::StringRef Name) {
  auto It = std::lower_bound(Sorted.begin(), Sorted.end(), Name, [](const T &X, llvm::StringRef N) {
    return llvm::StringRef(X.Name) < N;
  });
  return It != Sorted.end() && It->Name == Name ? &*It : nullptr;
}

const Property *StructType::findProperty(llvm::StringRef Name) const {
  return findByName(Properties, Name);
}

const Property *ResourceType::findProperty(llvm::StringRef Name) const {
  return findByName(Properties, Name);
}

const Attribute *ResourceType::findAttribute(llvm::StringRef Name) const {
  return findByName(Attributes, Name);
}

const StructType *ResourceType::findStruct(llvm::StringRef Name) const {
  return findByName(Structs, Name);
}

/// Whether an element of a tag list is a {Key, Value} record, and whether
/// it also requires PropagateAtLaunch (nothing else may be required).
static bool isKeyValue(const PropertyType &T, bool &Propagate) {
  if (T.Kind == TypeKind::Tag)
    return true;
  if (T.Kind != TypeKind::Struct || !T.Struct || !T.Struct->findProperty("Key") ||
      !T.Struct->findProperty("Value"))
    return false;
  for (const Property &P : T.Struct->Properties) {
    if (!P.Required || P.Name == "Key" || P.Name == "Value")
      continue;
    if (P.Name != "PropagateAtLaunch" || P.Type->Kind != TypeKind::Boolean)
      return false;
    Propagate = true;
  }
  return true;
}

TagLayout tagLayoutOf(const ResourceType &RT) {
  TagLayout L;
  L.Prop = RT.TagProperty.empty() ? nullptr : RT.findProperty(RT.TagProperty);
  if (!L.Prop || !L.Prop->Type)
    return L;
  const PropertyType &T = *L.Prop->Type;
  if (T.Kind == TypeKind::List && T.Element && isKeyValue(*T.Element, L.PropagateAtLaunch))
    L.Shape = TagShape::KeyValue;
  else if (T.Kind == TypeKind::Map && T.Element && T.Element->Kind == TypeKind::String)
    L.Shape = TagShape::Map;
  else if (T.Kind == TypeKind::Json)
    L.Shape = TagShape::Map; // the old spec's "Json" tags (SSM parameters') are an object of strings
  return L;
}

} // namespace cfc::catalog
