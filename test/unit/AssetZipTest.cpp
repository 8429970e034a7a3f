// The zip writer (Emit/ZipWriter.h), the content key (IR/AssetDigest.h) and
// the asset writer's refusals (Emit/AssetWriter.h). Validity against real
// unzip tools is checked by test/Emit/asset-zip.test; here the records are
// read back field by field.
#include "Diagnostics/DiagnosticEngine.h"
#include "Emit/AssetWriter.h"
#include "Emit/ZipWriter.h"
#include "Frontend/Compilation.h"
#include "IR/AssetDigest.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

using namespace cfc;

namespace {

uint32_t read16(const std::string &S, size_t At) {
  return static_cast<unsigned char>(S[At]) | static_cast<unsigned char>(S[At + 1]) << 8;
}

uint32_t read32(const std::string &S, size_t At) { return read16(S, At) | read16(S, At + 2) << 16; }

struct File {
  std::string Name, Contents;
  bool Executable = false;
};

std::string zip(const std::vector<File> &Files) {
  std::string Bytes;
  llvm::raw_string_ostream Out(Bytes);
  emit::ZipWriter Zip(Out);
  for (const File &F : Files)
    Zip.add(F.Name, F.Contents, F.Executable);
  Zip.finish();
  Out.flush();
  return Bytes;
}

/// The end-of-central-directory record is the last 22 bytes (no comment).
constexpr size_t EndRecord = 22;

TEST(ZipWriterTest, EmptyArchiveIsOnlyTheEndRecord) {
  std::string Z = zip({});
  ASSERT_EQ(Z.size(), EndRecord);
  EXPECT_EQ(read32(Z, 0), 0x06054b50u);
  EXPECT_EQ(read16(Z, 10), 0u); // Entries.
}

TEST(ZipWriterTest, SmallEntryIsStoredWithFixedTimeAndNoExtraField) {
  std::string Z = zip({{"a.py", "x=1\n"}});
  EXPECT_EQ(read32(Z, 0), 0x04034b50u);
  EXPECT_EQ(read16(Z, 8), 0u);                   // Stored: deflate would not make it smaller.
  EXPECT_EQ(read16(Z, 10), 0u);                  // 00:00:00
  EXPECT_EQ(read16(Z, 12), (1u << 5) | 1u);      // 1980-01-01
  EXPECT_EQ(read32(Z, 14), 0x85f4cf00u);         // CRC-32 of "x=1\n" (zlib.crc32).
  EXPECT_EQ(read32(Z, 18), 4u);                  // Compressed size.
  EXPECT_EQ(read32(Z, 22), 4u);                  // Size.
  EXPECT_EQ(read16(Z, 26), 4u);                  // Name length.
  EXPECT_EQ(read16(Z, 28), 0u);                  // No extra field.
  EXPECT_EQ(Z.substr(30, 8), "a.pyx=1\n");
}

TEST(ZipWriterTest, CompressibleEntryIsDeflated) {
  std::string Text(10000, 'a');
  std::string Z = zip({{"big.txt", Text}});
  EXPECT_EQ(read16(Z, 8), 8u); // Deflated.
  EXPECT_LT(read32(Z, 18), 200u);
  EXPECT_EQ(read32(Z, 22), 10000u);
  EXPECT_LT(Z.size(), 400u);
}

TEST(ZipWriterTest, CentralDirectoryKeepsModesAndOffsets) {
  std::string Z = zip({{"bootstrap", "#!/bin/sh\n", true}, {"lib/util.py", "pass\n"}});
  size_t End = Z.size() - EndRecord;
  ASSERT_EQ(read32(Z, End), 0x06054b50u);
  EXPECT_EQ(read16(Z, End + 8), 2u);
  EXPECT_EQ(read16(Z, End + 10), 2u);
  size_t Directory = read32(Z, End + 16);
  EXPECT_EQ(Directory + read32(Z, End + 12), End);

  // First central header: bootstrap, executable, at offset 0.
  ASSERT_EQ(read32(Z, Directory), 0x02014b50u);
  EXPECT_EQ(read16(Z, Directory + 4) >> 8, 3u); // Made by Unix: the mode counts.
  EXPECT_EQ(read32(Z, Directory + 38) >> 16, 0100755u);
  EXPECT_EQ(read32(Z, Directory + 42), 0u);
  size_t NameLength = read16(Z, Directory + 28);
  EXPECT_EQ(Z.substr(Directory + 46, NameLength), "bootstrap");

  // Second: lib/util.py, 644, where its local header is.
  size_t Second = Directory + 46 + NameLength;
  ASSERT_EQ(read32(Z, Second), 0x02014b50u);
  EXPECT_EQ(read32(Z, Second + 38) >> 16, 0100644u);
  uint32_t Offset = read32(Z, Second + 42);
  EXPECT_EQ(read32(Z, Offset), 0x04034b50u);
  EXPECT_EQ(Z.substr(Offset + 30, read16(Z, Offset + 26)), "lib/util.py");
}

TEST(ZipWriterTest, NonAsciiNamesAreMarkedUtf8) {
  std::string Z = zip({{"caf\xc3\xa9.txt", "x"}});
  EXPECT_EQ(read16(Z, 6), 1u << 11);
  std::string Ascii = zip({{"cafe.txt", "x"}});
  EXPECT_EQ(read16(Ascii, 6), 0u);
}

TEST(ZipWriterTest, SameEntriesGiveSameBytes) {
  std::vector<File> Files = {{"index.py", std::string(5000, 'q') + "\n"}, {"naming.py", "def f(): pass\n"}};
  EXPECT_EQ(zip(Files), zip(Files));
}

std::string key(const std::vector<File> &Files) {
  ir::AssetDigest D;
  for (const File &F : Files)
    D.addFile(F.Name, F.Executable, F.Contents);
  return D.key();
}

TEST(AssetDigestTest, KeyIsContentAddressed) {
  std::string K = key({{"a.py", "1"}});
  EXPECT_EQ(K.size(), std::string("assets/").size() + 64 + std::string(".zip").size());
  EXPECT_EQ(K.rfind("assets/", 0), 0u);
  EXPECT_EQ(K, key({{"a.py", "1"}}));
  EXPECT_NE(K, key({{"a.py", "2"}}));               // Contents.
  EXPECT_NE(K, key({{"b.py", "1"}}));               // Name.
  EXPECT_NE(K, key({{"a.py", "1", true}}));         // Mode.
  // Where one entry ends and the next starts is part of the content.
  EXPECT_NE(key({{"a", "bc"}, {"d", ""}}), key({{"a", "b"}, {"cd", ""}}));
}

/// A folder of its own under the system's temporary folder, removed after.
struct TempFolder {
  llvm::SmallString<128> Path;
  TempFolder() { EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory("cfc-asset-test", Path)); }
  ~TempFolder() { llvm::sys::fs::remove_directories(Path); }
  std::string file(llvm::StringRef Name, llvm::StringRef Contents) {
    llvm::SmallString<128> P(Path);
    llvm::sys::path::append(P, Name);
    std::error_code EC;
    llvm::raw_fd_ostream Out(P, EC);
    Out << Contents;
    return P.str().str();
  }
};

ir::Asset assetOf(const std::string &Path, const std::string &Contents) {
  ir::Asset A;
  A.ShownPath = "./code";
  A.Files.push_back({"app.py", Path, Contents.size(), false});
  A.Key = key({{"app.py", Contents}});
  return A;
}

TEST(AssetWriterTest, WritesTheZipUnderItsKey) {
  TempFolder Dir;
  ir::Template T;
  T.Assets.push_back(assetOf(Dir.file("app.py", "print(1)\n"), "print(1)\n"));
  DiagnosticEngine Diags;
  ASSERT_TRUE(emit::writeAssets(T, Dir.Path, Diags));
  llvm::SmallString<128> Zip(Dir.Path);
  llvm::sys::path::append(Zip, T.Assets[0].Key);
  EXPECT_TRUE(llvm::sys::fs::is_regular_file(Zip));
  EXPECT_EQ(emit::zipAsset(T.Assets[0]), zip({{"app.py", "print(1)\n"}}));
}

// CFC4107: the files changed after the template named their key.
TEST(AssetWriterTest, ChangedFilesAreRefusedAndNothingIsWritten) {
  TempFolder Dir;
  ir::Template T;
  T.Assets.push_back(assetOf(Dir.file("app.py", "print(2)\n"), "print(1)\n"));
  DiagnosticEngine Diags;
  EXPECT_FALSE(emit::writeAssets(T, Dir.Path, Diags));
  ASSERT_EQ(Diags.diagnostics().size(), 1u);
  EXPECT_EQ(Diags.diagnostics()[0].Kind, diag::AssetChanged);
  EXPECT_EQ(Diags.diagnostics()[0].Message, "asset './code' changed while cfc was building; build again");
  llvm::SmallString<128> Assets(Dir.Path);
  llvm::sys::path::append(Assets, "assets");
  std::error_code EC;
  // The folder was made, but holds neither the zip nor a temporary file.
  EXPECT_EQ(llvm::sys::fs::directory_iterator(Assets, EC), llvm::sys::fs::directory_iterator());
}

TEST(AssetWriterTest, NoAssetsMakeNoFolder) {
  TempFolder Dir;
  DiagnosticEngine Diags;
  EXPECT_TRUE(emit::writeAssets(ir::Template(), Dir.Path, Diags));
  llvm::SmallString<128> Assets(Dir.Path);
  llvm::sys::path::append(Assets, "assets");
  EXPECT_FALSE(llvm::sys::fs::exists(Assets));
}

TEST(AssetWriterTest, RootFollowsTheTemplate) {
  EXPECT_EQ(emit::assetRootFor("out/template.json"), "out");
  EXPECT_EQ(emit::assetRootFor("template.json"), ".");
  EXPECT_EQ(emit::assetRootFor("-"), "cfc.out");
  EXPECT_EQ(emit::assetRootFor(""), "cfc.out");
}

/// The key asset("./code") gets in a stack whose main.cfn is in Dir.
std::string lowerKey(const TempFolder &Dir) {
  llvm::SmallString<128> Main(Dir.Path);
  llvm::sys::path::append(Main, "main.cfn");
  Compilation C;
  C.addPath(Main);
  C.parse();
  Compilation::Lowered L = C.lower(LowerOptions());
  EXPECT_FALSE(C.diagnostics().hasErrors());
  return L.Template.Assets.empty() ? "" : L.Template.Assets[0].Key;
}

// The language server lowers again after each edit, in one process: the
// keys it remembers (Sema/Assets.cpp, KeyCache) follow the files.
TEST(AssetKeyTest, LoweringAgainSeesChangedFiles) {
  TempFolder Dir;
  Dir.file("main.cfn", "let code = asset(\"./code\")\n");
  llvm::SmallString<128> Code(Dir.Path);
  llvm::sys::path::append(Code, "code");
  ASSERT_FALSE(llvm::sys::fs::create_directory(Code));
  std::string App = Dir.file("code/app.py", "print(1)\n");
  std::string First = lowerKey(Dir);
  EXPECT_EQ(First, key({{"app.py", "print(1)\n"}}));
  EXPECT_EQ(lowerKey(Dir), First);

  // Same size, and a modification time set apart from the first one's.
  Dir.file("code/app.py", "print(2)\n");
  int FD;
  ASSERT_FALSE(llvm::sys::fs::openFileForWrite(App, FD, llvm::sys::fs::CD_OpenExisting));
  auto Later = llvm::sys::toTimePoint(std::time(nullptr) + 60);
  EXPECT_FALSE(llvm::sys::fs::setLastAccessAndModificationTime(FD, Later));
  llvm::sys::Process::SafelyCloseFileDescriptor(FD);
  EXPECT_EQ(lowerKey(Dir), key({{"app.py", "print(2)\n"}}));

  // A new file.
  Dir.file("code/util.py", "");
  EXPECT_EQ(lowerKey(Dir), key({{"app.py", "print(2)\n"}, {"util.py", ""}}));
}

} // namespace
