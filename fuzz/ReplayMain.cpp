// ReplayMain — the main of a fuzz target built without libFuzzer: runs
// LLVMFuzzerTestOneInput once over each file named on the command line, and
// over every file of each folder named (in name order; dot files skipped).
// A crash kills the process as it would the fuzzer, so a test that replays
// test/fuzz-failures/ fails on a regression.
#include "FuzzSupport.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

std::vector<std::string> inputsOf(const std::filesystem::path &Arg) {
  std::vector<std::string> Files;
  if (!std::filesystem::is_directory(Arg)) {
    Files.push_back(Arg.string());
    return Files;
  }
  for (const auto &Entry : std::filesystem::directory_iterator(Arg))
    if (Entry.is_regular_file() && Entry.path().filename().string()[0] != '.')
      Files.push_back(Entry.path().string());
  std::sort(Files.begin(), Files.end());
  return Files;
}

bool replay(const std::string &File) {
  std::ifstream In(File, std::ios::binary);
  if (!In) {
    std::fprintf(stderr, "cannot read '%s'\n", File.c_str());
    return false;
  }
  std::string Bytes((std::istreambuf_iterator<char>(In)), std::istreambuf_iterator<char>());
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(Bytes.data()), Bytes.size());
  return true;
}

} // namespace

int main(int Argc, char **Argv) {
  if (Argc < 2) {
    std::fprintf(stderr, "usage: %s FILE-OR-FOLDER...\n", Argv[0]);
    return 2;
  }
  unsigned Count = 0;
  for (int I = 1; I < Argc; ++I) {
    if (!std::filesystem::exists(Argv[I])) {
      std::fprintf(stderr, "no such file or folder: '%s'\n", Argv[I]);
      return 2;
    }
    for (const std::string &File : inputsOf(Argv[I])) {
      if (!replay(File))
        return 2;
      ++Count;
    }
  }
  std::printf("replayed %u input%s\n", Count, Count == 1 ? "" : "s");
  return 0;
}
