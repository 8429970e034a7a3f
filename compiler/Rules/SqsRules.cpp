// SqsRules — FIFO and standard queues: a FIFO queue's name ends in ".fifo"
// and only a FIFO queue's does, FIFO-only settings on FIFO queues only, and
// a dead-letter queue of the same kind as its source (CreateQueue and
// RedrivePolicy's validation).
#include "Rules/RuleContext.h"

namespace cfc::rules {

namespace {

constexpr llvm::StringLiteral QueueType = "AWS::SQS::Queue";

/// Whether a queue is FIFO, or nothing when decided at deploy time.
std::optional<bool> isFifo(const ir::Resource &Q) {
  ValuePtr V = prop(Q, "FifoQueue");
  return V ? knownBool(V) : std::optional<bool>(false);
}

std::string kind(bool Fifo) { return Fifo ? "a FIFO queue" : "a standard queue"; }

} // namespace

void checkSqsQueue(const ir::Resource &R, Context &C) {
  std::optional<bool> Fifo = isFifo(R);
  if (!Fifo)
    return;
  ValuePtr Name = prop(R, "QueueName");
  if (std::optional<std::string> Text = knownString(Name)) {
    bool Suffix = llvm::StringRef(*Text).endswith(".fifo");
    if (*Fifo && !Suffix)
      C.reportWithFix(R, Name, "add \".fifo\"", quoted(*Text + ".fifo"), diag::SqsFifoName, R.LogicalId, *Text,
                      "it is a FIFO queue, whose name must end in \".fifo\"");
    else if (!*Fifo && Suffix)
      C.report(R, Name, diag::SqsFifoName, R.LogicalId, *Text,
               "it is a standard queue; only a FIFO queue's name ends in \".fifo\" (set FifoQueue: true, or rename it)");
  }
  if (!*Fifo)
    for (llvm::StringRef Setting : {"ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"}) {
      ValuePtr V = prop(R, Setting);
      // ContentBasedDeduplication: false says nothing FIFO-only.
      if (V && !(Setting == "ContentBasedDeduplication" && knownBool(V) == false) &&
          V->kind() != Value::Kind::Intrinsic)
        C.report(R, V, diag::SqsFifoOnlySetting, Setting, R.LogicalId);
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
