// DependencyGraph — resources and what each uses: references in property
// values (Ref, Fn::GetAtt, Fn::Sub variables) and explicit @dependsOn.
// Reports cycles with their whole path, and decides which DependsOn the
// template needs: only explicit ones that no reference already implies.
#pragma once

#include "Diagnostics/DiagnosticEngine.h"
#include "IR/Template.h"

#include <string>
#include <vector>

namespace cfc::ir {

struct DependencyGraph {
  struct Edge {
    size_t From, To; ///< Indexes into Template::Resources.
    Origin Where;
    bool Explicit;
  };
  std::vector<Edge> Edges;
  /// Per resource, the DependsOn to emit (logical IDs, in declaration order).
  std::vector<std::vector<std::string>> DependsOn;

  /// Edges leaving resource I.
  std::vector<const Edge *> from(size_t I) const;
};

/// Builds the graph. Cycles are errors (CFC3001) naming every resource of
/// the cycle with the place of each reference; an explicit @dependsOn that a
/// reference already implies is a warning (CFC3002) and is not emitted.
DependencyGraph buildGraph(const Template &T, DiagnosticEngine &Diags);

/// Warns (CFC3003) where a resource with an @if condition is used where
/// that condition may not hold (ConditionalReferences.cpp).
void checkConditionalReferences(const Template &T, DiagnosticEngine &Diags);

/// The logical IDs of resources a value refers to (Ref, Fn::GetAtt,
/// Fn::Sub), in order of appearance, repeats included.
void collectReferences(const Value &V, std::vector<std::pair<std::string, Origin>> &Out);

} // namespace cfc::ir
