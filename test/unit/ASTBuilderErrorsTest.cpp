// ASTBuilderErrorsTest — what parseFile makes of text with mistakes:
// numbers out of range, and broken files that must still give a usable AST
// (the declarations around a mistake kept, Error nodes where parts are
// missing, placed where they belong) with one diagnostic per mistake.
#include "ParseTestSupport.h"

using namespace cfc;
using namespace cfc::test;

namespace {

// ---- numbers out of range ----------------------------------------------------

TEST(ASTBuilderErrors, IntegerOverflowIsADiagnostic) {
  auto P = parse("let v = 9223372036854775808\nlet w = 1");
  EXPECT_EQ(P->diags(), (std::vector<std::string>{
                            "1:9 CFC1018 number '9223372036854775808' is out of range: integers "
                            "are limited to 64 bits"}));
  ASSERT_EQ(P->Diags.diagnostics().size(), 1u);
  EXPECT_EQ(P->Diags.diagnostics()[0].Range, (SourceRange{8, 27}));
  auto *E = dyn_cast<ErrorExpr>(letValue(*P));
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(E->range(), (SourceRange{8, 27}));
  EXPECT_NE(P->decl<LetDecl>(1), nullptr);
}

TEST(ASTBuilderErrors, DurationAmountOverflowIsADiagnostic) {
  auto P = parse("let v = 99999999999999999999s");
  EXPECT_EQ(P->diags(), (std::vector<std::string>{
                            "1:9 CFC1018 number '99999999999999999999s' is out of range: "
                            "integers are limited to 64 bits"}));
  EXPECT_TRUE(isa<ErrorExpr>(letValue(*P)));
}

// A duration or size whose amount fits in 64 bits but whose value in the
// base unit does not must be diagnosed, not wrap around (signed overflow in
// DurationLit::milliseconds() / SizeLit::bytes() is undefined behaviour).
TEST(ASTBuilderErrors, DurationConvertedOverflowIsADiagnostic) {
  auto P = parse("let v = 200000000000d");
  EXPECT_EQ(P->Diags.errorCount(), 1u);
  ASSERT_FALSE(P->Diags.diagnostics().empty());
  EXPECT_EQ(P->Diags.diagnostics()[0].Kind, diag::NumberOutOfRange);
  EXPECT_EQ(P->Diags.diagnostics()[0].Range, (SourceRange{8, 21}));
}

TEST(ASTBuilderErrors, SizeConvertedOverflowIsADiagnostic) {
  auto P = parse("let v = 9000000TiB");
  EXPECT_EQ(P->Diags.errorCount(), 1u);
  ASSERT_FALSE(P->Diags.diagnostics().empty());
  EXPECT_EQ(P->Diags.diagnostics()[0].Kind, diag::NumberOutOfRange);
}

// 1e999 is not a finite double: it must not become +inf silently.
TEST(ASTBuilderErrors, NumberOverflowIsADiagnostic) {
  auto P = parse("let v = 1e999");
  EXPECT_EQ(P->Diags.errorCount(), 1u);
  ASSERT_FALSE(P->Diags.diagnostics().empty());
  EXPECT_EQ(P->Diags.diagnostics()[0].Range, (SourceRange{8, 13}));
}

TEST(ASTBuilderErrors, BadNumberIsAnErrorExpr) {
  auto P = parse("let v = 10x");
  EXPECT_EQ(P->diags(),
            (std::vector<std::string>{"1:9 CFC1006 invalid number '10x': a number is followed by "
                                      "a unit (ms, s, m, h, d, B, KB, MB, GB, TB) or nothing"}));
  auto *E = dyn_cast<ErrorExpr>(letValue(*P));
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(E->range(), (SourceRange{8, 11}));
}

// ---- broken files ----------------------------------------------------------------------

TEST(ASTBuilderErrors, MissingValueBetweenGoodDeclarations) {
  auto P = parse("let a = 1\nlet b =\nlet c = 3\n");
  EXPECT_EQ(P->diags(), (std::vector<std::string>{
                            "3:1 CFC1011 expected a value; found keyword 'let'"}));
  ASSERT_EQ(P->File->Decls.size(), 3u);
  EXPECT_EQ(cast<IntLit>(P->decl<LetDecl>(0)->Value)->Value, 1);
  auto *B = P->decl<LetDecl>(1);
  ASSERT_NE(B, nullptr);
  EXPECT_EQ(B->Name.Name, "b");
  EXPECT_TRUE(isa<ErrorExpr>(B->Value));
  auto *C = P->decl<LetDecl>(2);
  ASSERT_NE(C, nullptr);
  EXPECT_EQ(C->Name.Name, "c");
  EXPECT_EQ(cast<IntLit>(C->Value)->Value, 3);
  EXPECT_EQ(C->range(), (SourceRange{18, 27}));
}

// The ErrorExpr stands where the value belongs: right after '=', inside
// the declaration's range, not at the next declaration.
TEST(ASTBuilderErrors, ErrorExprLiesInsideItsDeclaration) {
  auto P = parse("let b =\nlet c = 3\n");
  auto *B = P->decl<LetDecl>(0);
  ASSERT_NE(B, nullptr);
  EXPECT_EQ(B->range(), (SourceRange{0, 7}));
  ASSERT_TRUE(isa<ErrorExpr>(B->Value));
  EXPECT_EQ(B->Value->range(), (SourceRange{7, 7}));
}

TEST(ASTBuilderErrors, ErrorExprAfterBinaryOperatorLiesInsideItsDeclaration) {
  auto P = parse("let x = 1 +\n@retain\nresource t T {}\n");
  auto *X = P->decl<LetDecl>(0);
  ASSERT_NE(X, nullptr);
  auto *Add = dyn_cast<Binary>(X->Value);
  ASSERT_NE(Add, nullptr);
  ASSERT_TRUE(isa<ErrorExpr>(Add->Rhs));
  EXPECT_EQ(Add->Rhs->range(), (SourceRange{11, 11}));
  auto *T = P->decl<ResourceDecl>(1);
  ASSERT_NE(T, nullptr);
  EXPECT_EQ(T->Decorators.size(), 1u);
}

TEST(ASTBuilderErrors, MissingClosingBraceKeepsNextResource) {
  auto P = parse("resource a aws.s3.Bucket {\n  BucketName: \"x\"\n\n"
                 "resource b aws.sqs.Queue { DelaySeconds: 5 }\n");
  EXPECT_EQ(P->diags(), (std::vector<std::string>{
                            "2:18 CFC1008 expected '}' to close resource 'a' opened at 1:26"}));
  ASSERT_EQ(P->File->Decls.size(), 2u);
  auto *A = P->decl<ResourceDecl>(0);
  ASSERT_NE(A, nullptr);
  ASSERT_NE(A->Body, nullptr);
  ASSERT_EQ(A->Body->Fields.size(), 1u);
  EXPECT_EQ(cast<StringLit>(A->Body->Fields[0].Value)->plainText(), "x");
  auto *B = P->decl<ResourceDecl>(1);
  ASSERT_NE(B, nullptr);
  EXPECT_EQ(B->Name.Name, "b");
  ASSERT_NE(B->Body, nullptr);
  EXPECT_EQ(cast<IntLit>(B->Body->Fields[0].Value)->Value, 5);
}

TEST(ASTBuilderErrors, MissingFieldValue) {
  auto P = parse("resource r T { A: , B: 2 }");
  auto *R = P->decl<ResourceDecl>(0);
  ASSERT_NE(R, nullptr);
  ASSERT_NE(R->Body, nullptr);
  ASSERT_EQ(R->Body->Fields.size(), 2u);
  EXPECT_TRUE(isa<ErrorExpr>(R->Body->Fields[0].Value));
  EXPECT_EQ(cast<IntLit>(R->Body->Fields[1].Value)->Value, 2);
  EXPECT_EQ(P->diags(),
            (std::vector<std::string>{"1:19 CFC1011 expected a value; found ','"}));
}

TEST(ASTBuilderErrors, MissingTypeIsAnErrorType) {
  auto P = parse("param z: = 3\nlet after = 1");
  auto *Z = P->decl<ParamDecl>(0);
  ASSERT_NE(Z, nullptr);
  ASSERT_NE(Z->Type, nullptr);
  EXPECT_TRUE(isa<ErrorType>(Z->Type));
  // Right after the ':', where the type belongs (as for a missing value).
  EXPECT_EQ(Z->Type->range(), (SourceRange{8, 8}));
  EXPECT_EQ(cast<IntLit>(Z->Default)->Value, 3);
  EXPECT_NE(P->decl<LetDecl>(1), nullptr);
}

TEST(ASTBuilderErrors, UnterminatedStringKeepsNextDeclaration) {
  auto P = parse("let y = \"abc\nlet z = 2\n");
  EXPECT_EQ(P->diags(), (std::vector<std::string>{"1:9 CFC1004 unterminated string; close it "
                                                  "with '\"' before the end of the line"}));
  ASSERT_EQ(P->File->Decls.size(), 2u);
  auto *Y = P->decl<LetDecl>(0);
  ASSERT_NE(Y, nullptr);
  auto *S = dyn_cast<StringLit>(Y->Value);
  ASSERT_NE(S, nullptr);
  EXPECT_EQ(S->plainText(), "abc");
  EXPECT_EQ(S->range(), (SourceRange{8, 12}));
  ASSERT_EQ(P->Diags.diagnostics().size(), 1u);
  ASSERT_EQ(P->Diags.diagnostics()[0].Fixes.size(), 1u);
  EXPECT_EQ(P->Diags.diagnostics()[0].Fixes[0].Range, (SourceRange{12, 12}));
  EXPECT_EQ(P->Diags.diagnostics()[0].Fixes[0].Replacement, "\"");
  EXPECT_EQ(cast<IntLit>(P->decl<LetDecl>(1)->Value)->Value, 2);
}

// The declaration ends where its unterminated string ends, not after the
// line break that the lexer used to end the string.
TEST(ASTBuilderErrors, UnterminatedStringDeclarationRangeExcludesLineBreak) {
  auto P = parse("let y = \"abc\nlet z = 2\n");
  auto *Y = P->decl<LetDecl>(0);
  ASSERT_NE(Y, nullptr);
  EXPECT_EQ(Y->range(), (SourceRange{0, 12}));
}

TEST(ASTBuilderErrors, GarbageLineBetweenDeclarations) {
  auto P = parse("let a = 1\nthis is garbage\nlet b = 2\n");
  EXPECT_EQ(P->diags(), (std::vector<std::string>{
                            "2:1 CFC1010 expected a declaration (param, let, resource, output, "
                            "import, for, component, fn, type or description); found name 'this'"}));
  ASSERT_EQ(P->File->Decls.size(), 2u);
  EXPECT_EQ(P->decl<LetDecl>(0)->Name.Name, "a");
  EXPECT_EQ(P->decl<LetDecl>(0)->range(), (SourceRange{0, 9}));
  EXPECT_EQ(P->decl<LetDecl>(1)->Name.Name, "b");
}

// Newlines are whitespace, so a line of operators continues the value
// above it: that is one mistake and must be one error.
TEST(ASTBuilderErrors, OperatorGarbageLineIsOneError) {
  auto P = parse("let a = 1\n%%% ???\nlet b = 2\n");
  ASSERT_EQ(P->File->Decls.size(), 2u);
  EXPECT_EQ(P->decl<LetDecl>(0)->Name.Name, "a");
  EXPECT_EQ(P->decl<LetDecl>(1)->Name.Name, "b");
  EXPECT_EQ(P->Diags.errorCount(), 1u) << ::testing::PrintToString(P->diags());
}

// ANTLR's sync() at the entry of `declaration*` throws when the first token
// cannot start a declaration, and the rule then skips to the end of the
// file: garbage before the first declaration must not lose the rest.
TEST(ASTBuilderErrors, GarbageBeforeFirstDeclarationKeepsTheRest) {
  auto P = parse("this is garbage\nlet a = 1\nlet b = 2\n");
  EXPECT_EQ(P->diags(), (std::vector<std::string>{
                            "1:1 CFC1010 expected a declaration (param, let, resource, output, "
                            "import, for, component, fn, type or description); found name 'this'"}));
  ASSERT_EQ(P->File->Decls.size(), 2u);
  EXPECT_EQ(P->decl<LetDecl>(0)->Name.Name, "a");
  EXPECT_EQ(P->decl<LetDecl>(1)->Name.Name, "b");
}

TEST(ASTBuilderErrors, GarbageAtStartOfBlockKeepsTheBlock) {
  auto P = parse("component C {\n  garbage here\n  let a = 1\n}\nlet b = 2\n");
  EXPECT_EQ(P->Diags.errorCount(), 1u) << ::testing::PrintToString(P->diags());
  ASSERT_EQ(P->File->Decls.size(), 2u);
  auto *C = P->decl<ComponentDecl>(0);
  ASSERT_NE(C, nullptr);
  ASSERT_EQ(C->Body.size(), 1u);
  EXPECT_EQ(C->Body[0]->Name.Name, "a");
  EXPECT_EQ(C->range().End, P->at("}\nlet b") + 1);
}

TEST(ASTBuilderErrors, EmptyFile) {
  auto P = parse("");
  EXPECT_TRUE(P->File->Decls.empty());
  EXPECT_TRUE(P->diags().empty());
  EXPECT_EQ(P->File->Id, P->Id);
}

TEST(ASTBuilderErrors, OnlyDecoratorsGivesNoDeclaration) {
  auto P = parse("@retain\n");
  EXPECT_TRUE(P->File->Decls.empty());
  EXPECT_EQ(P->Diags.errorCount(), 1u);
}

TEST(ASTBuilderErrors, DeepExpressionIsCut) {
  std::string Text = "let v = ";
  for (int I = 0; I < 1000; ++I)
    Text += "a + ";
  Text += "a\nlet w = 1";
  auto P = parse(Text);
  ASSERT_EQ(P->File->Decls.size(), 2u);
  EXPECT_EQ(P->Diags.errorCount(), 1u);
  ASSERT_FALSE(P->Diags.diagnostics().empty());
  EXPECT_EQ(P->Diags.diagnostics()[0].Kind, diag::ExpressionTooDeep);
  EXPECT_EQ(P->decl<LetDecl>(1)->Name.Name, "w");
}

} // namespace
