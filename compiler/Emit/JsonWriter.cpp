// JsonWriter — see the header; the layout is nlohmann's dump(2): "key": value,
// one member or element per line, `{}` and `[]` when empty.
#include "Emit/JsonWriter.h"

namespace cfc::emit {

using nlohmann::ordered_json;

namespace {

void indent(std::string &Out, unsigned Depth) { Out.append(2 * Depth, ' '); }

bool isAscii(const std::string &S) {
  for (char C : S)
    if (static_cast<unsigned char>(C) >= 0x80)
      return false;
  return true;
}

} // namespace

/// A string with its escapes, as nlohmann writes one (ensure_ascii off).
void writeJsonString(const std::string &S, std::string &Out) {
  if (!isAscii(S)) {
    Out += ordered_json(S).dump(-1, ' ', false, ordered_json::error_handler_t::replace);
    return;
  }
  Out += '"';
  // Most strings need no escape at all: copy each run up to the next
  // character that does in one append.
  size_t Run = 0;
  for (size_t I = 0; I < S.size(); ++I) {
    char C = S[I];
    if (C != '"' && C != '\\' && static_cast<unsigned char>(C) >= 0x20)
      continue;
    Out.append(S, Run, I - Run);
    Run = I + 1;
    switch (C) {
    case '"': Out += "\\\""; break;
    case '\\': Out += "\\\\"; break;
    case '\b': Out += "\\b"; break;
    case '\f': Out += "\\f"; break;
    case '\n': Out += "\\n"; break;
    case '\r': Out += "\\r"; break;
    case '\t': Out += "\\t"; break;
    default: {
      static const char Hex[] = "0123456789abcdef";
      Out += "\\u00";
      Out += Hex[(C >> 4) & 0xF];
      Out += Hex[C & 0xF];
    }
    }
  }
  Out.append(S, Run, S.size() - Run);
  Out += '"';
}

void writeJson(const ordered_json &J, std::string &Out, unsigned Depth) {
  switch (J.type()) {
  case ordered_json::value_t::object: {
    if (J.empty()) {
      Out += "{}";
      return;
    }
    Out += "{\n";
    size_t I = 0;
    for (auto It = J.begin(); It != J.end(); ++It, ++I) {
      indent(Out, Depth + 1);
      writeJsonString(It.key(), Out);
      Out += ": ";
      writeJson(It.value(), Out, Depth + 1);
      Out += I + 1 < J.size() ? ",\n" : "\n";
    }
    indent(Out, Depth);
    Out += '}';
    return;
  }
  case ordered_json::value_t::array: {
    if (J.empty()) {
      Out += "[]";
      return;
    }
    Out += "[\n";
    size_t I = 0;
    for (const ordered_json &E : J) {
      indent(Out, Depth + 1);
      writeJson(E, Out, Depth + 1);
      Out += ++I < J.size() ? ",\n" : "\n";
    }
    indent(Out, Depth);
    Out += ']';
    return;
  }
  case ordered_json::value_t::string:
    writeJsonString(J.get_ref<const std::string &>(), Out);
    return;
  case ordered_json::value_t::boolean:
    Out += J.get<bool>() ? "true" : "false";
    return;
  case ordered_json::value_t::number_integer:
    Out += std::to_string(J.get<int64_t>());
    return;
  case ordered_json::value_t::null:
    Out += "null";
    return;
  default: // Floats, unsigned integers, binary: nlohmann's own spelling.
    Out += J.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
    return;
  }
}

} // namespace cfc::emit
