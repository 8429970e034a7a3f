// Limits — the checks.
#include "IR/Limits.h"

namespace cfc::ir {

static unsigned countDynamicReferences(const Value &V) {
  switch (V.kind()) {
  case Value::Kind::String: {
    unsigned N = 0;
    for (size_t I = V.text().find("{{resolve:"); I != std::string::npos; I = V.text().find("{{resolve:", I + 1))
      ++N;
    return N;
  }
  case Value::Kind::List:
  case Value::Kind::Intrinsic: {
    unsigned N = 0;
    for (const ValuePtr &E : V.elements())
      N += countDynamicReferences(*E);
    return N;
  }
  case Value::Kind::Object: {
    unsigned N = 0;
    for (const auto &F : V.fields())
      N += countDynamicReferences(*F.second);
    return N;
  }
  default:
    return 0;
  }
}

void checkLimits(const Template &T, DiagnosticEngine &Diags) {
  Origin First = T.Resources.empty() ? Origin() : T.Resources.front().Where;
  if (T.Resources.size() > limits::Resources.Value) {
    const Origin &At = T.Resources[limits::Resources.Value].Where;
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
    Diags.report(First.File, {}, diag::DescriptionTooLong, T.Description.size(), limits::Description.Value);
  unsigned Dynamic = 0;
  for (const Resource &R : T.Resources)
    Dynamic += countDynamicReferences(*R.Properties);
  if (Dynamic > limits::DynamicReferences.Value)
    Diags.report(First.File, {}, diag::TooManyDynamicReferences, Dynamic, limits::DynamicReferences.Value);
  for (size_t I = 0; I < T.Outputs.size(); ++I) {
    const ValuePtr &Name = T.Outputs[I].ExportName;
    if (!Name || Name->kind() != Value::Kind::String)
      continue;
    for (size_t J = 0; J < I; ++J)
      if (T.Outputs[J].ExportName && T.Outputs[J].ExportName->kind() == Value::Kind::String &&
          T.Outputs[J].ExportName->text() == Name->text())
        Diags.report(Name->origin().File, Name->origin().Range, diag::DuplicateExport, Name->text())
            .note(T.Outputs[J].ExportName->origin().File, T.Outputs[J].ExportName->origin().Range,
                  "first used here");
  }
}

void checkTemplateSize(size_t Bytes, DiagnosticEngine &Diags) {
  if (Bytes > limits::TemplateBody.Value)
    Diags.report(0, {}, diag::TemplateTooLarge, Bytes, limits::TemplateBody.Value);
  else if (Bytes > limits::TemplateInline.Value)
    Diags.report(0, {}, diag::TemplateNeedsS3, Bytes, limits::TemplateInline.Value);
}

} // namespace cfc::ir
