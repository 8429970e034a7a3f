// Credentials — finds the credentials, region and endpoint the way the AWS
// SDKs and CLI do, so `cfc deploy` works wherever `aws` works:
//   --profile P, else AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY(/AWS_SESSION_TOKEN),
//   else AWS_PROFILE (or "default") from ~/.aws/credentials and ~/.aws/config
//   (AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE), with `credential_process`,
//   and for SSO or assume-role profiles `aws configure export-credentials`.
// Region: --region, then cfc.yaml's, AWS_REGION, AWS_DEFAULT_REGION, the profile's.
// Endpoint: --endpoint-url, then AWS_ENDPOINT_URL, the profile's endpoint_url.
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

namespace cfc::deploy {

struct Credentials {
  std::string AccessKeyId;
  std::string SecretAccessKey;
  std::string SessionToken; ///< Empty for long-term keys.
  /// Where they came from, for messages: "environment", "profile 'dev'".
  std::string Source;
};

/// Where and as whom a command talks to AWS.
struct Connection {
  Credentials Creds;
  std::string Region;
  /// Empty: AWS's own endpoints. Else every service is reached there (moto,
  /// LocalStack), S3 with path-style addresses.
  std::string EndpointUrl;
};

/// What the command line says; empty strings are "not given".
struct ConnectionFlags {
  std::string Profile;
  std::string Region;
  std::string EndpointUrl;
  /// The region cfc.yaml's environment names: the template was built for
  /// it (aws.region is that constant), so it beats AWS_REGION; --region
  /// beats it (and was the build's region too).
  std::string ProjectRegion;
};

/// Reads a variable of the process environment (a seam for the unit tests).
using EnvLookup = std::function<std::optional<std::string>(const char *)>;
std::optional<std::string> processEnv(const char *Name);

/// A problem the user must fix before anything is sent: no credentials, no
/// region, a profile that does not exist, a credential_process that fails.
struct ConnectionError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The connection the flags, the environment and the AWS config files name.
/// Throws ConnectionError with a message that says what to do.
Connection resolveConnection(const ConnectionFlags &Flags, const EnvLookup &Env = processEnv);

/// Credentials from the JSON a credential_process prints (Version 1);
/// throws ConnectionError when it is malformed or already expired.
Credentials credentialsFromProcessOutput(const std::string &Json, const std::string &Source);

} // namespace cfc::deploy
