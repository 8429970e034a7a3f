// ConditionalProperties — a resource whose whole Properties is a choice:
// CloudFormation takes `Properties: {"Fn::If": [C, {...}, {...}]}`, and
// `cfc import` keeps it as `@attributes({Properties: c ? {...} : {...}})`
// on a resource without a body. Each body is checked against the type as
// a written one would be.
#include "Sema/Evaluator.h"

namespace cfc::sema {

using ir::Value;
using ir::ValuePtr;

namespace {

bool isNoValue(const Value &V) {
  return V.kind() == Value::Kind::Intrinsic && V.text() == "Ref" && V.elements().size() == 1 &&
         V.elements()[0]->text() == "AWS::NoValue";
}

bool isChoice(const Value &V) {
  return V.kind() == Value::Kind::Intrinsic && V.text() == "Fn::If" && V.elements().size() == 3;
}

} // namespace

void Evaluator::takeConditionalProperties(ir::Resource &R, const ast::ResourceDecl *D, FileId File) {
  ValuePtr Props = R.Attributes->field("Properties");
  const Origin &O = Props->origin();
  if (D->Body) {
    Diags.report(O.File, O.Range, diag::InvalidDecorator, "attributes",
                 "sets Properties, which the resource's body already writes; write them in the body");
    return;
  }
  if (!isChoice(*Props)) {
    Diags.report(O.File, O.Range, diag::InvalidDecorator, "attributes",
                 "takes Properties only as a choice of whole bodies (c ? {...} : {...}); write the "
                 "properties in the resource's body");
    return;
  }
  // Each branch: a body, none (no properties), or another choice.
  std::vector<ValuePtr> Pending = {Props};
  while (!Pending.empty()) {
    ValuePtr Choice = Pending.back();
    Pending.pop_back();
    for (size_t I = 1; I < 3; ++I) {
      const ValuePtr &Branch = Choice->elements()[I];
      if (isChoice(*Branch))
        Pending.push_back(Branch);
      else if (Branch->kind() == Value::Kind::Object) {
        if (!R.Type.empty())
          checkProperties(R.Type, D->Name.Name, Branch, nullptr, File);
      } else if (!isNoValue(*Branch))
        Diags.report(Branch->origin().File, Branch->origin().Range, diag::TypeMismatch,
                     "a branch of Properties", "an object of properties or none", describe(*Branch));
    }
  }
  R.Properties = Props;
  std::vector<std::pair<std::string, ValuePtr>> Rest;
  for (const auto &Field : R.Attributes->fields())
    if (Field.first != "Properties")
      Rest.push_back(Field);
  R.Attributes = Rest.empty() ? nullptr : Value::object(std::move(Rest), R.Attributes->origin());
}

} // namespace cfc::sema
