// DescribeCommand — `cfc describe`: what the catalog knows of a resource type
// (or of one of its property types), as text for people or JSON for tools,
// and `--list` of every type name. Contract: ../shared/design/cli.md.
#include "Driver/Commands.h"

#include "Basic/SourceManager.h"
#include "Catalog/Catalog.h"
#include "Catalog/CatalogText.h"
#include "Diagnostics/DiagnosticEngine.h"
#include "Diagnostics/DiagnosticPrinters.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

namespace cfc::driver {

using namespace catalog;
using nlohmann::ordered_json;

namespace {

/// Strings with more allowed values than this are written `string`, with
/// the values listed on the lines below, instead of as one long union.
constexpr size_t MaxInlineLiterals = 10;
/// Where the text output wraps lists of values and names.
constexpr size_t WrapColumn = 100;

/// The node of T that carries allowed values: T itself, or the element of a
/// list or map (`[ "A" | "B" ]`); null if there is none.
const PropertyType *allowedNode(const PropertyType *T) {
  for (; T; T = T->Element)
    if (!T->AllowedValues.empty())
      return T;
  return nullptr;
}

const char *updateText(UpdateEffect U) {
  switch (U) {
  case UpdateEffect::InPlace:
    return "in-place";
  case UpdateEffect::Replaces:
    return "replaces";
  case UpdateEffect::MayReplace:
    return "may-replace";
  }
  return "in-place";
}

/// "aws.iam.Role.Arn" for a relationship to AWS::IAM::Role's Arn.
std::string relationshipText(const Relationship &R) {
  return Catalog::languageName(R.CfnType) + "." + R.Attribute;
}

/// Writes Items separated by ", ", wrapped at WrapColumn, each line
/// starting with Indent.
void printWrapped(llvm::raw_ostream &OS, llvm::StringRef Indent,
                  const std::vector<std::string> &Items) {
  size_t Column = 0;
  for (size_t I = 0; I < Items.size(); ++I) {
    std::string Item = Items[I] + (I + 1 < Items.size() ? "," : "");
    if (Column == 0 || Column + 1 + Item.size() > WrapColumn) {
      if (Column != 0)
        OS << "\n";
      OS << Indent << Item;
      Column = Indent.size() + Item.size();
    } else {
      OS << " " << Item;
      Column += 1 + Item.size();
    }
  }
  if (Column != 0)
    OS << "\n";
}

// ---- text ------------------------------------------------------------------

/// The notes after a property's type: "required, replaces, ...".
std::string propertyNotes(const Property &P, bool ListValues) {
  std::vector<std::string> Notes;
  if (P.Required)
    Notes.push_back("required");
  if (P.Update == UpdateEffect::Replaces)
    Notes.push_back("replaces the resource");
  else if (P.Update == UpdateEffect::MayReplace)
    Notes.push_back("may replace the resource");
  if (P.Deprecated)
    Notes.push_back("deprecated");
  if (!P.DefaultValue.empty())
    Notes.push_back("default " + P.DefaultValue);
  for (const Relationship &R : P.RelationshipRefs)
    Notes.push_back("takes " + relationshipText(R));
  if (ListValues) {
    const PropertyType *Allowed = allowedNode(P.Type);
    Notes.push_back(std::string(Allowed == P.Type ? "one of " : "each one of ") +
                    std::to_string(Allowed->AllowedValues.size()) + " values");
  }
  if (Notes.empty())
    return "";
  std::string Out = " (";
  for (size_t I = 0; I < Notes.size(); ++I)
    Out.append(I ? ", " : "").append(Notes[I]);
  return Out + ")";
}

/// `  Name: Type (notes)  // first sentence`, then long value lists.
void printProperty(llvm::raw_ostream &OS, const Property &P) {
  const PropertyType *Allowed = allowedNode(P.Type);
  // Integers have no literal types in cfc, so their values are always listed.
  bool ListValues = Allowed && (Allowed->AllowedValues.size() > MaxInlineLiterals ||
                                Allowed->Kind != TypeKind::String);
  SpellingOptions Opts;
  Opts.LiteralUnions = !ListValues;
  OS << "  " << P.Name << ": " << spell(*P.Type, Opts) << propertyNotes(P, ListValues);
  if (std::string Summary = summarize(P.Documentation); !Summary.empty())
    OS << "  // " << Summary;
  OS << "\n";
  if (P.Limits)
    if (std::vector<std::string> Limits = limitsText(*P.Limits, !Allowed); !Limits.empty())
      OS << "      constraints: " << llvm::join(Limits, "; ") << "\n";
  if (!ListValues)
    return;
  std::vector<std::string> Values;
  for (const std::string &V : Allowed->AllowedValues)
    Values.push_back(Allowed->Kind == TypeKind::String ? quote(V) : V);
  printWrapped(OS, "      ", Values);
}

void printProperties(llvm::raw_ostream &OS, const std::vector<Property> &Props,
                     const std::vector<PresenceRule> &Rules) {
  OS << "\nproperties:\n";
  if (Props.empty())
    OS << "  (none)\n";
  for (const Property &P : Props)
    printProperty(OS, P);
  for (const PresenceRule &R : Rules)
    OS << "  rule: " << presenceRuleText(R) << "\n";
}

void printHeading(llvm::raw_ostream &OS, llvm::StringRef Title, llvm::StringRef Doc) {
  OS << Title << "\n";
  if (std::string Summary = summarize(Doc); !Summary.empty())
    OS << Summary << "\n";
}

void printResource(llvm::raw_ostream &OS, const ResourceType &R) {
  printHeading(OS, R.LangName + " (" + R.CfnType + ")", R.Documentation);
  printProperties(OS, R.Properties, R.Rules);
  OS << "\nattributes:\n";
  if (R.Attributes.empty())
    OS << "  (none)\n";
  for (const Attribute &A : R.Attributes) {
    OS << "  " << A.Name << ": " << spell(*A.Type);
    if (std::string Summary = summarize(A.Documentation); !Summary.empty())
      OS << "  // " << Summary;
    OS << "\n";
  }
  if (R.Structs.empty())
    return;
  OS << "\nproperty types (cfc describe " << R.LangName << ".NAME):\n";
  std::vector<std::string> Names;
  for (const StructType &S : R.Structs)
    Names.push_back(S.Name);
  printWrapped(OS, "  ", Names);
}

void printStruct(llvm::raw_ostream &OS, const StructType &S, const ResourceType &Owner) {
  printHeading(OS, S.QualifiedName + " (a property type of " + Owner.CfnType + ")",
               S.Documentation);
  printProperties(OS, S.Properties, S.Rules);
}

// ---- JSON ------------------------------------------------------------------

ordered_json propertyJson(const Property &P) {
  ordered_json J;
  J["name"] = P.Name;
  J["type"] = spell(*P.Type, SpellingOptions{/*LiteralUnions=*/false});
  J["required"] = P.Required;
  if (const PropertyType *Allowed = allowedNode(P.Type))
    J["allowedValues"] = Allowed->AllowedValues;
  J["update"] = updateText(P.Update);
  if (P.Deprecated)
    J["deprecated"] = true;
  if (!P.DefaultValue.empty())
    J["default"] = P.DefaultValue;
  if (P.Limits)
    J["constraints"] = limitsText(*P.Limits);
  if (!P.RelationshipRefs.empty()) {
    J["takes"] = ordered_json::array();
    for (const Relationship &R : P.RelationshipRefs)
      J["takes"].push_back(relationshipText(R));
  }
  J["documentation"] = P.Documentation;
  return J;
}

ordered_json propertiesJson(const std::vector<Property> &Props) {
  ordered_json J = ordered_json::array();
  for (const Property &P : Props)
    J.push_back(propertyJson(P));
  return J;
}

ordered_json rulesJson(const std::vector<PresenceRule> &Rules) {
  ordered_json J = ordered_json::array();
  for (const PresenceRule &R : Rules)
    J.push_back(presenceRuleText(R));
  return J;
}

ordered_json structJson(const StructType &S) {
  ordered_json J;
  J["name"] = S.QualifiedName;
  J["documentation"] = S.Documentation;
  J["properties"] = propertiesJson(S.Properties);
  J["rules"] = rulesJson(S.Rules);
  return J;
}

ordered_json resourceJson(const ResourceType &R) {
  ordered_json J;
  J["name"] = R.LangName;
  J["cloudFormationType"] = R.CfnType;
  J["documentation"] = R.Documentation;
  J["primaryIdentifier"] = R.PrimaryIdentifier;
  J["tagProperty"] = R.TagProperty;
  J["properties"] = propertiesJson(R.Properties);
  J["rules"] = rulesJson(R.Rules);
  J["attributes"] = ordered_json::array();
  for (const Attribute &A : R.Attributes)
    J["attributes"].push_back(
        {{"name", A.Name}, {"type", spell(*A.Type)}, {"documentation", A.Documentation}});
  J["propertyTypes"] = ordered_json::array();
  for (const StructType &S : R.Structs)
    J["propertyTypes"].push_back(structJson(S));
  return J;
}

void printJsonDocument(const ordered_json &J) {
  // Docs may hold any bytes the spec had; never throw on bad UTF-8.
  llvm::outs() << J.dump(2, ' ', false, ordered_json::error_handler_t::replace) << "\n";
}

// ---- errors ----------------------------------------------------------------

std::string didYouMean(const std::vector<std::string> &Candidates) {
  return Candidates.empty() ? "" : "; did you mean '" + Candidates.front() + "'?";
}

/// The struct names of Owner nearest to Name, best first.
std::vector<std::string> closestStructs(const ResourceType &Owner, llvm::StringRef Name) {
  std::vector<std::tuple<unsigned, size_t, std::string>> Scored;
  for (const StructType &S : Owner.Structs)
    if (std::optional<unsigned> Score = unlikeness(Name, S.Name))
      Scored.emplace_back(*Score, S.Name.size(), S.QualifiedName);
  std::sort(Scored.begin(), Scored.end());
  std::vector<std::string> Out;
  for (auto &Candidate : Scored)
    Out.push_back(std::get<2>(Candidate));
  return Out;
}

/// Reports that Name names nothing, with the nearest name, and returns 1.
int reportUnknown(const Catalog &C, llvm::StringRef Name) {
  SourceManager SM;
  DiagnosticEngine Diags;
  auto [Owner, Member] = Name.rsplit('.');
  const ResourceType *OwnerType = Member.empty() ? nullptr : C.lookup(Owner);
  if (OwnerType)
    Diags.report(0, {}, diag::DescribeUnknownPropertyType, Member, OwnerType->LangName,
                 didYouMean(closestStructs(*OwnerType, Member)));
  else
    Diags.report(0, {}, diag::DescribeUnknownType, Name, didYouMean(C.closestNames(Name, 1)));
  for (const Diagnostic &D : Diags.diagnostics())
    printText(D, SM, llvm::errs(), llvm::errs().has_colors());
  return InputErrors;
}

int usageError(const char *Message) {
  llvm::WithColor::error(llvm::errs(), "cfc") << Message << " (see cfc describe --help)\n";
  return UsageError;
}

/// Every catalog type and standard-library component, sorted together:
/// both are what `resource NAME TYPE` takes.
int listTypes(const Catalog &C, DescribeFormat Format) {
  std::vector<std::string> Components = stdlibComponentNames();
  std::vector<llvm::StringRef> Names = C.typeNames();
  Names.insert(Names.end(), Components.begin(), Components.end());
  std::sort(Names.begin(), Names.end());
  if (Format == DescribeFormat::Json) {
    ordered_json J = ordered_json::array();
    for (llvm::StringRef N : Names)
      J.push_back(N.str());
    printJsonDocument(J);
    return Success;
  }
  for (llvm::StringRef N : Names)
    llvm::outs() << N << "\n";
  return Success;
}

} // namespace

int runDescribe(const DescribeOptions &Opts) {
  if (Opts.List && !Opts.Type.empty())
    return usageError("give a type to describe or --list, not both");
  if (!Opts.List && Opts.Type.empty())
    return usageError("say which type to describe (cfc describe aws.s3.Bucket), or --list");
  const Catalog &C = Catalog::builtin();
  if (Opts.List)
    return listTypes(C, Opts.Format);
  bool Json = Opts.Format == DescribeFormat::Json;
  if (llvm::StringRef(Opts.Type).startswith("std."))
    return describeComponent(Opts.Type, Opts.Format);
  if (const ResourceType *R = C.lookup(Opts.Type)) {
    if (Json)
      printJsonDocument(resourceJson(*R));
    else
      printResource(llvm::outs(), *R);
    return Success;
  }
  if (const StructType *S = C.lookupStruct(Opts.Type)) {
    const ResourceType &Owner = *C.lookup(llvm::StringRef(Opts.Type).rsplit('.').first);
    if (Json)
      printJsonDocument(structJson(*S));
    else
      printStruct(llvm::outs(), *S, Owner);
    return Success;
  }
  if (int Status = describeComponent(Opts.Type, Opts.Format); Status >= 0)
    return Status;
  return reportUnknown(C, Opts.Type);
}

} // namespace cfc::driver
