// Units — the unit a property's bare number is in, as the specification
// says it: in the property's name (`TimeoutInMinutes`, `MemorySize` has
// none) or in its documentation ("(in seconds)", "The default is 128 MB").
// Read once per property and kept: the catalog never changes.
#include "lsp/features/EditorFeatures.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <mutex>

namespace cfc::lsp {

namespace {

struct UnitWord {
  const char *Word; ///< As written in documentation, lower case.
  const char *Unit; ///< As shown.
};

// Longer words first: "milliseconds" before "seconds".
const UnitWord UnitWords[] = {
    {"milliseconds", "milliseconds"}, {"seconds", "seconds"}, {"minutes", "minutes"},
    {"hours", "hours"},               {"days", "days"},       {"megabytes", "MB"},
    {"gigabytes", "GB"},              {"mib", "MiB"},         {"gib", "GiB"},
    {"mb", "MB"},                     {"gb", "GB"},           {"bytes", "bytes"},
};

/// Counts, ratios and rates whose documentation mentions a size or a time
/// in passing ("the total of a batch is at most 6 MB"): no unit.
bool isCountOrRatio(llvm::StringRef Name) {
  for (const char *Word : {"Percent", "Iops", "Count", "BatchSize", "PerVCpu", "Ratio", "Capacity",
                           "Concurren"})
    if (Name.contains(Word))
      return true;
  return false;
}

/// From the name: the suffixes the specification uses.
std::string unitFromName(llvm::StringRef Name) {
  static const std::pair<const char *, const char *> Suffixes[] = {
      {"MiBps", "MiB/s"},                 {"Mbps", "Mbps"},
      {"InMilliseconds", "milliseconds"}, {"Millis", "milliseconds"}, {"InSeconds", "seconds"},
      {"Seconds", "seconds"},             {"InMinutes", "minutes"},   {"Minutes", "minutes"},
      {"InHours", "hours"},               {"Hours", "hours"},         {"InDays", "days"},
      {"Days", "days"},                   {"InMiB", "MiB"},           {"InMB", "MB"},
      {"InMb", "MB"},                     {"InGiB", "GiB"},           {"InGB", "GB"},
      {"InGb", "GB"},                     {"InBytes", "bytes"},
  };
  for (const auto &[Suffix, Unit] : Suffixes)
    if (Name.endswith(Suffix))
      return Unit;
  return "";
}

bool isWordChar(char C) { return llvm::isAlnum(C) || C == '_'; }

/// The unit word at Doc[At], preceded by "in " or "(in " (Strict), or by
/// a number ("128 MB", "43,200 seconds").
const char *unitAt(llvm::StringRef Doc, size_t At, bool Strict) {
  for (const UnitWord &U : UnitWords) {
    llvm::StringRef W(U.Word);
    if (!Doc.substr(At).startswith(W) || (At + W.size() < Doc.size() && isWordChar(Doc[At + W.size()])))
      continue;
    llvm::StringRef Before = Doc.take_front(At).rtrim(' ');
    if (!(Strict ? Before.endswith(" in") || Before.endswith("(in") || Before.endswith("number of")
                 : !Before.empty() && llvm::isDigit(Before.back())))
      continue;
    // A rate: "125 MiB/s".
    if (Doc.substr(At + W.size()).startswith("/s")) {
      static const std::map<std::string, std::string> Rates = {
          {"MB", "MB/s"}, {"GB", "GB/s"}, {"MiB", "MiB/s"}, {"GiB", "GiB/s"}, {"bytes", "bytes/s"}};
      auto Rate = Rates.find(U.Unit);
      return Rate == Rates.end() ? nullptr : Rate->second.c_str();
    }
    return U.Unit;
  }
  return nullptr;
}

/// From the documentation: "in seconds" anywhere wins over "30 seconds".
std::string unitFromDocumentation(const std::string &Documentation) {
  std::string Doc = llvm::StringRef(Documentation).lower();
  for (bool Strict : {true, false})
    for (size_t At = 0; At < Doc.size(); ++At)
      if ((At == 0 || !isWordChar(Doc[At - 1])) && isWordChar(Doc[At]))
        if (const char *Unit = unitAt(Doc, At, Strict))
          return Unit;
  return "";
}

bool isNumeric(const catalog::PropertyType *T) {
  return T && (T->Kind == catalog::TypeKind::Integer || T->Kind == catalog::TypeKind::Number);
}

} // namespace

std::string unitOf(const catalog::Property &Property) {
  if (!isNumeric(Property.Type) || isCountOrRatio(Property.Name))
    return "";
  static std::mutex Lock;
  static std::map<const catalog::Property *, std::string> Known;
  std::lock_guard<std::mutex> Guard(Lock);
  auto [It, New] = Known.try_emplace(&Property);
  if (New) {
    It->second = unitFromName(Property.Name);
    if (It->second.empty())
      It->second = unitFromDocumentation(Property.Documentation);
  }
  return It->second;
}

} // namespace cfc::lsp
