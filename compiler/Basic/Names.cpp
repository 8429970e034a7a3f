// Names — logical-ID spelling and typo correction.
#include "Basic/Names.h"

#include <algorithm>
#include <cctype>

namespace cfc {

std::string pascalCase(llvm::StringRef Name) {
  std::string Out;
  bool Upper = true;
  for (char C : Name) {
    if (!isalnum(static_cast<unsigned char>(C))) {
      Upper = true;
      continue;
    }
    Out += Upper ? static_cast<char>(toupper(static_cast<unsigned char>(C))) : C;
    Upper = false;
  }
  return Out;
}

bool isConditionId(llvm::StringRef Id) {
  return !Id.empty() && Id.size() <= 255 &&
         std::all_of(Id.begin(), Id.end(),
                     [](char C) { return isalnum(static_cast<unsigned char>(C)) || C == '&' || C == '_'; });
}

std::string closest(llvm::StringRef Name, const std::vector<std::string> &Candidates) {
  std::string Best;
  unsigned BestDistance = ~0u;
  std::string Lower = Name.lower();
  for (const std::string &C : Candidates) {
    unsigned D = llvm::StringRef(Lower).edit_distance(llvm::StringRef(C).lower(), true, BestDistance);
    if (D < BestDistance)
      BestDistance = D, Best = C;
  }
  // Accept about a third of the name in edits, as clang's typo correction
  // does: "stgae" (two edits) still finds "stage".
  if (Best.empty() || BestDistance > (Name.size() + 2) / 3)
    return "";
  return Best;
}

std::string didYouMean(llvm::StringRef Name, const std::vector<std::string> &Candidates) {
  std::string Best = closest(Name, Candidates);
  return Best.empty() ? "" : "; did you mean '" + Best + "'?";
}

} // namespace cfc
