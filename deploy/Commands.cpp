#include "deploy/Commands.h"

#include "Catalog/StatefulTypes.h"
#include "deploy/ArtifactsBucket.h"
#include "deploy/AwsClient.h"
#include "deploy/ChangeSetView.h"
#include "deploy/CloudFormation.h"
#include "deploy/EventFollower.h"
#include "deploy/S3.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <unistd.h>

namespace cfc::deploy {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr int Ok = 0, Failed = 1, Usage = 2;

/// CloudFormation's limit for a TemplateBody; above it, the template goes
/// to the artifacts bucket and the change set names its URL.
constexpr size_t MaxInlineTemplate = 51200;

int fail(const std::string &Message) {
  std::cerr << "cfc: error: " << Message << "\n";
  return Failed;
}

int usage(const std::string &Message) {
  std::cerr << "cfc: error: " << Message << "\n";
  return Usage;
}

void note(const std::string &Message) { std::cerr << Message << "\n"; }

bool onTerminal() { return isatty(STDIN_FILENO) && isatty(STDERR_FILENO); }

/// Asks Question on the terminal; true for y/yes.
bool confirm(const std::string &Question) {
  std::cerr << Question << " [y/N] " << std::flush;
  std::string Answer;
  if (!std::getline(std::cin, Answer))
    return false;
  return Answer == "y" || Answer == "Y" || Answer == "yes" || Answer == "Yes";
}

std::optional<std::string> readFile(const std::string &Path) {
  std::ifstream In(Path, std::ios::binary);
  if (!In)
    return std::nullopt;
  std::stringstream Buffer;
  Buffer << In.rdbuf();
  return Buffer.str();
}

/// "K=V" arguments into pairs; false (after a usage error) for a malformed one.
bool readPairs(const std::vector<std::string> &Args, const char *Flag,
               std::vector<std::pair<std::string, std::string>> &Out) {
  for (const std::string &Arg : Args) {
    size_t Eq = Arg.find('=');
    if (Eq == std::string::npos || Eq == 0) {
      usage(std::string(Flag) + " takes KEY=VALUE; got '" + Arg + "'");
      return false;
    }
    std::string Key = Arg.substr(0, Eq);
    auto Same = [&](const auto &P) { return P.first == Key; };
    Out.erase(std::remove_if(Out.begin(), Out.end(), Same), Out.end()); // The last one wins.
    Out.push_back({Key, Arg.substr(Eq + 1)});
  }
  return true;
}

std::optional<json> parseJson(const std::string &Text) {
  json J = json::parse(Text, nullptr, /*allow_exceptions=*/false);
  if (J.is_discarded())
    return std::nullopt;
  return J;
}

/// The assets the build wrote: key ("assets/<sha256>.zip") -> file.
std::map<std::string, std::string> builtAssets(const std::string &AssetRoot) {
  std::map<std::string, std::string> Out;
  std::error_code EC;
  fs::path Dir = fs::path(AssetRoot) / "assets";
  if (!fs::is_directory(Dir, EC))
    return Out;
  for (const fs::directory_entry &E : fs::directory_iterator(Dir, EC))
    if (E.is_regular_file() && E.path().extension() == ".zip")
      Out["assets/" + E.path().filename().string()] = E.path().string();
  return Out;
}

/// The bucket a template names for an asset when AssetBucket was bound at
/// build time (cfc.yaml, --set): the string beside the asset's key, in a
/// member whose name says Bucket (Code.S3Bucket beside Code.S3Key).
std::string boundAssetBucket(const json &J, const std::map<std::string, std::string> &Assets) {
  if (J.is_object()) {
    bool HoldsKey = false;
    for (const auto &[K, V] : J.items())
      if (V.is_string() && Assets.count(V.get<std::string>()))
        HoldsKey = true;
    if (HoldsKey)
      for (const auto &[K, V] : J.items())
        if (V.is_string() && K.find("Bucket") != std::string::npos)
          return V.get<std::string>();
  }
  if (J.is_object() || J.is_array())
    for (const json &V : J)
      if (std::string B = boundAssetBucket(V, Assets); !B.empty())
        return B;
  return "";
}

bool hasParameter(const json &Template, const std::string &Name) {
  return Template.contains("Parameters") && Template["Parameters"].is_object() &&
         Template["Parameters"].contains(Name);
}

/// "cfc-20261207T141502-1a2b3c": the time says when, the rest keeps two
/// deploys in the same second (a --no-execute one, then the real one)
/// apart; CloudFormation refuses a name a stack's change set already has.
std::string changeSetName() {
  std::time_t Now = std::time(nullptr);
  char When[32];
  std::strftime(When, sizeof When, "%Y%m%dT%H%M%S", std::gmtime(&Now));
  std::random_device Random;
  char Suffix[16];
  std::snprintf(Suffix, sizeof Suffix, "%06x", Random() & 0xffffff);
  return std::string("cfc-") + When + "-" + Suffix;
}

/// The newest event of a stack, so that following an operation starts after it.
std::string newestEventId(AwsClient &Aws, const std::string &StackId) {
  std::vector<cfn::Event> Events = cfn::describeStackEvents(Aws, StackId, "");
  return Events.empty() ? "" : Events.front().Id;
}

void printOutputs(const std::vector<cfn::Output> &Outputs) {
  for (const cfn::Output &O : Outputs)
    std::cout << O.Key << " = " << O.Value << "\n";
  std::cout << std::flush;
}

json outputsJson(const std::vector<cfn::Output> &Outputs) {
  json J = json::object();
  for (const cfn::Output &O : Outputs)
    J[O.Key] = O.Value;
  return J;
}

/// Says that the stack is busy, if it is; true when it can be worked on.
bool checkNotBusy(const cfn::Stack &S) {
  if (!cfn::isInProgress(S.Status) || S.Status == "REVIEW_IN_PROGRESS")
    return true;
  fail("stack " + S.Name + " is in " + S.Status + ": another operation is running on it; wait for it to end " +
       "(aws cloudformation wait, or the console) and try again");
  return false;
}

/// A failed operation: the root cause and what the rollback left.
int reportFailure(const std::string &What, const FollowResult &R) {
  std::string Cause = R.RootCause ? R.RootCause->LogicalId + " (" + R.RootCause->Type + "): " +
                                        (R.RootCause->Reason.empty() ? R.RootCause->Status : R.RootCause->Reason)
                                  : "no event says why";
  std::cerr << "cfc: error: " << What << " failed: " << Cause << "\n";
  std::cerr << "the stack is now " << R.FinalStatus
            << (R.FinalStatus.find("ROLLBACK_COMPLETE") != std::string::npos
                    ? " (rolled back: the stack is as it was before)"
                    : R.FinalStatus.find("ROLLBACK_FAILED") != std::string::npos
                          ? " (the rollback failed too: see the stack's events)"
                          : "")
            << "\n";
  return Failed;
}

/// Everything one deploy knows once it has built and connected.
struct Deployment {
  const DeployOptions &Opts;
  AwsClient Aws;
  json Template;
  std::string TemplateText;
  BuiltStack Built;
  std::vector<std::pair<std::string, std::string>> Parameters, Tags;
  std::string TemplateUrl;
};

/// Puts the assets (and a big template) in the artifacts bucket, and sets
/// AssetBucket when the template takes it.
void uploadArtifacts(Deployment &D) {
  std::map<std::string, std::string> Assets = builtAssets(D.Built.AssetRoot);
  bool BigTemplate = D.TemplateText.size() > MaxInlineTemplate;
  if (Assets.empty() && !BigTemplate)
    return;
  std::string Bucket;
  bool Create = false;
  auto Given = std::find_if(D.Parameters.begin(), D.Parameters.end(),
                            [](const auto &P) { return P.first == "AssetBucket"; });
  if (Given != D.Parameters.end())
    Bucket = Given->second;
  else if (!Assets.empty() && !hasParameter(D.Template, "AssetBucket"))
    Bucket = boundAssetBucket(D.Template, Assets);
  if (Bucket.empty()) {
    Bucket = defaultArtifactsBucket(sts::accountId(D.Aws), D.Aws.connection().Region);
    Create = true;
  }
  std::string Log;
  ensureArtifactsBucket(D.Aws, Bucket, Create, Log);
  std::cerr << Log;
  if (hasParameter(D.Template, "AssetBucket") && Given == D.Parameters.end())
    D.Parameters.push_back({"AssetBucket", Bucket});
  for (const auto &[Key, File] : Assets) {
    std::optional<std::string> Zip = readFile(File);
    if (!Zip)
      throw AwsError("cannot read " + File, "", "", 0, "");
    bool Uploaded = uploadIfMissing(D.Aws, Bucket, Key, *Zip, "application/zip");
    note(std::string(Uploaded ? "uploaded " : "already uploaded ") + "s3://" + Bucket + "/" + Key);
  }
  if (BigTemplate) {
    std::string Key = "templates/" + sha256Hex(D.TemplateText) + ".json";
    uploadIfMissing(D.Aws, Bucket, Key, D.TemplateText, "application/json");
    D.TemplateUrl = D.Aws.templateUrl(Bucket, Key);
    note("the template (" + std::to_string(D.TemplateText.size()) + " bytes, over CloudFormation's " +
         std::to_string(MaxInlineTemplate) + ") is read from s3://" + Bucket + "/" + Key);
  }
}

/// A stack left in ROLLBACK_COMPLETE by a failed first create cannot be
/// updated: it is deleted (after asking, on a terminal) and created again.
bool clearFailedCreate(Deployment &D, cfn::Stack &S) {
  note("stack " + S.Name + " is in ROLLBACK_COMPLETE: its first create failed and left nothing to update");
  if (onTerminal() && !D.Opts.Yes && !confirm("Delete it and create it again?"))
    return false;
  std::string Stop = newestEventId(D.Aws, S.Id);
  cfn::deleteStack(D.Aws, S.Id, D.Opts.RoleArn);
  FollowResult R = followStack(D.Aws, {S.Id, Stop, 0, false, 1000}, std::cerr);
  if (!R.Succeeded) {
    reportFailure("deleting stack " + S.Name, R);
    return false;
  }
  return true;
}

int refuseDataLoss(const std::vector<ChangeView> &Views, const std::string &Stack) {
  for (const ChangeView &V : Views)
    if (V.losesData())
      std::cerr << "cfc: error: refusing to " << (V.Change.Action == "Remove" ? "remove " : "replace ")
                << V.Change.LogicalId << " (" << V.Change.Type
                << (V.Source.empty() ? "" : ", " + V.Source) << "), which holds data; pass --allow-replace "
                << "if losing it is intended\n";
  std::cerr << "nothing was changed; the change set was deleted\n";
  return Failed;
}

int deploy(Deployment &D) {
  const DeployOptions &Opts = D.Opts;
  std::optional<cfn::Stack> Existing = cfn::describeStack(D.Aws, Opts.StackName);
  if (Existing && !checkNotBusy(*Existing))
    return Failed;
  if (Existing && Existing->Status == "ROLLBACK_COMPLETE") {
    if (!clearFailedCreate(D, *Existing))
      return Failed;
    Existing.reset();
  }
  // A stack in REVIEW_IN_PROGRESS was never created: its change sets are CREATEs.
  bool Create = !Existing || Existing->Status == "REVIEW_IN_PROGRESS";
  std::optional<json> Old;
  if (!Create)
    Old = parseJson(cfn::getTemplate(D.Aws, Opts.StackName));

  uploadArtifacts(D);

  cfn::ChangeSetRequest Request;
  Request.StackName = Opts.StackName;
  Request.ChangeSetName = changeSetName();
  Request.Type = Create ? "CREATE" : "UPDATE";
  if (D.TemplateUrl.empty())
    Request.TemplateBody = D.TemplateText;
  Request.TemplateUrl = D.TemplateUrl;
  Request.Parameters = D.Parameters;
  Request.Tags = D.Tags;
  Request.Capabilities = requiredCapabilities(D.Template);
  Request.RoleArn = Opts.RoleArn;
  std::string Id;
  cfn::ChangeSet CS;
  try {
    Id = cfn::createChangeSet(D.Aws, Request);
    CS = cfn::waitForChangeSet(D.Aws, Id, Opts.StackName);
  } catch (const AwsError &E) {
    // Some endpoints refuse an empty update at once instead of failing the
    // change set (moto; CloudFormation's UpdateStack does the same).
    if (E.Code != "ValidationError" || E.AwsMessage.find("No updates are to be performed") == std::string::npos)
      throw;
    CS.Status = "FAILED";
    CS.StatusReason = E.AwsMessage;
  }

  bool NoChanges = (CS.Status == "FAILED" && (CS.StatusReason.find("didn't contain changes") != std::string::npos ||
                                              CS.StatusReason.find("No updates") != std::string::npos)) ||
                   (CS.Status == "CREATE_COMPLETE" && CS.Changes.empty() && !Create);
  if (NoChanges) {
    if (!Id.empty())
      cfn::deleteChangeSet(D.Aws, Id, Opts.StackName);
    note("stack " + Opts.StackName + ": no changes");
    if (Existing)
      printOutputs(Existing->Outputs);
    if (!Opts.OutputsFile.empty() && Existing) {
      std::ofstream(Opts.OutputsFile) << outputsJson(Existing->Outputs).dump(2) << "\n";
    }
    return Ok;
  }
  // A change set that will not run goes, and with it the empty stack
  // (REVIEW_IN_PROGRESS) a CREATE change set made, which holds nothing.
  auto Abandon = [&] {
    if (!Id.empty())
      cfn::deleteChangeSet(D.Aws, Id, Opts.StackName);
    if (Create)
      cfn::deleteStack(D.Aws, Opts.StackName);
  };
  if (CS.Status != "CREATE_COMPLETE") {
    Abandon();
    return fail("CloudFormation could not make a change set for stack " + Opts.StackName + ": " +
                (CS.StatusReason.empty() ? CS.Status : CS.StatusReason));
  }

  std::vector<ChangeView> Views = viewChanges(CS.Changes, D.Template, Old ? &*Old : nullptr);
  std::cerr << "stack " << Opts.StackName << " in " << D.Aws.connection().Region << " ("
            << (Create ? "new" : "update") << "), change set " << Request.ChangeSetName << ":\n"
            << renderChanges(Views);
  bool LosesData = std::any_of(Views.begin(), Views.end(), [](const ChangeView &V) { return V.losesData(); });
  if (Opts.NoExecute) {
    note("--no-execute: the change set " + Request.ChangeSetName + " is left for review; nothing was changed");
    return Ok;
  }
  bool Ask = onTerminal() && !Opts.Yes;
  if (LosesData && !Opts.AllowReplace && !Ask) {
    Abandon();
    return refuseDataLoss(Views, Opts.StackName);
  }
  if (Ask && !confirm(LosesData ? "This replaces or removes resources that hold data. Deploy anyway?"
                                : "Deploy these changes?")) {
    Abandon();
    note("not deployed; the change set was deleted");
    return Failed;
  }

  cfn::Stack Target = *cfn::describeStack(D.Aws, Opts.StackName);
  std::string Stop = newestEventId(D.Aws, Target.Id);
  cfn::executeChangeSet(D.Aws, Id, Opts.StackName);
  FollowOptions Follow{Target.Id, Stop, Views.size(), isatty(STDERR_FILENO) != 0, 2000};
  if (!D.Aws.connection().EndpointUrl.empty())
    Follow.PollMillis = 500; // An emulator answers at once.
  FollowResult R = followStack(D.Aws, Follow, std::cerr);
  if (!R.Succeeded)
    return reportFailure("deploy of stack " + Opts.StackName, R);
  std::optional<cfn::Stack> Done = cfn::describeStack(D.Aws, Target.Id);
  note("stack " + Opts.StackName + ": " + R.FinalStatus);
  if (Done) {
    printOutputs(Done->Outputs);
    if (!Opts.OutputsFile.empty()) {
      std::ofstream Out(Opts.OutputsFile);
      Out << outputsJson(Done->Outputs).dump(2) << "\n";
      if (!Out)
        return fail("cannot write " + Opts.OutputsFile);
    }
  }
  return Ok;
}

/// Runs Body, turning the errors of talking to AWS into messages and exit 1.
template <typename F> int guarded(F Body) {
  try {
    return Body();
  } catch (const ConnectionError &E) {
    return fail(E.what());
  } catch (const AwsError &E) {
    return fail(E.what());
  }
}

} // namespace

bool isStackName(const std::string &Name) {
  if (Name.empty() || Name.size() > 128 || !std::isalpha(static_cast<unsigned char>(Name[0])))
    return false;
  return std::all_of(Name.begin(), Name.end(),
                     [](char C) { return std::isalnum(static_cast<unsigned char>(C)) || C == '-'; });
}

static bool checkStackFlag(const std::string &Name) {
  if (Name.empty()) {
    usage("--stack NAME is required: the CloudFormation stack to work on");
    return false;
  }
  if (!isStackName(Name)) {
    usage("--stack takes a CloudFormation stack name (a letter, then letters, digits and hyphens, at most 128); got '" +
          Name + "'");
    return false;
  }
  return true;
}

int runDeploy(const DeployOptions &Opts, const BuildStep &Build) {
  if (!checkStackFlag(Opts.StackName))
    return Usage;
  std::vector<std::pair<std::string, std::string>> Parameters, Tags;
  if (!readPairs(Opts.Parameters, "--parameter", Parameters) || !readPairs(Opts.Tags, "--tag", Tags))
    return Usage;
  int BuildStatus = Failed;
  std::optional<BuiltStack> Built = Build(BuildStatus);
  if (!Built)
    return BuildStatus;
  std::optional<std::string> Text = readFile(Built->TemplatePath);
  std::optional<json> Template = Text ? parseJson(*Text) : std::nullopt;
  if (!Template)
    return fail("cannot read the built template " + Built->TemplatePath);
  // The stack's own tags (the program's, cfc.yaml's), --tag winning on a key.
  for (const auto &Tag : Built->Tags)
    if (std::none_of(Tags.begin(), Tags.end(), [&](const auto &T) { return T.first == Tag.first; }))
      Tags.push_back(Tag);
  return guarded([&] {
    ConnectionFlags Flags = Opts.Connection;
    Flags.ProjectRegion = Built->Region;
    Deployment D{Opts, AwsClient(resolveConnection(Flags)), *Template, *Text, *Built, Parameters, Tags, ""};
    return deploy(D);
  });
}

/// The resources a delete keeps: DeletionPolicy Retain (or Snapshot, which
/// keeps a snapshot), with their physical ids when known.
static std::vector<std::string> retainedResources(const json *Template,
                                                  const std::vector<cfn::StackResource> &Resources) {
  std::vector<std::string> Out;
  if (!Template || !Template->contains("Resources") || !(*Template)["Resources"].is_object())
    return Out;
  for (const auto &[Id, R] : (*Template)["Resources"].items()) {
    std::string Policy = R.is_object() ? R.value("DeletionPolicy", "") : "";
    if (!catalog::policyKeepsData(R.value("Type", ""), Policy))
      continue;
    std::string Physical;
    for (const cfn::StackResource &S : Resources)
      if (S.LogicalId == Id)
        Physical = S.PhysicalId;
    Out.push_back("  " + Id + " (" + R.value("Type", "") + ")" + (Physical.empty() ? "" : ": " + Physical) +
                  (Policy == "Snapshot" ? " (deleted; a final snapshot of it is kept)" : ""));
  }
  return Out;
}

int runDestroy(const DestroyOptions &Opts) {
  if (!checkStackFlag(Opts.StackName))
    return Usage;
  return guarded([&] {
    AwsClient Aws(resolveConnection(Opts.Connection));
    std::optional<cfn::Stack> S = cfn::describeStack(Aws, Opts.StackName);
    if (!S)
      return fail("there is no stack " + Opts.StackName + " in " + Aws.connection().Region);
    if (!checkNotBusy(*S))
      return Failed;
    std::optional<json> Template = parseJson(cfn::getTemplate(Aws, S->Id));
    std::vector<cfn::StackResource> Resources = cfn::describeStackResources(Aws, S->Id);
    std::vector<std::string> Retained = retainedResources(Template ? &*Template : nullptr, Resources);
    std::cerr << "stack " << S->Name << " in " << Aws.connection().Region << ": " << Resources.size()
              << " resources to delete\n";
    if (onTerminal() && !Opts.Yes && !confirm("Delete stack " + S->Name + "?")) {
      note("not deleted");
      return Failed;
    }
    std::string Stop = newestEventId(Aws, S->Id);
    cfn::deleteStack(Aws, S->Id, Opts.RoleArn);
    FollowOptions Follow{S->Id, Stop, Resources.size(), isatty(STDERR_FILENO) != 0,
                         Aws.connection().EndpointUrl.empty() ? 2000u : 500u};
    FollowResult R = followStack(Aws, Follow, std::cerr);
    if (!R.Succeeded)
      return reportFailure("deleting stack " + S->Name, R);
    note("stack " + S->Name + ": deleted");
    if (Retained.empty()) {
      note("nothing was retained");
    } else {
      note("retained (DeletionPolicy), still in the account:");
      for (const std::string &Line : Retained)
        note(Line);
    }
    return Ok;
  });
}

int runOutputs(const OutputsOptions &Opts) {
  if (!checkStackFlag(Opts.StackName))
    return Usage;
  return guarded([&] {
    AwsClient Aws(resolveConnection(Opts.Connection));
    std::optional<cfn::Stack> S = cfn::describeStack(Aws, Opts.StackName);
    if (!S)
      return fail("there is no stack " + Opts.StackName + " in " + Aws.connection().Region);
    if (Opts.Json)
      std::cout << outputsJson(S->Outputs).dump(2) << "\n";
    else
      printOutputs(S->Outputs);
    return Ok;
  });
}

std::optional<json> fetchDeployedTemplate(const ConnectionFlags &Flags, const std::string &StackName,
                                          std::string &Error) {
  try {
    AwsClient Aws(resolveConnection(Flags));
    std::optional<cfn::Stack> S = cfn::describeStack(Aws, StackName);
    if (!S) {
      Error = "there is no stack " + StackName + " in " + Aws.connection().Region;
      return std::nullopt;
    }
    std::optional<json> T = parseJson(cfn::getTemplate(Aws, S->Id));
    if (!T)
      Error = "the template of stack " + StackName + " is not JSON (was it deployed by cfc?)";
    return T;
  } catch (const ConnectionError &E) {
    Error = E.what();
  } catch (const AwsError &E) {
    Error = E.what();
  }
  return std::nullopt;
}

} // namespace cfc::deploy
