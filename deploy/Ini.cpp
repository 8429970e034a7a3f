#include "deploy/Ini.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace cfc::deploy {

static std::string trim(const std::string &S) {
  size_t B = S.find_first_not_of(" \t\r");
  if (B == std::string::npos)
    return "";
  size_t E = S.find_last_not_of(" \t\r");
  return S.substr(B, E - B + 1);
}

IniFile parseIni(const std::string &Text) {
  IniFile Result;
  std::string Section;
  std::istringstream In(Text);
  std::string Line;
  while (std::getline(In, Line)) {
    std::string T = trim(Line);
    if (T.empty() || T[0] == '#' || T[0] == ';')
      continue;
    if (T.front() == '[' && T.back() == ']') {
      Section = trim(T.substr(1, T.size() - 2));
      Result[Section];
      continue;
    }
    size_t Eq = T.find('=');
    if (Eq == std::string::npos || Section.empty())
      continue;
    std::string Key = trim(T.substr(0, Eq));
    std::transform(Key.begin(), Key.end(), Key.begin(), [](unsigned char C) { return std::tolower(C); });
    Result[Section][Key] = trim(T.substr(Eq + 1));
  }
  return Result;
}

IniFile readIniFile(const std::string &Path) {
  std::ifstream In(Path);
  if (!In)
    return {};
  std::stringstream Buffer;
  Buffer << In.rdbuf();
  return parseIni(Buffer.str());
}

} // namespace cfc::deploy
