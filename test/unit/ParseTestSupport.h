// ParseTestSupport — helpers shared by the parser's unit tests: parse a
// text with everything its AST needs kept alive, list its diagnostics as
// "line:column CODE message", and print an expression tree's shape.
#pragma once

#include "Parse/Parser.h"

#include "llvm/Support/Casting.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace cfc::test {

using namespace cfc::ast;
using llvm::cast;
using llvm::dyn_cast;
using llvm::dyn_cast_or_null;
using llvm::isa;

/// One parsed text with everything that must outlive its AST.
struct Parsed {
  SourceManager SM;
  DiagnosticEngine Diags;
  FileId Id = 0;
  std::unique_ptr<ast::File> File;

  llvm::StringRef text() const { return SM.text(Id); }
  llvm::StringRef text(SourceRange R) const { return text().slice(R.Begin, R.End); }
  /// Byte offset of the first occurrence of Needle (the test's anchor).
  uint32_t at(llvm::StringRef Needle, size_t From = 0) const {
    size_t Pos = text().find(Needle, From);
    EXPECT_NE(Pos, std::string::npos) << "'" << Needle.str() << "' not in the text";
    return static_cast<uint32_t>(Pos);
  }
  /// "line:column CFCnnnn message" per diagnostic, in report order.
  std::vector<std::string> diags() const {
    std::vector<std::string> Out;
    for (const Diagnostic &D : Diags.diagnostics()) {
      LineColumn LC = SM.lineColumn(D.File, D.Range.Begin);
      Out.push_back(std::to_string(LC.Line) + ":" + std::to_string(LC.Column) + " " +
                    diag::codeString(D.Kind) + " " + D.Message);
    }
    return Out;
  }
  /// The I-th top-level declaration if it is a T, else null.
  template <typename T> T *decl(size_t I) const {
    if (I >= File->Decls.size())
      return nullptr;
    return dyn_cast<T>(File->Decls[I]);
  }
};

inline std::unique_ptr<Parsed> parse(llvm::StringRef Text) {
  auto P = std::make_unique<Parsed>();
  P->Id = P->SM.addBuffer(Text.str(), "test.cfn");
  P->File = parseFile(P->SM, P->Id, P->Diags);
  return P;
}

/// The value of `let NAME = ...` in a file made of one let.
inline ast::Expr *letValue(const Parsed &P) {
  auto *L = P.decl<LetDecl>(0);
  return L ? L->Value : nullptr;
}

/// Operators and operands as a fully parenthesised string: the tree's shape
/// in one comparable line.
inline std::string shape(const ast::Expr *E) {
  if (!E)
    return "<null>";
  if (auto *X = dyn_cast<NameRef>(E))
    return X->Id.Name;
  if (auto *X = dyn_cast<IntLit>(E))
    return std::to_string(X->Value);
  if (auto *X = dyn_cast<Binary>(E))
    return "(" + shape(X->Lhs) + " " + spelling(X->Op).str() + " " + shape(X->Rhs) + ")";
  if (auto *X = dyn_cast<Unary>(E))
    return "(" + spelling(X->Op).str() + shape(X->Operand) + ")";
  if (auto *X = dyn_cast<Conditional>(E))
    return "(" + shape(X->Cond) + " ? " + shape(X->Then) + " : " + shape(X->Else) + ")";
  if (auto *X = dyn_cast<Member>(E))
    return "(" + shape(X->Base) + "." + X->Name.Name + ")";
  if (auto *X = dyn_cast<ast::Index>(E))
    return "(" + shape(X->Base) + "[" + shape(X->Subscript) + "])";
  if (auto *X = dyn_cast<Call>(E)) {
    std::string S = "(" + shape(X->Callee) + "(";
    for (size_t I = 0; I < X->Args.size(); ++I)
      S += (I ? ", " : "") + shape(X->Args[I]);
    return S + "))";
  }
  if (isa<ErrorExpr>(E))
    return "<error>";
  return "<other>";
}

inline std::string shapeOf(llvm::StringRef ExprText) {
  auto P = parse(("let v = " + ExprText).str());
  EXPECT_TRUE(P->diags().empty()) << ExprText.str() << ": " << P->diags().front();
  return shape(letValue(*P));
}

} // namespace cfc::test
