#include "deploy/Credentials.h"

#include "deploy/Ini.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <sys/wait.h>

namespace cfc::deploy {

std::optional<std::string> processEnv(const char *Name) {
  const char *V = std::getenv(Name);
  if (!V || !*V)
    return std::nullopt;
  return std::string(V);
}

namespace {

std::string home(const EnvLookup &Env) { return Env("HOME").value_or(""); }

std::string configFilePath(const EnvLookup &Env) {
  return Env("AWS_CONFIG_FILE").value_or(home(Env) + "/.aws/config");
}

std::string credentialsFilePath(const EnvLookup &Env) {
  return Env("AWS_SHARED_CREDENTIALS_FILE").value_or(home(Env) + "/.aws/credentials");
}

/// A profile's settings: ~/.aws/config's `[profile P]` (`[default]` for
/// the default one) under ~/.aws/credentials' `[P]`, which wins.
struct Profile {
  std::string Name;
  bool Found = false;
  std::map<std::string, std::string> Settings;

  std::string get(const std::string &Key) const {
    auto It = Settings.find(Key);
    return It == Settings.end() ? "" : It->second;
  }
};

Profile loadProfile(const std::string &Name, const EnvLookup &Env) {
  Profile P;
  P.Name = Name;
  IniFile Config = readIniFile(configFilePath(Env));
  auto Section = Config.find(Name == "default" ? "default" : "profile " + Name);
  if (Section == Config.end() && Name == "default")
    Section = Config.find("profile default");
  if (Section != Config.end()) {
    P.Found = true;
    P.Settings = Section->second;
  }
  IniFile Creds = readIniFile(credentialsFilePath(Env));
  if (auto It = Creds.find(Name); It != Creds.end()) {
    P.Found = true;
    for (const auto &[Key, Value] : It->second)
      P.Settings[Key] = Value;
  }
  return P;
}

/// Runs Command through the shell and returns what it printed; throws
/// when it fails.
std::string runForOutput(const std::string &Command, const std::string &What) {
  FILE *Pipe = popen(Command.c_str(), "r");
  if (!Pipe)
    throw ConnectionError("cannot run " + What);
  std::string Out;
  std::array<char, 4096> Buffer;
  size_t N;
  while ((N = fread(Buffer.data(), 1, Buffer.size(), Pipe)) > 0)
    Out.append(Buffer.data(), N);
  int Status = pclose(Pipe);
  if (Status != 0)
    throw ConnectionError(What + " failed (exit status " +
                          std::to_string(WIFEXITED(Status) ? WEXITSTATUS(Status) : Status) + ")");
  return Out;
}

/// Single quotes for the shell.
std::string shellQuote(const std::string &S) {
  std::string Q = "'";
  for (char C : S)
    Q += C == '\'' ? std::string("'\\''") : std::string(1, C);
  return Q + "'";
}

bool awsCliInstalled() { return std::system("command -v aws >/dev/null 2>&1") == 0; }

/// The seconds since the epoch of an ISO 8601 UTC time ("2026-12-07T15:00:00Z").
std::optional<std::time_t> parseIsoTime(const std::string &Text) {
  std::tm T{};
  if (!strptime(Text.c_str(), "%Y-%m-%dT%H:%M:%S", &T))
    return std::nullopt;
  return timegm(&T);
}

Credentials fromProfile(const Profile &P, const EnvLookup &Env) {
  std::string Source = "profile '" + P.Name + "'";
  if (!P.get("aws_access_key_id").empty()) {
    if (P.get("aws_secret_access_key").empty())
      throw ConnectionError(Source + " has aws_access_key_id but no aws_secret_access_key");
    return {P.get("aws_access_key_id"), P.get("aws_secret_access_key"), P.get("aws_session_token"), Source};
  }
  if (!P.get("credential_process").empty())
    return credentialsFromProcessOutput(
        runForOutput(P.get("credential_process"), "the credential_process of " + Source), Source);
  bool Delegated = !P.get("sso_session").empty() || !P.get("sso_start_url").empty() ||
                   !P.get("role_arn").empty() || !P.get("web_identity_token_file").empty();
  if (Delegated) {
    if (!awsCliInstalled())
      throw ConnectionError(Source + " uses SSO or an assumed role, which cfc reads through the AWS CLI; "
                            "install it (or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)");
    std::string Out = runForOutput("aws configure export-credentials --profile " + shellQuote(P.Name) +
                                       " --format process",
                                   "`aws configure export-credentials --profile " + P.Name +
                                       "` (for SSO, run `aws sso login --profile " + P.Name + "` first)");
    return credentialsFromProcessOutput(Out, Source + " (through the AWS CLI)");
  }
  throw ConnectionError(Source + " has no credentials: no aws_access_key_id, credential_process, SSO "
                        "or role_arn in " + credentialsFilePath(Env) + " or " + configFilePath(Env));
}

[[noreturn]] void noCredentials(const EnvLookup &Env) {
  throw ConnectionError("no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
                        "or name a profile of " + configFilePath(Env) +
                        " with AWS_PROFILE or --profile (see docs/deploy.md)");
}

} // namespace

Credentials credentialsFromProcessOutput(const std::string &Json, const std::string &Source) {
  nlohmann::json J = nlohmann::json::parse(Json, nullptr, /*allow_exceptions=*/false);
  if (!J.is_object() || !J.value("AccessKeyId", nlohmann::json()).is_string() ||
      !J.value("SecretAccessKey", nlohmann::json()).is_string())
    throw ConnectionError("the credentials of " + Source +
                          " are not the JSON a credential_process prints (AccessKeyId, SecretAccessKey)");
  if (J.contains("Expiration") && J["Expiration"].is_string())
    if (auto When = parseIsoTime(J["Expiration"].get<std::string>()); When && *When <= std::time(nullptr))
      throw ConnectionError("the credentials of " + Source + " expired at " +
                            J["Expiration"].get<std::string>() + "; refresh them and try again");
  Credentials C;
  C.AccessKeyId = J["AccessKeyId"].get<std::string>();
  C.SecretAccessKey = J["SecretAccessKey"].get<std::string>();
  if (J.contains("SessionToken") && J["SessionToken"].is_string())
    C.SessionToken = J["SessionToken"].get<std::string>();
  C.Source = Source;
  return C;
}

Connection resolveConnection(const ConnectionFlags &Flags, const EnvLookup &Env) {
  Connection Conn;
  std::string ProfileName = Flags.Profile;
  bool ExplicitProfile = !ProfileName.empty();
  if (ProfileName.empty())
    ProfileName = Env("AWS_PROFILE").value_or(Env("AWS_DEFAULT_PROFILE").value_or("default"));
  Profile P = loadProfile(ProfileName, Env);
  auto KeyId = Env("AWS_ACCESS_KEY_ID");
  auto Secret = Env("AWS_SECRET_ACCESS_KEY");
  // The environment's keys beat AWS_PROFILE (not --profile), as in the
  // AWS CLI: a profile named there is then read for its region only.
  bool KeysFromEnvironment = !ExplicitProfile && KeyId && Secret;
  if ((ExplicitProfile || (Env("AWS_PROFILE") && !KeysFromEnvironment)) && !P.Found)
    throw ConnectionError("profile '" + ProfileName + "' is in neither " + configFilePath(Env) + " nor " +
                          credentialsFilePath(Env));

  if (KeysFromEnvironment)
    Conn.Creds = {*KeyId, *Secret, Env("AWS_SESSION_TOKEN").value_or(""), "the environment"};
  else if (!ExplicitProfile && KeyId)
    throw ConnectionError("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
  else if (P.Found)
    Conn.Creds = fromProfile(P, Env);
  else
    noCredentials(Env);

  if (!Flags.Region.empty())
    Conn.Region = Flags.Region;
  else if (!Flags.ProjectRegion.empty())
    Conn.Region = Flags.ProjectRegion;
  else
    Conn.Region = Env("AWS_REGION").value_or(Env("AWS_DEFAULT_REGION").value_or(P.get("region")));
  if (Conn.Region.empty())
    throw ConnectionError("no AWS region given: pass --region, set AWS_REGION, give the environment a "
                          "region in cfc.yaml, or set region in profile '" + ProfileName + "'");

  Conn.EndpointUrl = !Flags.EndpointUrl.empty() ? Flags.EndpointUrl
                                                : Env("AWS_ENDPOINT_URL").value_or(P.get("endpoint_url"));
  while (!Conn.EndpointUrl.empty() && Conn.EndpointUrl.back() == '/')
    Conn.EndpointUrl.pop_back();
  return Conn;
}

} // namespace cfc::deploy
