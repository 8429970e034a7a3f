// AST — the project's own syntax tree, built by compiler/Parse from the
// ANTLR parse tree. Every node has a byte range in its file. Nodes are owned
// by their ast::File (an arena of unique_ptrs) and point at each other with
// plain pointers; a part the parser could not read is null or an Error node.
#pragma once

#include "Basic/SourceRange.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Casting.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace cfc::ast {

/// A name as written, with where it was written.
struct Identifier {
  std::string Name;
  SourceRange Range;
  bool valid() const { return !Name.empty(); }
};

/// Base of every node.
class Node {
public:
  enum class Kind {
    // Expressions.
    IntLit, NumberLit, BoolLit, NoneLit, DurationLit, SizeLit, StringLit,
    NameRef, Member, Index, Call, Unary, Binary, Conditional, List, Object,
    ErrorExpr,
    // Types.
    NamedType, LiteralType, ListType, MapType, RecordType, UnionType, OptionalType,
    ErrorType,
    // Declarations.
    DescriptionDecl, ParamDecl, LetDecl, ResourceDecl, OutputDecl, ImportDecl,
    ForDecl, ComponentDecl, FnDecl, AssertDecl, TypeDecl,
    // The other pieces.
    Decorator,
  };

  Kind kind() const { return K; }
  SourceRange range() const { return Range; }
  void setRange(SourceRange R) { Range = R; }
  virtual ~Node() = default;

protected:
  Node(Kind K, SourceRange R) : K(K), Range(R) {}

private:
  Kind K;
  SourceRange Range;
};

// ---- expressions -----------------------------------------------------------

class Expr : public Node {
public:
  static bool classof(const Node *N) {
    return N->kind() >= Kind::IntLit && N->kind() <= Kind::ErrorExpr;
  }

protected:
  using Node::Node;
};

#define CFC_LEAF(Class, Base)                                                       \
  static bool classof(const Node *N) { return N->kind() == Kind::Class; }

class IntLit : public Expr {
public:
  IntLit(SourceRange R, int64_t V) : Expr(Kind::IntLit, R), Value(V) {}
  int64_t Value;
  CFC_LEAF(IntLit, Expr)
};

class NumberLit : public Expr {
public:
  NumberLit(SourceRange R, double V, std::string Spelling)
      : Expr(Kind::NumberLit, R), Value(V), Spelling(std::move(Spelling)) {}
  double Value;
  std::string Spelling; ///< As written, so emission keeps "0.10" exact.
  CFC_LEAF(NumberLit, Expr)
};

class BoolLit : public Expr {
public:
  BoolLit(SourceRange R, bool V) : Expr(Kind::BoolLit, R), Value(V) {}
  bool Value;
  CFC_LEAF(BoolLit, Expr)
};

class NoneLit : public Expr {
public:
  explicit NoneLit(SourceRange R) : Expr(Kind::NoneLit, R) {}
  CFC_LEAF(NoneLit, Expr)
};

/// `90s`, `5m`: the amount and its unit as written.
class DurationLit : public Expr {
public:
  enum class Unit { Milliseconds, Seconds, Minutes, Hours, Days };
  DurationLit(SourceRange R, int64_t Amount, Unit U)
      : Expr(Kind::DurationLit, R), Amount(Amount), U(U) {}
  int64_t Amount;
  Unit U;
  /// The value in milliseconds.
  int64_t milliseconds() const;
  CFC_LEAF(DurationLit, Expr)
};

/// `128MB`, `10GiB`: the amount and its unit as written.
class SizeLit : public Expr {
public:
  enum class Unit { B, KB, MB, GB, TB, KiB, MiB, GiB, TiB };
  SizeLit(SourceRange R, int64_t Amount, Unit U) : Expr(Kind::SizeLit, R), Amount(Amount), U(U) {}
  int64_t Amount;
  Unit U;
  /// The value in bytes.
  int64_t bytes() const;
  CFC_LEAF(SizeLit, Expr)
};

/// A string, plain or interpolated: literal text pieces alternate with
/// expressions. "a${x}b" has Parts {Text "a", Expr x, Text "b"}.
class StringLit : public Expr {
public:
  struct Part {
    std::string Text;       ///< Decoded text, when Value is null.
    Expr *Value = nullptr;  ///< The interpolated expression, or null.
    SourceRange Range;
  };
  StringLit(SourceRange R, std::vector<Part> Parts, bool Raw)
      : Expr(Kind::StringLit, R), Parts(std::move(Parts)), Raw(Raw) {}
  std::vector<Part> Parts;
  bool Raw; ///< A """raw""" string.
  /// True when there is no interpolation.
  bool isPlain() const;
  /// The text of a plain string (empty if interpolated).
  std::string plainText() const;
  CFC_LEAF(StringLit, Expr)
};

/// A bare name: a parameter, let, resource, function, or the start of a
/// dotted path such as aws.region (the resolver decides which).
class NameRef : public Expr {
public:
  explicit NameRef(Identifier Id) : Expr(Kind::NameRef, Id.Range), Id(std::move(Id)) {}
  Identifier Id;
  CFC_LEAF(NameRef, Expr)
};

/// `base.member`: an attribute (bucket.Arn), a component output, a record
/// field, or a module member (storage.read).
class Member : public Expr {
public:
  Member(SourceRange R, Expr *Base, Identifier Name)
      : Expr(Kind::Member, R), Base(Base), Name(std::move(Name)) {}
  Expr *Base;
  Identifier Name;
  CFC_LEAF(Member, Expr)
};

class Index : public Expr {
public:
  Index(SourceRange R, Expr *Base, Expr *Subscript)
      : Expr(Kind::Index, R), Base(Base), Subscript(Subscript) {}
  Expr *Base;
  Expr *Subscript;
  CFC_LEAF(Index, Expr)
};

class Call : public Expr {
public:
  Call(SourceRange R, Expr *Callee, std::vector<Expr *> Args)
      : Expr(Kind::Call, R), Callee(Callee), Args(std::move(Args)) {}
  Expr *Callee;
  std::vector<Expr *> Args;
  CFC_LEAF(Call, Expr)
};

enum class UnaryOp { Not, Negate };
enum class BinaryOp { Mul, Div, Mod, Add, Sub, Lt, Le, Gt, Ge, Eq, Ne, And, Or };
/// The operator as written ("&&").
llvm::StringRef spelling(UnaryOp Op);
llvm::StringRef spelling(BinaryOp Op);

class Unary : public Expr {
public:
  Unary(SourceRange R, UnaryOp Op, Expr *Operand)
      : Expr(Kind::Unary, R), Op(Op), Operand(Operand) {}
  UnaryOp Op;
  Expr *Operand;
  CFC_LEAF(Unary, Expr)
};

class Binary : public Expr {
public:
  Binary(SourceRange R, BinaryOp Op, Expr *Lhs, Expr *Rhs, SourceRange OpRange)
      : Expr(Kind::Binary, R), Op(Op), Lhs(Lhs), Rhs(Rhs), OpRange(OpRange) {}
  BinaryOp Op;
  Expr *Lhs;
  Expr *Rhs;
  SourceRange OpRange;
  CFC_LEAF(Binary, Expr)
};

class Conditional : public Expr {
public:
  Conditional(SourceRange R, Expr *Cond, Expr *Then, Expr *Else)
      : Expr(Kind::Conditional, R), Cond(Cond), Then(Then), Else(Else) {}
  Expr *Cond;
  Expr *Then;
  Expr *Else;
  CFC_LEAF(Conditional, Expr)
};

class List : public Expr {
public:
  List(SourceRange R, std::vector<Expr *> Elements)
      : Expr(Kind::List, R), Elements(std::move(Elements)) {}
  std::vector<Expr *> Elements;
  CFC_LEAF(List, Expr)
};

/// `{ Key: value ... }`: a resource body, a record value, or a map.
class Object : public Expr {
public:
  struct Field {
    Identifier Key;        ///< A name or the decoded text of a quoted key.
    bool QuotedKey = false;
    Expr *Value = nullptr; ///< Null when the parser could not read it.
  };
  Object(SourceRange R, std::vector<Field> Fields)
      : Expr(Kind::Object, R), Fields(std::move(Fields)) {}
  std::vector<Field> Fields;
  /// The field with this key, or null.
  const Field *find(llvm::StringRef Key) const;
  CFC_LEAF(Object, Expr)
};

/// Stands where the parser could not read an expression.
class ErrorExpr : public Expr {
public:
  explicit ErrorExpr(SourceRange R) : Expr(Kind::ErrorExpr, R) {}
  CFC_LEAF(ErrorExpr, Expr)
};

// ---- types -------------------------------------------------------------

class TypeExpr : public Node {
public:
  static bool classof(const Node *N) {
    return N->kind() >= Kind::NamedType && N->kind() <= Kind::ErrorType;
  }

protected:
  using Node::Node;
};

/// `string`, `aws.s3.Bucket`, `serverless.Function`, a type alias.
class NamedType : public TypeExpr {
public:
  NamedType(SourceRange R, std::vector<Identifier> Path)
      : TypeExpr(Kind::NamedType, R), Path(std::move(Path)) {}
  std::vector<Identifier> Path;
  /// "aws.s3.Bucket".
  std::string dottedName() const;
  CFC_LEAF(NamedType, TypeExpr)
};

/// A string literal type: the `"dev"` in `"dev" | "prod"`.
class LiteralType : public TypeExpr {
public:
  LiteralType(SourceRange R, std::string Value) : TypeExpr(Kind::LiteralType, R), Value(std::move(Value)) {}
  std::string Value;
  CFC_LEAF(LiteralType, TypeExpr)
};

class ListType : public TypeExpr {
public:
  ListType(SourceRange R, TypeExpr *Element) : TypeExpr(Kind::ListType, R), Element(Element) {}
  TypeExpr *Element;
  CFC_LEAF(ListType, TypeExpr)
};

/// `{string: T}`.
class MapType : public TypeExpr {
public:
  MapType(SourceRange R, TypeExpr *Value) : TypeExpr(Kind::MapType, R), Value(Value) {}
  TypeExpr *Value;
  CFC_LEAF(MapType, TypeExpr)
};

/// `{ name: string, port?: int }`.
class RecordType : public TypeExpr {
public:
  struct Field {
    Identifier Name;
    bool Optional = false;
    TypeExpr *Type = nullptr;
  };
  RecordType(SourceRange R, std::vector<Field> Fields)
      : TypeExpr(Kind::RecordType, R), Fields(std::move(Fields)) {}
  std::vector<Field> Fields;
  CFC_LEAF(RecordType, TypeExpr)
};

class UnionType : public TypeExpr {
public:
  UnionType(SourceRange R, std::vector<TypeExpr *> Members)
      : TypeExpr(Kind::UnionType, R), Members(std::move(Members)) {}
  std::vector<TypeExpr *> Members;
  CFC_LEAF(UnionType, TypeExpr)
};

/// `T?`.
class OptionalType : public TypeExpr {
public:
  OptionalType(SourceRange R, TypeExpr *Inner) : TypeExpr(Kind::OptionalType, R), Inner(Inner) {}
  TypeExpr *Inner;
  CFC_LEAF(OptionalType, TypeExpr)
};

class ErrorType : public TypeExpr {
public:
  explicit ErrorType(SourceRange R) : TypeExpr(Kind::ErrorType, R) {}
  CFC_LEAF(ErrorType, TypeExpr)
};

// ---- declarations --------------------------------------------------------

/// `@name` or `@name(args)`.
class Decorator : public Node {
public:
  Decorator(SourceRange R, Identifier Name, std::vector<Expr *> Args, bool HasParens)
      : Node(Kind::Decorator, R), Name(std::move(Name)), Args(std::move(Args)),
        HasParens(HasParens) {}
  Identifier Name;
  std::vector<Expr *> Args;
  bool HasParens;
  static bool classof(const Node *N) { return N->kind() == Kind::Decorator; }
};

class Decl : public Node {
public:
  /// The declared name (empty for description and unaliased imports).
  Identifier Name;
  std::vector<Decorator *> Decorators;
  /// Text of the `///` comment lines right above the declaration.
  std::string DocComment;

  /// The decorator with this name, or null.
  const Decorator *decorator(llvm::StringRef Name) const;
  static bool classof(const Node *N) {
    return N->kind() >= Kind::DescriptionDecl && N->kind() <= Kind::TypeDecl;
  }

protected:
  Decl(Kind K, SourceRange R, Identifier Name) : Node(K, R), Name(std::move(Name)) {}
};

/// `description "text"`.
class DescriptionDecl : public Decl {
public:
  DescriptionDecl(SourceRange R, Expr *Text) : Decl(Kind::DescriptionDecl, R, {}), Text(Text) {}
  Expr *Text;
  CFC_LEAF(DescriptionDecl, Decl)
};

/// `param name: T = default`.
class ParamDecl : public Decl {
public:
  ParamDecl(SourceRange R, Identifier Name, TypeExpr *Type, Expr *Default)
      : Decl(Kind::ParamDecl, R, std::move(Name)), Type(Type), Default(Default) {}
  TypeExpr *Type;  ///< Null when omitted (then the default's type).
  Expr *Default;   ///< Null when required.
  CFC_LEAF(ParamDecl, Decl)
};

/// `let name: T = value`.
class LetDecl : public Decl {
public:
  LetDecl(SourceRange R, Identifier Name, TypeExpr *Type, Expr *Value)
      : Decl(Kind::LetDecl, R, std::move(Name)), Type(Type), Value(Value) {}
  TypeExpr *Type;
  Expr *Value;
  CFC_LEAF(LetDecl, Decl)
};

/// `resource name Type { body }`: an AWS resource or a component instance.
class ResourceDecl : public Decl {
public:
  ResourceDecl(SourceRange R, Identifier Name, NamedType *Type, Object *Body)
      : Decl(Kind::ResourceDecl, R, std::move(Name)), Type(Type), Body(Body) {}
  NamedType *Type; ///< Null when missing.
  Object *Body;    ///< Null when there is no body.
  CFC_LEAF(ResourceDecl, Decl)
};

/// `output name: T = value`.
class OutputDecl : public Decl {
public:
  OutputDecl(SourceRange R, Identifier Name, TypeExpr *Type, Expr *Value)
      : Decl(Kind::OutputDecl, R, std::move(Name)), Type(Type), Value(Value) {}
  TypeExpr *Type;
  Expr *Value;
  CFC_LEAF(OutputDecl, Decl)
};

/// `import std.serverless` or `import "./net.cfn" as net`.
class ImportDecl : public Decl {
public:
  ImportDecl(SourceRange R, Identifier Alias, std::vector<Identifier> Module, std::string Path,
             SourceRange PathRange)
      : Decl(Kind::ImportDecl, R, std::move(Alias)), Module(std::move(Module)),
        Path(std::move(Path)), PathRange(PathRange) {}
  std::vector<Identifier> Module; ///< `std.serverless`; empty for a path import.
  std::string Path;               ///< `./net.cfn`; empty for a module import.
  SourceRange PathRange;
  CFC_LEAF(ImportDecl, Decl)
};

/// `for i, x in list { declarations }`. Name is the element variable.
class ForDecl : public Decl {
public:
  ForDecl(SourceRange R, Identifier IndexVar, Identifier Element, Expr *Iterable,
          std::vector<Decl *> Body)
      : Decl(Kind::ForDecl, R, std::move(Element)), IndexVar(std::move(IndexVar)),
        Iterable(Iterable), Body(std::move(Body)) {}
  Identifier IndexVar; ///< Empty without `i,`.
  Expr *Iterable;
  std::vector<Decl *> Body;
  CFC_LEAF(ForDecl, Decl)
};

/// `component Name { declarations }`.
class ComponentDecl : public Decl {
public:
  ComponentDecl(SourceRange R, Identifier Name, std::vector<Decl *> Body)
      : Decl(Kind::ComponentDecl, R, std::move(Name)), Body(std::move(Body)) {}
  std::vector<Decl *> Body;
  CFC_LEAF(ComponentDecl, Decl)
};

/// `fn name(a: T, ...) -> R = body`.
class FnDecl : public Decl {
public:
  struct Param {
    Identifier Name;
    TypeExpr *Type = nullptr;
  };
  FnDecl(SourceRange R, Identifier Name, std::vector<Param> Params, TypeExpr *Result, Expr *Body)
      : Decl(Kind::FnDecl, R, std::move(Name)), Params(std::move(Params)), Result(Result),
        Body(Body) {}
  std::vector<Param> Params;
  TypeExpr *Result; ///< Null when inferred.
  Expr *Body;
  CFC_LEAF(FnDecl, Decl)
};

/// `assert cond, "message"`: a condition the stack must meet.
class AssertDecl : public Decl {
public:
  AssertDecl(SourceRange R, Expr *Cond, Expr *Message)
      : Decl(Kind::AssertDecl, R, {}), Cond(Cond), Message(Message) {}
  Expr *Cond;
  Expr *Message; ///< Null when omitted (the condition's text is the message).
  CFC_LEAF(AssertDecl, Decl)
};

/// `type Name = T`.
class TypeDecl : public Decl {
public:
  TypeDecl(SourceRange R, Identifier Name, TypeExpr *Type)
      : Decl(Kind::TypeDecl, R, std::move(Name)), Type(Type) {}
  TypeExpr *Type;
  CFC_LEAF(TypeDecl, Decl)
};

#undef CFC_LEAF

/// A comment as written, kept for the formatter and doc comments.
struct Comment {
  SourceRange Range;
  bool Block;
};

/// One parsed source file: its declarations, its comments, and the arena
/// that owns every node.
class File {
public:
  FileId Id = 0;
  std::vector<Decl *> Decls;
  std::vector<Comment> Comments;

  /// Creates a node owned by this file.
  template <typename T, typename... Args> T *make(Args &&...A) {
    auto Owned = std::make_unique<T>(std::forward<Args>(A)...);
    T *Raw = Owned.get();
    Nodes.push_back(std::move(Owned));
    return Raw;
  }
  size_t nodeCount() const { return Nodes.size(); }

private:
  std::vector<std::unique_ptr<Node>> Nodes;
};

} // namespace cfc::ast
