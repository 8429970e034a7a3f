// ServiceRules — applies the service rules (one file per area:
// DynamoDbRules.cpp, LambdaRules.cpp, S3Rules.cpp, SqsRules.cpp,
// ScheduleRules.cpp, CloudWatchRules.cpp, SnsRules.cpp, Ec2Rules.cpp,
// ApiGatewayRules.cpp, IamPolicyRules.cpp) to a lowered template.
#include "Rules/RuleContext.h"
#include "Rules/Rules.h"

namespace cfc::rules {

namespace {

using Check = void (*)(const ir::Resource &, Context &);

struct Row {
  llvm::StringRef Type;
  Check Fn;
};

/// Which checks judge which resource type, in the order they report.
const Row Rows[] = {
    {"AWS::DynamoDB::Table", checkDynamoDbTable},
    {"AWS::DynamoDB::GlobalTable", checkDynamoDbTable},
    {"AWS::Lambda::Function", checkLambdaRuntime},
    // SAM makes a Lambda function of it, on the same runtime.
    {"AWS::Serverless::Function", checkLambdaRuntime},
    {"AWS::Lambda::Alias", checkLambdaProvisionedConcurrency},
    {"AWS::Lambda::Version", checkLambdaProvisionedConcurrency},
    {"AWS::CloudFront::Distribution", checkLambdaEdge},
    {"AWS::S3::Bucket", checkS3Bucket},
    {"AWS::SQS::Queue", checkSqsQueue},
    {"AWS::Events::Rule", checkScheduleExpression},
    {"AWS::Scheduler::Schedule", checkScheduleExpression},
    {"AWS::CloudWatch::Alarm", checkAlarm},
    {"AWS::SNS::Subscription", checkSnsSubscription},
    {"AWS::EC2::SecurityGroup", checkSecurityGroupRules},
    {"AWS::EC2::SecurityGroupIngress", checkSecurityGroupRules},
    {"AWS::EC2::SecurityGroupEgress", checkSecurityGroupRules},
    {"AWS::ApiGatewayV2::Route", checkApiRoutes},
    {"AWS::ApiGateway::Method", checkApiRoutes},
    {"AWS::IAM::Policy", checkIamPolicy},
    {"AWS::IAM::ManagedPolicy", checkIamPolicy},
    {"AWS::IAM::RolePolicy", checkIamPolicy},
    {"AWS::IAM::UserPolicy", checkIamPolicy},
    {"AWS::IAM::GroupPolicy", checkIamPolicy},
    {"AWS::IAM::Role", checkIamInlinePolicies},
    {"AWS::IAM::User", checkIamInlinePolicies},
    {"AWS::IAM::Group", checkIamInlinePolicies},
    {"AWS::S3::BucketPolicy", checkResourcePolicy},
    {"AWS::SQS::QueuePolicy", checkResourcePolicy},
    {"AWS::SNS::TopicPolicy", checkResourcePolicy},
    {"AWS::KMS::Key", checkResourcePolicy},
};

} // namespace

void checkServiceRules(const ir::Template &T, llvm::StringRef Region, DiagnosticEngine &Diags) {
  ir::ResourceIndex Index(T);
  Context C{Index, Region, Diags};
  for (const ir::Resource &R : T.Resources) {
    if (!R.Properties || R.Properties->kind() != Value::Kind::Object)
      continue;
    for (const Row &Each : Rows)
      if (Each.Type == R.Type)
        Each.Fn(R, C);
  }
  checkSamGlobalsRuntime(T, C);
}

} // namespace cfc::rules
