// ValueLimits — schema constraints on compile-time values (see the header).
#include "Sema/ValueLimits.h"

#include "Basic/EcmaRegex.h"
#include "Basic/Names.h"
#include "Catalog/CatalogText.h"

#include "llvm/ADT/StringExtras.h"

#include <cmath>
#include <set>

namespace cfc::sema {

using catalog::boundsText;
using catalog::numberText;
using ir::Value;

namespace {

/// JSON Schema counts a string's length in code points, not bytes.
uint64_t codePoints(llvm::StringRef S) {
  uint64_t N = 0;
  for (unsigned char C : S)
    N += (C & 0xC0) != 0x80;
  return N;
}

std::optional<double> asDouble(std::optional<uint64_t> N) {
  if (!N)
    return std::nullopt;
  return static_cast<double>(*N);
}

/// A constant value as canonical text, for telling equal items apart;
/// nothing when some part of it is decided at deploy time.
std::optional<std::string> canonical(const Value &V) {
  switch (V.kind()) {
  case Value::Kind::Bool: return V.asBool() ? "true" : "false";
  case Value::Kind::Int: return std::to_string(V.asInt());
  case Value::Kind::Number: return V.text();
  case Value::Kind::String:
    if (!V.isConstant())
      return std::nullopt;
    return catalog::quote(V.text());
  case Value::Kind::List:
  case Value::Kind::Object: {
    bool IsList = V.kind() == Value::Kind::List;
    std::vector<std::string> Parts;
    auto Add = [&](const std::string &Key, const Value &E) {
      std::optional<std::string> Item = canonical(E);
      if (Item)
        Parts.push_back(IsList ? *Item : Key + ": " + *Item);
      return Item.has_value();
    };
    if (IsList) {
      for (const ir::ValuePtr &E : V.elements())
        if (!Add("", *E))
          return std::nullopt;
    } else {
      for (const auto &[Key, E] : V.fields())
        if (!Add(Key, *E))
          return std::nullopt;
    }
    return (IsList ? "[" : "{") + llvm::join(Parts, ", ") + (IsList ? "]" : "}");
  }
  default: return std::nullopt;
  }
}

/// Whether the source at V's origin is the number itself, so that a fix-it
/// may replace it with another number.
bool writtenAsNumber(const Value &V, const SourceManager &SM) {
  const ir::Origin &O = V.origin();
  llvm::StringRef Text = SM.text(O.File);
  if (O.Range.End > Text.size() || O.Range.Begin >= O.Range.End)
    return false;
  llvm::StringRef Written = Text.slice(O.Range.Begin, O.Range.End);
  return llvm::all_of(Written, [](char C) { return llvm::isDigit(C) || C == '-' || C == '.' || C == '_'; });
}

void checkNumber(const Value &V, double N, const catalog::ValueLimits &L, const std::string &What,
                 const SourceManager &SM, DiagnosticEngine &Diags) {
  const ir::Origin &O = V.origin();
  bool Low = L.Minimum && N < *L.Minimum, High = L.Maximum && N > *L.Maximum;
  if (Low || High) {
    std::string Shown = V.kind() == Value::Kind::Int ? std::to_string(V.asInt()) : V.text();
    auto D = Diags.report(O.File, O.Range, diag::ValueOutOfRange, What, Shown, boundsText(L.Minimum, L.Maximum));
    if (writtenAsNumber(V, SM)) {
      std::string Nearest = numberText(Low ? *L.Minimum : *L.Maximum);
      D.fix("use " + Nearest + ", the nearest value AWS allows", O.Range, Nearest);
    }
    return;
  }
  if (L.Enum.empty())
    return;
  std::optional<double> Best;
  for (const std::string &Allowed : L.Enum) {
    double A;
    if (llvm::StringRef(Allowed).getAsDouble(A))
      return; // A string enum on a number: nothing to compare with.
    if (A == N)
      return;
    if (!Best || std::fabs(A - N) < std::fabs(*Best - N))
      Best = A;
  }
  std::string Shown = V.kind() == Value::Kind::Int ? std::to_string(V.asInt()) : V.text();
  auto D = Diags.report(O.File, O.Range, diag::IntegerNotAllowed, What, Shown, llvm::join(L.Enum, ", "));
  if (Best && writtenAsNumber(V, SM))
    D.fix("did you mean " + numberText(*Best) + "?", O.Range, numberText(*Best));
}

void checkString(const Value &V, const catalog::ValueLimits &L, const std::string &What,
                 DiagnosticEngine &Diags) {
  // An interpolation of deploy-time values (an Fn::Sub) is not known yet,
  // and a dynamic reference ({{resolve:ssm:...}}) is replaced at deploy time.
  // std::string's find (a memchr for the first byte), not StringRef's,
  // which fills a skip table on each call.
  if (!V.isConstant() || V.text().find("{{resolve:") != std::string::npos)
    return;
  const ir::Origin &O = V.origin();
  uint64_t Length = codePoints(V.text());
  if ((L.MinLength && Length < *L.MinLength) || (L.MaxLength && Length > *L.MaxLength)) {
    Diags.report(O.File, O.Range, diag::LengthOutOfRange, What, Length,
                 boundsText(asDouble(L.MinLength), asDouble(L.MaxLength)));
    return;
  }
  if (!L.Enum.empty() && std::find(L.Enum.begin(), L.Enum.end(), V.text()) == L.Enum.end()) {
    std::vector<std::string> Quoted;
    for (const std::string &A : L.Enum)
      Quoted.push_back(catalog::quote(A));
    auto D = Diags.report(O.File, O.Range, diag::ValueNotAllowed, V.text(), What, llvm::join(Quoted, ", "));
    if (std::string Best = closest(V.text(), L.Enum); !Best.empty())
      D.fix("did you mean " + catalog::quote(Best) + "?", O.Range, catalog::quote(Best));
    return;
  }
  if (!L.Pattern.empty() && searchPattern(L.Pattern, V.text()) == PatternMatch::Fails)
    Diags.report(O.File, O.Range, diag::PatternMismatch, What, V.text(), L.Pattern);
}

void checkList(const Value &V, const catalog::ValueLimits &L, const std::string &What, DiagnosticEngine &Diags) {
  const ir::Origin &O = V.origin();
  // An Fn::If item may turn out AWS::NoValue: it counts towards a minimum
  // (it may be there) but not towards a maximum (it may not).
  uint64_t Count = V.elements().size(), Certain = 0;
  for (const ir::ValuePtr &E : V.elements())
    Certain += !(E->kind() == Value::Kind::Intrinsic && E->text() == "Fn::If");
  if ((L.MinItems && Count < *L.MinItems) || (L.MaxItems && Certain > *L.MaxItems)) {
    Diags.report(O.File, O.Range, diag::ItemCountOutOfRange, What, Count == Certain ? Count : Certain,
                 boundsText(asDouble(L.MinItems), asDouble(L.MaxItems)));
    return;
  }
  if (!L.UniqueItems)
    return;
  std::set<std::string> Seen;
  for (const ir::ValuePtr &E : V.elements()) {
    std::optional<std::string> Text = canonical(*E);
    if (Text && !Seen.insert(*Text).second) {
      Diags.report(E->origin().File, E->origin().Range, diag::DuplicateItem, What, *Text);
      return;
    }
  }
}

/// Present, absent, or decided at deploy time (an Fn::If, which may give
/// AWS::NoValue).
std::optional<bool> presence(const Value &Obj, llvm::StringRef Name) {
  ir::ValuePtr V = Obj.field(Name);
  if (!V || V->kind() == Value::Kind::None)
    return false;
  if (V->kind() == Value::Kind::Intrinsic && V->text() == "Fn::If")
    return std::nullopt;
  return true;
}

/// Whether every property of Set is present; nothing when one is unknown.
std::optional<bool> allPresent(const Value &Obj, const std::vector<std::string> &Set) {
  bool All = true;
  for (const std::string &Name : Set) {
    std::optional<bool> P = presence(Obj, Name);
    if (!P)
      return std::nullopt;
    All = All && *P;
  }
  return All;
}

void checkOneOf(const Value &Obj, const catalog::PresenceRule &Rule, const std::string &Owner,
                DiagnosticEngine &Diags) {
  std::vector<const std::vector<std::string> *> Present;
  for (const auto &Set : Rule.Sets) {
    std::optional<bool> P = allPresent(Obj, Set);
    if (!P)
      return;
    if (*P)
      Present.push_back(&Set);
  }
  const ir::Origin &O = Obj.origin();
  if (Present.empty()) {
    bool One = Rule.RuleKind == catalog::PresenceRule::ExactlyOne;
    Diags.report(O.File, O.Range, diag::OneOfPropertiesRequired, Owner, catalog::propertySetsText(Rule.Sets),
                 One ? "exactly one of them" : "at least one of them");
    return;
  }
  if (Present.size() > 1 && Rule.RuleKind == catalog::PresenceRule::ExactlyOne) {
    // On the second one's value: the first is as good a choice, and a
    // value points at the user's line where the object may not.
    ir::ValuePtr Second = Obj.field(Present[1]->front());
    const ir::Origin &At = Second ? Second->origin() : O;
    Diags.report(At.File, At.Range, diag::ExclusiveProperties, Owner, catalog::propertySetText(*Present[0]),
                 catalog::propertySetText(*Present[1]), catalog::propertySetsText(Rule.Sets));
  }
}

void checkRequires(const Value &Obj, const catalog::PresenceRule &Rule, const std::string &Owner,
                   DiagnosticEngine &Diags) {
  std::optional<bool> If = presence(Obj, Rule.If);
  if (!If || !*If)
    return;
  std::vector<std::string> Missing;
  for (const std::string &Name : Rule.Sets.front()) {
    std::optional<bool> P = presence(Obj, Name);
    if (!P)
      return;
    if (!*P)
      Missing.push_back(Name);
  }
  if (Missing.empty())
    return;
  ir::ValuePtr V = Obj.field(Rule.If);
  const ir::Origin &At = V ? V->origin() : Obj.origin();
  Diags.report(At.File, At.Range, diag::PropertyNeedsOther, Owner, Rule.If, catalog::propertySetText(Missing));
}

} // namespace

void checkValueLimits(const Value &V, const catalog::ValueLimits &L, const std::string &What,
                      const SourceManager &SM, DiagnosticEngine &Diags) {
  switch (V.kind()) {
  case Value::Kind::Int: return checkNumber(V, static_cast<double>(V.asInt()), L, What, SM, Diags);
  case Value::Kind::Number: {
    double N;
    if (!llvm::StringRef(V.text()).getAsDouble(N))
      checkNumber(V, N, L, What, SM, Diags);
    return;
  }
  case Value::Kind::String: return checkString(V, L, What, Diags);
  case Value::Kind::List: return checkList(V, L, What, Diags);
  default: return;
  }
}

void checkPresenceRules(const Value &Obj, llvm::ArrayRef<catalog::PresenceRule> Rules, const std::string &Owner,
                        DiagnosticEngine &Diags) {
  for (const catalog::PresenceRule &Rule : Rules) {
    if (Rule.RuleKind == catalog::PresenceRule::Requires)
      checkRequires(Obj, Rule, Owner, Diags);
    else
      checkOneOf(Obj, Rule, Owner, Diags);
  }
}

} // namespace cfc::sema
