// YamlEmitter — the same document as JsonEmitter, in YAML with
// CloudFormation's short-form tags. It walks the JSON form so that the two
// outputs cannot drift apart.
#include "Emit/Emitter.h"

#include <yaml-cpp/yaml.h>

#include <cstdlib>

namespace cfc::emit {

using nlohmann::ordered_json;

namespace {

/// "Fn::GetAtt" -> "GetAtt"; "Ref" and "Condition" keep their names.
std::string shortTag(const std::string &Key) {
  return Key.rfind("Fn::", 0) == 0 ? Key.substr(4) : Key;
}

bool isIntrinsic(const ordered_json &J) {
  if (!J.is_object() || J.size() != 1)
    return false;
  const std::string &Key = J.begin().key();
  return Key == "Ref" || Key == "Condition" || Key.rfind("Fn::", 0) == 0;
}

/// Whether a plain scalar would read back as something other than this
/// string (a number, a bool, null, a date): then it is quoted.
bool needsQuotes(const std::string &S) {
  if (S.empty())
    return true;
  static const char *const Words[] = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"};
  std::string Lower;
  for (char C : S)
    Lower += static_cast<char>(tolower(static_cast<unsigned char>(C)));
  for (const char *W : Words)
    if (Lower == W)
      return true;
  char *End = nullptr;
  std::strtod(S.c_str(), &End);
  if (End && *End == '\0')
    return true;
  if (isdigit(static_cast<unsigned char>(S[0])) && S.find_first_of("-:") != std::string::npos)
    return true; // Dates, times, ports like 8080:80.
  return S.front() == ' ' || S.back() == ' ';
}

void emit(YAML::Emitter &Out, const ordered_json &J) {
  if (isIntrinsic(J)) {
    const std::string &Key = J.begin().key();
    const ordered_json &Arg = J.begin().value();
    Out << YAML::LocalTag(shortTag(Key));
    // !GetAtt takes "Resource.Attribute" in the short form.
    if (Key == "Fn::GetAtt" && Arg.is_array() && Arg.size() == 2 && Arg[0].is_string() && Arg[1].is_string()) {
      Out << Arg[0].get<std::string>() + "." + Arg[1].get<std::string>();
      return;
    }
    emit(Out, Arg);
    return;
  }
  switch (J.type()) {
  case ordered_json::value_t::object:
    Out << YAML::BeginMap;
    for (auto It = J.begin(); It != J.end(); ++It) {
      Out << YAML::Key << It.key() << YAML::Value;
      emit(Out, It.value());
    }
    Out << YAML::EndMap;
    return;
  case ordered_json::value_t::array:
    Out << YAML::BeginSeq;
    for (const ordered_json &E : J)
      emit(Out, E);
    Out << YAML::EndSeq;
    return;
  case ordered_json::value_t::string: {
    const std::string &S = J.get_ref<const std::string &>();
    if (S.find('\n') != std::string::npos)
      Out << YAML::Literal << S;
    else if (needsQuotes(S))
      Out << YAML::DoubleQuoted << S;
    else
      Out << S;
    return;
  }
  case ordered_json::value_t::boolean:
    Out << J.get<bool>();
    return;
  case ordered_json::value_t::number_integer:
  case ordered_json::value_t::number_unsigned:
    Out << J.get<int64_t>();
    return;
  case ordered_json::value_t::number_float:
    Out << J.dump(); // nlohmann's shortest round-trip spelling.
    return;
  default:
    Out << YAML::Null;
    return;
  }
}

} // namespace

std::string emitYaml(const ir::Template &T, const ir::DependencyGraph &G) {
  YAML::Emitter Out;
  Out.SetIndent(2);
  Out.SetBoolFormat(YAML::TrueFalseBool);
  emit(Out, toJson(T, G));
  return std::string(Out.c_str()) + "\n";
}

} // namespace cfc::emit
