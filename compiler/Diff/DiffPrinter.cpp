// DiffPrinter — the text and JSON forms of a TemplateDiff.
#include "Diff/DiffPrinter.h"

namespace cfc::diff {

using json = nlohmann::ordered_json;

namespace {

const char *marker(ChangeKind K) {
  switch (K) {
  case ChangeKind::Added:
    return "[+]";
  case ChangeKind::Removed:
    return "[-]";
  case ChangeKind::Modified:
    return "[~]";
  }
  return "[~]";
}

/// A value on one line, cut short: a policy document would fill the screen
/// (--format=json has it whole).
std::string shown(const json &V) {
  constexpr size_t Max = 100;
  std::string Text = V.dump();
  if (Text.size() > Max)
    Text = Text.substr(0, Max - 3) + "...";
  return Text;
}

std::string effectNote(Replacement R) {
  switch (R) {
  case Replacement::Never:
    return "";
  case Replacement::Conditional:
    return " (may replace)";
  case Replacement::Always:
    return " (replaces)";
  }
  return "";
}

void printValueChange(const ValueChange &C, llvm::raw_ostream &OS) {
  ChangeKind K = !C.Before ? ChangeKind::Added : !C.After ? ChangeKind::Removed : ChangeKind::Modified;
  std::string Path = pathText(C.Path);
  OS << "    " << marker(K) << " " << (Path.empty() ? "value" : Path) << ": ";
  if (!C.CausedBy.empty())
    OS << shown(*C.After) << " (may change: " << C.CausedBy << " is replaced)";
  else if (K == ChangeKind::Modified)
    OS << shown(*C.Before) << " → " << shown(*C.After);
  else
    OS << shown(K == ChangeKind::Added ? *C.After : *C.Before);
  OS << effectNote(C.Replaces);
  if (!C.Source.empty())
    OS << "  " << C.Source;
  OS << "\n";
}

/// "(replaced)", "(may be replaced)", with what becomes of the data.
std::string resourceNotes(const ResourceChange &R) {
  std::string Notes;
  if (R.Kind == ChangeKind::Modified && R.Replaces == Replacement::Always)
    Notes += " (replaced)";
  else if (R.Kind == ChangeKind::Modified && R.Replaces == Replacement::Conditional)
    Notes += " (may be replaced)";
  if (R.DataAtRisk)
    Notes += R.Kind == ChangeKind::Removed
                 ? " [data at risk: no DeletionPolicy keeps it]"
                 : " [data at risk: no UpdateReplacePolicy keeps it]";
  else if (!R.KeptBy.empty())
    Notes += " (data kept: " + R.KeptBy + ")";
  return Notes;
}

void printResources(const TemplateDiff &D, llvm::raw_ostream &OS) {
  if (D.Resources.empty())
    return;
  OS << "Resources\n";
  for (const ResourceChange &R : D.Resources) {
    OS << marker(R.Kind) << " " << R.type() << " " << R.LogicalId;
    if (!R.Source.empty())
      OS << "  " << R.Source;
    OS << resourceNotes(R) << "\n";
    for (const ValueChange &C : R.Changes)
      printValueChange(C, OS);
  }
}

void printEntries(const TemplateDiff &D, llvm::raw_ostream &OS) {
  std::string Section;
  for (const EntryChange &E : D.Entries) {
    if (E.Section != Section) {
      OS << (Section.empty() && D.Resources.empty() ? "" : "\n") << E.Section << "\n";
      Section = E.Section;
    }
    if (!E.LogicalId.empty())
      OS << marker(E.Kind) << " " << E.LogicalId << "\n";
    for (const ValueChange &C : E.Changes)
      printValueChange(C, OS);
  }
}

json valueChangeToJson(const ValueChange &C) {
  json J;
  J["path"] = pathText(C.Path);
  J["before"] = C.Before ? *C.Before : json();
  J["after"] = C.After ? *C.After : json();
  J["replacement"] = replacementName(C.Replaces);
  if (!C.Reason.empty())
    J["reason"] = C.Reason;
  if (!C.CausedBy.empty())
    J["causedBy"] = C.CausedBy;
  if (!C.Source.empty())
    J["source"] = C.Source;
  return J;
}

} // namespace

std::string summaryLine(const TemplateDiff &D) {
  if (D.empty())
    return "no differences";
  unsigned Counts[3] = {0, 0, 0}, Replaced = 0, Maybe = 0, AtRisk = 0;
  for (const ResourceChange &R : D.Resources) {
    ++Counts[static_cast<int>(R.Kind)];
    Replaced += R.Kind == ChangeKind::Modified && R.Replaces == Replacement::Always;
    Maybe += R.Kind == ChangeKind::Modified && R.Replaces == Replacement::Conditional;
    AtRisk += R.DataAtRisk;
  }
  std::string Line;
  auto Part = [&](unsigned N, const std::string &Text) {
    if (N)
      Line += (Line.empty() ? "" : ", ") + std::to_string(N) + " " + Text;
  };
  Part(Counts[0], "to add");
  Part(Counts[1], "to remove");
  Part(Counts[2], "to modify");
  std::string Replacements;
  if (Replaced)
    Replacements = std::to_string(Replaced) + " replaced";
  if (Maybe)
    Replacements += (Replacements.empty() ? "" : ", ") + std::to_string(Maybe) + " may be replaced";
  if (!Replacements.empty())
    Line += " (" + Replacements + ")";
  Line = Line.empty() ? "no resource changes" : "resources: " + Line;
  if (AtRisk)
    Line += "; " + std::to_string(AtRisk) + (AtRisk == 1 ? " holds" : " hold") + " data at risk";
  if (!D.Entries.empty())
    Line += "; " + std::to_string(D.Entries.size()) + " other " +
            (D.Entries.size() == 1 ? "change" : "changes") + " (parameters, conditions, outputs...)";
  return Line;
}

void printDiff(const TemplateDiff &D, llvm::raw_ostream &OS) {
  printResources(D, OS);
  printEntries(D, OS);
  if (!D.empty())
    OS << "\n";
  OS << summaryLine(D) << "\n";
}

json diffToJson(const TemplateDiff &D) {
  json Resources = json::array();
  for (const ResourceChange &R : D.Resources) {
    json J;
    J["logicalId"] = R.LogicalId;
    J["type"] = R.type();
    J["change"] = changeKindName(R.Kind);
    if (R.Kind == ChangeKind::Modified && R.TypeBefore != R.TypeAfter)
      J["typeBefore"] = R.TypeBefore;
    J["replacement"] = R.Kind == ChangeKind::Modified ? replacementName(R.Replaces) : "never";
    J["holdsData"] = R.HoldsData;
    J["dataAtRisk"] = R.DataAtRisk;
    if (!R.KeptBy.empty())
      J["dataKeptBy"] = R.KeptBy;
    J["source"] = R.Source.empty() ? json() : json(R.Source);
    json Changes = json::array();
    for (const ValueChange &C : R.Changes)
      Changes.push_back(valueChangeToJson(C));
    J["changes"] = std::move(Changes);
    Resources.push_back(std::move(J));
  }
  json Entries = json::array();
  for (const EntryChange &E : D.Entries) {
    json J;
    J["section"] = E.Section;
    J["logicalId"] = E.LogicalId.empty() ? json() : json(E.LogicalId);
    J["change"] = changeKindName(E.Kind);
    json Changes = json::array();
    for (const ValueChange &C : E.Changes)
      Changes.push_back(valueChangeToJson(C));
    J["changes"] = std::move(Changes);
    Entries.push_back(std::move(J));
  }
  json Out;
  Out["resources"] = std::move(Resources);
  Out["other"] = std::move(Entries);
  Out["summary"] = summaryLine(D);
  return Out;
}

} // namespace cfc::diff
