// IamActions — the embedded action table (IamActionsData.S; the layout is
// tools/catalog/iam-actions-gen.py's). At first use only the two header
// lines are read, the prefixes and where each service's line starts; a
// service's action names are split out the first time a policy names it.
// Decoding the whole 470 KB table took 4 M instructions, as much as
// compiling a small stack.
#include "Rules/IamActions.h"
#include "IR/Queries.h"

#include "Basic/ArenaScope.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <algorithm>
#include <memory>
#include <mutex>

namespace cfc::rules {

namespace {

struct Index {
  llvm::StringRef Text;
  std::vector<std::string> Prefixes; ///< Lower case, sorted.
  std::vector<size_t> Offsets;       ///< Where each prefix's names start in Text.
};

const Index &index() {
  extern const char cfc_iam_actions_data[] asm("cfc_iam_actions_data");
  extern const char cfc_iam_actions_data_end[] asm("cfc_iam_actions_data_end");
  static const Index I = [] {
    Index Result;
    Result.Text = llvm::StringRef(cfc_iam_actions_data, cfc_iam_actions_data_end - cfc_iam_actions_data);
    auto [Names, Rest] = Result.Text.split('\n');
    llvm::StringRef Offsets = Rest.split('\n').first;
    llvm::SmallVector<llvm::StringRef, 512> Parts;
    Names.split(Parts, ' ', -1, false);
    for (llvm::StringRef P : Parts)
      Result.Prefixes.push_back(P.str());
    Parts.clear();
    Offsets.split(Parts, ' ', -1, false);
    for (llvm::StringRef O : Parts) {
      size_t N = 0;
      Result.Offsets.push_back(O.getAsInteger(10, N) || N > Result.Text.size() ? Result.Text.size() : N);
    }
    if (Result.Offsets.size() != Result.Prefixes.size()) // A damaged table judges nothing.
      Result.Prefixes.clear(), Result.Offsets.clear();
    return Result;
  }();
  return I;
}

/// A service's actions, decoded from its line of the table.
struct Service {
  std::vector<std::string> Names;
  std::vector<bool> ResourceFree; ///< Per name: the action takes no resource type.
  /// The names lower-cased: a policy's action is found by one lookup, not
  /// compared with each of the service's hundreds of actions.
  llvm::StringSet<> Lower;
};

const Service *service(llvm::StringRef Prefix) {
  const Index &I = index();
  std::string Key = Prefix.lower();
  auto It = std::lower_bound(I.Prefixes.begin(), I.Prefixes.end(), Key);
  if (It == I.Prefixes.end() || *It != Key)
    return nullptr;
  // Stacks compile on several threads: the decoded services are shared.
  static std::mutex Lock;
  static llvm::StringMap<std::unique_ptr<Service>> Decoded;
  std::lock_guard<std::mutex> Guard(Lock);
  arena::Permanent Shared; // Kept for every stack of the run.
  std::unique_ptr<Service> &S = Decoded[Key];
  if (!S) {
    S = std::make_unique<Service>();
    llvm::StringRef Line = I.Text.substr(I.Offsets[It - I.Prefixes.begin()]).split('\n').first;
    llvm::SmallVector<llvm::StringRef, 256> Parts;
    Line.split(Parts, ' ', -1, false);
    for (llvm::StringRef Name : Parts) {
      bool Free = Name.consume_back("*");
      S->Names.push_back(Name.str());
      S->ResourceFree.push_back(Free);
      S->Lower.insert(Name.lower());
    }
  }
  return S.get();
}

} // namespace

const std::vector<std::string> *iamServiceActions(llvm::StringRef Prefix) {
  const Service *S = service(Prefix);
  return S ? &S->Names : nullptr;
}

const std::vector<std::string> *iamServiceActions(llvm::StringRef Prefix, llvm::StringRef Name,
                                                  bool &Listed) {
  const Service *S = service(Prefix);
  Listed = S && S->Lower.count(Name.lower());
  return S ? &S->Names : nullptr;
}

ActionShare iamResourceFreeShare(llvm::StringRef Pattern) {
  auto [Prefix, Name] = Pattern.split(':');
  ActionShare Share;
  const Service *S = Name.empty() ? nullptr : service(Prefix);
  for (size_t I = 0; S && I < S->Names.size(); ++I)
    if (ir::globMatchIgnoringCase(Name, S->Names[I])) {
      ++Share.Matched;
      Share.ResourceFree += S->ResourceFree[I];
    }
  return Share;
}

const std::vector<std::string> &iamServicePrefixes() { return index().Prefixes; }

} // namespace cfc::rules
