// GraphPrinter — DOT and Mermaid text of the dependency graph, with
// component instances grouped by the instance part of each resource's path.
#include "Emit/GraphPrinter.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

namespace cfc::emit {

namespace {

/// One component instance (or, at index 0, the stack itself): the
/// resources and nested instances in it, in the order they first appear.
struct Group {
  struct Item {
    bool IsGroup;
    size_t Index; ///< Into the groups, or into Template::Resources.
  };
  std::string Path; ///< "api", "api.store"; empty for the stack.
  std::vector<Item> Items;
};

/// Groups resources by their instance path: "api.store.bucket" sits in
/// "api.store", which sits in "api". A single-segment path is the stack's.
std::vector<Group> groupByPath(const ir::Template &T) {
  std::vector<Group> Groups(1);
  llvm::StringMap<size_t> ByPath; // Looked up only, never walked.
  for (size_t I = 0; I < T.Resources.size(); ++I) {
    llvm::SmallVector<llvm::StringRef, 4> Segments;
    llvm::StringRef(T.Resources[I].Path).split(Segments, '.');
    size_t Parent = 0;
    for (size_t S = 0; S + 1 < Segments.size(); ++S) {
      // The prefix up to and including segment S: "api", then "api.store".
      llvm::StringRef Prefix(Segments[0].data(), Segments[S].end() - Segments[0].begin());
      auto [It, Fresh] = ByPath.try_emplace(Prefix, Groups.size());
      if (Fresh) {
        Groups[Parent].Items.push_back({true, Groups.size()});
        Groups.push_back({Prefix.str(), {}});
      }
      Parent = It->second;
    }
    Groups[Parent].Items.push_back({false, I});
  }
  return Groups;
}

/// The lines of a node's label: logical ID, type, and the condition.
std::vector<std::string> labelLines(const ir::Resource &R) {
  std::vector<std::string> Lines{R.LogicalId, R.Type};
  if (!R.Condition.empty())
    Lines.push_back("if " + R.Condition);
  return Lines;
}

// ---- DOT ---------------------------------------------------------------------

/// A DOT double-quoted string. Backslashes are doubled so that only the
/// "\n" we write between label lines is an escape.
std::string dotQuote(llvm::StringRef Text) {
  std::string Out = "\"";
  for (char C : Text) {
    if (C == '"' || C == '\\')
      Out += '\\';
    Out += C == '\n' ? ' ' : C;
  }
  return Out + "\"";
}

struct DotPrinter {
  const ir::Template &T;
  const std::vector<Group> &Groups;
  llvm::raw_ostream &OS;

  void node(const ir::Resource &R, unsigned Indent) {
    OS.indent(Indent) << dotQuote(R.LogicalId) << " [label=" << label(R);
    if (!R.Condition.empty())
      OS << ", style=dotted";
    OS << "];\n";
  }

  /// The label, its lines escaped one by one and joined with DOT's centred
  /// line break "\n" (which escaping the whole text would double).
  std::string label(const ir::Resource &R) {
    std::string Out;
    for (const std::string &Line : labelLines(R)) {
      std::string Quoted = dotQuote(Line);
      Out += (Out.empty() ? "" : "\\n") + Quoted.substr(1, Quoted.size() - 2);
    }
    return "\"" + Out + "\"";
  }

  void group(const Group &G, unsigned Indent) {
    for (const Group::Item &Item : G.Items) {
      if (!Item.IsGroup) {
        node(T.Resources[Item.Index], Indent);
        continue;
      }
      const Group &Inner = Groups[Item.Index];
      OS.indent(Indent) << "subgraph " << dotQuote("cluster_" + Inner.Path) << " {\n";
      OS.indent(Indent + 2) << "label=" << dotQuote(Inner.Path) << ";\n";
      group(Inner, Indent + 2);
      OS.indent(Indent) << "}\n";
    }
  }
};

// ---- Mermaid -------------------------------------------------------------------

/// Text inside a Mermaid `["..."]` label: quotes and markup characters as
/// Mermaid's entity codes, so a label can never end the string or open a tag.
std::string mermaidText(llvm::StringRef Text) {
  std::string Out;
  for (char C : Text) {
    switch (C) {
    case '"': Out += "#quot;"; break;
    case '#': Out += "#35;"; break;
    case '<': Out += "#lt;"; break;
    case '>': Out += "#gt;"; break;
    case '&': Out += "#amp;"; break;
    case '\n': Out += ' '; break;
    default: Out += C;
    }
  }
  return Out;
}

/// A node ID Mermaid will not read as a keyword: logical IDs are letters
/// and digits, but `@logicalId("end")` would close a subgraph.
std::string mermaidId(llvm::StringRef LogicalId) {
  static const char *const Keywords[] = {"end",   "graph", "subgraph",  "flowchart", "style", "class",
                                         "classdef", "click", "linkstyle", "direction", "call",  "href",
                                         "default"};
  std::string Lower = LogicalId.lower();
  for (const char *K : Keywords)
    if (Lower == K)
      return LogicalId.str() + "_";
  return LogicalId.str();
}

struct MermaidPrinter {
  const ir::Template &T;
  const std::vector<Group> &Groups;
  llvm::raw_ostream &OS;

  void node(const ir::Resource &R, unsigned Indent) {
    std::string Label;
    for (const std::string &Line : labelLines(R))
      Label += (Label.empty() ? "" : "<br>") + mermaidText(Line);
    OS.indent(Indent) << mermaidId(R.LogicalId) << "[\"" << Label << "\"]\n";
  }

  void group(const Group &G, unsigned Indent) {
    for (const Group::Item &Item : G.Items) {
      if (!Item.IsGroup) {
        node(T.Resources[Item.Index], Indent);
        continue;
      }
      // Numbered, since paths contain dots; the '_' keeps them apart from
      // logical IDs, which have none.
      const Group &Inner = Groups[Item.Index];
      OS.indent(Indent) << "subgraph instance_" << Item.Index << "[\"" << mermaidText(Inner.Path)
                        << "\"]\n";
      group(Inner, Indent + 2);
      OS.indent(Indent) << "end\n";
    }
  }
};

} // namespace

std::string emitDot(const ir::Template &T, const ir::DependencyGraph &G) {
  std::vector<Group> Groups = groupByPath(T);
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << "// A -> B: A uses B. Dashed: an explicit @dependsOn. Dotted box: created\n"
        "// only when its condition holds. Clusters: component instances.\n"
        "digraph dependencies {\n"
        "  node [shape=box];\n";
  DotPrinter P{T, Groups, OS};
  P.group(Groups[0], 2);
  for (const ir::DependencyGraph::Edge &E : G.Edges) {
    OS << "  " << dotQuote(T.Resources[E.From].LogicalId) << " -> "
       << dotQuote(T.Resources[E.To].LogicalId);
    if (E.Explicit)
      OS << " [style=dashed]";
    OS << ";\n";
  }
  OS << "}\n";
  return OS.str();
}

std::string emitMermaid(const ir::Template &T, const ir::DependencyGraph &G) {
  std::vector<Group> Groups = groupByPath(T);
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << "%% A --> B: A uses B. Dotted: an explicit @dependsOn. Dashed box: created\n"
        "%% only when its condition holds. Subgraphs: component instances.\n"
        "flowchart TB\n";
  MermaidPrinter P{T, Groups, OS};
  P.group(Groups[0], 2);
  for (const ir::DependencyGraph::Edge &E : G.Edges)
    OS << "  " << mermaidId(T.Resources[E.From].LogicalId) << (E.Explicit ? " -.-> " : " --> ")
       << mermaidId(T.Resources[E.To].LogicalId) << "\n";
  std::vector<std::string> Conditional;
  for (const ir::Resource &R : T.Resources)
    if (!R.Condition.empty())
      Conditional.push_back(mermaidId(R.LogicalId));
  if (!Conditional.empty())
    OS << "  classDef conditional stroke-dasharray: 4 4\n"
       << "  class " << llvm::join(Conditional, ",") << " conditional\n";
  return OS.str();
}

} // namespace cfc::emit
