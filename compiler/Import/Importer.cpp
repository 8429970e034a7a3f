// Importer — writes .cfn source for a CloudFormation template: parameters,
// conditions as lets, resources with pinned logical IDs, outputs; intrinsic
// functions as cfc expressions, and raw(...) / @attributes(...) for what has
// no idiom (each such use is a Finding).
#include "Import/Importer.h"
#include "Lint/Lint.h"
#include "Rules/LambdaRuntimes.h"

#include "Basic/Names.h"

#include "Catalog/Catalog.h"
#include "Catalog/ResourceType.h"

#include <cmath>
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace cfc::import {

using nlohmann::ordered_json;
using catalog::PropertyType;
using catalog::TypeKind;

namespace {

/// Obj[Key] when it is a string, else Default: a malformed template (a number
/// where a name belongs) gets a default, not an exception.
std::string stringOr(const ordered_json &Obj, const char *Key, std::string Default) {
  auto It = Obj.find(Key);
  return It != Obj.end() && It->is_string() ? It->get<std::string>() : Default;
}


bool isKeyword(llvm::StringRef S) {
  static const std::set<std::string> Words = {"param", "let",  "resource",    "output", "import",
                                              "for",   "component", "true", "false", "none",
                                              "description", "type", "as",   "in",     "fn", "aws"};
  return Words.count(S.str()) != 0;
}

/// The indentation of a nesting level, which stops growing at 32 levels:
/// a template nested 250 levels deep with many values inside would
/// otherwise come out hundreds of times its size (the braces still say
/// where each value ends; `cfc fmt` lays it out fully).
std::string pad(unsigned Indent) { return std::string(std::min(Indent, 32u) * 2, ' '); }

bool isIdentifier(llvm::StringRef S) {
  if (S.empty() || isdigit(static_cast<unsigned char>(S[0])))
    return false;
  for (char C : S)
    if (!isalnum(static_cast<unsigned char>(C)) && C != '_')
      return false;
  return true;
}

/// The lowerCamel name of a logical ID: "WebServer" -> "webServer",
/// "VPCId" -> "vpcId", "EC2Instance" -> "ec2Instance".
std::string idiomaticName(llvm::StringRef Id) {
  std::string Out;
  for (char C : Id)
    if (isalnum(static_cast<unsigned char>(C)) || C == '_')
      Out += C;
  size_t Run = 0;
  while (Run < Out.size() && isupper(static_cast<unsigned char>(Out[Run])))
    ++Run;
  size_t Lower = Run;
  if (Run > 1 && Run < Out.size() && islower(static_cast<unsigned char>(Out[Run])))
    Lower = Run - 1; // "VPCId": the I starts the next word.
  for (size_t I = 0; I < Lower; ++I)
    Out[I] = static_cast<char>(tolower(static_cast<unsigned char>(Out[I])));
  if (Out.empty() || isdigit(static_cast<unsigned char>(Out[0])))
    Out = "r" + Out;
  return Out;
}

/// A string literal: escapes, and `\$` where a `{` follows so no text reads
/// as interpolation.
std::string quoteText(llvm::StringRef S) {
  std::string Out;
  for (size_t I = 0; I < S.size(); ++I) {
    unsigned char C = S[I];
    switch (C) {
    case '\\': Out += "\\\\"; break;
    case '"': Out += "\\\""; break;
    case '\n': Out += "\\n"; break;
    case '\r': Out += "\\r"; break;
    case '\t': Out += "\\t"; break;
    case '$': Out += (I + 1 < S.size() && S[I + 1] == '{') ? "\\$" : "$"; break;
    default:
      if (C < 0x20 || C == 0x7f) {
        char Buf[16];
        snprintf(Buf, sizeof Buf, "\\u{%x}", C);
        Out += Buf;
      } else {
        Out += static_cast<char>(C);
      }
    }
  }
  return Out;
}

std::string quote(llvm::StringRef S) {
  // Inline code and scripts read best verbatim, in a raw string.
  if (S.contains('\n') && !S.contains("\"\"\"") && !S.endswith("\"") && !S.contains('\r') &&
      S.size() > 40)
    return "\"\"\"\n" + S.str() + "\"\"\"";
  return "\"" + quoteText(S) + "\"";
}

/// Text as a number literal when it is one (`51`, `-2.5`), else as a
/// string: a Number parameter's default of `51MB` is the template's
/// mistake, which the build then reports, not a syntax error.
std::string numberOrString(llvm::StringRef Text) {
  llvm::StringRef Digits = Text;
  Digits.consume_front("-");
  auto [Whole, Fraction] = Digits.split('.');
  auto AllDigits = [](llvm::StringRef S) { return !S.empty() && llvm::all_of(S, llvm::isDigit); };
  bool IsNumber = AllDigits(Whole) && (!Digits.contains('.') || AllDigits(Fraction));
  return IsNumber ? Text.str() : quote(Text);
}

std::string key(const std::string &K) {
  // Never a raw string: a key is a name, and `"""` is no key.
  return isIdentifier(K) && !isKeyword(K) ? K : "\"" + quoteText(K) + "\"";
}

std::string scalarText(const ordered_json &J) {
  if (J.is_string())
    return J.get<std::string>();
  if (J.is_boolean())
    return J.get<bool>() ? "true" : "false";
  return J.is_number() ? numberText(J) : J.dump();
}

bool isIntrinsic(const ordered_json &J) {
  if (!J.is_object() || J.size() != 1)
    return false;
  const std::string &K = J.begin().key();
  return K == "Ref" || K == "Condition" || llvm::StringRef(K).startswith("Fn::");
}

/// A rendered expression; Raw when it came out as raw(...), which only fits
/// where any JSON value does.
struct Expr {
  std::string Text;
  bool Raw = false;
};

const char *const Pseudos[][2] = {
    {"AWS::AccountId", "aws.accountId"}, {"AWS::NotificationARNs", "aws.notificationArns"},
    {"AWS::Partition", "aws.partition"}, {"AWS::Region", "aws.region"},
    {"AWS::StackId", "aws.stackId"},     {"AWS::StackName", "aws.stackName"},
    {"AWS::URLSuffix", "aws.urlSuffix"}, {"AWS::NoValue", "aws.noValue"}};

class Writer {
public:
  Writer(const ordered_json &T, const ordered_json &Loops, std::vector<Finding> &Findings)
      : T(T), Loops(Loops), Findings(Findings) {}
  std::string run();

private:
  const ordered_json &T;
  const ordered_json &Loops; ///< Fn::ForEach entries by section, kept as written.
  std::vector<Finding> &Findings;
  std::string Out;
  std::string Where; ///< The declaration being written, for findings.
  std::set<std::string> Used;
  std::map<std::string, std::string> Params, Resources, Conditions;
  std::map<std::string, std::string> ResourceTypes;
  /// Intrinsics already written, by node, indentation and Fn::If context.
  std::map<std::tuple<const ordered_json *, unsigned, bool>, Expr> Rendered;
  unsigned RenderDepth = 0; ///< Intrinsics being rendered inside one another.
  /// The text of each long value already rendered, which the text of the
  /// value around it names by a placeholder instead of holding a copy:
  /// a value nested 250 levels deep was otherwise copied into each of its
  /// 250 ancestors (cubic-looking time for a deep and wide template).
  /// run() puts each text in its place once, at the end.
  std::vector<std::string> Chunks;

  Expr keep(Expr E);
  void expandInto(llvm::StringRef Text, std::string &Result) const;

  std::string claim(const std::string &Id);
  void note(const std::string &What, const std::string &How) { Findings.push_back({What, Where, How}); }

  Expr value(const ordered_json &J, unsigned Indent, const PropertyType *Type, bool InIf);
  Expr object(const ordered_json &J, unsigned Indent, const catalog::ResourceType *R,
              const PropertyType *Type, bool InIf);
  Expr intrinsic(const ordered_json &J, unsigned Indent, bool InIf);
  Expr raw(const ordered_json &J, unsigned Indent, const std::string &What);
  bool sub(const ordered_json &Arg, std::string &Text);
  std::string reference(const std::string &Name, bool InIf);
  std::string getAtt(const std::string &Res, const std::string &Attr);
  std::string condition(const ordered_json &J, int Context);
  std::string equalsOperand(const ordered_json &J);

  void writeParams();
  void writeConditions();
  void writeResources();
  void writeOutputs();
  /// Fields written already, as (key, cfc text).
  using Fields = std::vector<std::pair<std::string, std::string>>;
  void writeAttributes(const ordered_json &Extra, unsigned Indent, const Fields &Written = {});
  std::string loopSection(const ordered_json &Loops);
  std::string uncataloguedType(const std::string &Type);
  std::string propertiesChoice(const ordered_json &Props, const catalog::ResourceType *RT);
  void writeSuppressions(const ordered_json &Metadata, const ordered_json &Resource);
};

/// A name for a logical ID, unique among the stack's names. Parameters,
/// conditions and resources all take @logicalId, so the name need not give
/// the ID back by pascalCase; the writers pin it where it does not. A
/// trailing `_` makes a name unique (pascalCase drops it).
std::string Writer::claim(const std::string &Id) {
  std::string Name = idiomaticName(Id);
  if (!isIdentifier(Name))
    Name = idiomaticName(pascalCase(Id));
  while (isKeyword(Name) || Used.count(Name))
    Name += "_";
  Used.insert(Name);
  return Name;
}

/// A placeholder names a kept text: bytes 0xFF and 0xFE never occur in
/// UTF-8, which every text of a template is (the readers check it).
constexpr char PlaceholderOpen = '\xff', PlaceholderClose = '\xfe';
/// Texts longer than this are kept aside: a parent copies at most this
/// much of each child, so rendering is linear in the output.
constexpr size_t KeepAbove = 256;

/// Whether Text is laid out over several lines or holds a kept text (which
/// is longer than any one-line layout allows): either way a list holding
/// it is written one element per line.
bool needsOwnLines(llvm::StringRef Text) {
  return Text.find('\n') != llvm::StringRef::npos || Text.find(PlaceholderOpen) != llvm::StringRef::npos;
}

Expr Writer::keep(Expr E) {
  if (E.Text.size() <= KeepAbove)
    return E;
  std::string Placeholder(1, PlaceholderOpen);
  Placeholder += std::to_string(Chunks.size());
  Placeholder += PlaceholderClose;
  Chunks.push_back(std::move(E.Text));
  return {std::move(Placeholder), E.Raw};
}

void Writer::expandInto(llvm::StringRef Text, std::string &Result) const {
  size_t I = 0;
  while (I < Text.size()) {
    size_t Open = Text.find(PlaceholderOpen, I);
    Result.append(Text.data() + I, (Open == llvm::StringRef::npos ? Text.size() : Open) - I);
    if (Open == llvm::StringRef::npos)
      return;
    size_t Close = Text.find(PlaceholderClose, Open);
    size_t Index = 0;
    Text.slice(Open + 1, Close).getAsInteger(10, Index);
    expandInto(Chunks[Index], Result);
    I = Close + 1;
  }
}

Expr Writer::raw(const ordered_json &J, unsigned Indent, const std::string &What) {
  note(What, "kept through raw(...)");
  // Inside raw the value is still cfc: names and interpolation stay idioms
  // where they can, so only the unknown function itself is verbatim.
  const std::string &Fn = J.begin().key();
  Expr Arg = value(J.begin().value(), Indent, nullptr, false);
  return {"raw({ " + quote(Fn) + ": " + Arg.Text + " })", true};
}

std::string Writer::reference(const std::string &Name, bool InIf) {
  if (auto It = Params.find(Name); It != Params.end())
    return It->second;
  if (auto It = Resources.find(Name); It != Resources.end())
    return It->second;
  if (Name == "AWS::NoValue")
    return InIf ? "none" : "aws.noValue";
  for (const auto &P : Pseudos)
    if (Name == P[0])
      return P[1];
  return "";
}

std::string Writer::getAtt(const std::string &Res, const std::string &Attr) {
  auto It = Resources.find(Res);
  if (It == Resources.end() || Attr.empty())
    return "";
  // Dotted attributes ("Endpoint.Address") are one name to CloudFormation,
  // but `db.Endpoint.Address` reads as a member of an attribute to cfc,
  // which rejects it: they stay raw until the compiler takes them.
  if (!isIdentifier(Attr))
    return "";
  return It->second + "." + Attr;
}

/// Fn::Sub as an interpolated string; false when a variable map or an
/// unknown name leaves no faithful idiom.
bool Writer::sub(const ordered_json &Arg, std::string &Text) {
  if (!Arg.is_string())
    return false;
  std::string S = Arg.get<std::string>();
  Text = "\"";
  size_t I = 0;
  while (I < S.size()) {
    size_t Open = S.find("${", I);
    if (Open == std::string::npos) {
      Text += quoteText(llvm::StringRef(S).substr(I));
      break;
    }
    Text += quoteText(llvm::StringRef(S).substr(I, Open - I));
    size_t Close = S.find('}', Open);
    if (Close == std::string::npos) {
      Text += quoteText(llvm::StringRef(S).substr(Open));
      break;
    }
    std::string Var = S.substr(Open + 2, Close - Open - 2);
    if (!Var.empty() && Var[0] == '!') {
      Text += "\\${" + quoteText(Var.substr(1)) + "}"; // A literal "${...}".
    } else {
      size_t Dot = Var.find('.');
      std::string E = Dot == std::string::npos ? reference(Var, false)
                                               : getAtt(Var.substr(0, Dot), Var.substr(Dot + 1));
      if (E.empty() || Var == "AWS::NoValue")
        return false;
      Text += "${" + E + "}";
    }
    I = Close + 1;
  }
  Text += "\"";
  return true;
}

/// A value whose folding or text no longer matches after a compile: a
/// constant argument of Fn::Base64 folds to the encoded text.
/// (the compiler folds Fn::Join and Fn::Select of constants too, so a
/// constant inside them counts).
bool isConstant(const ordered_json &J) {
  if (J.is_string() || J.is_number() || J.is_boolean())
    return true;
  if (!J.is_object() || J.size() != 1)
    return false;
  const std::string &Fn = J.begin().key();
  const ordered_json &A = J.begin().value();
  if (Fn == "Fn::Sub" && A.is_string())
    return llvm::StringRef(A.get<std::string>()).count("${") == llvm::StringRef(A.get<std::string>()).count("${!");
  auto AllConstant = [](const ordered_json &L) {
    return L.is_array() && std::all_of(L.begin(), L.end(), [](const ordered_json &E) { return isConstant(E); });
  };
  if (Fn == "Fn::Join" && A.is_array() && A.size() == 2)
    return A[0].is_string() && AllConstant(A[1]);
  if (Fn == "Fn::Select" && A.is_array() && A.size() == 2)
    return isConstant(A[0]) && AllConstant(A[1]);
  return false;
}

Expr Writer::intrinsic(const ordered_json &J, unsigned Indent, bool InIf) {
  const std::string &Fn = J.begin().key();
  const ordered_json &A = J.begin().value();
  auto Args = [&](size_t N) { return A.is_array() && A.size() == N; };
  auto V = [&](const ordered_json &X) { return value(X, Indent, nullptr, InIf); };
  if (Fn == "Ref" && A.is_string()) {
    std::string R = reference(A.get<std::string>(), InIf);
    if (!R.empty())
      return {R};
  } else if (Fn == "Fn::GetAtt" && Args(2) && A[0].is_string() && A[1].is_string()) {
    std::string R = getAtt(A[0].get<std::string>(), A[1].get<std::string>());
    if (!R.empty())
      return {R};
  } else if (Fn == "Fn::Sub") {
    std::string Text;
    if (sub(A.is_array() && A.size() == 1 ? A[0] : A, Text))
      return {Text};
    // Names the template lacks were refused before (checkReferences); what
    // is left is a dotted attribute or a name a Transform makes.
    return raw(J, Indent, A.is_array() ? "Fn::Sub with a variable map" : "Fn::Sub of a dotted attribute or a transform's name");
  } else if (Fn == "Fn::Join" && Args(2) && A[0].is_string()) {
    Expr L;
    if (A[1].is_array()) {
      L.Text = "[";
      for (size_t I = 0; I < A[1].size(); ++I) {
        const ordered_json &E = A[1][I];
        Expr X = E.is_number() || E.is_boolean() ? Expr{quote(scalarText(E))} : V(E);
        L.Text += (I ? ", " : "") + X.Text;
      }
      L.Text += "]";
    } else {
      L = V(A[1]);
    }
    if (!L.Raw)
      return {"join(" + quote(A[0].get<std::string>()) + ", " + L.Text + ")"};
  } else if (Fn == "Fn::Select" && Args(2)) {
    std::string Index = scalarText(A[0]);
    Expr L = V(A[1]);
    if (!L.Raw && !A[0].is_object() && llvm::StringRef(Index).find_first_not_of("0123456789") == llvm::StringRef::npos &&
        !Index.empty())
      return {"select(" + Index + ", " + L.Text + ")"};
  } else if (Fn == "Fn::Split" && Args(2) && A[0].is_string() && !isConstant(A[1])) {
    Expr S = V(A[1]);
    if (!S.Raw)
      return {"split(" + quote(A[0].get<std::string>()) + ", " + S.Text + ")"};
  } else if (Fn == "Fn::GetAZs") {
    if (A.is_null() || (A.is_string() && A.get<std::string>().empty()) || A == ordered_json({{"Ref", "AWS::Region"}}))
      return {"azs()"};
    Expr R = V(A);
    if (!R.Raw)
      return {"azs(" + R.Text + ")"};
  } else if (Fn == "Fn::Base64" && !isConstant(A)) {
    Expr X = V(A);
    if (!X.Raw)
      return {"base64(" + X.Text + ")"};
  } else if (Fn == "Fn::Cidr" && Args(3)) {
    Expr Block = V(A[0]);
    std::string N = scalarText(A[1]), Bits = scalarText(A[2]);
    auto Int = [](const ordered_json &X) {
      std::string S = scalarText(X);
      return !X.is_object() && !S.empty() && S.find_first_not_of("0123456789") == std::string::npos;
    };
    if (!Block.Raw) {
      Expr NE = Int(A[1]) ? Expr{N} : V(A[1]), BE = Int(A[2]) ? Expr{Bits} : V(A[2]);
      if (!NE.Raw && !BE.Raw)
        return {"cidr(" + Block.Text + ", " + NE.Text + ", " + BE.Text + ")"};
    }
  } else if (Fn == "Fn::ImportValue") {
    Expr X = V(A);
    if (!X.Raw)
      return {"importValue(" + X.Text + ")"};
  } else if (Fn == "Fn::If" && Args(3) && A[0].is_string() && Conditions.count(A[0].get<std::string>())) {
    Expr Then = value(A[1], Indent, nullptr, true), Else = value(A[2], Indent, nullptr, true);
    auto Wrap = [](const ordered_json &X, const std::string &S) {
      return X.is_object() && X.size() == 1 && X.begin().key() == "Fn::If" ? "(" + S + ")" : S;
    };
    return {Conditions[A[0].get<std::string>()] + " ? " + Wrap(A[1], Then.Text) + " : " + Else.Text};
  }
  // A constant's Fn::Base64 or Fn::Split would fold to its result, which
  // the template did not write: kept as written.
  return raw(J, Indent, Fn == "Fn::Base64" || Fn == "Fn::Split" ? Fn + " of a constant" : Fn);
}

/// Whether D is a whole number an int64_t holds: casting any other double
/// (1e63, NaN) to int64_t is undefined behaviour.
bool isWholeInt64(double D) {
  return D >= -9223372036854775808.0 && D < 9223372036854775808.0 && D == std::trunc(D);
}

/// A property value's type in the catalog, for scalars spelled as the
/// compiler wants them ("80" where an Integer is due is 80).
Expr coerce(const ordered_json &J, const PropertyType *Type) {
  if (!Type)
    return {};
  if (J.is_string()) {
    std::string S = J.get<std::string>();
    if ((Type->Kind == TypeKind::Integer || Type->Kind == TypeKind::Number) && !S.empty()) {
      char *End = nullptr;
      strtod(S.c_str(), &End);
      bool Plain = S.find_first_not_of("0123456789.-") == std::string::npos && S != "-" && S != ".";
      if (End && *End == '\0' && Plain &&
          (Type->Kind == TypeKind::Number || S.find('.') == std::string::npos) &&
          !(S.size() > 1 && S[0] == '0' && S[1] != '.'))
        return {S};
    }
    return {};
  }
  if ((J.is_number() || J.is_boolean()) &&
      (Type->Kind == TypeKind::String || Type->Kind == TypeKind::DateTime))
    return {quote(scalarText(J))};
  if (J.is_number_float() && Type->Kind == TypeKind::Integer && isWholeInt64(J.get<double>()))
    return {std::to_string(static_cast<int64_t>(J.get<double>()))};
  if (J.is_boolean() && (Type->Kind == TypeKind::Integer || Type->Kind == TypeKind::Number))
    return {};
  return {};
}

/// Whether S is a bool as CloudFormation reads one from a string (what
/// cfn-lint takes for one too: helpers.BOOLEAN_STRINGS).
bool isBooleanString(const std::string &S) {
  for (const char *B : {"true", "True", "TRUE", "false", "False", "FALSE"})
    if (S == B)
      return true;
  return false;
}

/// A list written one element per line.
Expr multilineList(const std::vector<std::string> &Items, unsigned Indent, size_t Width) {
  std::string Pad = pad(Indent + 1);
  std::string S = "[\n";
  S.reserve(Width + Items.size() * (Pad.size() + 2) + Indent * 2 + 4);
  for (const std::string &I : Items) {
    S += Pad;
    S += I;
    S += ",\n";
  }
  S += pad(Indent);
  S += "]";
  return {std::move(S)};
}

Expr Writer::value(const ordered_json &J, unsigned Indent, const PropertyType *Type, bool InIf) {
  // A quoted "True" where a bool is due stays the string the template
  // holds: written as a bool it would change the template's value.
  if (Type && Type->Kind == TypeKind::Boolean && J.is_string() && isBooleanString(J.get<std::string>())) {
    note("a bool written as a string", "kept through raw(...)");
    return {"raw(" + quote(J.get<std::string>()) + ")", true};
  }
  if (Expr C = coerce(J, Type); !C.Text.empty())
    return C;
  switch (J.type()) {
  // JSON's null is kept where a JSON document may hold it (an API
  // definition's `"paths": null`); a typed property's null is left out.
  case ordered_json::value_t::null: return {Type && Type->Kind != TypeKind::Json ? "none" : "json.null"};
  case ordered_json::value_t::boolean: return {J.get<bool>() ? "true" : "false"};
  case ordered_json::value_t::string: return {quote(J.get<std::string>())};
  case ordered_json::value_t::number_integer:
  case ordered_json::value_t::number_unsigned:
  case ordered_json::value_t::number_float: {
    std::string S = numberText(J);
    return {S[0] == '-' ? "(" + S + ")" : S};
  }
  case ordered_json::value_t::array: {
    const PropertyType *Elem = Type && Type->Kind == TypeKind::List   ? Type->Element
                               : Type && Type->Kind == TypeKind::Json ? Type // A JSON document's inside.
                                                                      : nullptr;
    std::vector<std::string> Items;
    size_t Width = 0;
    bool Multi = false;
    for (const ordered_json &E : J) {
      Items.push_back(value(E, Indent + 1, Elem, InIf).Text);
      Width += Items.back().size() + 2;
      Multi |= needsOwnLines(Items.back());
    }
    if (Items.empty())
      return {"[]"};
    if (!Multi && Width + Indent * 2 < 90)
      return {"[" + llvm::join(Items, ", ") + "]"};
    return keep(multilineList(Items, Indent, Width));
  }
  case ordered_json::value_t::object: {
    if (!isIntrinsic(J))
      return keep(object(J, Indent, nullptr, Type, InIf));
    // A function with no idiom is kept through raw(...), which renders its
    // argument again: without remembering, nested ones cost 2^depth.
    // Remembered by node for one outermost call only: the writers render
    // copies (a resource's Properties, its attributes) whose nodes' places
    // are reused once they are gone.
    if (RenderDepth == 0)
      Rendered.clear();
    auto Key = std::make_tuple(&J, Indent, InIf);
    if (auto It = Rendered.find(Key); It != Rendered.end())
      return It->second;
    ++RenderDepth;
    Expr E = keep(intrinsic(J, Indent, InIf));
    --RenderDepth;
    Rendered.emplace(Key, E);
    return E;
  }
  default:
    return {"none"};
  }
}

Expr Writer::object(const ordered_json &J, unsigned Indent, const catalog::ResourceType *R,
                    const PropertyType *Type, bool InIf) {
  if (J.empty())
    return {"{}"};
  std::string Pad = pad(Indent + 1);
  std::string S = "{\n";
  for (const auto &[K, V] : J.items()) {
    const PropertyType *FieldType = nullptr;
    const catalog::Property *P = nullptr;
    if (R)
      P = R->findProperty(K);
    else if (Type && (Type->Kind == TypeKind::Struct || Type->Kind == TypeKind::Tag) && Type->Struct)
      P = Type->Struct->findProperty(K);
    if (P)
      FieldType = P->Type;
    else if (Type && Type->Kind == TypeKind::Map)
      FieldType = Type->Element;
    else if (Type && Type->Kind == TypeKind::Json)
      FieldType = Type; // A JSON document's inside.
    S += Pad;
    S += key(K);
    S += ": ";
    S += value(V, Indent + 1, FieldType, InIf).Text;
    S += "\n";
  }
  S += pad(Indent);
  S += "}";
  return {std::move(S)};
}

/// A condition as an operand: Context is the precedence the place needs
/// (1 `||`, 2 `&&`, 3 `==`, 4 `!`); looser expressions get parentheses.
std::string Writer::condition(const ordered_json &J, int Context) {
  // A literal condition (`"IsTrue": true`, an operand of Fn::And) is a
  // bool the compiler decides; Fn::Equals' operands are not (equalsOperand).
  if (J.is_boolean())
    return scalarText(J);
  if (J.is_number())
    return quote(scalarText(J));
  if (!isIntrinsic(J))
    return value(J, 0, nullptr, false).Text;
  const std::string &Fn = J.begin().key();
  const ordered_json &A = J.begin().value();
  std::string Text;
  int Prec = 5;
  if ((Fn == "Condition" || Fn == "Fn::Condition") && A.is_string() && Conditions.count(A.get<std::string>())) {
    Text = Conditions[A.get<std::string>()];
  } else if (Fn == "Fn::Equals" && A.is_array() && A.size() == 2) {
    Text = equalsOperand(A[0]) + " == " + equalsOperand(A[1]), Prec = 3;
  } else if ((Fn == "Fn::And" || Fn == "Fn::Or") && A.is_array() && !A.empty()) {
    Prec = Fn == "Fn::And" ? 2 : 1;
    for (size_t I = 0; I < A.size(); ++I) {
      const ordered_json &X = A[I];
      // A nested And in an And is flattened by the compiler: keep the
      // parentheses so the reader sees the template's grouping.
      bool Same = isIntrinsic(X) && X.begin().key() == Fn;
      Text += (I ? (Prec == 2 ? " && " : " || ") : "") + condition(X, Same ? 5 : Prec + 1);
    }
    if (A.size() == 1)
      note(Fn + " of one condition", "written as the condition itself");
  } else if (Fn == "Fn::Not" && A.is_array() && A.size() == 1) {
    Text = "!" + condition(A[0], 5), Prec = 4;
  } else {
    return value(J, 0, nullptr, false).Text;
  }
  return Prec < Context ? "(" + Text + ")" : Text;
}

/// An operand of Fn::Equals, which compares strings: `stage == true`
/// would be a type error, so literals are strings.
std::string Writer::equalsOperand(const ordered_json &J) {
  if (J.is_boolean() || J.is_number())
    return quote(scalarText(J));
  return condition(J, 4);
}

void Writer::writeAttributes(const ordered_json &Extra, unsigned Indent, const Fields &Written) {
  if (Extra.empty() && Written.empty())
    return;
  std::vector<std::string> Keys;
  for (const auto &[K, V] : Extra.items())
    Keys.push_back(K);
  for (const std::string &K : Keys)
    note(K, "kept through @attributes(...)");
  std::string Text = object(Extra, Indent, nullptr, nullptr, false).Text;
  for (const auto &Field : Written) {
    // Before the closing brace: "{}" or "{\n  K: V\n}".
    std::string Line = std::string((Indent + 1) * 2, ' ') + key(Field.first) + ": " + Field.second + "\n";
    Text = Text == "{}" ? "{\n" + Line + "}" : Text.substr(0, Text.size() - 1) + Line + "}";
  }
  Out += std::string(Indent * 2, ' ') + "@attributes(" + Text + ")\n";
}

/// A section's Fn::ForEach loops as written: `{"Fn::ForEach::Name": [...]}`,
/// each loop's key an object key (not a function call, which raw(...)
/// would make of it).
std::string Writer::loopSection(const ordered_json &Loops) {
  std::string S = "{\n";
  for (const auto &[Key, Loop] : Loops.items()) {
    note(Key, "kept as written (the AWS::LanguageExtensions transform expands it at deploy time)");
    S += "    " + key(Key) + ": " + value(Loop, 2, nullptr, false).Text + "\n";
  }
  return S + "  }";
}

/// A resource's Properties that are one Fn::If of whole bodies, as
/// `c ? {...} : {...}` (the compiler takes it from @attributes and checks
/// each body against the type); "" when they are not that.
std::string Writer::propertiesChoice(const ordered_json &Props, const catalog::ResourceType *RT) {
  if (!isIntrinsic(Props) || Props.begin().key() != "Fn::If")
    return "";
  const ordered_json &A = Props.begin().value();
  if (!A.is_array() || A.size() != 3 || !A[0].is_string() || !Conditions.count(A[0].get<std::string>()))
    return "";
  std::string Branches[2];
  for (size_t I = 1; I < 3; ++I) {
    const ordered_json &B = A[I];
    std::string &Text = Branches[I - 1];
    if (B == ordered_json({{"Ref", "AWS::NoValue"}}))
      Text = "none";
    else if (isIntrinsic(B) && B.begin().key() == "Fn::If")
      Text = propertiesChoice(B, RT);
    else if (B.is_object() && !isIntrinsic(B))
      Text = object(B, 1, RT, nullptr, true).Text;
    if (Text.empty())
      return "";
    if (I == 1 && isIntrinsic(B))
      Text = "(" + Text + ")";
  }
  return Conditions[A[0].get<std::string>()] + " ? " + Branches[0] + " : " + Branches[1];
}

void Writer::writeParams() {
  if (!T.contains("Parameters") || !T["Parameters"].is_object())
    return;
  for (const auto &[Id, P] : T["Parameters"].items()) {
    if (!P.is_object())
      continue;
    Where = "parameter " + Id;
    std::string Name = Params[Id];
    if (pascalCase(Name) != Id)
      Out += "@logicalId(" + quote(Id) + ")\n";
    std::string Type = stringOr(P, "Type", "String");
    ordered_json Extra = ordered_json::object();
    std::string CfcType;
    bool IsNumber = Type == "Number";
    if (Type == "String")
      CfcType = P.value("NoEcho", ordered_json(false)) == true || P.value("NoEcho", ordered_json("")) == "true" ? "secret" : "string";
    else if (IsNumber)
      CfcType = "number";
    else if (Type == "CommaDelimitedList")
      CfcType = "[string]";
    else if (Type == "List<Number>")
      CfcType = "[number]";
    else {
      // AWS-specific types (AWS::EC2::KeyPair::KeyName...) check values at
      // deploy time; cfc has no type for them yet.
      CfcType = llvm::StringRef(Type).startswith("List<") ? "[string]" : "string";
      Extra["Type"] = Type;
    }
    ordered_json Allowed = P.value("AllowedValues", ordered_json());
    bool StringUnion = CfcType == "string" && Allowed.is_array() && !Allowed.empty() &&
                       !Extra.contains("Type");
    if (StringUnion)
      for (const ordered_json &A : Allowed)
        StringUnion &= A.is_string() || A.is_number();
    if (P.contains("Description") && P["Description"].is_string())
      Out += "@description(" + quote(P["Description"].get<std::string>()) + ")\n";
    for (const char *K : {"MinValue", "MaxValue", "MinLength", "MaxLength"}) {
      if (!P.contains(K))
        continue;
      bool ForNumber = llvm::StringRef(K).endswith("Value");
      std::string N = scalarText(P[K]);
      if (ForNumber == IsNumber && !N.empty() && N.find_first_not_of("0123456789") == std::string::npos)
        Out += std::string(llvm::StringRef(K).startswith("Min") ? "@min(" : "@max(") + N + ")\n";
      else
        Extra[K] = P[K];
    }
    if (Allowed.is_array() && !StringUnion)
      Out += "@allowed(" + value(Allowed, 0, nullptr, false).Text + ")\n";
    // NoEcho that `secret` does not say (false, or on another type) is kept
    // as written.
    if (CfcType != "secret" && P.contains("NoEcho"))
      Extra["NoEcho"] = P["NoEcho"];
    for (const auto &[K, V] : P.items())
      if (K != "Type" && K != "Description" && K != "Default" && K != "AllowedValues" && K != "NoEcho" &&
          K.find("Value") == std::string::npos && K.find("Length") == std::string::npos)
        Extra[K] = V;
    writeAttributes(Extra, 0);
    if (StringUnion) {
      std::vector<std::string> Members;
      for (const ordered_json &A : Allowed)
        Members.push_back(quote(scalarText(A)));
      CfcType = llvm::join(Members, " | ");
    }
    Out += "param " + Name + ": " + CfcType;
    if (P.contains("Default")) {
      const ordered_json &D = P["Default"];
      std::string Text = scalarText(D);
      if (IsNumber)
        Out += " = " + numberOrString(Text);
      else if (CfcType == "[string]" || CfcType == "[number]") {
        llvm::SmallVector<llvm::StringRef, 8> Parts;
        if (!Text.empty())
          llvm::StringRef(Text).split(Parts, ',');
        std::vector<std::string> Items;
        for (llvm::StringRef X : Parts)
          Items.push_back(CfcType == "[number]" ? numberOrString(X.trim()) : quote(X.trim()));
        Out += " = [" + llvm::join(Items, ", ") + "]";
      } else
        Out += " = " + quote(Text);
    }
    Out += "\n\n";
  }
}

void Writer::writeConditions() {
  if (!T.contains("Conditions") || !T["Conditions"].is_object())
    return;
  for (const auto &[Id, C] : T["Conditions"].items()) {
    Where = "condition " + Id;
    // A condition that only names another one is a let the compiler would
    // fold into it; pinned, it stays a condition of its own.
    bool Alias = isIntrinsic(C) && C.begin().key() == "Condition";
    if (C.is_boolean())
      note("a constant condition", "the compiler decides it: what it guards is written without it, as "
                                   "CloudFormation decides it");
    if (Alias || pascalCase(Conditions[Id]) != Id)
      Out += "@logicalId(" + quote(Id) + ")\n";
    Out += "let " + Conditions[Id] + " = " + condition(C, 0) + "\n";
  }
  Out += "\n";
}

/// How the source spells a type the catalog lacks. Another organisation's
/// (a registry type, a module) keeps its case, `Initech.TPS.Report`, which
/// the compiler takes unchecked (CFC2050); AWS's is cfc's own spelling,
/// which the build rejects (CFC2009) as CloudFormation would.
std::string Writer::uncataloguedType(const std::string &Type) {
  llvm::StringRef Org = llvm::StringRef(Type).split("::").first;
  if (Org == "AWS" || Org == "Alexa") {
    note("resource type " + Type, "not in the catalog; the build will reject it");
    return catalog::Catalog::languageName(Type);
  }
  note("resource type " + Type, "a registry type or module; the build will not check its properties");
  std::string Spelled = Type;
  for (size_t At = Spelled.find("::"); At != std::string::npos; At = Spelled.find("::", At + 1))
    Spelled.replace(At, 2, ".");
  return Spelled;
}

void Writer::writeResources() {
  const catalog::Catalog &Cat = catalog::Catalog::builtin();
  for (const auto &[Id, R] : T["Resources"].items()) {
    if (!R.is_object())
      continue;
    Where = "resource " + Id;
    std::string Type = stringOr(R, "Type", "");
    std::string Name = Resources[Id];
    const catalog::ResourceType *RT = nullptr;
    if (auto Loaded = Cat.load(Type))
      RT = *Loaded;
    else
      llvm::consumeError(Loaded.takeError());
    writeSuppressions(R.value("Metadata", ordered_json()), R);
    if (pascalCase(Name) != Id)
      Out += "@logicalId(" + quote(Id) + ")\n";
    if (R.contains("Condition") && R["Condition"].is_string() && Conditions.count(R["Condition"].get<std::string>()))
      Out += "@if(" + Conditions[R["Condition"].get<std::string>()] + ")\n";
    if (R.contains("DependsOn")) {
      ordered_json D = R["DependsOn"].is_array() ? R["DependsOn"] : ordered_json::array({R["DependsOn"]});
      std::vector<std::string> Names;
      for (const ordered_json &X : D)
        if (X.is_string() && Resources.count(X.get<std::string>()))
          Names.push_back(Resources[X.get<std::string>()]);
      if (!Names.empty())
        Out += "@dependsOn(" + llvm::join(Names, ", ") + ")\n";
    }
    ordered_json Extra = ordered_json::object();
    std::string Deletion = stringOr(R, "DeletionPolicy", ""), Replace = stringOr(R, "UpdateReplacePolicy", "");
    if (Deletion == "Retain" && Replace == "Retain")
      Out += "@retain\n";
    for (const auto &[K, V] : R.items())
      if (K != "Type" && K != "Properties" && K != "Condition" && K != "DependsOn" &&
          !((K == "DeletionPolicy" || K == "UpdateReplacePolicy") && Deletion == "Retain" && Replace == "Retain"))
        Extra[K] = V;
    const ordered_json Props = R.value("Properties", ordered_json::object());
    std::string Choice = propertiesChoice(Props, RT);
    writeAttributes(Extra, 0, Choice.empty() ? Fields() : Fields{{"Properties", Choice}});
    // Custom::Thing is spelled custom.Thing.
    std::string CfcType = llvm::StringRef(Type).startswith("Custom::") ? "custom." + Type.substr(8)
                                                                      : catalog::Catalog::languageName(Type);
    if (!RT && !llvm::StringRef(Type).startswith("Custom::") && Type != "AWS::CDK::Metadata")
      CfcType = uncataloguedType(Type);
    Out += "resource " + Name + " " + (CfcType.empty() ? Type : CfcType);
    if (Props.is_object() && !Props.empty() && Choice.empty())
      Out += " " + object(Props, 0, RT, nullptr, false).Text;
    Out += "\n\n";
  }
}

namespace {

/// The rule ids a resource's Metadata suppresses for other scanners, by
/// tool (named as Lint's cross-tool ids are): cfn-lint's ignore_checks,
/// cfn_nag's rules_to_suppress, Checkov's skip and Guard's SuppressedRules.
std::vector<std::pair<std::string, std::string>> otherToolSuppressions(const ordered_json &Metadata) {
  std::vector<std::pair<std::string, std::string>> Ids;
  if (!Metadata.is_object())
    return Ids;
  auto add = [&Ids](const char *Tool, const ordered_json &List, const char *Key) {
    if (!List.is_array())
      return;
    for (const ordered_json &E : List) {
      const ordered_json *Id = Key && E.is_object() && E.contains(Key) ? &E[Key] : &E;
      if (Id->is_string())
        Ids.emplace_back(Tool, Id->get<std::string>());
    }
  };
  auto at = [](const ordered_json &J, std::initializer_list<const char *> Path) {
    const ordered_json *X = &J;
    for (const char *K : Path) {
      if (!X->is_object() || !X->contains(K))
        return ordered_json();
      X = &(*X)[K];
    }
    return *X;
  };
  add("cfnLint", at(Metadata, {"cfn-lint", "config", "ignore_checks"}), nullptr);
  add("cfnNag", at(Metadata, {"cfn_nag", "rules_to_suppress"}), "id");
  add("checkov", at(Metadata, {"checkov", "skip"}), "id");
  add("guard", at(Metadata, {"guard", "SuppressedRules"}), nullptr);
  return Ids;
}

/// Why the source acknowledges CFC2106 for a function whose runtime Lambda
/// no longer creates functions on, or "" for any other resource. The
/// template is an existing stack's, whose function exists: its runtime is
/// kept, never changed behind the user's back, and the build says it as a
/// warning (Frontend/Acknowledgements.h). A SAM function is the Lambda
/// function SAM makes of it, checked as one (Rules/ServiceRules.cpp).
std::string acknowledgedRuntime(const ordered_json &Resource) {
  std::string Type = stringOr(Resource, "Type", "");
  if (Type != "AWS::Lambda::Function" && Type != "AWS::Serverless::Function")
    return "";
  const ordered_json Props = Resource.value("Properties", ordered_json::object());
  std::string Runtime = Props.is_object() ? stringOr(Props, "Runtime", "") : "";
  const rules::DeprecatedRuntime *Old = rules::deprecatedRuntime(Runtime);
  if (!Old || !rules::isCreateBlocked(*Old))
    return "";
  return "Lambda creates no function on " + Runtime + " since " + Old->BlockCreate.str() +
         "; this stack's exists already (move it to " + Old->Successor.str() + ")";
}

/// The same for SAM's `Globals: {Function: {Runtime: ...}}`, when a SAM
/// function takes it (sets no Runtime of its own); "" otherwise.
std::string acknowledgedGlobalsRuntime(const ordered_json &T) {
  const ordered_json *Globals = T.contains("Globals") ? &T["Globals"] : nullptr;
  if (!Globals || !Globals->is_object() || !Globals->contains("Function") || !(*Globals)["Function"].is_object())
    return "";
  std::string Runtime = stringOr((*Globals)["Function"], "Runtime", "");
  const rules::DeprecatedRuntime *Old = rules::deprecatedRuntime(Runtime);
  if (!Old || !rules::isCreateBlocked(*Old) || !T.contains("Resources") || !T["Resources"].is_object())
    return "";
  for (const auto &[Id, R] : T["Resources"].items()) {
    const ordered_json Props = R.is_object() ? R.value("Properties", ordered_json::object()) : ordered_json();
    const ordered_json Ignore = R.is_object() ? R.value("IgnoreGlobals", ordered_json()) : ordered_json();
    bool Ignores = Ignore == "*" || (Ignore.is_array() && std::find(Ignore.begin(), Ignore.end(), "Runtime") != Ignore.end());
    if (stringOr(R, "Type", "") == "AWS::Serverless::Function" && !(Props.is_object() && Props.contains("Runtime")) &&
        !Ignores)
      return "Lambda creates no function on " + Runtime + " since " + Old->BlockCreate.str() +
             "; this stack's SAM functions on it (Globals) exist already (move them to " + Old->Successor.str() + ")";
  }
  return "";
}

} // namespace

void Writer::writeSuppressions(const ordered_json &Metadata, const ordered_json &Resource) {
  // The Metadata itself is kept (in @attributes); what it suppresses for
  // the other scanners becomes cfc's own suppression of the same rules,
  // for the whole resource, with where it came from.
  std::vector<std::string> Codes, From;
  // One comment line: only the one right above the declaration counts.
  if (std::string Why = acknowledgedRuntime(Resource); !Why.empty()) {
    Out += "// " + Why + "\n";
    Codes.push_back(diag::codeString(diag::LambdaRuntimeBlocked));
  }
  for (const auto &[Tool, Id] : otherToolSuppressions(Metadata)) {
    std::vector<diag::Kind> Kinds = lint::kindsForToolId(Tool, Id);
    if (Kinds.empty())
      continue;
    From.push_back(Tool + " " + Id);
    for (diag::Kind K : Kinds)
      if (!llvm::is_contained(Codes, diag::codeString(K)))
        Codes.push_back(diag::codeString(K));
  }
  if (Codes.empty())
    return;
  if (!From.empty())
    Out += "// Suppressed in Metadata for " + llvm::join(From, ", ") + ":\n";
  Out += "// cfc-disable-next-line " + llvm::join(Codes, " ") + "\n";
}

void Writer::writeOutputs() {
  if (!T.contains("Outputs") || !T["Outputs"].is_object())
    return;
  std::set<std::string> OutputNames;
  for (const auto &[Id, O] : T["Outputs"].items()) {
    if (!O.is_object())
      continue;
    Where = "output " + Id;
    std::string Name = idiomaticName(Id);
    if (!isIdentifier(Name))
      Name = idiomaticName(pascalCase(Id));
    while (isKeyword(Name) || OutputNames.count(Name))
      Name += "_";
    OutputNames.insert(Name);
    // Whatever reads the stack's outputs reads them by this name: pinned
    // when the name does not give it back (`topicArn` would be TopicArn).
    if (pascalCase(Name) != Id)
      Out += "@logicalId(" + quote(Id) + ")\n";
    if (O.contains("Description") && O["Description"].is_string())
      Out += "@description(" + quote(O["Description"].get<std::string>()) + ")\n";
    if (O.contains("Export") && O["Export"].is_object() && O["Export"].contains("Name"))
      Out += "@export(" + value(O["Export"]["Name"], 0, nullptr, false).Text + ")\n";
    if (O.contains("Condition") && O["Condition"].is_string() && Conditions.count(O["Condition"].get<std::string>()))
      Out += "@if(" + Conditions[O["Condition"].get<std::string>()] + ")\n";
    Out += "output " + Name + " = " + value(O.value("Value", ordered_json("")), 0, nullptr, false).Text + "\n\n";
  }
}

std::string Writer::run() {
  // Names first: values refer to parameters, conditions and resources in
  // any order.
  for (const char *Section : {"Parameters", "Conditions", "Resources"}) {
    if (!T.contains(Section) || !T[Section].is_object())
      continue;
    for (const auto &[Id, X] : T[Section].items()) {
      std::string Name = claim(Id);
      if (llvm::StringRef(Section) == "Parameters")
        Params[Id] = Name;
      else if (llvm::StringRef(Section) == "Conditions")
        Conditions[Id] = Name;
      else
        Resources[Id] = Name;
    }
  }
  Where = "template";
  ordered_json Extra = ordered_json::object();
  for (const auto &[K, V] : T.items())
    if (K != "AWSTemplateFormatVersion" && K != "Description" && K != "Parameters" && K != "Conditions" &&
        K != "Resources" && K != "Outputs")
      Extra[K] = V;
  Fields LoopSections;
  for (const auto &[Section, Entries] : Loops.items())
    LoopSections.emplace_back(Section, loopSection(Entries));
  std::string Description = T.value("Description", ordered_json("")).is_string()
                                ? T.value("Description", std::string())
                                : std::string();
  // The description's @attributes hold SAM's Globals: its runtime is
  // acknowledged above them, as a function's own is above the function.
  if (std::string Why = acknowledgedGlobalsRuntime(T); !Why.empty() && !Extra.empty())
    Out += "// " + Why + "\n// cfc-disable-next-line " + diag::codeString(diag::LambdaRuntimeBlocked) + "\n";
  writeAttributes(Extra, 0, LoopSections);
  if (!Description.empty() || !Extra.empty() || !LoopSections.empty())
    Out += "description " + quote(Description) + "\n\n";
  writeParams();
  writeConditions();
  writeResources();
  writeOutputs();
  while (llvm::StringRef(Out).endswith("\n\n"))
    Out.pop_back();
  std::string Result;
  Result.reserve(Out.size());
  expandInto(Out, Result);
  return Result;
}

} // namespace

std::string importTemplate(const ordered_json &Template, std::vector<Finding> &Findings) {
  // Fn::ForEach loops are kept as written, among the template's other
  // sections (LanguageExtensions.cpp says why); the rest is cfc.
  ordered_json Rest = Template;
  ordered_json Loops = takeForEachEntries(Rest);
  return Writer(Rest, Loops, Findings).run();
}

} // namespace cfc::import
