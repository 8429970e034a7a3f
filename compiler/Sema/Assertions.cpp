// Assertions — `assert cond, "message"`. A condition known at compile time
// is checked here: false is an error at the assert, with a note for each
// component instance it comes from. A condition known only at deploy time
// becomes a CloudFormation rule, which CloudFormation checks before it
// creates or changes anything; rules see parameters and pseudo parameters
// only, so a condition on a resource is an error here.
#include "Sema/Evaluator.h"

namespace cfc::sema {

using namespace ast;

namespace {

/// The functions CloudFormation accepts in a rule's Assert (and that cfc
/// produces for conditions).
bool ruleFunction(llvm::StringRef Name) {
  return Name == "Fn::Equals" || Name == "Fn::Not" || Name == "Fn::And" || Name == "Fn::Or" ||
         Name == "Fn::Contains";
}

} // namespace

void Evaluator::noteInstances(DiagnosticBuilder &Diag, const Scope &S, FileId File) {
  // In library code the relocator moved the diagnostic to the user's
  // instance and named the library frames already.
  if (SM.isLibrary(File) && userFrame())
    return;
  for (const Symbol *I = S.Instance; I; I = I->Home ? I->Home->Instance : nullptr) {
    auto *D = llvm::cast<ResourceDecl>(I->Decl);
    Diag.note(I->File, D->Name.Range,
              "in instance '" + D->Name.Name + "' of " + I->Component->Name.Name);
  }
}

ValuePtr Evaluator::ruleExpression(const ValuePtr &V, ValuePtr &Offender) {
  if (V->kind() != Value::Kind::Intrinsic) {
    if (V->kind() != Value::Kind::List)
      return V;
    std::vector<ValuePtr> Elems;
    for (const ValuePtr &E : V->elements()) {
      Elems.push_back(ruleExpression(E, Offender));
      if (!Elems.back())
        return nullptr;
    }
    return Value::list(std::move(Elems), V->origin());
  }
  const std::string &Fn = V->text();
  if (Fn == "Ref") {
    if (!V->refersToType().empty()) {
      Offender = V;
      return nullptr;
    }
    return V;
  }
  if (Fn == "Condition") {
    // A named condition: rules cannot name one, so its expression goes inline.
    const std::string &Name = V->elements()[0]->text();
    for (const ir::Condition &C : Out.Conditions)
      if (C.LogicalId == Name)
        return ruleExpression(C.Expression, Offender);
    Offender = V;
    return nullptr;
  }
  if (!ruleFunction(Fn)) {
    Offender = V;
    return nullptr;
  }
  std::vector<ValuePtr> Args;
  for (const ValuePtr &A : V->elements()) {
    Args.push_back(ruleExpression(A, Offender));
    if (!Args.back())
      return nullptr;
  }
  return Value::intrinsic(Fn, std::move(Args), V->deployType(), V->origin(), V->singleArgument());
}

/// What a person calls the part of a condition a rule cannot check: its
/// source text where it was written ("'q.Arn'").
static std::string describeOffender(const SourceManager &SM, const Value &V) {
  SourceRange R = V.origin().Range;
  llvm::StringRef Source = SM.text(V.origin().File);
  if (!R.empty() && R.End <= Source.size())
    return "'" + Source.slice(R.Begin, R.End).str() + "'";
  return "'" + V.text() + "'";
}

void Evaluator::lowerAssert(Scope &S, const AssertDecl *D, FileId File) {
  if (!D->Cond)
    return; // A syntax error, reported.
  ValuePtr Cond = eval(S, D->Cond, File);
  ValuePtr Message = D->Message ? eval(S, D->Message, File) : nullptr;
  if (!Cond || (D->Message && !Message))
    return;
  SourceRange R = D->Cond->range();
  std::string Text = SM.text(File).slice(R.Begin, R.End).str();
  if (Message) {
    if (Message->kind() != Value::Kind::String) {
      Diags.report(File, D->Message->range(), diag::TypeMismatch, "the assertion's message",
                   "a string known at compile time", describe(*Message));
      return;
    }
    Text = Message->text();
  }

  if (Cond->kind() == Value::Kind::Bool) {
    if (!Cond->asBool()) {
      auto Diag = Diags.report(File, D->Cond->range(), diag::AssertionFailed, Text);
      noteInstances(Diag, S, File);
    }
    return;
  }
  ValuePtr C = asCondition(Cond);
  if (!C) {
    Diags.report(File, D->Cond->range(), diag::TypeMismatch, "the assertion", "a bool",
                 describe(*Cond));
    return;
  }
  ValuePtr Offender;
  ValuePtr Assert = ruleExpression(C, Offender);
  ValuePtr When;
  if (Assert && !S.Condition.empty())
    When = ruleExpression(Value::intrinsic("Condition", {Value::string(S.Condition, Cond->origin())},
                                           ir::DeployType::Condition, Cond->origin(), true),
                          Offender);
  if (!Assert || (!S.Condition.empty() && !When)) {
    auto Diag = Diags.report(File, D->Cond->range(), diag::AssertionNeedsResources,
                             describeOffender(SM, *Offender));
    noteInstances(Diag, S, File);
    return;
  }
  std::string Base = S.IdPrefix + "Assertion" + S.IdSuffix;
  unsigned N = ++AssertCounts[Base];
  std::string Id = claimLogicalId(N == 1 ? Base : Base + std::to_string(N), at(File, D),
                                  "an assertion");
  Out.Rules.push_back({Id, When, Assert, Text, at(File, D)});
}

} // namespace cfc::sema
