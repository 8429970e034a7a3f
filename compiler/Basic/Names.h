// Names — spelling rules shared by the phases: how a declaration name
// becomes a logical ID, and which known name a misspelled one was meant as.
#pragma once

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace cfc {

/// "my_bucket" -> "MyBucket": non-alphanumerics dropped, the letter after
/// each (and the first) upper-cased. How cfc makes logical IDs of names;
/// `cfc import` relies on it to know when an ID needs pinning.
std::string pascalCase(llvm::StringRef Name);
/// Whether Id is a name CloudFormation takes for a condition: 1 to 255
/// letters, digits, `&` and `_` (`A&B`), a wider set than the letters and
/// digits of other logical IDs.
bool isConditionId(llvm::StringRef Id);
/// The candidate closest to Name (case-insensitive edit distance, up to
/// about a third of the name, as clang's typo correction), or "".
std::string closest(llvm::StringRef Name, const std::vector<std::string> &Candidates);
/// "; did you mean 'X'?" for the closest candidate, or "".
std::string didYouMean(llvm::StringRef Name, const std::vector<std::string> &Candidates);

} // namespace cfc
