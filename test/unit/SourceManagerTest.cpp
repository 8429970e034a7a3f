// SourceManagerTest — lines, byte columns and UTF-16 columns.
#include "Basic/SourceManager.h"

#include <gtest/gtest.h>

using namespace cfc;

TEST(SourceManager, LineAndByteColumn) {
  SourceManager SM;
  FileId F = SM.addBuffer("ab\ncd\n\nxyz", "t.cfn");
  EXPECT_EQ(SM.lineColumn(F, 0).Line, 1u);
  EXPECT_EQ(SM.lineColumn(F, 1).Column, 2u);
  EXPECT_EQ(SM.lineColumn(F, 3).Line, 2u);
  EXPECT_EQ(SM.lineColumn(F, 3).Column, 1u);
  EXPECT_EQ(SM.lineColumn(F, 7).Line, 4u);
  EXPECT_EQ(SM.lineText(F, 4), "cd");
  // Past the end clamps to the end.
  EXPECT_EQ(SM.lineColumn(F, 1000).Line, 4u);
}

TEST(SourceManager, Utf16Columns) {
  SourceManager SM;
  // 'é' is 2 bytes / 1 UTF-16 unit; '😀' is 4 bytes / 2 units.
  FileId F = SM.addBuffer("let é = \"😀x\"", "t.cfn");
  uint32_t X = std::string("let é = \"😀").size();
  EXPECT_EQ(SM.lspPosition(F, X).Column, 11u);
  EXPECT_EQ(SM.offsetOfLspPosition(F, 0, 11), X);
  EXPECT_EQ(SM.lspPosition(F, 6).Column, 5u); // after "let é"
}

namespace {

/// UTF-16 column of Offset by scanning its line: the definition the
/// indexed lookup must agree with.
unsigned scannedColumn(llvm::StringRef Text, uint32_t Offset) {
  size_t LineStart = Text.rfind('\n', Offset == 0 ? 0 : Offset - 1);
  LineStart = LineStart == llvm::StringRef::npos || LineStart >= Offset ? 0 : LineStart + 1;
  if (Offset > 0 && Text[Offset - 1] == '\n')
    LineStart = Offset;
  unsigned Units = 0;
  for (size_t I = LineStart; I < Offset;) {
    unsigned char C = Text[I];
    size_t Len = C < 0x80 ? 1 : (C >> 5) == 6 ? 2 : (C >> 4) == 14 ? 3 : (C >> 3) == 30 ? 4 : 1;
    Units += Len == 4 ? 2 : 1;
    I += Len;
  }
  return Units;
}

} // namespace

TEST(SourceManager, Utf16ColumnsAgreeWithAScanOfTheLine) {
  // ASCII, 2-, 3- and 4-byte sequences, a lead byte without its
  // continuation bytes, a stray continuation byte, several lines.
  std::string Text = "a\xc3\xa9 \xe2\x82\xac\xf0\x9f\x98\x80x\n"
                     "\xe2\n"
                     "plain line\n"
                     "\x80z\xf0\x9f\x98\x80\xf0\x9f\x98\x80 end";
  SourceManager SM;
  FileId F = SM.addBuffer(Text, "t.cfn");
  for (uint32_t Offset = 0; Offset <= Text.size(); ++Offset)
    EXPECT_EQ(SM.lspPosition(F, Offset).Column, scannedColumn(Text, Offset)) << "offset " << Offset;
  // And back: every character boundary maps to itself.
  for (uint32_t Offset = 0; Offset <= Text.size(); ++Offset) {
    unsigned char C = Offset < Text.size() ? Text[Offset] : 0;
    if (C >= 0x80 && C < 0xC0)
      continue; // Inside a sequence.
    LineColumn P = SM.lspPosition(F, Offset);
    EXPECT_EQ(SM.offsetOfLspPosition(F, P.Line, P.Column), Offset) << "offset " << Offset;
  }
  // A column inside a surrogate pair goes after the pair; past the line's
  // end, to the end of the line.
  EXPECT_EQ(SM.offsetOfLspPosition(F, 0, 4), 7u);
  EXPECT_EQ(SM.offsetOfLspPosition(F, 0, 5), 11u);
  EXPECT_EQ(SM.offsetOfLspPosition(F, 2, 100), Text.find("line") + 4);
}

TEST(SourceManager, Utf16ColumnsOnALongLine) {
  // The language server converts every token of a line; each must not
  // rescan it (a 350 KB line once took seconds).
  std::string Text;
  for (int I = 0; I < 50000; ++I)
    Text += "\"\xc3\xa9\", ";
  SourceManager SM;
  FileId F = SM.addBuffer(Text, "t.cfn");
  uint32_t Last = static_cast<uint32_t>(Text.size());
  EXPECT_EQ(SM.lspPosition(F, Last).Column, 50000u * 5); // "é", is 6 bytes, 5 units.
  EXPECT_EQ(SM.offsetOfLspPosition(F, 0, 50000u * 5), Last);
}
