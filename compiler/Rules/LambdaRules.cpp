// LambdaRules — Lambda's own checks: provisioned concurrency within the
// function's reserved concurrency, runtimes Lambda no longer creates
// functions on, and what Lambda@Edge (a function version a CloudFront
// distribution runs) requires of the function.
#include "Rules/LambdaRuntimes.h"
#include "Rules/RuleContext.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"

#include <algorithm>

namespace cfc::rules {

namespace {

constexpr llvm::StringLiteral FunctionType = "AWS::Lambda::Function";

/// The function of the stack a value names (a Ref or GetAtt of it), or null.
const ir::Resource *functionNamed(const ValuePtr &V, Context &C) {
  std::optional<std::string> Id = referencedId(V);
  const ir::Resource *R = Id ? C.Stack.resource(*Id) : nullptr;
  return R && R->Type == FunctionType ? R : nullptr;
}

} // namespace

/// An alias's or version's provisioned concurrency is at most the reserved
/// concurrency of its function, when both are known.
void checkLambdaProvisionedConcurrency(const ir::Resource &R, Context &C) {
  ValuePtr Provisioned = prop(R, "ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions");
  std::optional<int64_t> Wanted = knownInt(Provisioned);
  const ir::Resource *Function = Wanted ? functionNamed(prop(R, "FunctionName"), C) : nullptr;
  if (!Function)
    return;
  std::optional<int64_t> Reserved = knownInt(prop(*Function, "ReservedConcurrentExecutions"));
  if (Reserved && *Wanted > *Reserved)
    C.report(R, Provisioned, diag::LambdaProvisionedOverReserved, *Wanted, R.LogicalId, *Reserved,
             Function->LogicalId);
}

/// A runtime past its "block function create" date: CloudFormation fails
/// to create the function.
void checkLambdaRuntime(const ir::Resource &R, Context &C) {
  ValuePtr V = prop(R, "Runtime");
  std::optional<std::string> Id = knownString(V);
  const DeprecatedRuntime *Old = Id ? deprecatedRuntime(*Id) : nullptr;
  if (!Old || !isCreateBlocked(*Old))
    return;
  C.reportWithFix(R, V, "use " + quoted(Old->Successor), quoted(Old->Successor), diag::LambdaRuntimeBlocked,
                  R.LogicalId, *Id, Old->Since, Old->BlockCreate, quoted(Old->Successor));
}

/// SAM's `Globals: {Function: {Runtime: ...}}` on a blocked runtime, when
/// a SAM function takes it (sets no Runtime of its own): SAM makes that
/// function's Lambda function on the global runtime. Reported once, where
/// the runtime is written.
void checkSamGlobalsRuntime(const ir::Template &T, Context &C) {
  ValuePtr Globals = T.Attributes ? T.Attributes->field("Globals") : nullptr;
  ValuePtr Function = Globals && Globals->kind() == Value::Kind::Object ? Globals->field("Function") : nullptr;
  ValuePtr V = Function && Function->kind() == Value::Kind::Object ? Function->field("Runtime") : nullptr;
  std::optional<std::string> Id = knownString(V);
  const DeprecatedRuntime *Old = Id ? deprecatedRuntime(*Id) : nullptr;
  if (!Old || !isCreateBlocked(*Old))
    return;
  auto TakesIt = [](const ir::Resource &R) {
    if (R.Type != "AWS::Serverless::Function" || prop(R, "Runtime"))
      return false;
    // IgnoreGlobals: "*", or a list naming Runtime, keeps Globals out.
    ValuePtr Ignore = R.Attributes ? R.Attributes->field("IgnoreGlobals") : nullptr;
    if (!Ignore)
      return true;
    if (knownString(Ignore) == std::optional<std::string>("*"))
      return false;
    return !(Ignore->kind() == Value::Kind::List &&
             llvm::any_of(Ignore->elements(), [](const ValuePtr &E) { return knownString(E) == "Runtime"; }));
  };
  if (std::none_of(T.Resources.begin(), T.Resources.end(), TakesIt))
    return;
  C.Diags
      .report(V->origin().File, V->origin().Range, diag::LambdaRuntimeBlocked, "Globals.Function", *Id, Old->Since,
              Old->BlockCreate, quoted(Old->Successor))
      .fix("use " + quoted(Old->Successor), V->origin().Range, quoted(Old->Successor));
}

// ---- Lambda@Edge ----------------------------------------------------------------------

namespace {

/// How a LambdaFunctionARN names the function CloudFront runs.
struct EdgeTarget {
  const ir::Resource *Function = nullptr; ///< The function, when it is the stack's.
  std::string Problem;                    ///< Why it is no numbered version; empty when it is one.
  std::string ArnRegion;                  ///< The region of a written ARN.
};

EdgeTarget edgeTarget(const ValuePtr &Arn, Context &C) {
  EdgeTarget T;
  if (std::optional<std::string> Text = knownString(Arn)) {
    // arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]
    llvm::SmallVector<llvm::StringRef, 8> Parts;
    llvm::StringRef(*Text).split(Parts, ':');
    if (Parts.size() < 7 || Parts[0] != "arn" || Parts[2] != "lambda" || Parts[5] != "function")
      return T;
    T.ArnRegion = Parts[3].str();
    if (Parts.size() == 7)
      T.Problem = "an unqualified function ARN";
    else if (Parts[7] == "$LATEST")
      T.Problem = "$LATEST";
    else if (Parts[7].find_first_not_of("0123456789") != llvm::StringRef::npos)
      T.Problem = "an alias";
    return T;
  }
  std::optional<std::string> Id = referencedId(Arn);
  const ir::Resource *R = Id ? C.Stack.resource(*Id) : nullptr;
  if (!R)
    return T;
  if (R->Type == FunctionType) {
    T.Function = R;
    T.Problem = "the function itself, not a version of it";
  } else if (R->Type == "AWS::Lambda::Alias") {
    T.Function = functionNamed(prop(*R, "FunctionName"), C);
    T.Problem = "an alias";
  } else if (R->Type == "AWS::Lambda::Version") {
    T.Function = functionNamed(prop(*R, "FunctionName"), C);
  }
  return T;
}

/// What an association's trigger allows: viewer triggers 128 MB and 5 s,
/// origin triggers 30 s (CloudFront's quotas on Lambda@Edge).
struct TriggerLimits {
  bool Viewer;
  int64_t MaxTimeout;
  std::optional<int64_t> MaxMemory;
};

std::optional<TriggerLimits> limitsOf(llvm::StringRef EventType) {
  if (EventType == "viewer-request" || EventType == "viewer-response")
    return TriggerLimits{true, 5, 128};
  if (EventType == "origin-request" || EventType == "origin-response")
    return TriggerLimits{false, 30, std::nullopt};
  return std::nullopt;
}

/// The function settings Lambda@Edge rejects, once per function.
void checkEdgeFunction(const ir::Resource &F, const ir::Resource &Distribution, Context &C) {
  auto Unsupported = [&](llvm::StringRef Property, llvm::StringRef What) {
    ValuePtr V = prop(F, Property);
    C.report(F, V, diag::LambdaEdgeUnsupported, F.LogicalId, Distribution.LogicalId, What, Property);
  };
  ValuePtr Variables = prop(F, "Environment.Variables");
  if (Variables && Variables->kind() == Value::Kind::Object && !Variables->fields().empty())
    Unsupported("Environment", "environment variables");
  ValuePtr Subnets = prop(F, "VpcConfig.SubnetIds");
  if (Subnets && !(Subnets->kind() == Value::Kind::List && Subnets->elements().empty()))
    Unsupported("VpcConfig", "a VPC");
  if (prop(F, "DeadLetterConfig.TargetArn"))
    Unsupported("DeadLetterConfig", "a dead-letter queue");
  ValuePtr Architectures = prop(F, "Architectures");
  for (const ValuePtr &A : asList(Architectures))
    if (knownString(A) == "arm64") {
      Unsupported("Architectures", "arm64 (only x86_64)");
      break;
    }
}

void checkEdgeLimits(const ir::Resource &F, const ir::Resource &Distribution, llvm::StringRef EventType,
                     const TriggerLimits &L, Context &C) {
  ValuePtr Timeout = prop(F, "Timeout");
  if (std::optional<int64_t> Seconds = knownInt(Timeout); Seconds && *Seconds > L.MaxTimeout)
    C.report(F, Timeout, diag::LambdaEdgeLimit, F.LogicalId, EventType, Distribution.LogicalId, "Timeout",
             std::to_string(*Seconds) + " s", std::to_string(L.MaxTimeout) + " s");
  ValuePtr Memory = prop(F, "MemorySize");
  if (std::optional<int64_t> Mb = knownInt(Memory); Mb && L.MaxMemory && *Mb > *L.MaxMemory)
    C.report(F, Memory, diag::LambdaEdgeLimit, F.LogicalId, EventType, Distribution.LogicalId, "MemorySize",
             std::to_string(*Mb) + " MB", std::to_string(*L.MaxMemory) + " MB");
}

/// The associations of every cache behaviour of a distribution.
std::vector<ValuePtr> associations(const ir::Resource &Distribution) {
  std::vector<ValuePtr> Behaviors{prop(Distribution, "DistributionConfig.DefaultCacheBehavior")};
  for (const ValuePtr &B : asList(prop(Distribution, "DistributionConfig.CacheBehaviors")))
    Behaviors.push_back(B);
  std::vector<ValuePtr> All;
  for (const ValuePtr &B : Behaviors)
    for (const ValuePtr &A : asList(lookup(B, "LambdaFunctionAssociations")))
      if (A && A->kind() == Value::Kind::Object)
        All.push_back(A);
  return All;
}

/// The strictest trigger a function of the stack serves.
struct EdgeUse {
  const ir::Resource *Function;
  std::string Event;
  TriggerLimits Limits;
};

} // namespace

void checkLambdaEdge(const ir::Resource &Distribution, Context &C) {
  llvm::StringSet<> Checked, RegionReported;
  std::vector<EdgeUse> Uses; // Judged once per function, in order of first use.
  for (const ValuePtr &A : associations(Distribution)) {
    ValuePtr Arn = lookup(A, "LambdaFunctionARN");
    EdgeTarget T = edgeTarget(Arn, C);
    std::optional<std::string> Event = knownString(lookup(A, "EventType"));
    if (!T.Problem.empty())
      C.report(Distribution, Arn, diag::LambdaEdgeNotVersion, Event ? *Event : std::string("Lambda@Edge"),
               Distribution.LogicalId, T.Problem);
    // The stack's region is one mistake however many functions it holds.
    std::string Region = !T.ArnRegion.empty() ? T.ArnRegion : C.Region.str();
    if (!Region.empty() && Region != "us-east-1" && RegionReported.insert(Region).second)
      C.report(Distribution, Arn, diag::LambdaEdgeRegion, Distribution.LogicalId,
               T.Function ? "function '" + T.Function->LogicalId + "'" : std::string("a function"), Region);
    if (!T.Function)
      continue;
    if (Checked.insert(T.Function->LogicalId).second)
      checkEdgeFunction(*T.Function, Distribution, C);
    std::optional<TriggerLimits> L = Event ? limitsOf(*Event) : std::nullopt;
    if (!L)
      continue;
    auto Use = llvm::find_if(Uses, [&](const EdgeUse &U) { return U.Function == T.Function; });
    if (Use == Uses.end())
      Uses.push_back({T.Function, *Event, *L});
    else if (L->Viewer && !Use->Limits.Viewer)
      *Use = {T.Function, *Event, *L};
  }
  for (const EdgeUse &U : Uses)
    checkEdgeLimits(*U.Function, Distribution, U.Event, U.Limits, C);
}

} // namespace cfc::rules
