// ArtifactsBucket — where `cfc deploy` puts the zips of asset(...) and a
// template too big to send inline: the bucket the user names (AssetBucket
// in cfc.yaml or --parameter), or cfc-artifacts-<account>-<region>, which
// cfc makes on first use: encrypted (SSE-S3), public access blocked, and a
// lifecycle that only ever expires what no stack reads again (templates/
// after 30 days; assets/ never: see lifecycleConfiguration).
#pragma once

#include "deploy/AwsClient.h"

#include <string>

namespace cfc::deploy {

/// The bucket cfc makes for an account and region.
std::string defaultArtifactsBucket(const std::string &Account, const std::string &Region);

/// The lifecycle rules of the bucket cfc makes, as S3's XML.
std::string lifecycleConfiguration();

/// Makes sure Bucket exists and is usable; creates it (with encryption,
/// public access block and lifecycle) when Create is set and it is missing.
/// Says what it did on Log. Throws AwsError when the bucket is someone
/// else's, or missing and not cfc's to create.
void ensureArtifactsBucket(AwsClient &Aws, const std::string &Bucket, bool Create, std::string &Log);

/// Uploads Body to Bucket/Key unless an object is already there (keys are
/// content hashes, so one there is the same). True when it uploaded.
bool uploadIfMissing(AwsClient &Aws, const std::string &Bucket, const std::string &Key, const std::string &Body,
                     const std::string &ContentType);

} // namespace cfc::deploy
