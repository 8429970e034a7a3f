// JsonEmitterTest — emitJson writes resources straight to text; the result
// must be byte for byte what the tree (toJson, which YAML also uses) gives,
// on every example and every .cfn program of the test suite that builds.
#include "Emit/Emitter.h"
#include "Emit/JsonWriter.h"
#include "Frontend/Compilation.h"

#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

using namespace cfc;

namespace {

/// Compiles Path; false when it has errors (not every test program builds).
bool compile(const std::string &Path, std::string &Direct, std::string &Tree) {
  Compilation C;
  C.addPath(Path);
  C.parse();
  if (C.diagnostics().hasErrors())
    return false;
  Compilation::Lowered L = C.lower({});
  if (C.diagnostics().hasErrors())
    return false;
  Direct = emit::emitJson(L.Template, L.Graph);
  emit::writeJson(emit::toJson(L.Template, L.Graph), Tree);
  Tree += "\n";
  return true;
}

TEST(JsonEmitter, DirectWriterMatchesTree) {
  std::error_code EC;
  size_t Built = 0;
  std::vector<std::string> Paths;
  for (llvm::sys::fs::directory_iterator It(CFC_SOURCE_DIR "/examples", EC), End; It != End && !EC;
       It.increment(EC))
    Paths.push_back(It->path());
  for (llvm::sys::fs::recursive_directory_iterator It(CFC_SOURCE_DIR "/test", EC), End;
       It != End && !EC; It.increment(EC))
    if (llvm::StringRef(It->path()).endswith(".cfn"))
      Paths.push_back(It->path());
  for (const std::string &Path : Paths) {
    std::string Direct, Tree;
    if (!compile(Path, Direct, Tree))
      continue;
    ++Built;
    EXPECT_EQ(Direct, Tree) << Path;
  }
  EXPECT_GT(Built, 20u);
}

} // namespace
