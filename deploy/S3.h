// S3 — the bucket and object calls of `cfc deploy` (S3's REST protocol
// through AwsClient), and STS GetCallerIdentity for the account number.
#pragma once

#include "deploy/AwsClient.h"

#include <string>

namespace cfc::deploy::s3 {

enum class BucketState { Mine, Missing, Forbidden };

BucketState headBucket(AwsClient &Aws, const std::string &Bucket);
/// Creates Bucket in the connection's region.
void createBucket(AwsClient &Aws, const std::string &Bucket);
void putBucketEncryption(AwsClient &Aws, const std::string &Bucket);
void putPublicAccessBlock(AwsClient &Aws, const std::string &Bucket);
void putBucketLifecycle(AwsClient &Aws, const std::string &Bucket, const std::string &ConfigurationXml);
bool objectExists(AwsClient &Aws, const std::string &Bucket, const std::string &Key);
void putObject(AwsClient &Aws, const std::string &Bucket, const std::string &Key, const std::string &Body,
               const std::string &ContentType);

} // namespace cfc::deploy::s3

namespace cfc::deploy::sts {

/// The account the credentials belong to (GetCallerIdentity).
std::string accountId(AwsClient &Aws);

} // namespace cfc::deploy::sts
