// DependencyGraph — edges from values, cycle detection (an iterative
// depth-first search, so a long chain cannot exhaust the stack), DependsOn.
#include "IR/DependencyGraph.h"
#include "IR/Queries.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"

namespace cfc::ir {

namespace {

/// Values shared inside one another (`let l1 = [l0, l0]`) are walked once:
/// their references were collected the first time. Only large ones are
/// remembered; a small repeat costs less than the lookup.
using Walked = llvm::SmallPtrSet<const Value *, 8>;

void collectReferences(const Value &V, std::vector<std::pair<std::string, Origin>> &Out, Walked &Seen) {
  if (V.isConstant())
    return; // No intrinsic in it: no reference.
  if (V.expandedNodes() > 64 && !Seen.insert(&V).second)
    return;
  if (V.kind() == Value::Kind::List) {
    for (const ValuePtr &E : V.elements())
      collectReferences(*E, Out, Seen);
    return;
  }
  if (V.kind() == Value::Kind::Object) {
    for (const auto &F : V.fields())
      collectReferences(*F.second, Out, Seen);
    return;
  }
  if (V.kind() != Value::Kind::Intrinsic)
    return;
  const std::string &Fn = V.text();
  if ((Fn == "Ref" || Fn == "Fn::GetAtt") && !V.elements().empty() &&
      V.elements()[0]->kind() == Value::Kind::String) {
    Out.emplace_back(V.elements()[0]->text(), V.origin());
    return;
  }
  if (Fn == "Fn::Sub" && !V.elements().empty() && V.elements()[0]->kind() == Value::Kind::String) {
    // ${Name} and ${Name.Attr}; ${!Literal} is text.
    llvm::StringRef Text = V.elements()[0]->text();
    for (size_t I = findSubVariable(Text, 0); I != llvm::StringRef::npos; I = findSubVariable(Text, I + 2)) {
      size_t End = Text.find('}', I);
      if (End == llvm::StringRef::npos)
        break;
      llvm::StringRef Var = Text.slice(I + 2, End);
      if (!Var.startswith("!"))
        Out.emplace_back(Var.split('.').first.str(), V.origin());
    }
    for (size_t I = 1; I < V.elements().size(); ++I)
      collectReferences(*V.elements()[I], Out, Seen);
    return;
  }
  // Fn::If's first argument names a condition, not a resource.
  for (size_t I = Fn == "Fn::If" ? 1 : 0; I < V.elements().size(); ++I)
    collectReferences(*V.elements()[I], Out, Seen);
}

} // namespace

void collectReferences(const Value &V, std::vector<std::pair<std::string, Origin>> &Out) {
  Walked Seen;
  collectReferences(V, Out, Seen);
}

std::vector<const DependencyGraph::Edge *> DependencyGraph::from(size_t I) const {
  std::vector<const Edge *> Result;
  for (const Edge &E : Edges)
    if (E.From == I)
      Result.push_back(&E);
  return Result;
}

namespace {

/// The references that make R depend on other resources. SAM's transform
/// turns a function's or state machine's `Events` into resources of their
/// own (permissions, event source mappings, rules) that hold those
/// references, so they do not make the SAM resource itself wait: an API
/// whose definition names a function, and the function's event naming the
/// API, is no cycle once transformed.
void resourceReferences(const Resource &R, std::vector<std::pair<std::string, Origin>> &Out) {
  if (!llvm::StringRef(R.Type).startswith("AWS::Serverless::") || R.Properties->kind() != Value::Kind::Object)
    return collectReferences(*R.Properties, Out);
  for (const auto &F : R.Properties->fields())
    if (F.first != "Events")
      collectReferences(*F.second, Out);
}

/// Finds every cycle once and reports it with its path.
void reportCycles(const Template &T, const std::vector<std::vector<const DependencyGraph::Edge *>> &Out,
                  DiagnosticEngine &Diags) {
  enum Color { White, Gray, Black };
  size_t N = T.Resources.size();
  std::vector<Color> Colors(N, White);
  std::vector<bool> InReportedCycle(N, false);
  for (size_t Start = 0; Start < N; ++Start) {
    if (Colors[Start] != White)
      continue;
    // Stack of (node, next edge index); Path holds the edges taken.
    std::vector<std::pair<size_t, size_t>> Stack{{Start, 0}};
    std::vector<const DependencyGraph::Edge *> Path;
    Colors[Start] = Gray;
    while (!Stack.empty()) {
      auto &[Node, Next] = Stack.back();
      if (Next == Out[Node].size()) {
        Colors[Node] = Black;
        Stack.pop_back();
        if (!Path.empty())
          Path.pop_back();
        continue;
      }
      const DependencyGraph::Edge *E = Out[Node][Next++];
      if (Colors[E->To] == White) {
        Colors[E->To] = Gray;
        Path.push_back(E);
        Stack.push_back({E->To, 0});
        continue;
      }
      if (Colors[E->To] != Gray || InReportedCycle[E->To])
        continue;
      // A back edge: the cycle is the path from E->To to here, plus E.
      std::vector<const DependencyGraph::Edge *> Cycle;
      for (const auto *P : Path)
        if (!Cycle.empty() || P->From == E->To)
          Cycle.push_back(P);
      Cycle.push_back(E);
      std::string Text = T.Resources[E->To].LogicalId;
      for (const auto *C : Cycle) {
        Text += " -> " + T.Resources[C->To].LogicalId;
        InReportedCycle[C->From] = true;
      }
      const Resource &First = T.Resources[E->To];
      auto D = Diags.report(reportedAt(First).File, reportedAt(First).Range, diag::DependencyCycle, Text);
      for (const auto &[At, Frame] : First.Frames)
        D.note(At.File, At.Range, Frame);
      for (const auto *C : Cycle)
        D.note(C->Where.File, C->Where.Range,
               "'" + T.Resources[C->From].LogicalId + "' " +
                   (C->Explicit ? "depends on '" : "refers to '") + T.Resources[C->To].LogicalId +
                   "' here");
    }
  }
}

} // namespace

DependencyGraph buildGraph(const Template &T, DiagnosticEngine &Diags) {
  DependencyGraph G;
  llvm::StringMap<size_t> Index;
  for (size_t I = 0; I < T.Resources.size(); ++I)
    Index[T.Resources[I].LogicalId] = I;
  G.DependsOn.resize(T.Resources.size());
  std::vector<std::vector<const DependencyGraph::Edge *>> Out(T.Resources.size());
  for (size_t I = 0; I < T.Resources.size(); ++I) {
    const Resource &R = T.Resources[I];
    std::vector<std::pair<std::string, Origin>> Refs;
    resourceReferences(R, Refs);
    std::vector<bool> Implied(T.Resources.size(), false);
    for (const auto &[Id, Where] : Refs) {
      auto It = Index.find(Id);
      if (It == Index.end() || Implied[It->second])
        continue; // A parameter or pseudo parameter; or a repeat.
      Implied[It->second] = true;
      G.Edges.push_back({I, It->second, Where, false});
    }
    for (const Reference &X : R.References) {
      auto It = Index.find(X.Target);
      if (It == Index.end())
        continue;
      if (Implied[It->second]) {
        Diags.report(X.Where.File, X.Where.Range, diag::RedundantDependsOn, X.Target, R.LogicalId);
        continue;
      }
      Implied[It->second] = true;
      G.Edges.push_back({I, It->second, X.Where, true});
      G.DependsOn[I].push_back(X.Target);
    }
  }
  for (const DependencyGraph::Edge &E : G.Edges)
    Out[E.From].push_back(&E);
  reportCycles(T, Out, Diags);
  return G;
}

} // namespace cfc::ir
