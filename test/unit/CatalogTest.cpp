// CatalogTest — the embedded resource catalog: lookups by both spellings,
// the property type trees, struct types, attributes, relationships, the
// laziness that keeps a small stack cheap, thread safety, damaged files,
// and the text helpers `cfc describe` uses.
#include "Catalog/Catalog.h"
#include "Catalog/StatefulTypes.h"
#include "Catalog/CatalogText.h"

#include "llvm/ADT/StringSet.h"

#include <gtest/gtest.h>

#include <thread>

using namespace cfc::catalog;

namespace {

const Catalog &builtin() { return Catalog::builtin(); }

/// A catalog of its own over the embedded bytes, with nothing decoded yet.
std::unique_ptr<Catalog> freshCatalog() {
  llvm::Expected<std::unique_ptr<Catalog>> C = Catalog::fromBuffer(builtin().bytes());
  EXPECT_TRUE(bool(C)) << llvm::toString(C.takeError());
  return std::move(*C);
}

const Property &property(const ResourceType &R, llvm::StringRef Name) {
  const Property *P = R.findProperty(Name);
  EXPECT_NE(P, nullptr) << R.LangName << " has no property " << Name.str();
  static const Property None;
  return P ? *P : None;
}

const ResourceType &resource(llvm::StringRef Name) {
  const ResourceType *R = builtin().lookup(Name);
  EXPECT_NE(R, nullptr) << "no type " << Name.str();
  static const ResourceType None;
  return R ? *R : None;
}

} // namespace

TEST(Catalog, LooksUpBothSpellings) {
  const ResourceType *ByLang = builtin().lookup("aws.s3.Bucket");
  ASSERT_NE(ByLang, nullptr);
  EXPECT_EQ(builtin().lookup("AWS::S3::Bucket"), ByLang);
  EXPECT_EQ(ByLang->CfnType, "AWS::S3::Bucket");
  EXPECT_EQ(ByLang->LangName, "aws.s3.Bucket");
  EXPECT_TRUE(llvm::StringRef(ByLang->Documentation).contains("creates an Amazon S3 bucket"));
  EXPECT_EQ(ByLang->PrimaryIdentifier, std::vector<std::string>{"BucketName"});
  EXPECT_EQ(ByLang->TagProperty, "Tags");
  EXPECT_TRUE(builtin().contains("aws.s3.Bucket"));
  EXPECT_TRUE(builtin().contains("AWS::S3::Bucket"));
}

TEST(Catalog, RejectsNearMisses) {
  for (const char *Name : {"aws.s3.bucket", "AWS::S3::bucket", "aws::s3::Bucket", "AWS.S3.Bucket",
                           "aws.s3", "", "AWS::S3::Bucket::X", "aws.s3.Bucket.Arn"}) {
    EXPECT_EQ(builtin().lookup(Name), nullptr) << Name;
    EXPECT_FALSE(builtin().contains(Name)) << Name;
  }
  llvm::Expected<const ResourceType *> R = builtin().load("aws.s3.Buckt");
  ASSERT_FALSE(bool(R));
  EXPECT_EQ(llvm::toString(R.takeError()), "unknown resource type 'aws.s3.Buckt'");
}

TEST(Catalog, LanguageNames) {
  EXPECT_EQ(Catalog::languageName("AWS::S3::Bucket"), "aws.s3.Bucket");
  EXPECT_EQ(Catalog::languageName("AWS::EC2::VPC"), "aws.ec2.VPC");
  EXPECT_EQ(Catalog::languageName("AWS::ApiGatewayV2::Api"), "aws.apigatewayv2.Api");
  EXPECT_EQ(Catalog::languageName("Alexa::ASK::Skill"), "alexa.ask.Skill");
  EXPECT_EQ(Catalog::languageName("AWS::S3"), "");
  EXPECT_EQ(Catalog::languageName("AWS::::Bucket"), "");
  EXPECT_EQ(Catalog::languageName("A::B::C::D"), "");
  EXPECT_NE(builtin().lookup("aws.ec2.VPC"), nullptr);
  EXPECT_NE(builtin().lookup("aws.apigatewayv2.Api"), nullptr);
  EXPECT_NE(builtin().lookup("alexa.ask.Skill"), nullptr);
}

TEST(Catalog, HasEveryAwsTypeSortedAndUnique) {
  std::vector<llvm::StringRef> Names = builtin().typeNames();
  EXPECT_EQ(Names.size(), builtin().size());
  EXPECT_TRUE(std::is_sorted(Names.begin(), Names.end()));
  EXPECT_EQ(std::adjacent_find(Names.begin(), Names.end()), Names.end());
  size_t Aws = std::count_if(Names.begin(), Names.end(),
                             [](llvm::StringRef N) { return N.startswith("aws."); });
  EXPECT_GT(Aws, 1500u);
  EXPECT_EQ(builtin().specPackage(), "@aws-cdk/aws-service-spec");
  llvm::SmallVector<llvm::StringRef, 3> Parts;
  builtin().specVersion().split(Parts, '.');
  EXPECT_EQ(Parts.size(), 3u) << builtin().specVersion().str();
}

// Decodes every entry: each one is intact, and the mapping between the two
// spellings is one-to-one in both directions.
TEST(Catalog, EveryEntryDecodesAndNamesMapOneToOne) {
  std::unique_ptr<Catalog> C = freshCatalog();
  llvm::StringSet<> CfnNames;
  for (llvm::StringRef Name : C->typeNames()) {
    llvm::Expected<const ResourceType *> R = C->load(Name);
    ASSERT_TRUE(bool(R)) << llvm::toString(R.takeError());
    EXPECT_EQ((*R)->LangName, Name);
    EXPECT_EQ(Catalog::languageName((*R)->CfnType), Name);
    EXPECT_EQ(C->lookup((*R)->CfnType), *R);
    EXPECT_TRUE(CfnNames.insert((*R)->CfnType).second) << (*R)->CfnType;
  }
  EXPECT_EQ(C->loadedCount(), C->size());
}

TEST(Catalog, PropertyKinds) {
  const ResourceType &Bucket = resource("aws.s3.Bucket");
  const Property &Name = property(Bucket, "BucketName");
  EXPECT_EQ(Name.Type->Kind, TypeKind::String);
  EXPECT_TRUE(Name.Type->AllowedValues.empty());
  EXPECT_FALSE(Name.Required);
  EXPECT_EQ(Name.Update, UpdateEffect::Replaces);
  EXPECT_EQ(property(Bucket, "ObjectLockEnabled").Type->Kind, TypeKind::Boolean);
  const PropertyType *Tags = property(Bucket, "Tags").Type;
  ASSERT_EQ(Tags->Kind, TypeKind::List);
  EXPECT_EQ(Tags->Element->Kind, TypeKind::Tag);
  EXPECT_EQ(property(Bucket, "AccelerateConfiguration").Update, UpdateEffect::InPlace);

  EXPECT_EQ(property(resource("aws.lambda.Function"), "MemorySize").Type->Kind, TypeKind::Integer);
  EXPECT_EQ(property(resource("aws.cloudwatch.Alarm"), "Threshold").Type->Kind, TypeKind::Number);

  const Property &Trust = property(resource("aws.iam.Role"), "AssumeRolePolicyDocument");
  EXPECT_TRUE(Trust.Required);
  ASSERT_EQ(Trust.Type->Kind, TypeKind::Union);
  ASSERT_EQ(Trust.Type->Members.size(), 2u);
  EXPECT_EQ(Trust.Type->Members[0]->Kind, TypeKind::Json);
  EXPECT_EQ(Trust.Type->Members[1]->Kind, TypeKind::String);

  const ResourceType &Fn = resource("aws.lambda.Function");
  const StructType *Env = Fn.findStruct("Environment");
  ASSERT_NE(Env, nullptr);
  const PropertyType *Vars = Env->findProperty("Variables")->Type;
  ASSERT_EQ(Vars->Kind, TypeKind::Map);
  EXPECT_EQ(Vars->Element->Kind, TypeKind::String);
}

TEST(Catalog, PropertiesAreSortedByName) {
  const ResourceType &Bucket = resource("aws.s3.Bucket");
  auto ByName = [](const auto &A, const auto &B) { return A.Name < B.Name; };
  EXPECT_TRUE(std::is_sorted(Bucket.Properties.begin(), Bucket.Properties.end(), ByName));
  EXPECT_TRUE(std::is_sorted(Bucket.Attributes.begin(), Bucket.Attributes.end(), ByName));
  EXPECT_TRUE(std::is_sorted(Bucket.Structs.begin(), Bucket.Structs.end(), ByName));
}

TEST(Catalog, NestedStructTypes) {
  const ResourceType &Bucket = resource("aws.s3.Bucket");
  const PropertyType *Lifecycle = property(Bucket, "LifecycleConfiguration").Type;
  ASSERT_EQ(Lifecycle->Kind, TypeKind::Struct);
  const StructType *S = Lifecycle->Struct;
  EXPECT_EQ(S->Name, "LifecycleConfiguration");
  EXPECT_EQ(S->QualifiedName, "aws.s3.Bucket.LifecycleConfiguration");
  EXPECT_EQ(Bucket.findStruct("LifecycleConfiguration"), S);
  EXPECT_EQ(builtin().lookupStruct("aws.s3.Bucket.LifecycleConfiguration"), S);
  EXPECT_EQ(builtin().lookupStruct("AWS::S3::Bucket.LifecycleConfiguration"), S);
  EXPECT_EQ(builtin().lookupStruct("aws.s3.Bucket.NoSuchType"), nullptr);
  EXPECT_EQ(builtin().lookupStruct("aws.s3.Bucket"), nullptr);

  // LifecycleConfiguration.Rules: [Rule], and a Rule's ExpirationDate is a
  // date-time.
  const Property *Rules = S->findProperty("Rules");
  ASSERT_NE(Rules, nullptr);
  EXPECT_TRUE(Rules->Required);
  ASSERT_EQ(Rules->Type->Kind, TypeKind::List);
  ASSERT_EQ(Rules->Type->Element->Kind, TypeKind::Struct);
  const StructType *Rule = Rules->Type->Element->Struct;
  EXPECT_EQ(Rule->Name, "Rule");
  EXPECT_EQ(Rule->findProperty("ExpirationDate")->Type->Kind, TypeKind::DateTime);
}

TEST(Catalog, AllowedValues) {
  const StructType *Versioning = resource("aws.s3.Bucket").findStruct("VersioningConfiguration");
  ASSERT_NE(Versioning, nullptr);
  const Property *Status = Versioning->findProperty("Status");
  ASSERT_NE(Status, nullptr);
  EXPECT_TRUE(Status->Required);
  EXPECT_EQ(Status->Type->AllowedValues, (std::vector<std::string>{"Enabled", "Suspended"}));
  EXPECT_EQ(Status->DefaultValue, "\"Suspended\"");

  const PropertyType *Retention = property(resource("aws.logs.LogGroup"), "RetentionInDays").Type;
  EXPECT_EQ(Retention->Kind, TypeKind::Integer);
  EXPECT_NE(std::find(Retention->AllowedValues.begin(), Retention->AllowedValues.end(), "365"),
            Retention->AllowedValues.end());
}

TEST(Catalog, Attributes) {
  const ResourceType &Bucket = resource("aws.s3.Bucket");
  for (const char *Name : {"Arn", "DomainName", "RegionalDomainName", "WebsiteURL"}) {
    const Attribute *A = Bucket.findAttribute(Name);
    ASSERT_NE(A, nullptr) << Name;
    EXPECT_EQ(A->Type->Kind, TypeKind::String) << Name;
    EXPECT_FALSE(A->Documentation.empty()) << Name;
  }
  // Dotted attributes keep CloudFormation's spelling and may be structs.
  const Attribute *Destination = Bucket.findAttribute("MetadataConfiguration.Destination");
  ASSERT_NE(Destination, nullptr);
  ASSERT_EQ(Destination->Type->Kind, TypeKind::Struct);
  EXPECT_EQ(Destination->Type->Struct->Name, "MetadataDestination");
  EXPECT_EQ(Bucket.findAttribute("BucketName"), nullptr);
}

TEST(Catalog, RelationshipRefs) {
  const Property &Role = property(resource("aws.lambda.Function"), "Role");
  EXPECT_TRUE(Role.Required);
  ASSERT_EQ(Role.RelationshipRefs.size(), 1u);
  EXPECT_EQ(Role.RelationshipRefs[0].CfnType, "AWS::IAM::Role");
  EXPECT_EQ(Role.RelationshipRefs[0].Attribute, "Arn");
  EXPECT_TRUE(property(resource("aws.lambda.Function"), "Handler").RelationshipRefs.empty());
}

TEST(Catalog, RecursiveStructsPointAtThemselves) {
  // Some definitions nest in themselves (rule statements, UI components);
  // the tree must close the loop rather than copy it out.
  std::unique_ptr<Catalog> C = freshCatalog();
  size_t Loops = 0;
  for (llvm::StringRef Name : C->typeNames())
    for (const StructType &S : C->lookup(Name)->Structs)
      for (const Property &P : S.Properties)
        for (const PropertyType *T = P.Type; T; T = T->Element)
          if (T->Kind == TypeKind::Struct && T->Struct == &S)
            ++Loops;
  EXPECT_GT(Loops, 0u);
}

TEST(Catalog, LoadsOnlyWhatIsAskedFor) {
  std::unique_ptr<Catalog> C = freshCatalog();
  EXPECT_EQ(C->loadedCount(), 0u);
  EXPECT_GT(C->typeNames().size(), 1500u);
  EXPECT_TRUE(C->contains("aws.sqs.Queue"));
  EXPECT_FALSE(C->closestNames("aws.s3.Buckt", 3).empty());
  EXPECT_EQ(C->loadedCount(), 0u) << "listing, contains and closestNames must not decode";
  const ResourceType *Bucket = C->lookup("aws.s3.Bucket");
  ASSERT_NE(Bucket, nullptr);
  EXPECT_EQ(C->loadedCount(), 1u);
  EXPECT_EQ(C->lookup("AWS::S3::Bucket"), Bucket);
  EXPECT_NE(C->lookupStruct("aws.s3.Bucket.CorsRule"), nullptr);
  EXPECT_EQ(C->loadedCount(), 1u);
  EXPECT_EQ(C->lookup("aws.s3.Nope"), nullptr);
  EXPECT_EQ(C->loadedCount(), 1u);
}

TEST(Catalog, ConcurrentLookupsDecodeOnce) {
  std::unique_ptr<Catalog> C = freshCatalog();
  std::vector<llvm::StringRef> Names = C->typeNames();
  Names.resize(40);
  std::vector<std::vector<const ResourceType *>> Seen(8);
  std::vector<std::thread> Threads;
  for (auto &Mine : Seen)
    Threads.emplace_back([&] {
      for (llvm::StringRef N : Names)
        Mine.push_back(C->lookup(N));
    });
  for (std::thread &T : Threads)
    T.join();
  for (const auto &Mine : Seen)
    EXPECT_EQ(Mine, Seen[0]);
  EXPECT_EQ(std::count(Seen[0].begin(), Seen[0].end(), nullptr), 0);
  EXPECT_EQ(C->loadedCount(), Names.size());
}

TEST(Catalog, ClosestNames) {
  auto Best = [](llvm::StringRef Name) {
    std::vector<std::string> Close = builtin().closestNames(Name, 3);
    return Close.empty() ? std::string() : Close.front();
  };
  EXPECT_EQ(Best("aws.s3.bucket"), "aws.s3.Bucket");
  EXPECT_EQ(Best("aws.s3.Buckt"), "aws.s3.Bucket");
  EXPECT_EQ(Best("AWS::S3::Buckets"), "aws.s3.Bucket");
  EXPECT_EQ(Best("s3.Bucket"), "aws.s3.Bucket");
  EXPECT_EQ(Best("aws.ec2.Vpc"), "aws.ec2.VPC");
  EXPECT_EQ(Best("aws.lambda.Func"), "aws.lambda.Function");
  EXPECT_EQ(Best("aws.s3.Policy"), "aws.s3.BucketPolicy");
  EXPECT_EQ(Best("zzzzzzzzzz"), "");
  EXPECT_LE(builtin().closestNames("Bucket", 2).size(), 2u);
  // Absurd input is cheap and finds nothing.
  EXPECT_TRUE(builtin().closestNames(std::string(1 << 20, 'a'), 3).empty());
}

TEST(Catalog, RefusesMalformedFiles) {
  EXPECT_FALSE(bool(Catalog::fromBuffer("")));
  llvm::consumeError(Catalog::fromBuffer("").takeError());
  std::string Bytes = builtin().bytes().str();
  std::string WrongMagic = Bytes;
  WrongMagic[7] = '\x7f';
  auto C = Catalog::fromBuffer(WrongMagic);
  ASSERT_FALSE(bool(C));
  EXPECT_TRUE(llvm::StringRef(llvm::toString(C.takeError())).contains("format version"));
  std::string Truncated = Bytes.substr(0, Bytes.size() / 2);
  C = Catalog::fromBuffer(Truncated);
  ASSERT_FALSE(bool(C));
  llvm::consumeError(C.takeError());
}

TEST(Catalog, ReportsADamagedEntryWithoutFailingTheOthers) {
  // Blobs are laid out in index order: the end of the file is the last
  // type's blob.
  std::string Bytes = builtin().bytes().str();
  for (size_t I = Bytes.size() - 64; I < Bytes.size(); ++I)
    Bytes[I] = static_cast<char>(~Bytes[I]);
  llvm::Expected<std::unique_ptr<Catalog>> C = Catalog::fromBuffer(Bytes);
  ASSERT_TRUE(bool(C)) << llvm::toString(C.takeError());
  llvm::StringRef Last = (*C)->typeNames().back();
  llvm::Expected<const ResourceType *> R = (*C)->load(Last);
  ASSERT_FALSE(bool(R));
  EXPECT_TRUE(llvm::StringRef(llvm::toString(R.takeError())).contains("damaged"));
  EXPECT_EQ((*C)->lookup(Last), nullptr);
  EXPECT_NE((*C)->lookup("aws.s3.Bucket"), nullptr);
}

TEST(CatalogText, SpellsTypesInCfcSyntax) {
  const ResourceType &Bucket = resource("aws.s3.Bucket");
  EXPECT_EQ(spell(*property(Bucket, "BucketName").Type), "string");
  EXPECT_EQ(spell(*property(Bucket, "Tags").Type), "[{Key: string, Value: string}]");
  EXPECT_EQ(spell(*property(Bucket, "LifecycleConfiguration").Type), "LifecycleConfiguration");
  EXPECT_EQ(spell(*property(Bucket, "ObjectLockEnabled").Type), "bool");
  const PropertyType *Status =
      Bucket.findStruct("VersioningConfiguration")->findProperty("Status")->Type;
  EXPECT_EQ(spell(*Status), "\"Enabled\" | \"Suspended\"");
  EXPECT_EQ(spell(*Status, SpellingOptions{false}), "string");
  EXPECT_EQ(spell(*property(resource("aws.iam.Role"), "AssumeRolePolicyDocument").Type),
            "json | string");
  EXPECT_EQ(spell(*resource("aws.lambda.Function")
                       .findStruct("Environment")
                       ->findProperty("Variables")
                       ->Type),
            "{string: string}");
  EXPECT_EQ(spell(*property(resource("aws.lambda.Function"), "MemorySize").Type), "int");
}

TEST(CatalogText, SummarizesToTheFirstSentence) {
  EXPECT_EQ(summarize("Creates a bucket. For more, see [Docs](https://x) ."), "Creates a bucket.");
  EXPECT_EQ(summarize("See [the *guide*](https://x) , e.g. this. Then that."),
            "See the guide, e.g. this.");
  EXPECT_EQ(summarize("> Legacy.\n\nUse something else."), "Legacy.");
  EXPECT_EQ(summarize("First line\nwraps here. Second."), "First line wraps here.");
  EXPECT_EQ(summarize("Keep `a. B` code. Next."), "Keep `a. B` code.");
  EXPECT_EQ(summarize("No final period"), "No final period");
  EXPECT_EQ(summarize(""), "");
  EXPECT_EQ(summarize("[unclosed link"), "[unclosed link");
}

TEST(CatalogText, QuotesLikeTheLanguage) {
  EXPECT_EQ(quote("plain"), "\"plain\"");
  EXPECT_EQ(quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(quote("$LATEST ${x}"), "\"$LATEST \\${x}\"");
  EXPECT_EQ(quote("tab\there\n"), "\"tab\\there\\n\"");
  EXPECT_EQ(quote(llvm::StringRef("\x01", 1)), "\"\\u{1}\"");
}

TEST(CatalogText, Unlikeness) {
  EXPECT_EQ(unlikeness("Bucket", "bucket"), 0u);
  EXPECT_EQ(unlikeness("Buckt", "Bucket"), 1u);
  EXPECT_FALSE(unlikeness("Queue", "Bucket"));
  // Containment counts as close, at the edge of the limit.
  EXPECT_EQ(unlikeness("Versioning", "VersioningConfiguration"), 3u);
  EXPECT_FALSE(unlikeness("ab", "abcdefgh"));
}

// A typical stack opens the catalog and looks up ten types: that decodes
// those ten and nothing else (a return to eager loading would decode all of
// them, ~1 s). Counted rather than timed: a timed bound fails on a loaded
// machine, and speed is bench/'s to measure (docs/performance.md).
TEST(CatalogCost, TenTypesStayCheap) {
  const char *Types[] = {"aws.s3.Bucket",         "aws.s3.BucketPolicy", "aws.lambda.Function",
                         "aws.iam.Role",          "aws.iam.Policy",      "aws.sqs.Queue",
                         "aws.sns.Topic",         "aws.dynamodb.Table",  "aws.logs.LogGroup",
                         "aws.apigateway.RestApi"};
  std::unique_ptr<Catalog> C = freshCatalog();
  EXPECT_EQ(C->loadedCount(), 0u);
  for (const char *Name : Types)
    ASSERT_NE(C->lookup(Name), nullptr) << Name;
  EXPECT_EQ(C->loadedCount(), std::size(Types));
  EXPECT_GT(C->size(), 100 * std::size(Types));
}

TEST(StatefulTypes, KnowsWhatHoldsDataAndHowToKeepIt) {
  using cfc::catalog::DataKeeping;
  EXPECT_EQ(cfc::catalog::dataKeepingOf("AWS::DynamoDB::Table"), DataKeeping::Retain);
  EXPECT_EQ(cfc::catalog::dataKeepingOf("AWS::RDS::DBCluster"), DataKeeping::Snapshot);
  EXPECT_EQ(cfc::catalog::dataKeepingOf("AWS::SecretsManager::Secret"), DataKeeping::Retain);
  EXPECT_TRUE(cfc::catalog::holdsData("AWS::S3::Bucket"));
  EXPECT_FALSE(cfc::catalog::holdsData("AWS::Lambda::Function"));
  EXPECT_FALSE(cfc::catalog::holdsData("AWS::S3::BucketPolicy"));
  EXPECT_FALSE(cfc::catalog::holdsData(""));
}
