// IamActions — the embedded action table (IamActionsData.S), decoded once.
#include "Rules/IamActions.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"

namespace cfc::rules {

namespace {

struct Table {
  llvm::StringMap<std::vector<std::string>> ByPrefix; ///< Lower-case prefix.
  std::vector<std::string> Prefixes;
};

const Table &table() {
  extern const char cfc_iam_actions_data[] asm("cfc_iam_actions_data");
  extern const char cfc_iam_actions_data_end[] asm("cfc_iam_actions_data_end");
  static const Table T = [] {
    Table Result;
    llvm::StringRef Text(cfc_iam_actions_data, cfc_iam_actions_data_end - cfc_iam_actions_data);
    while (!Text.empty()) {
      auto [Line, Rest] = Text.split('\n');
      Text = Rest;
      auto [Prefix, Names] = Line.split('\t');
      if (Prefix.empty())
        continue;
      std::vector<std::string> &Actions = Result.ByPrefix[Prefix.lower()];
      llvm::SmallVector<llvm::StringRef, 256> Parts;
      Names.split(Parts, ' ', -1, false);
      for (llvm::StringRef Name : Parts)
        Actions.push_back(Name.str());
      Result.Prefixes.push_back(Prefix.str());
    }
    return Result;
  }();
  return T;
}

} // namespace

const std::vector<std::string> *iamServiceActions(llvm::StringRef Prefix) {
  const Table &T = table();
  auto It = T.ByPrefix.find(Prefix.lower());
  return It == T.ByPrefix.end() ? nullptr : &It->second;
}

const std::vector<std::string> &iamServicePrefixes() { return table().Prefixes; }

} // namespace cfc::rules
