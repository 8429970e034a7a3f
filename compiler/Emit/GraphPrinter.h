// GraphPrinter — the resource dependency graph as Graphviz DOT or Mermaid
// flowchart text, for `cfc graph`. Reads the Template and its
// DependencyGraph and changes nothing; output follows declaration order.
#pragma once

#include "IR/DependencyGraph.h"
#include "IR/Template.h"

#include <string>

namespace cfc::emit {

/// The graph as a DOT `digraph`: one box per resource labelled with its
/// logical ID and type, an edge from each resource to each one it uses
/// (dashed for an explicit @dependsOn), conditional resources dotted with
/// their condition, and component instances as clusters.
std::string emitDot(const ir::Template &T, const ir::DependencyGraph &G);

/// The same graph as a Mermaid `flowchart`: explicit dependencies are
/// dotted links, conditional resources have the class `conditional`, and
/// component instances are subgraphs.
std::string emitMermaid(const ir::Template &T, const ir::DependencyGraph &G);

} // namespace cfc::emit
