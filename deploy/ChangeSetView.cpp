#include "deploy/ChangeSetView.h"

#include "Catalog/Catalog.h"
#include "Catalog/ResourceType.h"
#include "Catalog/StatefulTypes.h"

#include <algorithm>
#include <set>
#include <sstream>

namespace cfc::deploy {

using nlohmann::json;

namespace {

const json *resourceOf(const json *Template, const std::string &LogicalId) {
  if (!Template || !Template->is_object() || !Template->contains("Resources"))
    return nullptr;
  const json &Resources = (*Template)["Resources"];
  if (!Resources.is_object() || !Resources.contains(LogicalId))
    return nullptr;
  return &Resources[LogicalId];
}

json propertiesOf(const json *Resource) {
  if (!Resource || !Resource->is_object() || !Resource->contains("Properties"))
    return json::object();
  return (*Resource)["Properties"];
}

std::string sourceOf(const json *Resource) {
  if (!Resource || !Resource->is_object())
    return "";
  auto M = Resource->find("Metadata");
  if (M == Resource->end() || !M->is_object())
    return "";
  auto S = M->find("cfc:source");
  return S != M->end() && S->is_string() ? S->get<std::string>() : "";
}

/// A value as text for a grant: strings bare, the intrinsic functions a
/// template names ARNs with as a person reads them (the ${...} of Fn::Sub
/// left in), anything else as JSON.
std::string textOf(const json &V) {
  if (V.is_string())
    return V.get<std::string>();
  if (V.is_object() && V.size() == 1) {
    // Not a structured binding of *items().begin(): its key lives in the
    // temporary proxy (AddressSanitizer: stack-use-after-scope).
    auto It = V.begin();
    const std::string &Fn = It.key();
    const json &Arg = It.value();
    if (Fn == "Fn::Sub" && Arg.is_string())
      return Arg.get<std::string>();
    if (Fn == "Fn::Sub" && Arg.is_array() && !Arg.empty() && Arg[0].is_string())
      return Arg[0].get<std::string>();
    if (Fn == "Ref" && Arg.is_string())
      return "${" + Arg.get<std::string>() + "}";
    if (Fn == "Fn::GetAtt" && Arg.is_array() && Arg.size() == 2 && Arg[0].is_string() && Arg[1].is_string())
      return "${" + Arg[0].get<std::string>() + "." + Arg[1].get<std::string>() + "}";
  }
  return V.dump();
}

std::vector<std::string> listOf(const json &V) {
  std::vector<std::string> Out;
  if (V.is_array())
    for (const json &E : V)
      Out.push_back(textOf(E));
  else if (!V.is_null())
    Out.push_back(textOf(V));
  return Out;
}

/// "allows ACTION on RESOURCE [to PRINCIPAL]" for every Allow statement of
/// a policy document (each action and resource apart, so adding one action
/// to a statement is one new grant).
void statementGrants(const json &Document, const std::string &Prefix, std::vector<std::string> &Out) {
  if (!Document.is_object() || !Document.contains("Statement"))
    return;
  json Statements = Document["Statement"];
  if (!Statements.is_array())
    Statements = json::array({Statements});
  for (const json &S : Statements) {
    if (!S.is_object() || S.value("Effect", "") != "Allow")
      continue;
    std::vector<std::string> Actions = listOf(S.contains("Action") ? S["Action"] : json());
    if (S.contains("NotAction"))
      Actions.push_back("every action but " + textOf(S["NotAction"]));
    std::vector<std::string> Resources = listOf(S.contains("Resource") ? S["Resource"] : json());
    if (S.contains("NotResource"))
      Resources.push_back("everything but " + textOf(S["NotResource"]));
    std::string Who = S.contains("Principal") ? " to " + textOf(S["Principal"]) : "";
    std::string When = S.contains("Condition") ? " when " + S["Condition"].dump() : "";
    if (Resources.empty())
      Resources.push_back("");
    for (const std::string &A : Actions)
      for (const std::string &R : Resources)
        Out.push_back(Prefix + "allows " + A + (R.empty() ? "" : " on " + R) + Who + When);
  }
}

std::string ruleText(const std::string &Direction, const json &Rule) {
  if (!Rule.is_object())
    return Direction + " " + textOf(Rule);
  std::string Protocol = Rule.contains("IpProtocol") ? textOf(Rule["IpProtocol"]) : "?";
  if (Protocol == "-1")
    Protocol = "all traffic";
  std::string Ports;
  if (Rule.contains("FromPort")) {
    std::string From = textOf(Rule["FromPort"]), To = Rule.contains("ToPort") ? textOf(Rule["ToPort"]) : From;
    Ports = " " + (From == To ? From : From + "-" + To);
  }
  std::string Peer;
  for (const char *Key : {"CidrIp", "CidrIpv6", "SourceSecurityGroupId", "SourcePrefixListId",
                          "DestinationSecurityGroupId", "DestinationPrefixListId", "SourceSecurityGroupName"})
    if (Rule.contains(Key))
      Peer = textOf(Rule[Key]);
  return Direction + " " + Protocol + Ports + (Direction == "ingress" ? " from " : " to ") + Peer;
}

void addPolicies(const json &Props, std::vector<std::string> &Out) {
  if (Props.contains("Policies") && Props["Policies"].is_array())
    for (const json &P : Props["Policies"])
      if (P.is_object() && P.contains("PolicyDocument"))
        statementGrants(P["PolicyDocument"], "", Out);
  if (Props.contains("ManagedPolicyArns"))
    for (const std::string &Arn : listOf(Props["ManagedPolicyArns"]))
      Out.push_back("attaches the managed policy " + Arn);
}

bool isIamType(const std::string &Type) { return Type.rfind("AWS::IAM::", 0) == 0; }

} // namespace

std::vector<std::string> accessGrants(const std::string &Type, const json &Props) {
  std::vector<std::string> Out;
  if (!Props.is_object())
    return Out;
  if (Type == "AWS::IAM::Role") {
    if (Props.contains("AssumeRolePolicyDocument"))
      statementGrants(Props["AssumeRolePolicyDocument"], "trust: ", Out);
    addPolicies(Props, Out);
  } else if (Type == "AWS::IAM::User" || Type == "AWS::IAM::Group") {
    addPolicies(Props, Out);
  } else if (Type == "AWS::IAM::Policy" || Type == "AWS::IAM::ManagedPolicy" || Type == "AWS::IAM::RolePolicy" ||
             Type == "AWS::IAM::UserPolicy" || Type == "AWS::IAM::GroupPolicy" || Type == "AWS::S3::BucketPolicy" ||
             Type == "AWS::SQS::QueuePolicy" || Type == "AWS::SNS::TopicPolicy" ||
             Type == "AWS::KMS::Key" || Type == "AWS::SecretsManager::ResourcePolicy") {
    const char *Key = Type == "AWS::KMS::Key" ? "KeyPolicy"
                      : Type == "AWS::SecretsManager::ResourcePolicy" ? "ResourcePolicy"
                                                                       : "PolicyDocument";
    if (Props.contains(Key))
      statementGrants(Props[Key], "", Out);
  } else if (Type == "AWS::Lambda::Permission") {
    Out.push_back("allows " + textOf(Props.value("Action", json())) + " to " +
                  textOf(Props.value("Principal", json())) +
                  (Props.contains("SourceArn") ? " from " + textOf(Props["SourceArn"]) : ""));
  } else if (Type == "AWS::EC2::SecurityGroup") {
    for (const char *Key : {"SecurityGroupIngress", "SecurityGroupEgress"})
      if (Props.contains(Key) && Props[Key].is_array())
        for (const json &Rule : Props[Key])
          Out.push_back(ruleText(std::string(Key) == "SecurityGroupIngress" ? "ingress" : "egress", Rule));
  } else if (Type == "AWS::EC2::SecurityGroupIngress" || Type == "AWS::EC2::SecurityGroupEgress") {
    Out.push_back(ruleText(Type == "AWS::EC2::SecurityGroupIngress" ? "ingress" : "egress", Props));
  }
  std::sort(Out.begin(), Out.end());
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
  return Out;
}

static std::vector<std::string> changedProperties(const cfn::ResourceChange &C, const json &OldProps,
                                                  const json &NewProps) {
  std::set<std::string> Names;
  for (const cfn::ChangeDetail &D : C.Details)
    if (D.Attribute == "Properties" && !D.Name.empty())
      Names.insert(D.Name);
  if (Names.empty() && C.Action == "Modify") {
    // No details (emulators give none): compare the two templates.
    for (auto It = NewProps.begin(); It != NewProps.end(); ++It)
      if (!OldProps.contains(It.key()) || OldProps[It.key()] != It.value())
        Names.insert(It.key());
    for (auto It = OldProps.begin(); It != OldProps.end(); ++It)
      if (!NewProps.contains(It.key()))
        Names.insert(It.key());
  }
  return {Names.begin(), Names.end()};
}

/// What the specification says an update of these properties does.
static std::string judgedReplacement(const std::string &Type, const std::vector<std::string> &Properties) {
  const catalog::ResourceType *T = catalog::Catalog::builtin().lookup(Type);
  if (!T)
    return "";
  std::string Result = "False";
  for (const std::string &Name : Properties)
    if (const catalog::Property *P = T->findProperty(Name)) {
      if (P->Update == catalog::UpdateEffect::Replaces)
        return "True";
      if (P->Update == catalog::UpdateEffect::MayReplace)
        Result = "Conditional";
    }
  return Result;
}

std::vector<ChangeView> viewChanges(const std::vector<cfn::ResourceChange> &Changes, const json &New,
                                    const json *Old) {
  std::vector<ChangeView> Views;
  for (const cfn::ResourceChange &C : Changes) {
    ChangeView V;
    V.Change = C;
    const json *NewResource = resourceOf(&New, C.LogicalId);
    const json *OldResource = resourceOf(Old, C.LogicalId);
    V.Source = sourceOf(NewResource ? NewResource : OldResource);
    json NewProps = propertiesOf(NewResource), OldProps = propertiesOf(OldResource);
    V.Properties = changedProperties(C, OldProps, NewProps);
    V.Replacement = C.Replacement;
    if (C.Action == "Modify" && V.Replacement.empty()) {
      V.Replacement = judgedReplacement(C.Type, V.Properties);
      V.ReplacementJudged = true;
    }
    V.HoldsData = catalog::holdsData(C.Type);
    if (C.Action == "Add" || C.Action == "Modify") {
      std::vector<std::string> Before = accessGrants(C.Type, OldProps);
      if (C.Action == "Modify" && !OldResource)
        Before.clear(); // Unknown before: every grant is shown.
      for (const std::string &G : accessGrants(C.Type, NewProps))
        if (!std::binary_search(Before.begin(), Before.end(), G))
          V.Broadens.push_back(G);
    }
    Views.push_back(std::move(V));
  }
  // In logical-id order: the same output whatever order CloudFormation lists them in.
  std::stable_sort(Views.begin(), Views.end(), [](const ChangeView &A, const ChangeView &B) {
    return A.Change.LogicalId < B.Change.LogicalId;
  });
  return Views;
}

static std::string verbOf(const ChangeView &V) {
  if (V.Change.Action == "Add")
    return "add";
  if (V.Change.Action == "Remove")
    return "remove";
  if (V.Change.Action == "Modify")
    return V.Replacement == "True" ? "replace" : V.Replacement == "Conditional" ? "may replace" : "modify";
  return V.Change.Action;
}

std::string renderChanges(const std::vector<ChangeView> &Views) {
  std::ostringstream Out;
  size_t Added = 0, Modified = 0, Replaced = 0, Removed = 0;
  for (const ChangeView &V : Views) {
    std::string Verb = verbOf(V);
    Added += V.Change.Action == "Add";
    Removed += V.Change.Action == "Remove";
    Modified += V.Change.Action == "Modify";
    Replaced += V.Change.Action == "Modify" && V.replaces();
    Out << "  " << Verb << std::string(Verb.size() < 12 ? 12 - Verb.size() : 1, ' ') << V.Change.LogicalId << " ("
        << V.Change.Type << ")";
    if (!V.Source.empty())
      Out << "  " << (V.Change.Action == "Remove" ? "was at " : "") << V.Source;
    Out << "\n";
    if (!V.Properties.empty() && V.Change.Action == "Modify") {
      Out << "              changes:";
      for (size_t I = 0; I < V.Properties.size(); ++I)
        Out << (I ? ", " : " ") << V.Properties[I];
      Out << "\n";
    }
    if (V.replaces())
      Out << "              " << (V.Replacement == "True" ? "replacement" : "replacement: conditional")
          << (V.ReplacementJudged ? " (from the resource specification)" : "") << "\n";
    if (V.losesData())
      Out << "              ! holds data: " << (V.Change.Action == "Remove" ? "removing" : "replacing")
          << " it loses what it stores\n";
    size_t Shown = 0;
    for (const std::string &G : V.Broadens) {
      if (Shown++ == 5) {
        Out << "              ! and " << V.Broadens.size() - 5 << " more grants of access\n";
        break;
      }
      Out << "              ! broadens access: " << G << "\n";
    }
  }
  Out << Added << " to add, " << Modified << " to modify";
  if (Replaced)
    Out << " (" << Replaced << " replaced)";
  Out << ", " << Removed << " to remove\n";
  return Out.str();
}

std::vector<std::string> requiredCapabilities(const json &Template) {
  bool Iam = false, NamedIam = false, Expand = Template.contains("Transform");
  if (Template.contains("Resources") && Template["Resources"].is_object())
    for (const json &R : Template["Resources"]) {
      std::string Type = R.value("Type", "");
      if (Type == "AWS::CloudFormation::Stack" || Type == "AWS::Serverless::Application")
        Expand = true;
      if (!isIamType(Type))
        continue;
      Iam = true;
      const json Props = R.value("Properties", json::object());
      for (const char *NameKey : {"RoleName", "UserName", "GroupName", "ManagedPolicyName", "InstanceProfileName"})
        if (Props.is_object() && Props.contains(NameKey))
          NamedIam = true;
    }
  std::vector<std::string> Caps;
  if (NamedIam)
    Caps.push_back("CAPABILITY_NAMED_IAM");
  else if (Iam)
    Caps.push_back("CAPABILITY_IAM");
  if (Expand)
    Caps.push_back("CAPABILITY_AUTO_EXPAND");
  return Caps;
}

} // namespace cfc::deploy
