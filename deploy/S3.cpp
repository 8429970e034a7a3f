#include "deploy/S3.h"

#include "deploy/Libraries.h"

namespace cfc::deploy::s3 {

BucketState headBucket(AwsClient &Aws, const std::string &Bucket) {
  HttpResponse R = Aws.s3("HEAD", Bucket, "");
  if (R.Status < 300)
    return BucketState::Mine;
  if (R.Status == 404)
    return BucketState::Missing;
  if (R.Status == 403)
    return BucketState::Forbidden;
  Aws.throwS3Error(R, "s3:ListBucket on " + Bucket);
}

void createBucket(AwsClient &Aws, const std::string &Bucket) {
  std::string Body;
  // us-east-1 is the one region S3 wants no location constraint for.
  if (Aws.connection().Region != "us-east-1")
    Body = "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
           "<LocationConstraint>" + Aws.connection().Region + "</LocationConstraint></CreateBucketConfiguration>";
  HttpResponse R = Aws.s3("PUT", Bucket, "", "", Body, {"Content-Type: application/xml"});
  if (R.Status >= 300)
    Aws.throwS3Error(R, "s3:CreateBucket on " + Bucket);
}

static void putSubresource(AwsClient &Aws, const std::string &Bucket, const std::string &Query,
                           const std::string &Xml, const std::string &Action) {
  HttpResponse R = Aws.s3("PUT", Bucket, "", Query, Xml, {"Content-Type: application/xml"});
  if (R.Status >= 300)
    Aws.throwS3Error(R, Action + " on " + Bucket);
}

void putBucketEncryption(AwsClient &Aws, const std::string &Bucket) {
  putSubresource(Aws, Bucket, "encryption",
                 "<ServerSideEncryptionConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                 "<Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm>"
                 "</ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>",
                 "s3:PutEncryptionConfiguration");
}

void putPublicAccessBlock(AwsClient &Aws, const std::string &Bucket) {
  putSubresource(Aws, Bucket, "publicAccessBlock",
                 "<PublicAccessBlockConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                 "<BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls>"
                 "<BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets>"
                 "</PublicAccessBlockConfiguration>",
                 "s3:PutBucketPublicAccessBlock");
}

/// The base64 MD5 S3 requires of a lifecycle configuration (Content-MD5):
/// an integrity check, computed by OpenSSL, which libcurl already links.
static std::string contentMd5(const std::string &Body) {
  unsigned char Digest[EVP_MAX_MD_SIZE];
  unsigned Length = 0;
  const lib::Crypto &C = lib::crypto();
  C.Digest(Body.data(), Body.size(), Digest, &Length, C.Md5(), nullptr);
  unsigned char Encoded[64];
  int N = C.EncodeBlock(Encoded, Digest, static_cast<int>(Length));
  return std::string(reinterpret_cast<char *>(Encoded), N);
}

void putBucketLifecycle(AwsClient &Aws, const std::string &Bucket, const std::string &ConfigurationXml) {
  HttpResponse R = Aws.s3("PUT", Bucket, "", "lifecycle", ConfigurationXml,
                          {"Content-Type: application/xml", "Content-MD5: " + contentMd5(ConfigurationXml)});
  if (R.Status >= 300)
    Aws.throwS3Error(R, "s3:PutLifecycleConfiguration on " + Bucket);
}

bool objectExists(AwsClient &Aws, const std::string &Bucket, const std::string &Key) {
  HttpResponse R = Aws.s3("HEAD", Bucket, Key);
  if (R.Status < 300)
    return true;
  if (R.Status == 404)
    return false;
  Aws.throwS3Error(R, "s3:GetObject on s3://" + Bucket + "/" + Key);
}

void putObject(AwsClient &Aws, const std::string &Bucket, const std::string &Key, const std::string &Body,
               const std::string &ContentType) {
  HttpResponse R = Aws.s3("PUT", Bucket, Key, "", Body, {"Content-Type: " + ContentType});
  if (R.Status >= 300)
    Aws.throwS3Error(R, "s3:PutObject on s3://" + Bucket + "/" + Key);
}

} // namespace cfc::deploy::s3

namespace cfc::deploy::sts {

std::string accountId(AwsClient &Aws) {
  return Aws.query("sts", "2011-06-15", "GetCallerIdentity", {}).text("Account");
}

} // namespace cfc::deploy::sts
