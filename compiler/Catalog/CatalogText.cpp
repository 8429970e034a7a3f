// CatalogText — type spelling and one-sentence documentation summaries.
#include "Catalog/CatalogText.h"

#include "llvm/ADT/StringExtras.h"

namespace cfc::catalog {

std::string quote(llvm::StringRef Text) {
  std::string Out = "\"";
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    switch (C) {
    case '"':
      Out += "\\\"";
      break;
    case '\\':
      Out += "\\\\";
      break;
    case '\n':
      Out += "\\n";
      break;
    case '\r':
      Out += "\\r";
      break;
    case '\t':
      Out += "\\t";
      break;
    case '$':
      // Only "${" would start an interpolation.
      Out += I + 1 < Text.size() && Text[I + 1] == '{' ? "\\$" : "$";
      break;
    default:
      if (static_cast<unsigned char>(C) < 0x20)
        Out += "\\u{" + llvm::utohexstr(static_cast<unsigned char>(C)) + "}";
      else
        Out += C;
    }
  }
  return Out + "\"";
}

static std::string spellLiterals(const PropertyType &T) {
  std::string Out;
  for (const std::string &V : T.AllowedValues) {
    if (!Out.empty())
      Out += " | ";
    Out += quote(V);
  }
  return Out;
}

std::string spell(const PropertyType &T, const SpellingOptions &Opts) {
  switch (T.Kind) {
  case TypeKind::String:
    return Opts.LiteralUnions && !T.AllowedValues.empty() ? spellLiterals(T) : "string";
  case TypeKind::Integer:
    return "int";
  case TypeKind::Number:
    return "number";
  case TypeKind::Boolean:
    return "bool";
  case TypeKind::Json:
    return "json";
  case TypeKind::DateTime:
    return "string";
  case TypeKind::Tag:
    return "{Key: string, Value: string}";
  // Appending, not "[" + ...: GCC 12 warns falsely (-Wrestrict) on the latter.
  case TypeKind::List:
    return std::string("[").append(spell(*T.Element, Opts)).append("]");
  case TypeKind::Map:
    return std::string("{string: ").append(spell(*T.Element, Opts)).append("}");
  case TypeKind::Struct:
    return T.Struct->Name;
  case TypeKind::Union: {
    std::string Out;
    for (const PropertyType *M : T.Members) {
      if (!Out.empty())
        Out += " | ";
      Out += spell(*M, Opts);
    }
    return Out;
  }
  }
  return "json";
}

/// Markdown to plain text: `[text](url)` becomes text, `*` and `_` emphasis
/// marks go, line breaks become spaces, runs of spaces collapse, and the
/// spec's habit of a space before punctuation after a link (" .") is undone.
/// Code spans are copied untouched.
static std::string plainText(llvm::StringRef Md) {
  std::string Out;
  bool InCode = false;
  for (size_t I = 0; I < Md.size(); ++I) {
    char C = Md[I];
    if (C == '`')
      InCode = !InCode;
    if (!InCode && C == '[') {
      size_t Close = Md.find("](", I);
      size_t End = Close == llvm::StringRef::npos ? Close : Md.find(')', Close);
      if (End != llvm::StringRef::npos && Md.slice(I, Close).count('\n') == 0) {
        Out += plainText(Md.slice(I + 1, Close));
        I = End;
        continue;
      }
    }
    if (!InCode && C == '*')
      continue;
    if (C == '\n' || C == '\t')
      C = ' ';
    if (C == ' ' && (Out.empty() || Out.back() == ' '))
      continue;
    if ((C == '.' || C == ',') && !Out.empty() && Out.back() == ' ' && !InCode)
      Out.pop_back();
    Out += C;
  }
  while (!Out.empty() && Out.back() == ' ')
    Out.pop_back();
  return Out;
}

/// Whether the period at Text[Dot] ends a sentence: a space and a capital
/// (or the end) follow, and it is not the dot of "e.g." and its kind.
static bool endsSentence(llvm::StringRef Text, size_t Dot) {
  if (Dot + 1 == Text.size())
    return true;
  if (Text[Dot + 1] != ' ' || Dot + 2 >= Text.size())
    return false;
  char Next = Text[Dot + 2];
  if (!(Next >= 'A' && Next <= 'Z') && Next != '`' && Next != '(' && Next != '"')
    return false;
  llvm::StringRef Before = Text.take_front(Dot);
  for (llvm::StringRef Abbreviation : {"e.g", "i.e", "etc", "vs", "approx", "No", "Inc"})
    if (Before.endswith(Abbreviation) &&
        (Before.size() == Abbreviation.size() ||
         !llvm::isAlnum(Before[Before.size() - Abbreviation.size() - 1])))
      return false;
  return true;
}

std::string summarize(llvm::StringRef Markdown) {
  llvm::StringRef Para = Markdown.trim();
  Para = Para.take_front(Para.find("\n\n")).trim();
  while (Para.consume_front(">"))
    Para = Para.ltrim();
  std::string Text = plainText(Para);
  bool InCode = false;
  for (size_t I = 0; I < Text.size(); ++I) {
    if (Text[I] == '`')
      InCode = !InCode;
    if (!InCode && (Text[I] == '.' || Text[I] == '!' || Text[I] == '?') && endsSentence(Text, I))
      return Text.substr(0, I + 1);
  }
  return Text;
}

std::optional<unsigned> unlikeness(llvm::StringRef Wanted, llvm::StringRef Candidate) {
  unsigned Limit = std::max<unsigned>(2, Wanted.size() / 3);
  // The lengths alone rule most candidates out before anything is copied,
  // and keep a megabyte-long "name" from costing a distance computation.
  if (Wanted.size() > Candidate.size() + Limit)
    return std::nullopt;
  std::string W = Wanted.lower(), C = Candidate.lower();
  bool Contains = W.size() >= 3 && llvm::StringRef(C).contains(W);
  if (C.size() > W.size() + Limit)
    return Contains ? std::optional<unsigned>(Limit) : std::nullopt;
  unsigned Distance = llvm::StringRef(C).edit_distance(W, true, Limit);
  if (Distance <= Limit)
    return Distance;
  return Contains ? std::optional<unsigned>(Limit) : std::nullopt;
}

std::string numberText(double N) {
  if (N == static_cast<double>(static_cast<long long>(N)) && N > -1e15 && N < 1e15)
    return std::to_string(static_cast<long long>(N));
  std::string Text = std::to_string(N);
  while (!Text.empty() && Text.back() == '0')
    Text.pop_back();
  return Text;
}

std::string boundsText(std::optional<double> Min, std::optional<double> Max) {
  if (Min && Max)
    return *Min == *Max ? "exactly " + numberText(*Min) : numberText(*Min) + " to " + numberText(*Max);
  if (Min)
    return "at least " + numberText(*Min);
  if (Max)
    return "at most " + numberText(*Max);
  return "";
}

namespace {
std::optional<double> asDouble(std::optional<uint64_t> N) {
  if (!N)
    return std::nullopt;
  return static_cast<double>(*N);
}
} // namespace

std::vector<std::string> limitsText(const ValueLimits &L, bool WithEnum) {
  std::vector<std::string> Out;
  if (std::string R = boundsText(L.Minimum, L.Maximum); !R.empty())
    Out.push_back(R);
  if (std::string R = boundsText(asDouble(L.MinLength), asDouble(L.MaxLength)); !R.empty())
    Out.push_back("length " + R);
  if (!L.Pattern.empty())
    Out.push_back("pattern " + L.Pattern);
  if (!L.Enum.empty() && WithEnum) {
    std::string Values;
    for (const std::string &V : L.Enum)
      Values += (Values.empty() ? "" : ", ") + V;
    Out.push_back("one of " + Values);
  }
  if (std::string R = boundsText(asDouble(L.MinItems), asDouble(L.MaxItems)); !R.empty())
    Out.push_back(R + " items");
  if (L.UniqueItems)
    Out.push_back("unique items");
  for (const auto &[Name, Inner] : {std::pair{"items", L.Items}, std::pair{"values", L.Values}})
    if (Inner) {
      std::string Joined;
      for (const std::string &Part : limitsText(*Inner))
        Joined += (Joined.empty() ? "" : ", ") + Part;
      if (!Joined.empty())
        Out.push_back(std::string(Name) + ": " + Joined);
    }
  return Out;
}

std::string propertySetText(const std::vector<std::string> &Set) {
  std::string Out;
  for (const std::string &Name : Set)
    Out += (Out.empty() ? "'" : " with '") + Name + "'";
  return Out;
}

std::string propertySetsText(const std::vector<std::vector<std::string>> &Sets) {
  std::string Out;
  for (const auto &Set : Sets)
    Out += (Out.empty() ? "" : ", ") + propertySetText(Set);
  return Out;
}

std::string presenceRuleText(const PresenceRule &R) {
  switch (R.RuleKind) {
  case PresenceRule::ExactlyOne: return "exactly one of " + propertySetsText(R.Sets);
  case PresenceRule::AtLeastOne: return "at least one of " + propertySetsText(R.Sets);
  case PresenceRule::Requires: return "'" + R.If + "' only with " + propertySetText(R.Sets.front());
  }
  return "";
}

} // namespace cfc::catalog
