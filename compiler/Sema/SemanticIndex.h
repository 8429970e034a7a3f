// SemanticIndex — what lowering learned about names, for navigation in the
// language server: where each name use resolves to, and what each resource
// declaration's type turned out to be (an AWS type or a component).
#pragma once

#include "AST/AST.h"
#include "IR/Value.h"

#include <map>
#include <string>
#include <vector>

namespace cfc {

struct SemanticIndex {
  /// A name as used in the source and the declaration it resolves to.
  struct Use {
    FileId File = 0;
    SourceRange Range;
    const ast::Decl *Decl = nullptr;
    FileId DeclFile = 0;
  };
  std::vector<Use> Uses;

  struct ResourceInfo {
    FileId File = 0;
    std::string CfnType; ///< "AWS::S3::Bucket"; empty for an instance.
    const ast::ComponentDecl *Component = nullptr;
    FileId ComponentFile = 0;
  };
  std::map<const ast::ResourceDecl *, ResourceInfo> Resources;

  /// The logical IDs a resource or a parameter declaration became, in the
  /// order they were made: one per loop iteration or component instance
  /// (a component instance's is the prefix of its resources' IDs).
  std::map<const ast::Decl *, std::vector<std::string>> LogicalIds;
  /// What a let evaluated to, once per scope it was evaluated in (a loop
  /// iteration, a component instance); null when evaluating it failed.
  std::map<const ast::LetDecl *, std::vector<ir::ValuePtr>> LetValues;

  /// The use covering Offset in File, or null.
  const Use *useAt(FileId File, uint32_t Offset) const {
    for (const Use &U : Uses)
      if (U.File == File && U.Range.Begin <= Offset && Offset <= U.Range.End)
        return &U;
    return nullptr;
  }
};

} // namespace cfc
