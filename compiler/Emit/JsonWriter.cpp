// JsonWriter — see the header; the layout is nlohmann's dump(2): "key": value,
// one member or element per line, `{}` and `[]` when empty.
#include "Emit/JsonWriter.h"

#include <cstdint>
#include <cstring>

namespace cfc::emit {

using nlohmann::ordered_json;

namespace {

void indent(std::string &Out, unsigned Depth) { Out.append(2 * Depth, ' '); }

/// What each byte asks of writeJsonString: 0 nothing, 1 an escape, 2 the
/// general path (a byte of a multi-byte UTF-8 sequence, possibly invalid).
struct ByteClasses {
  unsigned char Of[256];
  constexpr ByteClasses() : Of() {
    for (int C = 0; C < 256; ++C)
      Of[C] = C < 0x20 || C == '"' || C == '\\' ? 1 : C >= 0x80 ? 2 : 0;
  }
};
constexpr ByteClasses Classes;

} // namespace

/// The length of S's longest prefix whose bytes need nothing (printable
/// ASCII other than '"' and '\\'), read eight bytes at a time: most of a
/// template's strings are all such bytes.
static size_t plainPrefix(llvm::StringRef S) {
  constexpr uint64_t Ones = 0x0101010101010101ULL, Highs = 0x8080808080808080ULL;
  auto hasZero = [](uint64_t X) { return (X - Ones) & ~X & Highs; };
  size_t I = 0;
  for (; I + 8 <= S.size(); I += 8) {
    uint64_t W;
    std::memcpy(&W, S.data() + I, 8);
    // A byte below 0x20 (the top three bits clear), at or above 0x80, or
    // equal to '"' or '\\' stops the run.
    uint64_t Control = hasZero(W & (0xE0 * Ones));
    uint64_t Quote = hasZero(W ^ ('"' * Ones)), Backslash = hasZero(W ^ ('\\' * Ones));
    if ((W & Highs) | Control | Quote | Backslash)
      break;
  }
  return I;
}

/// A string with its escapes, as nlohmann writes one (ensure_ascii off).
void writeJsonString(llvm::StringRef S, std::string &Out) {
  size_t Start = Out.size();
  Out += '"';
  // Most strings need no escape at all: copy each run up to the next
  // character that does in one append.
  size_t Run = 0;
  for (size_t I = plainPrefix(S); I < S.size(); ++I) {
    unsigned char Class = Classes.Of[static_cast<unsigned char>(S[I])];
    if (Class == 0)
      continue;
    if (Class == 2) { // Not ASCII: nlohmann replaces invalid UTF-8.
      Out.resize(Start);
      Out += ordered_json(S.str()).dump(-1, ' ', false, ordered_json::error_handler_t::replace);
      return;
    }
    char C = S[I];
    Out.append(S.data() + Run, I - Run);
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
  Out.append(S.data() + Run, S.size() - Run);
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
