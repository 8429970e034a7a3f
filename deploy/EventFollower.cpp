#include "deploy/EventFollower.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <thread>

namespace cfc::deploy {

namespace {

bool endsWith(const std::string &S, const std::string &Suffix) {
  return S.size() >= Suffix.size() && S.compare(S.size() - Suffix.size(), Suffix.size(), Suffix) == 0;
}

bool isCancellation(const std::string &Reason) {
  return Reason.find("cancelled") != std::string::npos || Reason.find("canceled") != std::string::npos ||
         Reason.find("Resource creation cancelled") != std::string::npos;
}

std::string eventLine(const cfn::Event &E) {
  std::string Line = "  " + E.Status;
  Line += std::string(E.Status.size() < 28 ? 28 - E.Status.size() : 1, ' ');
  Line += E.LogicalId + " (" + E.Type + ")";
  if (!E.Reason.empty() && E.Reason != "Resource creation Initiated")
    Line += ": " + E.Reason;
  return Line;
}

/// The live view's bottom line: "[3/7] 12s  in progress: Table, Queue".
std::string statusLine(size_t Done, size_t Total, long Seconds, const std::set<std::string> &Busy) {
  std::string Line = "[" + std::to_string(Done) + "/" + std::to_string(std::max(Done, Total)) + "] " +
                     std::to_string(Seconds) + "s";
  if (!Busy.empty()) {
    Line += "  in progress:";
    size_t Shown = 0;
    for (const std::string &B : Busy) {
      if (Shown++ == 4) {
        Line += " +" + std::to_string(Busy.size() - 4);
        break;
      }
      Line += (Shown > 1 ? ", " : " ") + B;
    }
  }
  return Line;
}

} // namespace

bool isSuccess(const std::string &Status) {
  return Status == "CREATE_COMPLETE" || Status == "UPDATE_COMPLETE" || Status == "DELETE_COMPLETE" ||
         Status == "IMPORT_COMPLETE";
}

std::optional<cfn::Event> rootCause(const std::vector<cfn::Event> &Events) {
  std::optional<cfn::Event> Fallback;
  for (const cfn::Event &E : Events) {
    if (!endsWith(E.Status, "_FAILED"))
      continue;
    if (!isCancellation(E.Reason) && E.Type != "AWS::CloudFormation::Stack")
      return E;
    if (!Fallback)
      Fallback = E;
  }
  return Fallback;
}

FollowResult followStack(AwsClient &Aws, const FollowOptions &Opts, std::ostream &Out) {
  auto Start = std::chrono::steady_clock::now();
  std::string Seen = Opts.StopAt;
  std::vector<cfn::Event> All; // Oldest first.
  std::map<std::string, std::string> Latest; // Resource -> its latest status.
  FollowResult Result;
  bool StatusShown = false;
  // Prints the events since the last look, oldest first.
  auto ShowNewEvents = [&] {
    std::vector<cfn::Event> Fresh = cfn::describeStackEvents(Aws, Opts.StackId, Seen);
    std::reverse(Fresh.begin(), Fresh.end());
    if (!Fresh.empty())
      Seen = Fresh.back().Id;
    for (const cfn::Event &E : Fresh) {
      All.push_back(E);
      if (E.Type != "AWS::CloudFormation::Stack")
        Latest[E.LogicalId] = E.Status;
      if (Opts.Live && StatusShown)
        Out << "\r\033[K";
      StatusShown = false;
      Out << eventLine(E) << "\n";
    }
  };
  for (;;) {
    ShowNewEvents();
    std::optional<cfn::Stack> S = cfn::describeStack(Aws, Opts.StackId);
    std::string Status = S ? S->Status : "DELETE_COMPLETE";
    if (cfn::isComplete(Status)) {
      ShowNewEvents(); // Those of the last moments, up to the stack's own.
      if (S && !S->StatusReason.empty() && !isSuccess(Status) && All.empty())
        All.push_back({"", S->Name, "", "AWS::CloudFormation::Stack", Status, S->StatusReason, ""});
      Result.FinalStatus = Status;
      break;
    }
    if (Opts.Live) {
      size_t Done = 0;
      std::set<std::string> Busy;
      for (const auto &[Id, St] : Latest) {
        if (cfn::isInProgress(St))
          Busy.insert(Id);
        else
          ++Done;
      }
      long Seconds = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - Start).count();
      Out << "\r\033[K" << statusLine(Done, Opts.Total, Seconds, Busy) << std::flush;
      StatusShown = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(Opts.PollMillis));
  }
  if (Opts.Live && StatusShown)
    Out << "\r\033[K";
  Out << std::flush;
  Result.Succeeded = isSuccess(Result.FinalStatus);
  if (!Result.Succeeded)
    Result.RootCause = rootCause(All);
  return Result;
}

} // namespace cfc::deploy
