// Ec2Rules — what AuthorizeSecurityGroupIngress/Egress check of a rule:
// an IP protocol by name or number, TCP/UDP ports in 0-65535 with FromPort
// at most ToPort, ICMP types and codes in -1 (any) to 255.
#include "Rules/RuleContext.h"

#include "llvm/ADT/StringExtras.h"

#include <tuple>

namespace cfc::rules {

namespace {

/// The protocol's number when it names one ("tcp" 6, "-1" all), or nothing.
std::optional<int> protocolNumber(llvm::StringRef P) {
  std::string Lower = P.lower();
  if (Lower == "tcp")
    return 6;
  if (Lower == "udp")
    return 17;
  if (Lower == "icmp")
    return 1;
  if (Lower == "icmpv6")
    return 58;
  if (Lower == "-1" || Lower == "all")
    return -1;
  int N;
  if (!P.getAsInteger(10, N) && N >= 0 && N <= 255)
    return N;
  return std::nullopt;
}

/// One ingress or egress rule (an element of SecurityGroupIngress, or a
/// SecurityGroupIngress resource's properties).
void checkRule(const ir::Resource &R, const ValuePtr &Rule, Context &C) {
  ValuePtr ProtocolValue = lookup(Rule, "IpProtocol");
  std::optional<std::string> ProtocolText = knownString(ProtocolValue);
  if (!ProtocolText) {
    if (std::optional<int64_t> N = knownInt(ProtocolValue))
      ProtocolText = std::to_string(*N);
    else
      return;
  }
  std::optional<int> Protocol = protocolNumber(*ProtocolText);
  if (!Protocol) {
    C.report(R, ProtocolValue, diag::SecurityGroupProtocol, *ProtocolText, R.LogicalId);
    return;
  }
  ValuePtr FromValue = lookup(Rule, "FromPort"), ToValue = lookup(Rule, "ToPort");
  std::optional<int64_t> From = knownInt(FromValue), To = knownInt(ToValue);
  if (*Protocol == 1 || *Protocol == 58) {
    // ICMP: FromPort is the type, ToPort the code; -1 is any.
    for (auto [Value, Number, What] : {std::tuple{FromValue, From, "type"}, std::tuple{ToValue, To, "code"}})
      if (Number && (*Number < -1 || *Number > 255)) {
        C.report(R, Value, diag::SecurityGroupPorts, R.LogicalId,
                 std::string("ICMP ") + What + " " + std::to_string(*Number) + " is outside -1 (any) to 255");
        return;
      }
    return;
  }
  if (*Protocol != 6 && *Protocol != 17)
    return; // No ports.
  for (auto [Value, Port] : {std::pair{FromValue, From}, std::pair{ToValue, To}})
    if (Port && (*Port < 0 || *Port > 65535)) {
      C.report(R, Value, diag::SecurityGroupPorts, R.LogicalId,
               "port " + std::to_string(*Port) + " is outside 0-65535");
      return;
    }
  if (From && To && *From > *To)
    C.report(R, FromValue, diag::SecurityGroupPorts, R.LogicalId,
             "FromPort " + std::to_string(*From) + " is above ToPort " + std::to_string(*To));
}

} // namespace

void checkSecurityGroupRules(const ir::Resource &R, Context &C) {
  if (R.Type != "AWS::EC2::SecurityGroup") {
    checkRule(R, R.Properties, C);
    return;
  }
  for (llvm::StringRef List : {"SecurityGroupIngress", "SecurityGroupEgress"}) {
    ValuePtr Rules = prop(R, List);
    if (Rules && Rules->kind() == Value::Kind::List)
      for (const ValuePtr &Rule : Rules->elements())
        if (Rule && Rule->kind() == Value::Kind::Object)
          checkRule(R, Rule, C);
  }
}

} // namespace cfc::rules
