// AuditRules — security rows 44-48: CloudTrail trails and CloudWatch log
// groups.
#include "Lint/RuleKit.h"

namespace cfc::lint {

namespace {

void trailMultiRegion(const ir::Resource &R, const Stack &, Findings &Out) {
  requireTrue(R, "IsMultiRegionTrail", Out);
}
void trailValidation(const ir::Resource &R, const Stack &, Findings &Out) {
  requireTrue(R, "EnableLogFileValidation", Out);
}
void trailKms(const ir::Resource &R, const Stack &, Findings &Out) { requireSet(R, "KMSKeyId", Out); }
void logRetention(const ir::Resource &R, const Stack &, Findings &Out) {
  requireSet(R, "RetentionInDays", Out);
}
void logKms(const ir::Resource &R, const Stack &, Findings &Out) { requireSet(R, "KmsKeyId", Out); }

constexpr llvm::StringLiteral Trail = "AWS::CloudTrail::Trail", LogGroup = "AWS::Logs::LogGroup";

const Rule Rules[] = {
    {diag::CloudTrailMultiRegion, {Trail}, trailMultiRegion, "record every region",
     {{"checkov", "CKV_AWS_67"}, {"guard", "MULTI_REGION_CLOUD_TRAIL_ENABLED"},
      {"securityHub", "CloudTrail.1"}}},
    {diag::CloudTrailLogValidation, {Trail}, trailValidation, "validate log files",
     {{"checkov", "CKV_AWS_36"}, {"guard", "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED"},
      {"securityHub", "CloudTrail.4"}}},
    {diag::CloudTrailKms, {Trail}, trailKms, "",
     {{"checkov", "CKV_AWS_35"}, {"guard", "CLOUD_TRAIL_ENCRYPTION_ENABLED"},
      {"securityHub", "CloudTrail.2"}}},
    {diag::LogRetention, {LogGroup}, logRetention, "",
     {{"cfnNag", "W86"}, {"checkov", "CKV_AWS_66"}, {"guard", "CW_LOGGROUP_RETENTION_PERIOD_CHECK"},
      {"securityHub", "CloudWatch.16"}}},
    {diag::LogKms, {LogGroup}, logKms, "",
     {{"cfnNag", "W84"}, {"checkov", "CKV_AWS_158"}, {"guard", "CLOUDWATCH_LOG_GROUP_ENCRYPTED"}}},
};

} // namespace

llvm::ArrayRef<Rule> auditRules() { return Rules; }

} // namespace cfc::lint
