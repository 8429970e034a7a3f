// SnsRules — what Subscribe checks: the protocol is one SNS delivers to,
// and a known endpoint has that protocol's shape.
#include "Rules/RuleContext.h"

#include "llvm/ADT/STLExtras.h"

namespace cfc::rules {

namespace {

constexpr llvm::StringLiteral Protocols[] = {"http",   "https",       "email",  "email-json", "sms",
                                             "sqs",    "application", "lambda", "firehose"};

/// What is wrong with Endpoint for Protocol, or "".
std::string badEndpoint(llvm::StringRef Protocol, llvm::StringRef Endpoint) {
  auto ArnOf = [&](llvm::StringRef Service) {
    llvm::SmallVector<llvm::StringRef, 6> Parts;
    Endpoint.split(Parts, ':');
    return Parts.size() >= 6 && Parts[0] == "arn" && Parts[2] == Service;
  };
  if (Protocol == "http" && !Endpoint.startswith("http://"))
    return "an http endpoint is a URL that begins with \"http://\"";
  if (Protocol == "https" && !Endpoint.startswith("https://"))
    return "an https endpoint is a URL that begins with \"https://\"";
  if ((Protocol == "email" || Protocol == "email-json") &&
      (Endpoint.count('@') != 1 || Endpoint.front() == '@' || Endpoint.back() == '@'))
    return "an email endpoint is an email address";
  if (Protocol == "sqs" && !ArnOf("sqs"))
    return "an sqs endpoint is a queue's ARN";
  if (Protocol == "lambda" && !ArnOf("lambda"))
    return "a lambda endpoint is a function's ARN";
  if (Protocol == "firehose" && !ArnOf("firehose"))
    return "a firehose endpoint is a delivery stream's ARN";
  if (Protocol == "application" && !ArnOf("sns"))
    return "an application endpoint is a mobile endpoint's ARN";
  return "";
}

} // namespace

void checkSnsSubscription(const ir::Resource &R, Context &C) {
  ValuePtr ProtocolValue = prop(R, "Protocol");
  std::optional<std::string> Protocol = knownString(ProtocolValue);
  if (!Protocol)
    return;
  if (!llvm::is_contained(Protocols, *Protocol)) {
    std::string Lower = llvm::StringRef(*Protocol).lower();
    if (llvm::is_contained(Protocols, Lower))
      C.reportWithFix(R, ProtocolValue, "write " + quoted(Lower), quoted(Lower), diag::SnsProtocol, *Protocol,
                      R.LogicalId);
    else
      C.report(R, ProtocolValue, diag::SnsProtocol, *Protocol, R.LogicalId);
    return;
  }
  ValuePtr EndpointValue = prop(R, "Endpoint");
  std::optional<std::string> Endpoint = knownString(EndpointValue);
  if (!Endpoint)
    return;
  std::string Problem = badEndpoint(*Protocol, *Endpoint);
  if (!Problem.empty())
    C.report(R, EndpointValue, diag::SnsEndpoint, *Endpoint, R.LogicalId, *Protocol, Problem);
}

} // namespace cfc::rules
