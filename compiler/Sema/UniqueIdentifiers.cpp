// UniqueIdentifiers — two resources of one type with the same primary
// identifier (two buckets named alike, two roles with one RoleName): the
// second create fails with "already exists". Only identifiers written in full
// at compile time are compared, and a resource under a condition is left out
// (two exclusive conditions may share a name).
#include "Sema/Evaluator.h"

#include "Catalog/Catalog.h"

#include "llvm/ADT/StringExtras.h"

#include <map>

namespace cfc::sema {

namespace {

/// The resource's primary identifier as text, when every part of it is a
/// property with a constant scalar value; empty otherwise.
std::string identifierOf(const ir::Resource &R, const catalog::ResourceType &RT, ir::ValuePtr &Last) {
  std::vector<std::string> Parts;
  for (const std::string &Name : RT.PrimaryIdentifier) {
    if (!RT.findProperty(Name))
      return ""; // Read-only (an ARN, an ID): AWS makes it unique.
    ir::ValuePtr V = R.Properties ? R.Properties->field(Name) : nullptr;
    if (!V || !V->isConstant() || (V->kind() != ir::Value::Kind::String && V->kind() != ir::Value::Kind::Int))
      return "";
    Parts.push_back(V->kind() == ir::Value::Kind::Int ? std::to_string(V->asInt()) : V->text());
    Last = V;
  }
  return Parts.empty() ? "" : llvm::join(Parts, "|");
}

} // namespace

void checkUniqueIdentifiers(const ir::Template &T, const catalog::Catalog *Catalog, DiagnosticEngine &Diags) {
  if (!Catalog)
    return;
  std::map<std::pair<std::string, std::string>, const ir::Resource *> Seen;
  for (const ir::Resource &R : T.Resources) {
    if (!R.Condition.empty())
      continue;
    const catalog::ResourceType *RT = Catalog->lookup(R.Type);
    if (!RT)
      continue;
    ir::ValuePtr At;
    std::string Id = identifierOf(R, *RT, At);
    if (Id.empty())
      continue;
    auto [It, Fresh] = Seen.emplace(std::make_pair(R.Type, Id), &R);
    if (Fresh)
      continue;
    Diags.report(At->origin().File, At->origin().Range, diag::DuplicateIdentifier, RT->LangName,
                 llvm::join(RT->PrimaryIdentifier, " and "), Id, It->second->LogicalId, R.LogicalId);
  }
}

} // namespace cfc::sema
