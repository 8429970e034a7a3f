// AstQuery — questions the features ask of the compiler's AST, index and
// catalog: which nodes cover a position, what type a resource declaration
// has, which catalog struct a field path inside its body leads to, and how
// to show a catalog type or a declaration to a person.
#pragma once

#include "lsp/Workspace.h"

#include "AST/AST.h"
#include "Catalog/ResourceType.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <string>
#include <vector>

namespace cfc::lsp {

/// Calls F on each direct child of N (null children skipped).
void forEachChild(const ast::Node *N, llvm::function_ref<void(const ast::Node *)> F);

/// Calls F on every declaration of Decls, nested ones (component and loop
/// bodies) included.
void forEachDecl(const std::vector<ast::Decl *> &Decls, llvm::function_ref<void(const ast::Decl *)> F);

/// The nodes whose range covers Offset (end included, so a cursor right
/// after a word is on it), outermost first.
std::vector<const ast::Node *> nodesAt(const ast::File &File, uint32_t Offset);

/// What a resource declaration instantiates: an AWS type or a component.
struct ResolvedResource {
  const catalog::ResourceType *Aws = nullptr;
  const ast::ComponentDecl *Component = nullptr;
  FileId ComponentFile = 0;
  explicit operator bool() const { return Aws || Component; }
};
/// From the semantic index when lowering got that far, else from the
/// catalog or the components the document declares or imports.
ResolvedResource resolveResource(const ParsedDocument &Doc, const ast::ResourceDecl *D);
/// The same for a type written as a dotted name (the textual fallback).
ResolvedResource resolveTypeName(const ParsedDocument &Doc, llvm::StringRef Dotted);

/// The properties at a field path inside an AWS resource body: the
/// resource's own for an empty path, else those of the struct the path
/// leads to (through lists and maps). Null when the path leads nowhere.
const std::vector<catalog::Property> *propertiesAt(const catalog::ResourceType &T,
                                                   const std::vector<std::string> &Path);
/// The property a path names (its last key), or null.
const catalog::Property *propertyAt(const catalog::ResourceType &T,
                                    const std::vector<std::string> &Path);

/// A pseudo parameter of `aws.`: its name and CloudFormation's.
struct PseudoParameter {
  const char *Name;    ///< "region"
  const char *CfnName; ///< "AWS::Region"
};
/// The pseudo parameters docs/language.md lists (`aws.region`, ...).
llvm::ArrayRef<PseudoParameter> pseudoParameters();

/// "string", "int", "list of object (Tag)", "\"A\" | \"B\"".
std::string describe(const catalog::PropertyType *T);

/// The name an import declares: its alias, else the module's last part
/// (`std.storage` -> storage), else the file's stem (`./net.cfn` -> net) —
/// the rule of Sema's declareImport.
std::string importName(const ast::ImportDecl &I);

/// Whether a component parameter must be given (no default, not optional).
bool isRequiredParam(const ast::ParamDecl &P);
/// The source text of a node's range in File.
std::string sourceText(const ParsedDocument &Doc, FileId File, SourceRange R);
/// A declaration as a person reads it in a hover or completion detail:
/// "param stage: string", "resource queue aws.sqs.Queue".
std::string signature(const ParsedDocument &Doc, const ast::Decl &D, FileId File);

} // namespace cfc::lsp
