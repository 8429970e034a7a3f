// LanguageExtensions — what `cfc import` does with the AWS::LanguageExtensions
// transform's Fn::ForEach: keeps each loop as written. CloudFormation expands
// it at deploy time (the transform stays in the template); expanding it here
// would turn one entry into many that the template never held, and cfc's own
// `for` loops over compile-time lists only, while a ForEach may loop over a
// parameter's list.
#include "Import/Importer.h"

namespace cfc::import {

using nlohmann::ordered_json;

bool usesLanguageExtensions(const ordered_json &Template) {
  auto It = Template.find("Transform");
  if (It == Template.end())
    return false;
  if (It->is_string())
    return *It == "AWS::LanguageExtensions";
  if (It->is_array())
    for (const ordered_json &T : *It)
      if (T.is_string() && T == "AWS::LanguageExtensions")
        return true;
  return false;
}

bool isForEachKey(llvm::StringRef Key) { return Key.startswith("Fn::ForEach::"); }

ordered_json takeForEachEntries(ordered_json &Template) {
  ordered_json Kept = ordered_json::object();
  if (!usesLanguageExtensions(Template))
    return Kept;
  for (const char *Section : {"Conditions", "Resources", "Outputs"}) {
    auto It = Template.find(Section);
    if (It == Template.end() || !It->is_object())
      continue;
    ordered_json Rest = ordered_json::object();
    for (auto Entry = It->begin(); Entry != It->end(); ++Entry)
      (isForEachKey(Entry.key()) ? Kept[Section] : Rest)[Entry.key()] = std::move(Entry.value());
    *It = std::move(Rest);
  }
  return Kept;
}

} // namespace cfc::import
