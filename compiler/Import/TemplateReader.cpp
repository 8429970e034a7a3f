// TemplateReader — reads a CloudFormation template, JSON or YAML, into one
// JSON document; YAML short-form tags (!Ref, !GetAtt "A.B", !Sub...) become
// the long forms so the importer sees a single shape.
#include "Import/Importer.h"

#include "Basic/Names.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <unordered_set>
#include <vector>

namespace cfc::import {

using nlohmann::ordered_json;

namespace {

/// A plain YAML scalar as YAML 1.1's core schema reads it (what
/// CloudFormation does): null, bools, integers and floats; else a string.
ordered_json plainScalar(const std::string &S) {
  if (S.empty() || S == "~" || S == "null" || S == "Null" || S == "NULL")
    return nullptr;
  // YAML 1.1 booleans, as CloudFormation's parser (and PyYAML) read them.
  for (const char *T : {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"})
    if (S == T)
      return true;
  for (const char *F : {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"})
    if (S == F)
      return false;
  // Numbers keep their spelling only where JSON would write them the same:
  // "0123" or "1_000" stay strings, as CloudFormation passes them through.
  size_t I = (S[0] == '-' || S[0] == '+') ? 1 : 0;
  bool Digits = I < S.size() && S.find_first_not_of("0123456789", I) == std::string::npos;
  if (Digits && !(S.size() - I > 1 && S[I] == '0') && S.size() - I < 18)
    return std::strtoll(S.c_str(), nullptr, 10);
  char *End = nullptr;
  double D = std::strtod(S.c_str(), &End);
  if (End && *End == '\0' && S.find_first_of(".eE") != std::string::npos &&
      S.find_first_not_of("0123456789.eE+-") == std::string::npos && std::isfinite(D) &&
      std::isdigit(static_cast<unsigned char>(S[I])))
    return D;
  return S;
}

/// S with every byte that is not part of a UTF-8 sequence read as the code
/// point U+00XX. The file itself was checked to be UTF-8, so such bytes come
/// from yaml-cpp decoding a double-quoted escape (`\N`, `\_`, `\x85`) to the
/// code point's single Latin-1 byte instead of its UTF-8 encoding.
std::string utf8Scalar(std::string S) {
  const auto *Begin = reinterpret_cast<const llvm::UTF8 *>(S.data());
  const llvm::UTF8 *At = Begin;
  if (llvm::isLegalUTF8String(&At, Begin + S.size()))
    return S;
  std::string Out;
  for (size_t I = 0; I < S.size();) {
    const auto *P = reinterpret_cast<const llvm::UTF8 *>(S.data() + I);
    unsigned Len = llvm::getNumBytesForUTF8(*P);
    if (I + Len <= S.size() && llvm::isLegalUTF8Sequence(P, P + Len)) {
      Out.append(S, I, Len);
      I += Len;
      continue;
    }
    unsigned char C = S[I++];
    Out += static_cast<char>(0xC0 | (C >> 6));
    Out += static_cast<char>(0x80 | (C & 0x3F));
  }
  return Out;
}

/// The long form of a short tag's function name ("!Ref" -> "Ref").
std::string longForm(const std::string &Tag) {
  std::string Name = Tag.substr(1);
  if (Name == "Ref" || Name == "Condition")
    return Name;
  return "Fn::" + Name;
}

/// N as JSON. Where, when given, gets the place each value starts at under
/// its JSON pointer; a short-form tag's value is also that of its function
/// (`!Ref X` at /P is {"Ref": "X"}: /P and /P/Ref).
/// The value of a quoted scalar written only of spaces and line breaks,
/// as YAML 1.2 folds it (7.3: spaces before and after each break are
/// trimmed, one break becomes a space, n breaks n - 1 newlines). yaml-cpp
/// 0.7 reads `'\n\n    '` (as cfn-flip writes a "\n" delimiter) as "",
/// which joins inline code into one line. Raw is the text between the
/// quotes; nullopt when it holds anything else (yaml-cpp reads that right).
std::optional<std::string> foldedBlankScalar(llvm::StringRef Raw) {
  if (Raw.find_first_not_of(" \t\r\n") != llvm::StringRef::npos)
    return std::nullopt;
  size_t Breaks = 0;
  for (size_t I = 0; I < Raw.size(); ++I)
    if (Raw[I] == '\n' || (Raw[I] == '\r' && (I + 1 == Raw.size() || Raw[I + 1] != '\n')))
      ++Breaks;
  if (Breaks == 0)
    return Raw.str(); // One line: its spaces are the value.
  return Breaks == 1 ? std::string(" ") : std::string(Breaks - 1, '\n');
}

/// A scalar yaml-cpp may have misread (a quoted one of blanks only), read
/// again from the source: Text from the node's place, past a tag.
std::optional<std::string> rereadBlankScalar(llvm::StringRef Text) {
  if (Text.startswith("!"))
    Text = Text.drop_while([](char C) { return C != ' ' && C != '\t' && C != '\n'; }).ltrim(" \t");
  if (Text.empty() || (Text[0] != '\'' && Text[0] != '"'))
    return std::nullopt;
  size_t Close = Text.find(Text[0], 1);
  if (Close == llvm::StringRef::npos)
    return std::nullopt;
  return foldedBlankScalar(Text.slice(1, Close));
}

/// What converting a YAML document may produce: its values and the bytes
/// of its scalars, counted each time an alias repeats them. A document
/// without aliases produces less than two units per byte of text, so the
/// budget refuses only aliases that multiply it (the "billion laughs": a
/// 1 KB file that expands to gigabytes).
struct ExpansionBudget {
  uint64_t Left;
  void spend(const YAML::Node &N, uint64_t Units) {
    if (Units <= Left) {
      Left -= Units;
      return;
    }
    throw YAML::ParserException(N.Mark(), "YAML aliases expand the document far beyond its size; "
                                          "write the repeated parts out, or repeat them fewer times");
  }
};

ordered_json convert(const YAML::Node &N, unsigned Depth, const std::string &Pointer, Positions *Where,
                     llvm::StringRef Source, ExpansionBudget &Budget) {
  if (Depth > MaxTemplateDepth)
    throw YAML::ParserException(N.Mark(), "the document nests deeper than " + std::to_string(MaxTemplateDepth) +
                                              " levels");
  Budget.spend(N, 1 + (N.IsScalar() ? N.Scalar().size() : 0));
  const std::string &Tag = N.Tag();
  bool Function = Tag.size() > 1 && Tag[0] == '!' && Tag.rfind("tag:", 0) != 0;
  // Deep values are not placed (see MaxPositionDepth): the table stays
  // linear in the document, and they are reported at a placed ancestor.
  if (Depth > MaxPositionDepth)
    Where = nullptr;
  std::string Inner = Function && Where ? Pointer + "/" + pointerToken(longForm(Tag)) : Pointer;
  if (Where && N.Mark().pos >= 0) {
    auto At = static_cast<uint32_t>(N.Mark().pos);
    (*Where)[Pointer] = (*Where)[Inner] = {At, At};
  }
  ordered_json Out;
  switch (N.Type()) {
  case YAML::NodeType::Null:
  case YAML::NodeType::Undefined:
    Out = nullptr;
    break;
  case YAML::NodeType::Scalar:
    // "!" is a quoted scalar: always a string. "?" is plain: typed.
    Out = N.Tag() == "?" ? plainScalar(utf8Scalar(N.Scalar())) : ordered_json(utf8Scalar(N.Scalar()));
    if (Out.is_string() && Out.get_ref<const std::string &>().find_first_not_of(" \t\n") == std::string::npos &&
        N.Mark().pos >= 0 && static_cast<size_t>(N.Mark().pos) < Source.size())
      if (std::optional<std::string> Blank = rereadBlankScalar(Source.drop_front(N.Mark().pos)))
        Out = *Blank;
    if (Out.is_string() && N.Tag() != "?" && N.Mark().pos >= 0 && static_cast<size_t>(N.Mark().pos) < Source.size())
      if (std::optional<std::string> Folded = rereadMultilineQuoted(Source.drop_front(N.Mark().pos)))
        Out = *Folded;
    break;
  case YAML::NodeType::Sequence:
    Out = ordered_json::array();
    for (const YAML::Node &E : N)
      Out.push_back(convert(E, Depth + 1, Where ? Inner + "/" + std::to_string(Out.size()) : "", Where, Source, Budget));
    break;
  case YAML::NodeType::Map: {
    Out = ordered_json::object();
    // Members are appended: ordered_json's operator[] searches them first,
    // which is quadratic in a mapping's size.
    auto &Members = Out.get_ref<ordered_json::object_t &>();
    std::unordered_set<std::string> Keys;
    for (const auto &KV : N) {
      Budget.spend(KV.first, 1 + (KV.first.IsScalar() ? KV.first.Scalar().size() : 0));
      std::string Key = utf8Scalar(KV.first.as<std::string>());
      // yaml-cpp keeps both; the template would keep the last.
      if (!Keys.insert(Key).second)
        throw YAML::ParserException(KV.first.Mark(), "the key '" + (Key.size() > 80 ? Key.substr(0, 77) + "..." : Key) +
                                                         "' is given twice in one mapping (CloudFormation refuses duplicate keys)");
      ordered_json V = convert(KV.second, Depth + 1, Where ? Inner + "/" + pointerToken(Key) : "", Where, Source, Budget);
      Members.emplace_back(std::move(Key), std::move(V));
    }
    break;
  }
  }
  if (Function) {
    std::string Fn = longForm(Tag);
    if (Fn == "Fn::GetAtt" && Out.is_string()) {
      std::string S = Out.get<std::string>();
      size_t Dot = S.find('.');
      Out = Dot == std::string::npos ? ordered_json::array({S})
                                     : ordered_json::array({S.substr(0, Dot), S.substr(Dot + 1)});
      // Both names are in the one scalar "R.A".
      if (Where && Where->count(Inner))
        (*Where)[Inner + "/0"] = (*Where)[Inner + "/1"] = (*Where)[Inner];
    }
    if (Out.is_null())
      Out = "";
    return ordered_json::object({{Fn, std::move(Out)}});
  }
  return Out;
}

/// Builds an ordered_json from nlohmann's SAX events, appending each
/// member: ordered_json's operator[] (what its own parser uses) searches
/// the members first, and an object of 150,000 keys took 38 s. Keys given
/// twice were refused before (checkJsonShape), so appending keeps what the
/// parser would.
class MemberAppender {
public:
  explicit MemberAppender(ordered_json &Root) : Root(Root) {}
  bool null() { return add(nullptr), true; }
  bool boolean(bool B) { return add(B), true; }
  bool number_integer(ordered_json::number_integer_t V) { return add(V), true; }
  bool number_unsigned(ordered_json::number_unsigned_t V) { return add(V), true; }
  bool number_float(ordered_json::number_float_t V, const std::string &) { return add(V), true; }
  bool string(std::string &S) { return add(std::move(S)), true; }
  bool binary(ordered_json::binary_t &B) { return add(ordered_json::binary(std::move(B))), true; }
  bool start_object(std::size_t) { return Open.push_back(add(ordered_json::object())), true; }
  bool key(std::string &K) { return Key = std::move(K), true; }
  bool end_object() { return Open.pop_back(), true; }
  bool start_array(std::size_t) { return Open.push_back(add(ordered_json::array())), true; }
  bool end_array() { return Open.pop_back(), true; }
  template <class Exception> bool parse_error(std::size_t, const std::string &, const Exception &E) {
    throw E;
  }

private:
  ordered_json &Root;
  /// The containers being filled, innermost last. A container's place is
  /// stable while it is open: its parent gets no other member until then.
  std::vector<ordered_json *> Open;
  std::string Key;

  ordered_json *add(ordered_json V) {
    if (Open.empty()) {
      Root = std::move(V);
      return &Root;
    }
    ordered_json &Parent = *Open.back();
    if (Parent.is_array()) {
      auto &Elements = Parent.get_ref<ordered_json::array_t &>();
      Elements.push_back(std::move(V));
      return &Elements.back();
    }
    auto &Members = Parent.get_ref<ordered_json::object_t &>();
    Members.emplace_back(std::move(Key), std::move(V));
    return &Members.back().second;
  }
};

} // namespace

/// Where Text stops being UTF-8, or npos. yaml-cpp passes invalid bytes
/// through into strings, and the importer would copy them into source that
/// cannot be read back; CloudFormation rejects such templates anyway.
static size_t firstInvalidUtf8(llvm::StringRef Text) {
  const auto *Begin = reinterpret_cast<const llvm::UTF8 *>(Text.data());
  const llvm::UTF8 *At = Begin;
  if (llvm::isLegalUTF8String(&At, Begin + Text.size()))
    return llvm::StringRef::npos;
  return static_cast<size_t>(At - Begin);
}

/// Where Text holds a control character YAML does not allow (1.2, 5.1:
/// c-printable; PyYAML and so cfn-lint refuse them too), or npos. yaml-cpp
/// passes them into strings: a NUL byte came out as another character.
static size_t firstControlCharacter(llvm::StringRef Text) {
  for (size_t I = 0; I < Text.size(); ++I) {
    unsigned char C = Text[I];
    if ((C < 0x20 && C != '\t' && C != '\n' && C != '\r') || C == 0x7F)
      return I;
  }
  return llvm::StringRef::npos;
}

/// Whether cfc can spell Type in source: `Org::Service::Resource` (as
/// `org.service.Resource`) or `Custom::Name` (as `custom.Name`), each part
/// a name; a module's `Org::Service::Resource::MODULE` too. (Custom names
/// with `-` or `@` have no spelling yet.)
static bool isNameableType(llvm::StringRef Type) {
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Type.split(Parts, "::");
  // `Custom::A::B` is neither: the importer spells `Custom::` as `custom.`.
  bool Custom = Parts[0] == "Custom";
  bool Module = !Custom && Parts.size() == 4 && Parts[3] == "MODULE";
  if (Parts.size() != (Custom ? 2u : 3u) && !Module)
    return false;
  return llvm::all_of(Parts, [](llvm::StringRef P) {
    return !P.empty() && llvm::isAlpha(P[0]) &&
           llvm::all_of(P, [](char C) { return llvm::isAlnum(C) || C == '_'; });
  });
}

/// CloudFormation's logical IDs (of parameters, resources and outputs) are
/// letters and digits, a condition's may hold `&` and `_` too; the importer
/// turns them into names. Under AWS::LanguageExtensions a section may hold
/// `Fn::ForEach::Name` entries, which the importer keeps as they are.
static bool checkLogicalIds(const ordered_json &T, std::string &Error) {
  bool ForEach = usesLanguageExtensions(T);
  for (const char *Section : {"Parameters", "Conditions", "Resources", "Outputs"}) {
    auto It = T.find(Section);
    if (It == T.end() || !It->is_object())
      continue;
    bool IsConditions = llvm::StringRef(Section) == "Conditions";
    for (const auto &Entry : It->items()) {
      llvm::StringRef Id = Entry.key();
      if (ForEach && isForEachKey(Id) && llvm::StringRef(Section) != "Parameters")
        continue;
      if (IsConditions ? isConditionId(Id)
                       : !Id.empty() && llvm::all_of(Id, [](char C) { return llvm::isAlnum(C); }))
        continue;
      Error = std::string("the logical ID '") + Entry.key() + "' in " + Section + " is not made of letters and digits" +
              (IsConditions ? ", '&' and '_'" : " only") +
              (isForEachKey(Id) ? " (Fn::ForEach needs the AWS::LanguageExtensions transform)" : "");
      return false;
    }
  }
  return true;
}

/// Where the value at Pointer starts, as known (0, the top, when not).
static size_t placeOf(const Positions *Where, const std::string &Pointer) {
  if (!Where)
    return 0;
  auto It = Where->find(Pointer);
  return It == Where->end() ? 0 : It->second.Begin;
}

/// What a resource's Type value is, when it is no type name.
static std::string kindOf(const ordered_json &V) {
  if (V.is_object())
    return "an object";
  if (V.is_array())
    return "a list";
  if (V.is_null())
    return "null";
  if (V.is_boolean())
    return "a bool";
  if (V.is_number())
    return "a number";
  return "an empty string";
}

/// CloudFormation requires every resource to be an object with a Type
/// string; the importer names the type in the source it writes. An error
/// is placed at the resource (or its Type), where CloudFormation and
/// cfn-lint place it too.
static bool checkResources(const ordered_json &Resources, const Positions *Where, std::string &Error,
                           size_t &ErrorOffset) {
  for (const auto &Entry : Resources.items()) {
    const ordered_json &R = Entry.value();
    if (isForEachKey(Entry.key()))
      continue; // Kept as written (checkLogicalIds saw the transform).
    std::string Pointer = "/Resources/" + pointerToken(Entry.key());
    ErrorOffset = placeOf(Where, Pointer);
    if (!R.is_object()) {
      Error = "resource '" + Entry.key() + "' is not an object";
      return false;
    }
    auto Type = R.find("Type");
    if (Type == R.end()) {
      Error = "resource '" + Entry.key() + "' has no Type; give it one (AWS::S3::Bucket, Custom::Name...)";
      return false;
    }
    if (!Type->is_string() || Type->get<std::string>().empty()) {
      ErrorOffset = placeOf(Where, Pointer + "/Type");
      Error = "resource '" + Entry.key() + "' has " + kindOf(*Type) +
              " for its Type, not a type's name; write one (AWS::S3::Bucket, Custom::Name...)";
      return false;
    }
    if (!isNameableType(Type->get<std::string>())) {
      ErrorOffset = placeOf(Where, Pointer + "/Type");
      Error = "resource '" + Entry.key() + "' has type '" + Type->get<std::string>() +
              "', which cfc cannot name (a type is Org::Service::Resource, Org::Service::Resource::MODULE "
              "or Custom::Name, of letters, digits and '_')";
      return false;
    }
  }
  ErrorOffset = 0;
  return true;
}

bool readTemplate(llvm::StringRef Text, bool Yaml, ordered_json &Out, std::string &Error,
                  size_t &ErrorOffset, Positions *Where) {
  ErrorOffset = 0;
  if (size_t Bad = firstInvalidUtf8(Text); Bad != llvm::StringRef::npos) {
    char Hex[8];
    std::snprintf(Hex, sizeof Hex, "0x%02X", static_cast<unsigned char>(Text[Bad]));
    Error = std::string("invalid UTF-8 byte ") + Hex + "; save the file as UTF-8";
    ErrorOffset = Bad;
    return false;
  }
  if (!Yaml) {
    if (!checkJsonShape(Text, Error, ErrorOffset))
      return false;
    try {
      MemberAppender Builder(Out);
      ordered_json::sax_parse(Text.begin(), Text.end(), &Builder);
      if (Where)
        jsonPositions(Text, *Where);
    } catch (const ordered_json::parse_error &E) {
      Error = E.what();
      ErrorOffset = E.byte > 0 ? E.byte - 1 : 0;
      return false;
    } catch (const ordered_json::exception &E) {
      // Not only syntax: a number out of range (1e999) is out_of_range.
      Error = E.what();
      return false;
    }
  } else {
    if (size_t Bad = firstControlCharacter(Text); Bad != llvm::StringRef::npos) {
      char Code[8];
      std::snprintf(Code, sizeof Code, "U+%04X", static_cast<unsigned char>(Text[Bad]));
      Error = std::string("the character ") + Code +
              " is not allowed in YAML (of the control characters, only tab and line breaks are)";
      ErrorOffset = Bad;
      return false;
    }
    try {
      ExpansionBudget Budget{2 * static_cast<uint64_t>(Text.size()) + 65536};
      Out = convert(YAML::Load(Text.str()), 0, "", Where, Text, Budget);
    } catch (const YAML::Exception &E) {
      // yaml-cpp's own guard against deep nesting says "bad file".
      Error = dynamic_cast<const YAML::DeepRecursion *>(&E)
                  ? "the document nests deeper than " + std::to_string(MaxTemplateDepth) + " levels"
                  : E.msg;
      // Mark: line and column from 0; turn them into an offset.
      size_t Line = 0, I = 0;
      while (I < Text.size() && Line < static_cast<size_t>(std::max(E.mark.line, 0)))
        if (Text[I++] == '\n')
          ++Line;
      ErrorOffset = std::min(Text.size(), I + static_cast<size_t>(std::max(E.mark.column, 0)));
      return false;
    } catch (const std::exception &E) {
      Error = E.what();
      return false;
    }
  }
  if (!Out.is_object()) {
    Error = "the document is not a mapping of template sections";
    return false;
  }
  if (!Out.contains("Resources") || !Out["Resources"].is_object()) {
    Error = "it has no Resources section";
    return false;
  }
  return checkLogicalIds(Out, Error) && checkResources(Out["Resources"], Where, Error, ErrorOffset);
}

} // namespace cfc::import
