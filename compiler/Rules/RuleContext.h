// RuleContext — what the service rules are written with: the stack, its
// region, and reporting at the place a value was written. Internal to Rules/.
#pragma once

#include "Diagnostics/DiagnosticEngine.h"
#include "IR/Queries.h"
#include "IR/Template.h"
#include "IR/UserLine.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <utility>

namespace cfc::rules {

using ir::asList;
using ir::isKnownList;
using ir::knownBool;
using ir::knownInt;
using ir::knownString;
using ir::lookup;
using ir::prop;
using ir::quoted;
using ir::referencedId;
using ir::Value;
using ir::ValuePtr;

struct Context {
  const ir::ResourceIndex &Stack;
  llvm::StringRef Region; ///< Empty when unknown.
  DiagnosticEngine &Diags;

  /// Reports Kind at the value At of resource R, or at R when At is null.
  /// A value the standard library wrote (not the user's argument) moves
  /// the report to the user's instance, each library frame a note.
  template <typename... Ts>
  DiagnosticBuilder report(const ir::Resource &R, const ValuePtr &At, diag::Kind Kind, Ts &&...Args) {
    return ir::reportOnUserLine(Diags, R, At ? At->origin() : R.Where, Kind, std::forward<Ts>(Args)...);
  }
  /// The same with a fix-it that writes Replacement over At (not when the
  /// report moved out of the library, whose text the fix was written for).
  template <typename... Ts>
  void reportWithFix(const ir::Resource &R, const ValuePtr &At, std::string Fix, std::string Replacement,
                     diag::Kind Kind, Ts &&...Args) {
    DiagnosticBuilder B = report(R, At, Kind, std::forward<Ts>(Args)...);
    if (At && At->origin().File && !ir::inLibraryFrame(R, At->origin()))
      B.fix(std::move(Fix), At->origin().Range, std::move(Replacement));
  }
};

// One function per service area (DynamoDbRules.cpp, LambdaRules.cpp...),
// each given every resource of the types it judges.
void checkDynamoDbTable(const ir::Resource &R, Context &C);
void checkLambdaProvisionedConcurrency(const ir::Resource &R, Context &C);
void checkLambdaRuntime(const ir::Resource &R, Context &C);
void checkSamGlobalsRuntime(const ir::Template &T, Context &C);
void checkLambdaEdge(const ir::Resource &Distribution, Context &C);
void checkS3Bucket(const ir::Resource &R, Context &C);
void checkSqsQueue(const ir::Resource &R, Context &C);
void checkScheduleExpression(const ir::Resource &R, Context &C);
void checkAlarm(const ir::Resource &R, Context &C);
void checkSnsSubscription(const ir::Resource &R, Context &C);
void checkSecurityGroupRules(const ir::Resource &R, Context &C);
void checkApiRoutes(const ir::Resource &R, Context &C);
void checkIamPolicy(const ir::Resource &R, Context &C);
void checkIamInlinePolicies(const ir::Resource &R, Context &C);
void checkResourcePolicy(const ir::Resource &R, Context &C);

} // namespace cfc::rules
