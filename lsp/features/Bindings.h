// Bindings — which declaration each name in a document's stack means, found
// by walking the AST with the language's scoping rules. Rename needs every
// use of a name, and the semantic index has only those lowering evaluated:
// it misses components nobody instantiates, functions nobody calls, loops
// over empty lists and code after an error. Where the index did record a
// use, it is trusted over this walk.
#pragma once

#include "lsp/Workspace.h"

#include "AST/AST.h"

#include <deque>
#include <map>
#include <string>
#include <vector>

namespace cfc::lsp {

struct BindingScope;

/// A declared name: a declaration's own, a loop variable, a function
/// parameter, an import's name.
struct Binding {
  enum class Kind { Param, Let, Resource, Fn, TypeAlias, Component, Import, LoopVariable, FnParameter };
  Kind K = Kind::Let;
  std::string Name;
  /// Where the name is written at its declaration; null for an import
  /// without alias (`import std.storage` is called storage).
  const ast::Identifier *Id = nullptr;
  /// The declaration; for loop variables the loop, for parameters the fn.
  const ast::Decl *Decl = nullptr;
  FileId File = 0;
  const BindingScope *Scope = nullptr;
  /// A resource declared in a loop is also a name around the loop.
  const BindingScope *Outer = nullptr;
  /// An import: the names of the module.
  const BindingScope *Module = nullptr;
};

struct BindingScope {
  enum class Kind { Stack, Module, Component, Loop, Function };
  Kind K = Kind::Stack;
  const BindingScope *Parent = nullptr;
  unsigned Depth = 0;
  std::map<std::string, const Binding *> Names;

  /// The scope, from this one outwards, where Name is declared; or null.
  const BindingScope *scopeOf(const std::string &Name) const;
  const Binding *lookup(const std::string &Name) const;
};

/// A name where it is written.
struct NameOccurrence {
  enum class Role {
    Declaration,       ///< The declaration's own name.
    Use,               ///< A name in an expression or a type.
    ModuleMember,      ///< The `tag` of `net.tag`: looked up in the module.
    ComponentArgument, ///< A key of an instance's body: a component param.
  };
  Role R = Role::Use;
  FileId File = 0;
  SourceRange Range; ///< Exactly the name's characters.
  std::string Name;
  const Binding *Target = nullptr;     ///< Null: declared nowhere (a builtin, aws, a typo).
  const BindingScope *Scope = nullptr; ///< Where it is written.
};

class Bindings {
public:
  /// Walks the document's stack and the modules it imports.
  explicit Bindings(const ParsedDocument &Doc);

  /// The name written at Offset in File, or null.
  const NameOccurrence *at(FileId File, uint32_t Offset) const;
  /// The declaration and every use of B, in file and position order.
  std::vector<const NameOccurrence *> occurrencesOf(const Binding &B) const;
  const std::vector<NameOccurrence> &occurrences() const { return Occurrences; }
  const BindingScope &stack() const { return Scopes.front(); }

private:
  friend class BindingWalker;
  std::deque<Binding> All;
  std::deque<BindingScope> Scopes;
  std::vector<NameOccurrence> Occurrences;
};

} // namespace cfc::lsp
