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

} // namespace cfc::catalog
