// FuzzSupport — what the fuzz targets share: the libFuzzer entry point's
// declaration, a verbose mode for reading a reproducer, and how a target
// says that a property (not a crash) failed.
#pragma once

#include "Basic/SourceManager.h"
#include "Diagnostics/DiagnosticEngine.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size);

namespace cfc::fuzz {

/// CFC_FUZZ_VERBOSE=1 in the environment: targets print the diagnostics
/// and outputs of each input (to see what a kept reproducer does).
bool verbose();

/// In verbose mode, prints Diags (sorted) as `cfc` would, on stderr.
void printDiagnostics(const DiagnosticEngine &Diags, const SourceManager &SM);

/// Stops the run the way a crash does (abort), after saying which property
/// failed: libFuzzer and the replay keep the input either way.
[[noreturn]] void propertyFailed(const std::string &What);

/// The input as text: bytes as they are (the parser checks UTF-8 itself).
inline std::string text(const uint8_t *Data, size_t Size) {
  return std::string(reinterpret_cast<const char *>(Data), Size);
}

} // namespace cfc::fuzz
