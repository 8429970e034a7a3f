# Settings of a libFuzzer build (CFC_FUZZ: tools/sanitize's clang build with
# CFC_SANITIZE, which tools/fuzz shares), included by the top-level
# CMakeLists before any library.

# Every library gets libFuzzer's coverage instrumentation, so cfc and the
# unit tests have it too (the sanitizers' runtime supplies its callbacks):
# one build serves the test suite and the fuzzers. fuzz/ links the
# cfc-libfuzzer-<target> binaries with libFuzzer itself.
add_compile_options(-fsanitize=fuzzer-no-link)

# Debian's ANTLR 4.9 headers do not compile with clang: the umbrella header
# antlr4-runtime.h includes misc/InterpreterDataReader.h, whose
# InterpreterData() calls dfa::Vocabulary's default constructor, which
# clang (unlike gcc) deletes (a const std::vector member without an
# initializer). Nothing of ours uses it, so the clang build sees a copy of
# the umbrella without that line, found before the original.
find_path(CFC_ANTLR_UMBRELLA_DIR antlr4-runtime.h PATHS ${ANTLR4_INCLUDE_DIR} /usr/include/antlr4-runtime
          NO_DEFAULT_PATH REQUIRED)
file(READ ${CFC_ANTLR_UMBRELLA_DIR}/antlr4-runtime.h CFC_ANTLR_UMBRELLA)
string(REPLACE "#include \"misc/InterpreterDataReader.h\"" "// (left out for clang: fuzz/FuzzBuild.cmake)"
       CFC_ANTLR_UMBRELLA "${CFC_ANTLR_UMBRELLA}")
set(CFC_ANTLR_SHIM_DIR ${PROJECT_BINARY_DIR}/fuzz/antlr-for-clang)
file(WRITE ${CFC_ANTLR_SHIM_DIR}/antlr4-runtime.h.new "${CFC_ANTLR_UMBRELLA}")
# Rewritten only when it changed, so that reconfiguring rebuilds nothing.
configure_file(${CFC_ANTLR_SHIM_DIR}/antlr4-runtime.h.new ${CFC_ANTLR_SHIM_DIR}/antlr4-runtime.h COPYONLY)
include_directories(BEFORE SYSTEM ${CFC_ANTLR_SHIM_DIR})
