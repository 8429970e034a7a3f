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
