// Limits — the checks.
#include "IR/Limits.h"

#include <algorithm>

namespace cfc::ir {

/// Collects where each dynamic reference ("{{resolve:...}}") of V was
/// written, so the one over the limit can be pointed at.
static void collectDynamicReferences(const Value &V, std::vector<Origin> &Out) {
  switch (V.kind()) {
  case Value::Kind::String:
    for (size_t I = V.text().find("{{resolve:"); I != std::string::npos; I = V.text().find("{{resolve:", I + 1))
      Out.push_back(V.origin());
    return;
  case Value::Kind::List:
  case Value::Kind::Intrinsic:
    for (const ValuePtr &E : V.elements())
      collectDynamicReferences(*E, Out);
    return;
  case Value::Kind::Object:
    for (const auto &F : V.fields())
      collectDynamicReferences(*F.second, Out);
    return;
  default:
    return;
  }
}

/// What an export name will be at deploy time, as far as the compiler can
/// tell: the text of a constant, the template of a plain Fn::Sub (the same
/// template gives the same name within one stack), else "" (unknown).
static std::string exportKey(const ValuePtr &Name) {
  if (!Name)
    return "";
  if (Name->kind() == Value::Kind::String)
    return Name->text();
  if (Name->kind() == Value::Kind::Intrinsic && Name->text() == "Fn::Sub" && Name->singleArgument() &&
      Name->elements()[0]->kind() == Value::Kind::String)
    return Name->elements()[0]->text();
  return "";
}

/// Each export name used by an earlier output is reported once, at the
/// later use, with the first use as a note.
static void checkExports(const Template &T, DiagnosticEngine &Diags) {
  std::vector<std::string> Keys;
  for (const Output &O : T.Outputs)
    Keys.push_back(exportKey(O.ExportName));
  for (size_t I = 0; I < Keys.size(); ++I) {
    if (Keys[I].empty())
      continue;
    auto First = std::find(Keys.begin(), Keys.begin() + I, Keys[I]);
    if (First == Keys.begin() + I)
      continue;
    const Origin &At = T.Outputs[I].ExportName->origin();
    const Origin &Then = T.Outputs[First - Keys.begin()].ExportName->origin();
    Diags.report(At.File, At.Range, diag::DuplicateExport, Keys[I]).note(Then.File, Then.Range, "first used here");
  }
}

void checkLimits(const Template &T, DiagnosticEngine &Diags) {
  if (T.Resources.size() > limits::Resources.Value) {
    const Origin &At = reportedAt(T.Resources[limits::Resources.Value]);
    Diags.report(At.File, At.Range, diag::TooManyResources, T.Resources.size(), limits::Resources.Value);
  }
  if (T.Parameters.size() > limits::Parameters.Value) {
    const Origin &At = T.Parameters[limits::Parameters.Value].Where;
    Diags.report(At.File, At.Range, diag::TooManyParameters, T.Parameters.size(), limits::Parameters.Value);
  }
  if (T.Outputs.size() > limits::Outputs.Value) {
    const Origin &At = T.Outputs[limits::Outputs.Value].Where;
    Diags.report(At.File, At.Range, diag::TooManyOutputs, T.Outputs.size(), limits::Outputs.Value);
  }
  if (T.Description.size() > limits::Description.Value)
    Diags.report(T.DescriptionWhere.File, T.DescriptionWhere.Range, diag::DescriptionTooLong,
                 T.Description.size(), limits::Description.Value);
  std::vector<Origin> Dynamic;
  for (const Resource &R : T.Resources)
    collectDynamicReferences(*R.Properties, Dynamic);
  if (Dynamic.size() > limits::DynamicReferences.Value) {
    const Origin &At = Dynamic[limits::DynamicReferences.Value];
    Diags.report(At.File, At.Range, diag::TooManyDynamicReferences, Dynamic.size(),
                 limits::DynamicReferences.Value);
  }
  checkExports(T, Diags);
}

void checkTemplateSize(size_t Bytes, DiagnosticEngine &Diags) {
  if (Bytes > limits::TemplateBody.Value)
    Diags.report(0, {}, diag::TemplateTooLarge, Bytes, limits::TemplateBody.Value);
  else if (Bytes > limits::TemplateInline.Value)
    Diags.report(0, {}, diag::TemplateNeedsS3, Bytes, limits::TemplateInline.Value);
}

} // namespace cfc::ir
