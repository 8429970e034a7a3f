// Ini — reads the AWS CLI's configuration files (~/.aws/config and
// ~/.aws/credentials): `[section]` headers and `key = value` lines.
#pragma once

#include <map>
#include <string>

namespace cfc::deploy {

/// Section name -> key -> value. Keys are lower-cased, as the AWS CLI
/// treats them; values are trimmed. Nested settings (an indented line under
/// `s3 =`) are kept as their own keys, which cfc does not read.
using IniFile = std::map<std::string, std::map<std::string, std::string>>;

IniFile parseIni(const std::string &Text);

/// The file at Path, or an empty IniFile when it cannot be read.
IniFile readIniFile(const std::string &Path);

} // namespace cfc::deploy
