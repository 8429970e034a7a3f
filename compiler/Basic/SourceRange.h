// SourceRange — a half-open byte range inside one source file.
#pragma once

#include <cstdint>

namespace cfc {

/// Identifies one buffer in a SourceManager (1-based, 0 means "no file").
using FileId = unsigned;

/// A half-open range [Begin, End) of byte offsets inside one file. Offsets,
/// not line/column pairs: they are cheap to store and to compare, and the
/// SourceManager turns them into lines and (byte or UTF-16) columns on demand.
struct SourceRange {
  uint32_t Begin = 0;
  uint32_t End = 0;

  bool contains(uint32_t Offset) const { return Begin <= Offset && Offset < End; }
  bool empty() const { return Begin == End; }
  /// The smallest range covering both.
  SourceRange cover(SourceRange Other) const {
    return {Begin < Other.Begin ? Begin : Other.Begin, End > Other.End ? End : Other.End};
  }
  friend bool operator==(SourceRange A, SourceRange B) {
    return A.Begin == B.Begin && A.End == B.End;
  }
};

} // namespace cfc
