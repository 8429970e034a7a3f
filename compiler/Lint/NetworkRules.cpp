// NetworkRules — security rows 40-43: EC2 instances and launch templates,
// EBS volumes, security groups.
#include "Lint/RuleKit.h"
#include "IR/DependencyGraph.h"

namespace cfc::lint {

namespace {

void ec2Imdsv2(const ir::Resource &R, const Stack &, Findings &Out) {
  bool Template = R.Type == "AWS::EC2::LaunchTemplate";
  if (Template && !prop(R, "LaunchTemplateData"))
    return; // Required; the property checker says so.
  requireOneOf(R, Template ? "LaunchTemplateData.MetadataOptions.HttpTokens" : "MetadataOptions.HttpTokens",
               {"required"}, Out);
}

void ebsEncrypted(const ir::Resource &R, const Stack &, Findings &Out) { requireTrue(R, "Encrypted", Out); }

/// The ingress rules of a security group, or the rule that is the resource.
std::vector<ValuePtr> ingressRules(const ir::Resource &R) {
  if (R.Type == "AWS::EC2::SecurityGroupIngress")
    return {R.Properties};
  return asList(prop(R, "SecurityGroupIngress"));
}

/// The CIDR through which Rule lets the whole internet reach Port over TCP,
/// or null.
ValuePtr openToWorld(const ValuePtr &Rule, int64_t Port) {
  std::optional<std::string> Protocol = knownString(lookup(Rule, "IpProtocol"));
  if (!Protocol) {
    if (auto N = knownInt(lookup(Rule, "IpProtocol")))
      Protocol = std::to_string(*N);
    else
      return nullptr;
  }
  bool AllTraffic = *Protocol == "-1";
  if (!AllTraffic && llvm::StringRef(*Protocol).lower() != "tcp" && *Protocol != "6")
    return nullptr;
  if (!AllTraffic) {
    std::optional<int64_t> From = knownInt(lookup(Rule, "FromPort")), To = knownInt(lookup(Rule, "ToPort"));
    if (!From || !To)
      return nullptr;
    if (!(*From == -1 || (*From <= Port && Port <= *To)))
      return nullptr;
  }
  for (llvm::StringRef Key : {"CidrIp", "CidrIpv6"}) {
    ValuePtr Cidr = lookup(Rule, Key);
    std::optional<std::string> Text = knownString(Cidr);
    if (Text && (*Text == "0.0.0.0/0" || *Text == "::/0"))
      return Cidr;
  }
  return nullptr;
}

/// The security group a rule resource belongs to: itself, or the group an
/// AWS::EC2::SecurityGroupIngress names (when it is the stack's).
const ir::Resource *groupOf(const ir::Resource &R, const Stack &S) {
  if (R.Type != "AWS::EC2::SecurityGroupIngress")
    return &R;
  std::optional<std::string> Id = referencedId(prop(R, "GroupId"));
  return Id ? S.resource(*Id) : nullptr;
}

/// Whether a security group guards load balancers only: a load balancer
/// takes traffic on its listeners' ports alone, so a rule open to the
/// internet on every port opens no SSH or RDP there. Rules of groups
/// (ingress resources, other groups naming it as a source) are no users.
bool guardsLoadBalancersOnly(const ir::Resource &Group, const Stack &S) {
  bool LoadBalancer = false;
  for (const ir::Resource &User : S.resources()) {
    if (&User == &Group || User.Type == "AWS::EC2::SecurityGroup" ||
        User.Type == "AWS::EC2::SecurityGroupIngress" || User.Type == "AWS::EC2::SecurityGroupEgress")
      continue;
    std::vector<std::pair<std::string, ir::Origin>> Refs;
    if (User.Properties)
      ir::collectReferences(*User.Properties, Refs);
    bool Uses = llvm::any_of(Refs, [&](const auto &Ref) { return Ref.first == Group.LogicalId; });
    if (!Uses)
      continue;
    if (User.Type != "AWS::ElasticLoadBalancingV2::LoadBalancer" &&
        User.Type != "AWS::ElasticLoadBalancing::LoadBalancer")
      return false;
    LoadBalancer = true;
  }
  return LoadBalancer;
}

/// Reports the rules of R that open Port to the internet. A rule that opens
/// every port is one finding, SSH's (row 42), not one per port; a group
/// that only load balancers use is not reported.
void openPort(const ir::Resource &R, const Stack &S, int64_t Port, Findings &Out) {
  bool Standalone = R.Type == "AWS::EC2::SecurityGroupIngress";
  std::optional<bool> LoadBalancersOnly; // Looked up at the first open rule: it reads the whole stack.
  for (const ValuePtr &Rule : ingressRules(R))
    if (ValuePtr Cidr = openToWorld(Rule, Port)) {
      if (Port != 22 && openToWorld(Rule, 22))
        continue; // Reported once, as SSH.
      if (!LoadBalancersOnly) {
        const ir::Resource *Group = groupOf(R, S);
        LoadBalancersOnly = Group && guardsLoadBalancersOnly(*Group, S);
      }
      if (*LoadBalancersOnly)
        return;
      std::string Key = Cidr == lookup(Rule, "CidrIp") ? "CidrIp" : "CidrIpv6";
      bool RdpToo = Port == 22 && openToWorld(Rule, 3389);
      Out.push_back({Cidr, Standalone ? Key : "SecurityGroupIngress[]." + Key,
                     "is " + quoted(Cidr->text()) + (RdpToo ? " (and opens RDP's port 3389 too)" : ""), ""});
    }
}

void sshOpen(const ir::Resource &R, const Stack &S, Findings &Out) { openPort(R, S, 22, Out); }
void rdpOpen(const ir::Resource &R, const Stack &S, Findings &Out) { openPort(R, S, 3389, Out); }

constexpr llvm::StringLiteral Group = "AWS::EC2::SecurityGroup", Ingress = "AWS::EC2::SecurityGroupIngress";

const Rule Rules[] = {
    {diag::Ec2Imdsv2, {"AWS::EC2::LaunchTemplate", "AWS::EC2::Instance"}, ec2Imdsv2, "require IMDSv2",
     {{"checkov", "CKV_AWS_79"}, {"securityHub", "EC2.8"}}},
    {diag::EbsEncrypted, {"AWS::EC2::Volume"}, ebsEncrypted, "encrypt the volume",
     {{"cfnNag", "F1"}, {"checkov", "CKV_AWS_3"}, {"guard", "ENCRYPTED_VOLUMES"}, {"securityHub", "EC2.3"}}},
    {diag::SshOpenToWorld, {Group, Ingress}, sshOpen, "",
     {{"cfnNag", "W2"}, {"checkov", "CKV_AWS_24"}, {"guard", "INCOMING_SSH_DISABLED"},
      {"securityHub", "EC2.13"}}},
    {diag::RdpOpenToWorld, {Group, Ingress}, rdpOpen, "",
     {{"cfnNag", "W2"}, {"checkov", "CKV_AWS_25"}, {"guard", "RESTRICTED_INCOMING_TRAFFIC"},
      {"securityHub", "EC2.14"}}},
};

} // namespace

llvm::ArrayRef<Rule> networkRules() { return Rules; }

} // namespace cfc::lint
