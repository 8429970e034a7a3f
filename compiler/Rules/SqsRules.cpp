// SqsRules — FIFO and standard queues: a FIFO queue's name ends in ".fifo";
// what only FIFO queues have (the ".fifo" name, ContentBasedDeduplication,
// DeduplicationScope, FifoThroughputLimit) is not on a standard queue; a
// dead-letter queue is of the same kind as its source (CreateQueue's and
// RedrivePolicy's validation).
#include "Rules/RuleContext.h"

#include "llvm/ADT/StringExtras.h"

namespace cfc::rules {

namespace {

constexpr llvm::StringLiteral QueueType = "AWS::SQS::Queue";

/// Whether a queue is FIFO, or nothing when decided at deploy time.
std::optional<bool> isFifo(const ir::Resource &Q) {
  ValuePtr V = prop(Q, "FifoQueue");
  return V ? knownBool(V) : std::optional<bool>(false);
}

std::string kind(bool Fifo) { return Fifo ? "a FIFO queue" : "a standard queue"; }

/// What only a FIFO queue has, found on a standard queue: most likely one
/// mistake (FifoQueue left out), so one error lists them all, at the first.
bool checkStandardQueue(const ir::Resource &R, Context &C) {
  std::vector<std::string> Found;
  ValuePtr First;
  ValuePtr Name = prop(R, "QueueName");
  if (std::optional<std::string> Text = knownString(Name); Text && llvm::StringRef(*Text).endswith(".fifo")) {
    Found.push_back("the name " + quoted(*Text));
    First = Name;
  }
  for (llvm::StringRef Setting : {"ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"}) {
    ValuePtr V = prop(R, Setting);
    // ContentBasedDeduplication: false says nothing FIFO-only.
    if (!V || V->kind() == Value::Kind::Intrinsic || (Setting == "ContentBasedDeduplication" && knownBool(V) == false))
      continue;
    Found.push_back(Setting.str());
    if (!First)
      First = V;
  }
  if (Found.empty())
    return false;
  C.report(R, First, diag::SqsFifoOnlySetting, R.LogicalId, llvm::join(Found, ", "));
  return true;
}

} // namespace

void checkSqsQueue(const ir::Resource &R, Context &C) {
  std::optional<bool> Fifo = isFifo(R);
  if (!Fifo)
    return;
  if (*Fifo) {
    ValuePtr Name = prop(R, "QueueName");
    std::optional<std::string> Text = knownString(Name);
    if (Text && !llvm::StringRef(*Text).endswith(".fifo"))
      C.reportWithFix(R, Name, "add \".fifo\"", quoted(*Text + ".fifo"), diag::SqsFifoName, R.LogicalId, *Text);
  } else if (checkStandardQueue(R, C)) {
    return; // Its dead-letter queue's kind follows from the same mistake.
  }
  ValuePtr Target = prop(R, "RedrivePolicy.deadLetterTargetArn");
  std::optional<std::string> Id = referencedId(Target);
  const ir::Resource *Dlq = Id ? C.Stack.resource(*Id) : nullptr;
  if (!Dlq || Dlq->Type != QueueType)
    return;
  std::optional<bool> DlqFifo = isFifo(*Dlq);
  if (DlqFifo && *DlqFifo != *Fifo)
    C.report(R, Target, diag::SqsDeadLetterKind, R.LogicalId, kind(*Fifo), Dlq->LogicalId, kind(*DlqFifo));
}

} // namespace cfc::rules
