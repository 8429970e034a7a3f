// DataKept — the default policies of a component's stateful resources.
#include "Sema/DataKept.h"

#include "Catalog/Catalog.h"
#include "Catalog/StatefulTypes.h"

namespace cfc::sema {

using namespace ast;

static void collect(const std::vector<Decl *> &Decls, std::vector<KeptData> &Out) {
  for (const Decl *D : Decls) {
    if (auto *F = llvm::dyn_cast_or_null<ForDecl>(D)) {
      collect(F->Body, Out);
      continue;
    }
    auto *R = llvm::dyn_cast_or_null<ResourceDecl>(D);
    if (!R || !R->Type)
      continue;
    const catalog::ResourceType *RT = catalog::Catalog::builtin().lookup(R->Type->dottedName());
    if (!RT)
      continue;
    catalog::DataKeeping K = catalog::dataKeepingOf(RT->CfnType);
    if (K == catalog::DataKeeping::None)
      continue;
    std::string Policy = K == catalog::DataKeeping::Snapshot ? "Snapshot" : "Retain";
    // As StackPolicies' keepsNoDataOfItsOwn: a cluster's member, a replica,
    // a Memcached cluster.
    const Object::Field *Engine = R->Body ? R->Body->find("Engine") : nullptr;
    auto *EngineText = Engine ? llvm::dyn_cast_or_null<StringLit>(Engine->Value) : nullptr;
    if (R->Body && (R->Body->find("DBClusterIdentifier") || R->Body->find("SourceDBInstanceIdentifier") ||
                    (EngineText && EngineText->isPlain() && EngineText->plainText() == "memcached")))
      Policy = "Delete";
    if (R->decorator("retain"))
      Policy = "Retain (always)";
    Out.push_back({R->Name.Name, RT->LangName, Policy});
  }
}

std::vector<KeptData> dataKeptBy(const ComponentDecl &C) {
  std::vector<KeptData> Out;
  collect(C.Body, Out);
  return Out;
}

} // namespace cfc::sema
