// Template — the lowered stack, one step before text: parameters,
// conditions, resources with values, outputs. Components are expanded, loops
// unrolled and constants folded by the time a Template exists; the graph
// and the emitters read it and change nothing.
#pragma once

#include "IR/Value.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cfc::ir {

struct Parameter {
  std::string LogicalId;
  std::string Type; ///< "String", "Number", "CommaDelimitedList", AWS-specific types.
  ValuePtr Default; ///< Null when required.
  std::string Description;
  std::vector<ValuePtr> AllowedValues;
  std::optional<int64_t> MinValue, MaxValue, MinLength, MaxLength;
  bool NoEcho = false;
  /// `@attributes({...})`: keys written as they are into this entry, the
  /// escape hatch for what cfc has no idiom for (see docs/language.md).
  ValuePtr Attributes;
  Origin Where;
};

struct Condition {
  std::string LogicalId;
  ValuePtr Expression; ///< Fn::Equals / Fn::And / Fn::Or / Fn::Not / Condition.
  Origin Where;
};

/// An `assert` CloudFormation checks before it creates or updates anything
/// (a Rules entry): its condition depends on parameters or pseudo parameters.
struct Rule {
  std::string LogicalId;
  ValuePtr RuleCondition; ///< When the rule applies (an enclosing @if); null: always.
  ValuePtr Assert;        ///< Fn::Equals / Fn::And / Fn::Or / Fn::Not / Fn::Contains.
  std::string Description;
  Origin Where;
};

/// An edge of the dependency graph: this resource uses Target here.
struct Reference {
  std::string Target; ///< Logical ID of the resource used.
  Origin Where;
  bool Explicit = false; ///< From @dependsOn rather than a value.
};

struct Resource {
  std::string LogicalId;
  std::string Type;     ///< "AWS::S3::Bucket", "Custom::Thing".
  ValuePtr Properties;  ///< An object (possibly empty).
  std::string Condition;
  std::vector<Reference> References; ///< Refs, GetAtts and Subs in Properties, and @dependsOn.
  std::string DeletionPolicy, UpdateReplacePolicy;
  /// Tags from `@tags` on the resource and on the component instances it
  /// was made in (the innermost wins on a key), merged with the stack's and
  /// the resource's own by Sema/StackTags.
  std::vector<std::pair<std::string, ValuePtr>> InstanceTags;
  std::string SourceLocation; ///< "main.cfn:12", recorded in Metadata.
  /// Made by a standard-library component: "serverless.Function
  /// std/serverless.cfn:135", recorded in Metadata as cfc:component (the
  /// user's instance is SourceLocation); empty otherwise.
  std::string ComponentLocation;
  /// Made by a standard-library component: the user's instance it comes
  /// from (File 0 otherwise), where findings inside the library's code
  /// land, and the library frames as notes (innermost first, the first at
  /// the resource's declaration).
  Origin Instance;
  std::vector<std::pair<Origin, std::string>> Frames;
  /// The declaration path ("api.fn" for `fn` inside the instance `api`).
  std::string Path;
  /// `@attributes({...})`: keys written as they are into this entry, the
  /// escape hatch for what cfc has no idiom for (see docs/language.md).
  ValuePtr Attributes;
  Origin Where;
};

/// Where a finding on R as a whole is reported: the user's instance for a
/// resource a standard-library component made (its Frames then say where in
/// the library), else its declaration.
inline const Origin &reportedAt(const Resource &R) { return R.Instance.File ? R.Instance : R.Where; }

/// Whether a finding at Where is inside the standard-library code that made
/// R (its declaration's file or an enclosing library component's): the user
/// cannot change that code, so the finding belongs at R.Instance.
inline bool inLibraryFrame(const Resource &R, const Origin &Where) {
  if (!R.Instance.File)
    return false;
  if (Where.File == R.Where.File)
    return true;
  for (const auto &Frame : R.Frames)
    if (Frame.first.File == Where.File)
      return true;
  return false;
}

struct Output {
  std::string LogicalId;
  ValuePtr Value;
  std::string Description;
  ValuePtr ExportName; ///< Null when not exported.
  std::string Condition;
  Origin Where;
};

/// One file of an asset, as it goes into the zip.
struct AssetFile {
  std::string Name; ///< The entry's name: relative, '/'-separated ("lib/util.py").
  std::string Path; ///< Where it is read from.
  uint64_t Size = 0;
  bool Executable = false; ///< Kept in the zip: a custom runtime's `bootstrap` must run.
};

/// A local file or folder `asset("./handlers")` packages as a zip. The
/// template names it by Key; `cfc build` writes the zip (Emit/AssetWriter.h).
struct Asset {
  std::string Key;       ///< "assets/<sha256 of the content>.zip" (IR/AssetDigest.h).
  std::string ShownPath; ///< The path as written in the source ("./handlers").
  std::vector<AssetFile> Files; ///< Sorted by Name.
  uint64_t Bytes = 0;           ///< Unzipped.
  Origin Where;                 ///< The asset(...) call.
};

struct Template {
  std::string Description;
  Origin DescriptionWhere; ///< The description's text in the source.
  std::vector<Parameter> Parameters;
  std::vector<Rule> Rules;
  std::vector<Condition> Conditions;
  std::vector<Resource> Resources;
  std::vector<Output> Outputs;
  /// What asset(...) packages, once per distinct content, in order of use.
  std::vector<Asset> Assets;
  /// Top-level sections written as they are (Mappings, Metadata...), from
  /// `@attributes({...})` on the description.
  ValuePtr Attributes;
  /// The stack's tags, sorted by key: `@tags({...})` on the description,
  /// under cfc.yaml's `tags:`. Every taggable resource carries them, and
  /// `cfc deploy` hands them to CloudFormation as the stack's tags.
  std::vector<std::pair<std::string, std::string>> StackTags;

  /// The resource with this logical ID, or null.
  const Resource *resource(llvm::StringRef LogicalId) const;
};

} // namespace cfc::ir
