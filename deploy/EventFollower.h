// EventFollower — follows a stack's events while CloudFormation works: on a
// terminal a live view (resources done of total, elapsed time, the ones in
// progress), redrawn in place; otherwise one plain line per event, for CI
// logs. When the stack settles it says how: success, or the first failing
// event's reason (the root cause, not the cancellations and rollback that
// follow it) and the outcome of the rollback.
#pragma once

#include "deploy/CloudFormation.h"

#include <optional>
#include <ostream>
#include <string>

namespace cfc::deploy {

struct FollowOptions {
  std::string StackId;   ///< The stack's id (ARN): it names a deleted stack too.
  std::string StopAt;    ///< The newest event before this operation (not shown).
  size_t Total = 0;      ///< Resources the operation touches, for "done of total".
  bool Live = false;     ///< Redraw a status line (a terminal) or print plain lines.
  unsigned PollMillis = 2000;
};

struct FollowResult {
  std::string FinalStatus;             ///< "CREATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE"...
  std::optional<cfn::Event> RootCause; ///< The first failure, if any.
  bool Succeeded = false;
};

FollowResult followStack(AwsClient &Aws, const FollowOptions &Opts, std::ostream &Out);

/// The event that explains a failure among Events (oldest first): the first
/// *_FAILED one whose reason is not a cancellation caused by another.
std::optional<cfn::Event> rootCause(const std::vector<cfn::Event> &Events);

/// "CREATE_COMPLETE" and the like: the operation did what was asked.
bool isSuccess(const std::string &StackStatus);

} // namespace cfc::deploy
