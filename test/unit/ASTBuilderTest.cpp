// ASTBuilderTest — what parseFile makes of well-formed text: every
// declaration kind, comments, operator precedence, strings, unit literals
// and node ranges. Broken text is ASTBuilderErrorsTest.
#include "ParseTestSupport.h"

using namespace cfc;
using namespace cfc::test;

namespace {

// ---- declarations ------------------------------------------------------------

TEST(ASTBuilder, Description) {
  auto P = parse("description \"Photo upload service\"\n");
  ASSERT_EQ(P->File->Decls.size(), 1u);
  auto *D = P->decl<DescriptionDecl>(0);
  ASSERT_NE(D, nullptr);
  EXPECT_FALSE(D->Name.valid());
  EXPECT_EQ(D->range(), (SourceRange{0, 34}));
  auto *S = dyn_cast<StringLit>(D->Text);
  ASSERT_NE(S, nullptr);
  EXPECT_EQ(S->plainText(), "Photo upload service");
  EXPECT_EQ(S->range(), (SourceRange{12, 34}));
  EXPECT_TRUE(P->diags().empty());
}

TEST(ASTBuilder, ParamWithUnionTypeAndDefault) {
  auto P = parse("param stage: \"dev\" | \"prod\" = \"dev\"");
  auto *D = P->decl<ParamDecl>(0);
  ASSERT_NE(D, nullptr);
  EXPECT_EQ(D->Name.Name, "stage");
  EXPECT_EQ(D->Name.Range, (SourceRange{6, 11}));
  auto *U = dyn_cast_or_null<UnionType>(D->Type);
  ASSERT_NE(U, nullptr);
  EXPECT_EQ(U->range(), (SourceRange{13, 27}));
  ASSERT_EQ(U->Members.size(), 2u);
  EXPECT_EQ(cast<LiteralType>(U->Members[0])->Value, "dev");
  EXPECT_EQ(cast<LiteralType>(U->Members[1])->Value, "prod");
  EXPECT_EQ(U->Members[1]->range(), (SourceRange{21, 27}));
  auto *Def = dyn_cast_or_null<StringLit>(D->Default);
  ASSERT_NE(Def, nullptr);
  EXPECT_EQ(Def->plainText(), "dev");
  EXPECT_TRUE(P->diags().empty());
}

TEST(ASTBuilder, RequiredParamWithoutTypeOrDefault) {
  auto P = parse("param email: string\nparam n = 3");
  auto *A = P->decl<ParamDecl>(0);
  auto *B = P->decl<ParamDecl>(1);
  ASSERT_NE(A, nullptr);
  ASSERT_NE(B, nullptr);
  EXPECT_EQ(A->Default, nullptr);
  EXPECT_EQ(cast<NamedType>(A->Type)->dottedName(), "string");
  EXPECT_EQ(B->Type, nullptr);
  EXPECT_EQ(cast<IntLit>(B->Default)->Value, 3);
}

TEST(ASTBuilder, LetWithAndWithoutType) {
  auto P = parse("let a = 1\nlet b: [int] = [1, 2]");
  auto *A = P->decl<LetDecl>(0);
  auto *B = P->decl<LetDecl>(1);
  ASSERT_NE(A, nullptr);
  ASSERT_NE(B, nullptr);
  EXPECT_EQ(A->Type, nullptr);
  EXPECT_EQ(A->range(), (SourceRange{0, 9}));
  auto *T = dyn_cast_or_null<ListType>(B->Type);
  ASSERT_NE(T, nullptr);
  EXPECT_EQ(cast<NamedType>(T->Element)->dottedName(), "int");
  auto *L = dyn_cast<List>(B->Value);
  ASSERT_NE(L, nullptr);
  ASSERT_EQ(L->Elements.size(), 2u);
  EXPECT_EQ(cast<IntLit>(L->Elements[1])->Value, 2);
}

TEST(ASTBuilder, ResourceWithBody) {
  llvm::StringRef Text = "resource uploads aws.s3.Bucket {\n"
                         "  BucketName: \"photos\"\n"
                         "  \"Quoted-Key\": 1,\n"
                         "  type: { Status: \"Enabled\" }\n"
                         "}\n"
                         "resource bare Custom.Thing\n";
  auto P = parse(Text);
  EXPECT_TRUE(P->diags().empty());
  ASSERT_EQ(P->File->Decls.size(), 2u);
  auto *R = P->decl<ResourceDecl>(0);
  ASSERT_NE(R, nullptr);
  EXPECT_EQ(R->Name.Name, "uploads");
  ASSERT_NE(R->Type, nullptr);
  EXPECT_EQ(R->Type->dottedName(), "aws.s3.Bucket");
  ASSERT_EQ(R->Type->Path.size(), 3u);
  EXPECT_EQ(R->Type->Path[2].Range, (SourceRange{24, 30}));
  ASSERT_NE(R->Body, nullptr);
  EXPECT_EQ(R->Body->range().Begin, 31u);
  EXPECT_EQ(R->Body->range().End, P->at("}\nresource bare") + 1);
  ASSERT_EQ(R->Body->Fields.size(), 3u);
  EXPECT_EQ(R->Body->Fields[0].Key.Name, "BucketName");
  EXPECT_FALSE(R->Body->Fields[0].QuotedKey);
  EXPECT_EQ(R->Body->Fields[1].Key.Name, "Quoted-Key");
  EXPECT_TRUE(R->Body->Fields[1].QuotedKey);
  // A soft keyword is a fine key.
  EXPECT_EQ(R->Body->Fields[2].Key.Name, "type");
  auto *Inner = dyn_cast<Object>(R->Body->Fields[2].Value);
  ASSERT_NE(Inner, nullptr);
  ASSERT_NE(Inner->find("Status"), nullptr);
  EXPECT_EQ(cast<StringLit>(Inner->find("Status")->Value)->plainText(), "Enabled");
  EXPECT_EQ(R->Body->find("Missing"), nullptr);

  auto *Bare = P->decl<ResourceDecl>(1);
  ASSERT_NE(Bare, nullptr);
  EXPECT_EQ(Bare->Body, nullptr);
  EXPECT_EQ(Bare->Type->dottedName(), "Custom.Thing");
}

TEST(ASTBuilder, Output) {
  auto P = parse("output url: string = api.url");
  auto *O = P->decl<OutputDecl>(0);
  ASSERT_NE(O, nullptr);
  EXPECT_EQ(O->Name.Name, "url");
  EXPECT_EQ(cast<NamedType>(O->Type)->dottedName(), "string");
  EXPECT_EQ(shape(O->Value), "(api.url)");
  EXPECT_EQ(O->range(), (SourceRange{0, 28}));
}

TEST(ASTBuilder, Imports) {
  auto P = parse("import std.serverless\nimport \"./network.cfn\" as net\n");
  EXPECT_TRUE(P->diags().empty());
  auto *M = P->decl<ImportDecl>(0);
  auto *F = P->decl<ImportDecl>(1);
  ASSERT_NE(M, nullptr);
  ASSERT_NE(F, nullptr);
  EXPECT_FALSE(M->Name.valid());
  ASSERT_EQ(M->Module.size(), 2u);
  EXPECT_EQ(M->Module[0].Name, "std");
  EXPECT_EQ(M->Module[1].Name, "serverless");
  EXPECT_TRUE(M->Path.empty());
  EXPECT_EQ(M->PathRange, (SourceRange{7, 21}));
  EXPECT_TRUE(F->Module.empty());
  EXPECT_EQ(F->Path, "./network.cfn");
  EXPECT_EQ(F->PathRange, (SourceRange{29, 44}));
  EXPECT_EQ(F->Name.Name, "net");
  EXPECT_EQ(F->Name.Range, (SourceRange{48, 51}));
}

TEST(ASTBuilder, InterpolatedImportPathIsAnError) {
  auto P = parse("import \"./${x}.cfn\"");
  EXPECT_EQ(P->diags(),
            (std::vector<std::string>{
                "1:8 CFC1019 an import path cannot be interpolated; write a plain string"}));
}

TEST(ASTBuilder, ForWithAndWithoutIndex) {
  auto P = parse("for i, zone in [\"a\", \"b\"] {\n  resource subnet aws.ec2.Subnet {}\n}\n"
                 "for zone in zones { }");
  EXPECT_TRUE(P->diags().empty());
  auto *A = P->decl<ForDecl>(0);
  auto *B = P->decl<ForDecl>(1);
  ASSERT_NE(A, nullptr);
  ASSERT_NE(B, nullptr);
  EXPECT_EQ(A->IndexVar.Name, "i");
  EXPECT_EQ(A->IndexVar.Range, (SourceRange{4, 5}));
  EXPECT_EQ(A->Name.Name, "zone");
  EXPECT_EQ(cast<List>(A->Iterable)->Elements.size(), 2u);
  ASSERT_EQ(A->Body.size(), 1u);
  EXPECT_EQ(cast<ResourceDecl>(A->Body[0])->Name.Name, "subnet");
  EXPECT_FALSE(B->IndexVar.valid());
  EXPECT_EQ(B->Name.Name, "zone");
  EXPECT_EQ(shape(B->Iterable), "zones");
  EXPECT_TRUE(B->Body.empty());
}

TEST(ASTBuilder, ComponentWithNestedDeclarations) {
  llvm::StringRef Text = "component Api {\n"
                         "  param name: string\n"
                         "  @retain\n"
                         "  resource table aws.dynamodb.Table {}\n"
                         "  for x in [1] { let y = x }\n"
                         "  output arn = table.Arn\n"
                         "}";
  auto P = parse(Text);
  EXPECT_TRUE(P->diags().empty());
  auto *C = P->decl<ComponentDecl>(0);
  ASSERT_NE(C, nullptr);
  EXPECT_EQ(C->Name.Name, "Api");
  EXPECT_EQ(C->range(), (SourceRange{0, static_cast<uint32_t>(Text.size())}));
  ASSERT_EQ(C->Body.size(), 4u);
  EXPECT_TRUE(isa<ParamDecl>(C->Body[0]));
  auto *R = dyn_cast<ResourceDecl>(C->Body[1]);
  ASSERT_NE(R, nullptr);
  ASSERT_EQ(R->Decorators.size(), 1u);
  EXPECT_EQ(R->Decorators[0]->Name.Name, "retain");
  auto *F = dyn_cast<ForDecl>(C->Body[2]);
  ASSERT_NE(F, nullptr);
  ASSERT_EQ(F->Body.size(), 1u);
  EXPECT_EQ(cast<LetDecl>(F->Body[0])->Name.Name, "y");
  EXPECT_EQ(shape(cast<OutputDecl>(C->Body[3])->Value), "(table.Arn)");
}

TEST(ASTBuilder, FnWithParamsAndResult) {
  auto P = parse("fn read(b: aws.s3.Bucket, n: int,) -> json = { Effect: \"Allow\" }\n"
                 "fn zero() = 0");
  EXPECT_TRUE(P->diags().empty());
  auto *F = P->decl<FnDecl>(0);
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(F->Name.Name, "read");
  ASSERT_EQ(F->Params.size(), 2u);
  EXPECT_EQ(F->Params[0].Name.Name, "b");
  EXPECT_EQ(cast<NamedType>(F->Params[0].Type)->dottedName(), "aws.s3.Bucket");
  EXPECT_EQ(F->Params[1].Name.Name, "n");
  EXPECT_EQ(F->Params[1].Name.Range, (SourceRange{26, 27}));
  EXPECT_EQ(cast<NamedType>(F->Result)->dottedName(), "json");
  EXPECT_TRUE(isa<Object>(F->Body));
  auto *Z = P->decl<FnDecl>(1);
  ASSERT_NE(Z, nullptr);
  EXPECT_TRUE(Z->Params.empty());
  EXPECT_EQ(Z->Result, nullptr);
  EXPECT_EQ(cast<IntLit>(Z->Body)->Value, 0);
}

TEST(ASTBuilder, TypeAliases) {
  auto P = parse("type R = { name: string, port?: int }\n"
                 "type M = {string: int}\n"
                 "type L = [string]?\n"
                 "type O = (\"a\" | \"b\")?\n"
                 "type E = {}\n");
  EXPECT_TRUE(P->diags().empty());
  auto *R = dyn_cast<RecordType>(P->decl<TypeDecl>(0)->Type);
  ASSERT_NE(R, nullptr);
  ASSERT_EQ(R->Fields.size(), 2u);
  EXPECT_EQ(R->Fields[0].Name.Name, "name");
  EXPECT_FALSE(R->Fields[0].Optional);
  EXPECT_EQ(R->Fields[1].Name.Name, "port");
  EXPECT_TRUE(R->Fields[1].Optional);
  EXPECT_EQ(cast<NamedType>(R->Fields[1].Type)->dottedName(), "int");

  auto *M = dyn_cast<MapType>(P->decl<TypeDecl>(1)->Type);
  ASSERT_NE(M, nullptr);
  EXPECT_EQ(cast<NamedType>(M->Value)->dottedName(), "int");

  auto *L = dyn_cast<OptionalType>(P->decl<TypeDecl>(2)->Type);
  ASSERT_NE(L, nullptr);
  auto *LT = dyn_cast<ListType>(L->Inner);
  ASSERT_NE(LT, nullptr);
  EXPECT_EQ(cast<NamedType>(LT->Element)->dottedName(), "string");

  auto *O = dyn_cast<OptionalType>(P->decl<TypeDecl>(3)->Type);
  ASSERT_NE(O, nullptr);
  auto *U = dyn_cast<UnionType>(O->Inner);
  ASSERT_NE(U, nullptr);
  EXPECT_EQ(U->Members.size(), 2u);

  auto *E = dyn_cast<RecordType>(P->decl<TypeDecl>(4)->Type);
  ASSERT_NE(E, nullptr);
  EXPECT_TRUE(E->Fields.empty());
}

TEST(ASTBuilder, OptionalFieldNamedStringIsARecord) {
  auto P = parse("type R = {string?: int}");
  EXPECT_TRUE(isa<RecordType>(P->decl<TypeDecl>(0)->Type));
}

TEST(ASTBuilder, DecoratorsWithArguments) {
  llvm::StringRef Text = "@if(isProd)\n@dependsOn(a, b)\n@retain\n@logicalId(\"X\")\n"
                         "resource r aws.s3.Bucket {}";
  auto P = parse(Text);
  EXPECT_TRUE(P->diags().empty());
  auto *R = P->decl<ResourceDecl>(0);
  ASSERT_NE(R, nullptr);
  ASSERT_EQ(R->Decorators.size(), 4u);
  const ast::Decorator *If = R->decorator("if");
  ASSERT_NE(If, nullptr);
  EXPECT_TRUE(If->HasParens);
  EXPECT_EQ(If->range(), (SourceRange{0, 11}));
  ASSERT_EQ(If->Args.size(), 1u);
  EXPECT_EQ(shape(If->Args[0]), "isProd");
  EXPECT_EQ(R->Decorators[1]->Args.size(), 2u);
  EXPECT_EQ(shape(R->Decorators[1]->Args[1]), "b");
  EXPECT_FALSE(R->Decorators[2]->HasParens);
  EXPECT_TRUE(R->Decorators[2]->Args.empty());
  EXPECT_EQ(cast<StringLit>(R->decorator("logicalId")->Args[0])->plainText(), "X");
  EXPECT_EQ(R->decorator("export"), nullptr);
  // The declaration's range covers its decorators.
  EXPECT_EQ(R->range(), (SourceRange{0, static_cast<uint32_t>(Text.size())}));
}

// ---- comments ------------------------------------------------------------------

TEST(ASTBuilder, DocComments) {
  llvm::StringRef Text = "/// Not attached: a blank line follows.\n"
                         "\n"
                         "/// The stage.\n"
                         "///   Indented.\n"
                         "@allowed([\"dev\"])\n"
                         "param stage: string\n"
                         "// plain\n"
                         "let a = 1\n"
                         "/// Doc\n"
                         "// plain breaks the block\n"
                         "let b = 2\n"
                         "/// Block of one.\n"
                         "let c = 3\n";
  auto P = parse(Text);
  EXPECT_TRUE(P->diags().empty());
  ASSERT_EQ(P->File->Decls.size(), 4u);
  EXPECT_EQ(P->File->Decls[0]->DocComment, "The stage.\n  Indented.");
  EXPECT_EQ(P->File->Decls[1]->DocComment, "");
  EXPECT_EQ(P->File->Decls[2]->DocComment, "");
  EXPECT_EQ(P->File->Decls[3]->DocComment, "Block of one.");
  ASSERT_EQ(P->File->Comments.size(), 7u);
  EXPECT_FALSE(P->File->Comments[0].Block);
  EXPECT_EQ(P->File->Comments[0].Range, (SourceRange{0, 39}));
}

// A `///` after code on the line above is a trailing comment of that line;
// it documents nothing below it.
TEST(ASTBuilder, TrailingDocCommentDocumentsNothing) {
  auto P = parse("let c = 3 /// about c\nlet d = 4\n");
  ASSERT_EQ(P->File->Decls.size(), 2u);
  EXPECT_EQ(P->File->Decls[1]->DocComment, "");
}

TEST(ASTBuilder, BlockComments) {
  auto P = parse("/* a */ let x = /* b\n */ 1");
  ASSERT_EQ(P->File->Comments.size(), 2u);
  EXPECT_TRUE(P->File->Comments[1].Block);
  EXPECT_EQ(P->text(P->File->Comments[1].Range), "/* b\n */");
  EXPECT_EQ(cast<IntLit>(letValue(*P))->Value, 1);
}

// ---- expressions -----------------------------------------------------------------

TEST(ASTBuilder, Precedence) {
  EXPECT_EQ(shapeOf("a || b && c == d + e * f"), "(a || (b && (c == (d + (e * f)))))");
  EXPECT_EQ(shapeOf("a * b + c < d != e && f || g"),
            "((((((a * b) + c) < d) != e) && f) || g)");
  EXPECT_EQ(shapeOf("a % b - c / d"), "((a % b) - (c / d))");
  EXPECT_EQ(shapeOf("a <= b == c >= d"), "((a <= b) == (c >= d))");
  EXPECT_EQ(shapeOf("(a + b) * c"), "((a + b) * c)");
}

TEST(ASTBuilder, LeftAssociativity) {
  EXPECT_EQ(shapeOf("a - b - c"), "((a - b) - c)");
  EXPECT_EQ(shapeOf("a / b * c"), "((a / b) * c)");
  EXPECT_EQ(shapeOf("a && b && c"), "((a && b) && c)");
  EXPECT_EQ(shapeOf("a || b || c"), "((a || b) || c)");
}

TEST(ASTBuilder, PrefixOperators) {
  EXPECT_EQ(shapeOf("-a.b"), "(-(a.b))");
  EXPECT_EQ(shapeOf("!a && b"), "((!a) && b)");
  EXPECT_EQ(shapeOf("!!a"), "(!(!a))");
  EXPECT_EQ(shapeOf("-f(x)[0]"), "(-((f(x))[0]))");
  EXPECT_EQ(shapeOf("a - -b"), "(a - (-b))");
  EXPECT_EQ(shapeOf("-a * b"), "((-a) * b)");
}

TEST(ASTBuilder, ConditionalIsRightAssociative) {
  EXPECT_EQ(shapeOf("!a ? b : c ? d : e"), "((!a) ? b : (c ? d : e))");
  EXPECT_EQ(shapeOf("a ? b ? c : d : e"), "(a ? (b ? c : d) : e)");
  EXPECT_EQ(shapeOf("a || b ? c + 1 : d"), "((a || b) ? (c + 1) : d)");
}

TEST(ASTBuilder, PostfixChains) {
  EXPECT_EQ(shapeOf("f(1)[2].g(h)"), "((((f(1))[2]).g)(h))");
  EXPECT_EQ(shapeOf("storage.read(uploads, 2,)"), "((storage.read)(uploads, 2))");
  EXPECT_EQ(shapeOf("xs[i + 1][0]"), "((xs[(i + 1)])[0])");
  EXPECT_EQ(shapeOf("a.type.in"), "((a.type).in)");
  EXPECT_EQ(shapeOf("f()"), "(f())");
}

TEST(ASTBuilder, OperatorRanges) {
  auto P = parse("let v = a.b + c[0] * d(1)");
  auto *Add = dyn_cast<Binary>(letValue(*P));
  ASSERT_NE(Add, nullptr);
  EXPECT_EQ(Add->range(), (SourceRange{8, 25}));
  EXPECT_EQ(Add->OpRange, (SourceRange{12, 13}));
  auto *M = cast<Member>(Add->Lhs);
  EXPECT_EQ(M->range(), (SourceRange{8, 11}));
  EXPECT_EQ(M->Name.Range, (SourceRange{10, 11}));
  auto *Mul = cast<Binary>(Add->Rhs);
  EXPECT_EQ(Mul->range(), (SourceRange{14, 25}));
  EXPECT_EQ(Mul->OpRange, (SourceRange{19, 20}));
  EXPECT_EQ(cast<ast::Index>(Mul->Lhs)->range(), (SourceRange{14, 18}));
  EXPECT_EQ(cast<Call>(Mul->Rhs)->range(), (SourceRange{21, 25}));
}

TEST(ASTBuilder, Literals) {
  auto P = parse("let v = [1_000, 0.10, 1e3, true, false, none, \"\"]");
  EXPECT_TRUE(P->diags().empty());
  auto *L = dyn_cast<List>(letValue(*P));
  ASSERT_NE(L, nullptr);
  ASSERT_EQ(L->Elements.size(), 7u);
  EXPECT_EQ(cast<IntLit>(L->Elements[0])->Value, 1000);
  EXPECT_EQ(cast<NumberLit>(L->Elements[1])->Value, 0.1);
  EXPECT_EQ(cast<NumberLit>(L->Elements[1])->Spelling, "0.10");
  EXPECT_EQ(cast<NumberLit>(L->Elements[2])->Value, 1000.0);
  EXPECT_TRUE(cast<BoolLit>(L->Elements[3])->Value);
  EXPECT_FALSE(cast<BoolLit>(L->Elements[4])->Value);
  EXPECT_TRUE(isa<NoneLit>(L->Elements[5]));
  auto *Empty = cast<StringLit>(L->Elements[6]);
  EXPECT_TRUE(Empty->Parts.empty());
  EXPECT_TRUE(Empty->isPlain());
  EXPECT_EQ(Empty->range(), (SourceRange{46, 48}));
}

// ---- strings -----------------------------------------------------------------------

TEST(ASTBuilder, InterpolationParts) {
  auto P = parse("let v = \"a${x}b${y.z}\"");
  EXPECT_TRUE(P->diags().empty());
  auto *S = dyn_cast<StringLit>(letValue(*P));
  ASSERT_NE(S, nullptr);
  EXPECT_FALSE(S->Raw);
  EXPECT_FALSE(S->isPlain());
  EXPECT_EQ(S->plainText(), "ab");
  ASSERT_EQ(S->Parts.size(), 4u);
  EXPECT_EQ(S->Parts[0].Text, "a");
  EXPECT_EQ(S->Parts[0].Value, nullptr);
  EXPECT_EQ(S->Parts[0].Range, (SourceRange{9, 10}));
  EXPECT_EQ(shape(S->Parts[1].Value), "x");
  EXPECT_EQ(S->Parts[1].Range, (SourceRange{10, 14}));
  EXPECT_EQ(S->Parts[1].Value->range(), (SourceRange{12, 13}));
  EXPECT_EQ(S->Parts[2].Text, "b");
  EXPECT_EQ(shape(S->Parts[3].Value), "(y.z)");
  EXPECT_EQ(S->range(), (SourceRange{8, 22}));
}

TEST(ASTBuilder, NestedInterpolation) {
  auto P = parse("let v = \"<${ \"[${ {a: 1}.a }]\" }>\"");
  EXPECT_TRUE(P->diags().empty()) << P->diags().front();
  auto *S = dyn_cast<StringLit>(letValue(*P));
  ASSERT_NE(S, nullptr);
  ASSERT_EQ(S->Parts.size(), 3u);
  auto *Inner = dyn_cast<StringLit>(S->Parts[1].Value);
  ASSERT_NE(Inner, nullptr);
  ASSERT_EQ(Inner->Parts.size(), 3u);
  EXPECT_EQ(Inner->Parts[0].Text, "[");
  auto *M = dyn_cast<Member>(Inner->Parts[1].Value);
  ASSERT_NE(M, nullptr);
  EXPECT_TRUE(isa<Object>(M->Base));
  EXPECT_EQ(Inner->Parts[2].Text, "]");
  EXPECT_EQ(S->Parts[2].Text, ">");
}

TEST(ASTBuilder, EscapesAreDecoded) {
  auto P = parse(R"(let v = "a\n\t\r\\\"\$b\u{e9}\u{1F600}${x}c$d")");
  EXPECT_TRUE(P->diags().empty()) << P->diags().front();
  auto *S = dyn_cast<StringLit>(letValue(*P));
  ASSERT_NE(S, nullptr);
  ASSERT_EQ(S->Parts.size(), 3u);
  // Text and escapes next to each other are one part.
  EXPECT_EQ(S->Parts[0].Text, "a\n\t\r\\\"$b\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(S->Parts[0].Range, (SourceRange{9, 38}));
  EXPECT_EQ(S->Parts[2].Text, "c$d");
}

TEST(ASTBuilder, BadEscapes) {
  auto P = parse(R"(let v = "\q\u{110000}\u{D800}\u{}\u{1234567}")");
  EXPECT_EQ(P->diags(),
            (std::vector<std::string>{
                "1:10 CFC1016 unknown escape sequence '\\q'; use \\n, \\r, \\t, \\\\, \\\", \\$ "
                "or \\u{...}",
                "1:12 CFC1017 invalid unicode escape '\\u{110000}': write \\u{1F600} with 1 to "
                "6 hex digits naming a code point",
                "1:22 CFC1017 invalid unicode escape '\\u{D800}': write \\u{1F600} with 1 to 6 "
                "hex digits naming a code point",
                "1:30 CFC1017 invalid unicode escape '\\u{}': write \\u{1F600} with 1 to 6 hex "
                "digits naming a code point",
                "1:34 CFC1017 invalid unicode escape '\\u{1234567}': write \\u{1F600} with 1 to "
                "6 hex digits naming a code point"}));
}

TEST(ASTBuilder, RawString) {
  auto P = parse("let v = \"\"\"\n#!/bin/sh\necho \"${HOME}\" \\n\n\"\"\"");
  EXPECT_TRUE(P->diags().empty());
  auto *S = dyn_cast<StringLit>(letValue(*P));
  ASSERT_NE(S, nullptr);
  EXPECT_TRUE(S->Raw);
  EXPECT_TRUE(S->isPlain());
  EXPECT_EQ(S->plainText(), "#!/bin/sh\necho \"${HOME}\" \\n\n");
}

TEST(ASTBuilder, QuotedKeyCannotBeInterpolated) {
  auto P = parse("let v = { \"k${x}\": 1 }");
  EXPECT_EQ(P->diags(),
            (std::vector<std::string>{
                "1:11 CFC1019 a property name cannot be interpolated; write a plain string"}));
}

// ---- units and numbers ---------------------------------------------------------------

TEST(ASTBuilder, DurationUnits) {
  auto P = parse("let v = [250ms, 90s, 5m, 2h, 30d, 1_000ms]");
  EXPECT_TRUE(P->diags().empty());
  auto *L = cast<List>(letValue(*P));
  ASSERT_EQ(L->Elements.size(), 6u);
  auto Ms = [&](size_t I) { return cast<DurationLit>(L->Elements[I])->milliseconds(); };
  EXPECT_EQ(Ms(0), 250);
  EXPECT_EQ(Ms(1), 90'000);
  EXPECT_EQ(Ms(2), 300'000);
  EXPECT_EQ(Ms(3), 7'200'000);
  EXPECT_EQ(Ms(4), 2'592'000'000);
  EXPECT_EQ(Ms(5), 1000);
  EXPECT_EQ(cast<DurationLit>(L->Elements[4])->Amount, 30);
  EXPECT_EQ(cast<DurationLit>(L->Elements[4])->U, DurationLit::Unit::Days);
  EXPECT_EQ(cast<DurationLit>(L->Elements[0])->U, DurationLit::Unit::Milliseconds);
}

TEST(ASTBuilder, SizeUnits) {
  auto P = parse("let v = [1B, 1KB, 128MB, 10GB, 2TB, 1KiB, 512MiB, 10GiB, 3TiB]");
  EXPECT_TRUE(P->diags().empty());
  auto *L = cast<List>(letValue(*P));
  ASSERT_EQ(L->Elements.size(), 9u);
  auto Bytes = [&](size_t I) { return cast<SizeLit>(L->Elements[I])->bytes(); };
  EXPECT_EQ(Bytes(0), 1);
  EXPECT_EQ(Bytes(1), 1000);
  EXPECT_EQ(Bytes(2), 128'000'000);
  EXPECT_EQ(Bytes(3), 10'000'000'000);
  EXPECT_EQ(Bytes(4), 2'000'000'000'000);
  EXPECT_EQ(Bytes(5), 1024);
  EXPECT_EQ(Bytes(6), 536'870'912);
  EXPECT_EQ(Bytes(7), 10'737'418'240);
  EXPECT_EQ(Bytes(8), 3'298'534'883'328);
  EXPECT_EQ(cast<SizeLit>(L->Elements[8])->U, SizeLit::Unit::TiB);
}

TEST(ASTBuilder, LargestIntegerIsFine) {
  auto P = parse("let v = 9_223_372_036_854_775_807");
  EXPECT_TRUE(P->diags().empty());
  EXPECT_EQ(cast<IntLit>(letValue(*P))->Value, INT64_MAX);
}

} // namespace
