// TemplateReferences — `cfc import` refuses a template whose references
// name nothing in it (CloudFormation would refuse it too): the template is
// read into an ir::Value whose origins are its own positions, and the
// compiler's reference check (IR/References.h) runs over it with the
// import's codes. Also where a JSON text's values are (TemplateReader.cpp
// finds those of YAML).
#include "Import/Importer.h"

#include "Catalog/Catalog.h"
#include "IR/References.h"

#include "llvm/Support/ConvertUTF.h"

#include <algorithm>
#include <set>

namespace cfc::import {

using nlohmann::ordered_json;

std::string numberText(const ordered_json &J) {
  if (J.is_number_integer() && !J.is_number_unsigned())
    return std::to_string(J.get<int64_t>());
  if (J.is_number_unsigned())
    return std::to_string(J.get<uint64_t>());
  return J.dump();
}

std::string pointerToken(llvm::StringRef Key) {
  std::string Out;
  for (char C : Key)
    Out += C == '~' ? "~0" : C == '/' ? "~1" : std::string(1, C);
  return Out;
}

namespace {

/// A name as a message shows it: at most 80 bytes.
std::string shortened(const std::string &Key) { return Key.size() > 80 ? Key.substr(0, 77) + "..." : Key; }

/// A JSON scanner that notes where each value is (nlohmann's parser, which
/// reads the template, keeps no positions) and finds, with their places,
/// what that parser accepts but a template must not have: nesting deeper
/// than the YAML reader's (each phase after it walks values recursively)
/// and a key given twice in one object (nlohmann keeps the last one;
/// CloudFormation refuses the template). On text that is no JSON it stops
/// quietly: the parser reports that.
class JsonScanner {
public:
  JsonScanner(llvm::StringRef Text, Positions *Out) : Text(Text), Out(Out) {}
  void run() { value("", 0); }

  std::string Problem; ///< Empty when the text has none of the above.
  size_t ProblemAt = 0;

private:
  llvm::StringRef Text;
  Positions *Out;
  size_t I = 0;

  void space() {
    while (I < Text.size() && (Text[I] == ' ' || Text[I] == '\t' || Text[I] == '\r' || Text[I] == '\n'))
      ++I;
  }
  bool at(char C) {
    space();
    if (I >= Text.size() || Text[I] != C)
      return false;
    ++I;
    return true;
  }
  bool problem(size_t At, std::string What) {
    Problem = std::move(What), ProblemAt = At;
    return false;
  }

  /// A string at I; Decoded gets its text (a key).
  bool string(std::string *Decoded) {
    if (!at('"'))
      return false;
    while (I < Text.size() && Text[I] != '"') {
      if (Text[I] != '\\') {
        if (Decoded)
          *Decoded += Text[I];
        ++I;
        continue;
      }
      char E = I + 1 < Text.size() ? Text[I + 1] : '\0';
      if (E == 'u' && Decoded) {
        unsigned CodePoint = 0;
        if (Text.substr(I + 2, 4).getAsInteger(16, CodePoint))
          return false;
        char Bytes[4];
        char *End = Bytes;
        if (llvm::ConvertCodePointToUTF8(CodePoint, End))
          Decoded->append(Bytes, End);
      } else if (Decoded) {
        *Decoded += E == 'n' ? '\n' : E == 't' ? '\t' : E == 'r' ? '\r' : E == 'b' ? '\b' : E == 'f' ? '\f' : E;
      }
      I += E == 'u' ? 6 : 2;
    }
    return at('"');
  }

  /// Whether values at Depth are placed (MaxPositionDepth).
  bool placed(unsigned Depth) const { return Out && Depth <= MaxPositionDepth; }
  std::string child(const std::string &Pointer, const std::string &Token, unsigned Depth) const {
    return placed(Depth + 1) ? Pointer + "/" + Token : std::string();
  }

  bool value(const std::string &Pointer, unsigned Depth) {
    space();
    if (I >= Text.size())
      return false;
    size_t Start = I;
    bool Ok = true;
    if ((Text[I] == '{' || Text[I] == '[') && Depth >= MaxTemplateDepth)
      return problem(I, "the document nests deeper than " + std::to_string(MaxTemplateDepth) + " levels");
    if (at('{')) {
      std::set<std::string> Keys;
      if (!at('}')) {
        do {
          std::string Key;
          space();
          size_t KeyAt = I;
          Ok = string(&Key) && at(':');
          if (Ok && !Keys.insert(Key).second)
            return problem(KeyAt, "the key '" + shortened(Key) + "' is given twice in one object (CloudFormation refuses duplicate keys)");
          Ok = Ok && value(child(Pointer, pointerToken(Key), Depth), Depth + 1);
        } while (Ok && at(','));
        Ok = Ok && at('}');
      }
    } else if (at('[')) {
      size_t Index = 0;
      if (!at(']')) {
        do
          Ok = value(child(Pointer, std::to_string(Index++), Depth), Depth + 1);
        while (Ok && at(','));
        Ok = Ok && at(']');
      }
    } else if (Text[I] == '"') {
      Ok = string(nullptr);
    } else {
      while (I < Text.size() && !llvm::StringRef(",}] \t\r\n").contains(Text[I]))
        ++I;
    }
    if (placed(Depth))
      (*Out)[Pointer] = {static_cast<uint32_t>(Start), static_cast<uint32_t>(I)};
    return Ok;
  }
};

} // namespace

bool checkJsonShape(llvm::StringRef Text, std::string &Error, size_t &ErrorOffset) {
  JsonScanner Scanner(Text, nullptr);
  Scanner.run();
  if (Scanner.Problem.empty())
    return true;
  Error = Scanner.Problem, ErrorOffset = Scanner.ProblemAt;
  return false;
}

namespace {

/// J as an ir::Value whose origins are where Where says each value is (its
/// nearest enclosing value's place when it does not know).
ir::ValuePtr toValue(const ordered_json &J, const std::string &Pointer, const Positions &Where, ir::Origin Parent,
                     unsigned Depth = 0) {
  ir::Origin O = Parent;
  bool Placed = Depth <= MaxPositionDepth; // Deeper values have no place: their parent's.
  if (auto It = Placed ? Where.find(Pointer) : Where.end(); It != Where.end())
    O.Range = It->second;
  auto child = [&](const std::string &Token) {
    return Depth + 1 <= MaxPositionDepth ? Pointer + "/" + Token : std::string();
  };
  switch (J.type()) {
  case ordered_json::value_t::object: {
    std::vector<std::pair<std::string, ir::ValuePtr>> Fields;
    for (const auto &[K, V] : J.items())
      Fields.emplace_back(K, toValue(V, child(pointerToken(K)), Where, O, Depth + 1));
    return ir::Value::object(std::move(Fields), O);
  }
  case ordered_json::value_t::array: {
    std::vector<ir::ValuePtr> Elems;
    for (size_t I = 0; I < J.size(); ++I)
      Elems.push_back(toValue(J[I], child(std::to_string(I)), Where, O, Depth + 1));
    return ir::Value::list(std::move(Elems), O);
  }
  case ordered_json::value_t::string:
    return ir::Value::string(J.get<std::string>(), O);
  case ordered_json::value_t::boolean:
    return ir::Value::boolean(J.get<bool>(), O);
  case ordered_json::value_t::null:
    return ir::Value::none(O);
  default:
    return ir::Value::number(numberText(J), O);
  }
}

} // namespace

void jsonPositions(llvm::StringRef Text, Positions &Out) { JsonScanner(Text, &Out).run(); }

bool checkReferences(const ordered_json &Template, const Positions &Where, FileId File, const SourceManager &SM,
                     DiagnosticEngine &Diags) {
  // The whole template is the description's @attributes of an empty
  // stack: its sections declare every name.
  ir::Template T;
  T.Attributes = toValue(Template, "", Where, ir::Origin{File, {}});
  ir::ReferenceCodes Codes{diag::ImportDanglingReference, diag::ImportReferenceWrongKind,
                           diag::ImportUnknownAttribute};
  return ir::checkReferences(T, &catalog::Catalog::builtin(), &SM, Diags, Codes);
}

} // namespace cfc::import
