// ConditionalReferences — a resource that exists only under a condition
// (`@if`) used where that condition may not hold. CloudFormation rejects
// such a stack whenever the condition is false ("unresolved resource
// dependencies"), so cfc says it at compile time. A use is fine inside a
// resource or output with the same condition (or one that implies it: an
// Fn::And of it), and inside the branch of an Fn::If where it holds
// (`isProd ? replica.Arn : none`, or the else branch of its negation).
// It is a warning: the analysis is sure of what it accepts, not of
// everything it flags.
#include "IR/DependencyGraph.h"
#include "IR/UserLine.h"

#include <map>
#include <set>

namespace cfc::ir {

namespace {

/// What is known where a value is used: conditions (by name) that hold
/// there, and conditions that do not.
struct Holding {
  std::set<std::string> True, False;
};

class Checker {
public:
  Checker(const Template &T, DiagnosticEngine &Diags) : T(T), Diags(Diags) {
    for (const Resource &R : T.Resources)
      if (!R.Condition.empty())
        Conditional[R.LogicalId] = &R;
  }

  bool needed() const { return !Conditional.empty(); }

  /// Checks the uses in V by User (named in messages; the resource that
  /// holds V, or null for an output) where H is known.
  void check(const Value &V, const std::string &User, const Resource *UserResource, const Holding &H) {
    this->User = User;
    this->UserResource = UserResource;
    walk(V, withImplied(H));
  }

  /// Checks one use of Target (an explicit @dependsOn).
  void checkTarget(const std::string &Target, Origin Where, const std::string &User,
                   const Resource &UserResource, const Holding &H) {
    this->User = User;
    this->UserResource = &UserResource;
    use(Target, Where, withImplied(H));
  }

private:
  const Template &T;
  DiagnosticEngine &Diags;
  std::map<std::string, const Resource *> Conditional;
  std::string User;
  const Resource *UserResource = nullptr;

  /// A named condition's expression, `Condition` references followed.
  const Value *named(const std::string &Name, unsigned Depth = 0) const {
    for (const Condition &C : T.Conditions)
      if (C.LogicalId == Name)
        return resolve(*C.Expression, Depth + 1);
    return nullptr;
  }
  const Value *resolve(const Value &V, unsigned Depth = 0) const {
    if (Depth < 32 && V.kind() == Value::Kind::Intrinsic && V.text() == "Condition" &&
        !V.elements().empty())
      return named(V.elements()[0]->text(), Depth);
    return &V;
  }

  /// Adds what the conditions that hold imply: the parts of an Fn::And.
  Holding withImplied(Holding H) const {
    std::vector<std::string> Work(H.True.begin(), H.True.end());
    while (!Work.empty()) {
      const Value *E = named(Work.back());
      Work.pop_back();
      if (!E || E->kind() != Value::Kind::Intrinsic || E->text() != "Fn::And")
        continue;
      for (const ValuePtr &Part : E->elements())
        if (Part->kind() == Value::Kind::Intrinsic && Part->text() == "Condition" &&
            !Part->elements().empty() && H.True.insert(Part->elements()[0]->text()).second)
          Work.push_back(Part->elements()[0]->text());
    }
    return H;
  }

  /// The same condition written twice (an anonymous `x == ""` and the
  /// `!(x == "")` of an @if are complements: see holds()).
  bool same(const Value *A, const Value *B) const {
    if (!A || !B)
      return false;
    A = resolve(*A), B = resolve(*B);
    if (!A || !B || A->kind() != B->kind() || A->text() != B->text() ||
        A->asBool() != B->asBool() || A->asInt() != B->asInt() ||
        A->elements().size() != B->elements().size() || A->fields().size() != B->fields().size())
      return false;
    for (size_t I = 0; I < A->elements().size(); ++I)
      if (!same(A->elements()[I].get(), B->elements()[I].get()))
        return false;
    for (size_t I = 0; I < A->fields().size(); ++I)
      if (A->fields()[I].first != B->fields()[I].first ||
          !same(A->fields()[I].second.get(), B->fields()[I].second.get()))
        return false;
    return true;
  }

  /// Whether the condition Name surely holds where H is known.
  bool holds(const std::string &Name, const Holding &H) const {
    if (H.True.count(Name))
      return true;
    const Value *E = named(Name);
    for (const std::string &P : H.True)
      if (same(named(P), E))
        return true;
    // Name is `!X` where X is known not to hold.
    if (E && E->kind() == Value::Kind::Intrinsic && E->text() == "Fn::Not" && E->elements().size() == 1)
      for (const std::string &N : H.False)
        if (same(named(N), E->elements()[0].get()))
          return true;
    return false;
  }

  void walk(const Value &V, const Holding &H) {
    if (V.isConstant())
      return; // No intrinsic in it: no reference.
    if (V.kind() == Value::Kind::List) {
      for (const ValuePtr &E : V.elements())
        walk(*E, H);
      return;
    }
    if (V.kind() == Value::Kind::Object) {
      for (const auto &F : V.fields())
        walk(*F.second, H);
      return;
    }
    if (V.kind() != Value::Kind::Intrinsic)
      return;
    const auto &Args = V.elements();
    if (V.text() == "Fn::If" && Args.size() == 3 && Args[0]->kind() == Value::Kind::String) {
      Holding Then = H, Else = H;
      Then.True.insert(Args[0]->text());
      Else.False.insert(Args[0]->text());
      walk(*Args[1], withImplied(Then));
      walk(*Args[2], Else);
      return;
    }
    if (V.text() == "Ref" || V.text() == "Fn::GetAtt" || V.text() == "Fn::Sub") {
      // This value's own references; Fn::Sub's variables are walked apart.
      std::vector<std::pair<std::string, Origin>> Refs;
      if (V.text() != "Fn::Sub")
        collectReferences(V, Refs);
      else if (!Args.empty() && Args[0]->kind() == Value::Kind::String)
        collectReferences(*Value::intrinsic("Fn::Sub", {Args[0]}, DeployType::String, V.origin()), Refs);
      for (const auto &[Target, Where] : Refs)
        use(Target, Where, H);
      for (size_t I = 1; V.text() == "Fn::Sub" && I < Args.size(); ++I)
        walk(*Args[I], H);
      return;
    }
    for (const ValuePtr &E : Args)
      walk(*E, H);
  }

  void use(const std::string &Target, Origin Where, const Holding &H) {
    auto It = Conditional.find(Target);
    if (It == Conditional.end() || holds(It->second->Condition, H))
      return;
    // The resources of one component instance share one warning for each
    // resource they use: one mistake at the instance, one warning. It is
    // best placed on the user's argument; a use the library wrote itself
    // moves to the instance and is kept only when no use was the user's.
    bool Moved = UserResource && inLibraryFrame(*UserResource, Where);
    std::string Reporter = UserResource && UserResource->Instance.File
                               ? "@" + std::to_string(UserResource->Instance.File) + ":" +
                                     std::to_string(UserResource->Instance.Range.Begin)
                               : User;
    auto [Slot, New] = Found.try_emplace({Reporter, Target});
    if (!New && (Slot->second.Moved ? Moved : true))
      return;
    if (New)
      Order.push_back(Slot);
    Slot->second = {User, UserResource, Where, Moved, It->second};
  }

public:
  /// Reports what was found, in the order it was first found.
  void report() {
    for (const auto &Entry : Order) {
      const Use &U = Entry->second;
      const Resource &R = *U.Target;
      std::string Name = R.Path.empty() ? R.LogicalId : R.Path;
      DiagnosticBuilder B =
          U.UserResource
              ? reportOnUserLine(Diags, *U.UserResource, U.Where, diag::ConditionalReference, U.User, Name,
                                 R.Condition)
              : Diags.report(U.Where.File, U.Where.Range, diag::ConditionalReference, U.User, Name, R.Condition);
      B.note(R.Where.File, R.Where.Range, "'" + Name + "' is created only when '" + R.Condition + "' holds");
    }
  }

private:
  /// One use to report: by whom, where, and of which conditional resource.
  struct Use {
    std::string User;
    const Resource *UserResource = nullptr;
    Origin Where;
    bool Moved = false; ///< Written in the library: reported at the instance.
    const Resource *Target = nullptr;
  };
  using UseMap = std::map<std::pair<std::string, std::string>, Use>;
  UseMap Found;
  std::vector<UseMap::iterator> Order;
};

} // namespace

void checkConditionalReferences(const Template &T, DiagnosticEngine &Diags) {
  Checker C(T, Diags);
  if (!C.needed())
    return;
  for (const Resource &R : T.Resources) {
    std::string User = R.Path.empty() ? R.LogicalId : R.Path;
    Holding H;
    if (!R.Condition.empty())
      H.True.insert(R.Condition);
    if (R.Properties)
      C.check(*R.Properties, User, &R, H);
    for (const Reference &Ref : R.References)
      if (Ref.Explicit)
        C.checkTarget(Ref.Target, Ref.Where, User, R, H);
  }
  for (const Output &O : T.Outputs) {
    Holding H;
    if (!O.Condition.empty())
      H.True.insert(O.Condition);
    if (O.Value)
      C.check(*O.Value, "output " + O.LogicalId, nullptr, H);
  }
  C.report();
}

} // namespace cfc::ir
