// bench-floor — the machine's floor for what `cfc build` does: read the
// sources, then take the templates cfc wrote, parse each with a fast JSON
// parser (simdjson's DOM) and write it again in the same layout (nlohmann's
// dump(2), which cfc writes) to an output folder. No compiler can do less
// than reading its input and producing its output, so bench/run.py reports
// cfc's time as a multiple of this program's (issue 19: at most 5x).
//
//   bench-floor OUT_DIR SOURCE... -- TEMPLATE...
//
// One thread, one process per run, like one `cfc build` of one stack. It
// checks its own work: each template written must equal the one read
// (bench/run.py compares them once), so the floor cannot cheat by writing
// less than cfc does.
#include <simdjson.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

bool readFile(const char *Path, std::string &Out) {
  FILE *F = std::fopen(Path, "rb");
  if (!F)
    return false;
  Out.clear();
  char Buffer[1 << 16];
  size_t N;
  while ((N = std::fread(Buffer, 1, sizeof Buffer, F)) > 0)
    Out.append(Buffer, N);
  std::fclose(F);
  return true;
}

bool writeFile(const std::string &Path, const std::string &Text) {
  FILE *F = std::fopen(Path.c_str(), "wb");
  if (!F)
    return false;
  bool Ok = std::fwrite(Text.data(), 1, Text.size(), F) == Text.size();
  return std::fclose(F) == 0 && Ok;
}

void indent(std::string &Out, unsigned Depth) { Out.append(2 * Depth, ' '); }

/// A JSON string as nlohmann writes one with ensure_ascii off.
void writeString(std::string_view S, std::string &Out) {
  Out += '"';
  size_t Run = 0;
  for (size_t I = 0; I < S.size(); ++I) {
    unsigned char C = static_cast<unsigned char>(S[I]);
    if (C >= 0x20 && C != '"' && C != '\\')
      continue;
    Out.append(S.substr(Run, I - Run));
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
      Out += Hex[C >> 4];
      Out += Hex[C & 0xF];
    }
    }
  }
  Out.append(S.substr(Run));
  Out += '"';
}

void write(simdjson::dom::element E, std::string &Out, unsigned Depth) {
  using simdjson::dom::element_type;
  switch (E.type()) {
  case element_type::OBJECT: {
    simdjson::dom::object O = E.get_object().value_unsafe();
    if (O.size() == 0) {
      Out += "{}";
      return;
    }
    Out += "{\n";
    bool First = true;
    for (simdjson::dom::key_value_pair Field : O) {
      if (!First)
        Out += ",\n";
      First = false;
      indent(Out, Depth + 1);
      writeString(Field.key, Out);
      Out += ": ";
      write(Field.value, Out, Depth + 1);
    }
    Out += '\n';
    indent(Out, Depth);
    Out += '}';
    return;
  }
  case element_type::ARRAY: {
    simdjson::dom::array A = E.get_array().value_unsafe();
    if (A.size() == 0) {
      Out += "[]";
      return;
    }
    Out += "[\n";
    bool First = true;
    for (simdjson::dom::element Item : A) {
      if (!First)
        Out += ",\n";
      First = false;
      indent(Out, Depth + 1);
      write(Item, Out, Depth + 1);
    }
    Out += '\n';
    indent(Out, Depth);
    Out += ']';
    return;
  }
  case element_type::STRING:
    writeString(E.get_string().value_unsafe(), Out);
    return;
  case element_type::INT64:
    Out += std::to_string(E.get_int64().value_unsafe());
    return;
  case element_type::UINT64:
    Out += std::to_string(E.get_uint64().value_unsafe());
    return;
  case element_type::DOUBLE: {
    char Buffer[32];
    std::snprintf(Buffer, sizeof Buffer, "%.17g", E.get_double().value_unsafe());
    Out += Buffer;
    return;
  }
  case element_type::BOOL:
    Out += E.get_bool().value_unsafe() ? "true" : "false";
    return;
  case element_type::NULL_VALUE:
    Out += "null";
    return;
  }
}

std::string baseName(const std::string &Path) {
  size_t Slash = Path.rfind('/');
  return Slash == std::string::npos ? Path : Path.substr(Slash + 1);
}

} // namespace

int main(int Argc, char **Argv) {
  if (Argc < 2) {
    std::fprintf(stderr, "usage: bench-floor OUT_DIR SOURCE... -- TEMPLATE...\n");
    return 2;
  }
  std::string OutDir = Argv[1];
  int I = 2;
  size_t SourceBytes = 0;
  std::string Text;
  for (; I < Argc && std::strcmp(Argv[I], "--") != 0; ++I) {
    if (!readFile(Argv[I], Text)) {
      std::fprintf(stderr, "bench-floor: cannot read %s\n", Argv[I]);
      return 1;
    }
    SourceBytes += Text.size();
  }
  simdjson::dom::parser Parser;
  std::string Out;
  for (++I; I < Argc; ++I) {
    simdjson::padded_string Json;
    if (simdjson::padded_string::load(Argv[I]).get(Json)) {
      std::fprintf(stderr, "bench-floor: cannot read %s\n", Argv[I]);
      return 1;
    }
    simdjson::dom::element Root;
    if (auto Error = Parser.parse(Json).get(Root)) {
      std::fprintf(stderr, "bench-floor: %s: %s\n", Argv[I], simdjson::error_message(Error));
      return 1;
    }
    Out.clear();
    write(Root, Out, 0);
    Out += '\n';
    if (!writeFile(OutDir + "/" + baseName(Argv[I]), Out)) {
      std::fprintf(stderr, "bench-floor: cannot write into %s\n", OutDir.c_str());
      return 1;
    }
  }
  // The sources were read for their cost; their size keeps the reads alive.
  return SourceBytes == size_t(-1) ? 1 : 0;
}
