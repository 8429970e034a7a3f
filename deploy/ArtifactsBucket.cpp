#include "deploy/ArtifactsBucket.h"

#include "deploy/S3.h"

namespace cfc::deploy {

std::string defaultArtifactsBucket(const std::string &Account, const std::string &Region) {
  return "cfc-artifacts-" + Account + "-" + Region;
}

std::string lifecycleConfiguration() {
  // templates/: read by CloudFormation only while it makes a change set,
  // so a month is generous. assets/: a zip's key is its hash and a stack
  // keeps naming it until its code changes (and a rollback, or a stack
  // deleted and deployed again, reads it later still); S3 cannot tell
  // which zips a deployed stack names, so none expires by age. Unfinished
  // multipart uploads (never cfc's, but the bucket may be shared) go after
  // a day.
  return "<LifecycleConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
         "<Rule><ID>cfc-templates-expire</ID><Filter><Prefix>templates/</Prefix></Filter>"
         "<Status>Enabled</Status><Expiration><Days>30</Days></Expiration></Rule>"
         "<Rule><ID>cfc-abort-incomplete-uploads</ID><Filter><Prefix></Prefix></Filter>"
         "<Status>Enabled</Status><AbortIncompleteMultipartUpload><DaysAfterInitiation>1"
         "</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>"
         "</LifecycleConfiguration>";
}

void ensureArtifactsBucket(AwsClient &Aws, const std::string &Bucket, bool Create, std::string &Log) {
  switch (s3::headBucket(Aws, Bucket)) {
  case s3::BucketState::Mine:
    return;
  case s3::BucketState::Forbidden:
    throw AwsError("the artifacts bucket " + Bucket + " belongs to another account, or the credentials from " +
                       Aws.connection().Creds.Source + " may not use it (s3:ListBucket)",
                   "AccessDenied", "s3:ListBucket", 403, "");
  case s3::BucketState::Missing:
    break;
  }
  if (!Create)
    throw AwsError("the artifacts bucket " + Bucket + " does not exist in " + Aws.connection().Region +
                       "; create it, or leave AssetBucket out and cfc makes one",
                   "NoSuchBucket", "s3:ListBucket", 404, "");
  s3::createBucket(Aws, Bucket);
  s3::putPublicAccessBlock(Aws, Bucket);
  s3::putBucketEncryption(Aws, Bucket);
  s3::putBucketLifecycle(Aws, Bucket, lifecycleConfiguration());
  Log += "created the artifacts bucket " + Bucket + " (encrypted, public access blocked)\n";
}

bool uploadIfMissing(AwsClient &Aws, const std::string &Bucket, const std::string &Key, const std::string &Body,
                     const std::string &ContentType) {
  if (s3::objectExists(Aws, Bucket, Key))
    return false;
  s3::putObject(Aws, Bucket, Key, Body, ContentType);
  return true;
}

} // namespace cfc::deploy
