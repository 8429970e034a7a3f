// DiagnosticEngineTest — the relocator Sema sets while it expands
// components: what it moves is kept at the new place, counted and compared
// for duplicates there, and loses the fix-its written for the old place.
#include "Diagnostics/DiagnosticEngine.h"

#include <gtest/gtest.h>

using namespace cfc;

namespace {

/// Moves everything reported in file 2 (standing for library code) to
/// file 1, offset 5..8, with the old place as a note.
bool moveLibrary(Diagnostic &D) {
  if (D.File != 2)
    return false;
  D.Notes.insert(D.Notes.begin(), Note{D.File, D.Range, "in component lib.C"});
  D.File = 1;
  D.Range = {5, 8};
  return true;
}

} // namespace

TEST(DiagnosticEngine, RelocatorMovesAndDropsFixes) {
  DiagnosticEngine Diags;
  Diags.setRelocator(moveLibrary);
  Diags.report(2, {40, 44}, diag::UnknownName, "x", "").fix("did you mean 'y'?", {40, 44}, "y");
  ASSERT_EQ(Diags.diagnostics().size(), 1u);
  const Diagnostic &D = Diags.diagnostics()[0];
  EXPECT_EQ(D.File, 1u);
  EXPECT_EQ(D.Range, (SourceRange{5, 8}));
  ASSERT_EQ(D.Notes.size(), 1u);
  EXPECT_EQ(D.Notes[0].File, 2u);
  EXPECT_EQ(D.Notes[0].Range, (SourceRange{40, 44}));
  // The fix named text of file 2; applied in file 1 it would edit the wrong text.
  EXPECT_TRUE(D.Fixes.empty());
}

TEST(DiagnosticEngine, RelocatedDuplicatesAreSaidOnce) {
  // Two places in the library moved to one argument: one error.
  DiagnosticEngine Diags;
  Diags.setRelocator(moveLibrary);
  Diags.report(2, {40, 44}, diag::NotAResource, "none");
  Diags.report(2, {60, 64}, diag::NotAResource, "none");
  EXPECT_EQ(Diags.diagnostics().size(), 1u);
  EXPECT_EQ(Diags.errorCount(), 1u);
}

TEST(DiagnosticEngine, UnmovedKeepFixesAndNoRelocatorMovesNothing) {
  DiagnosticEngine Diags;
  Diags.setRelocator(moveLibrary);
  Diags.report(1, {0, 1}, diag::UnknownName, "x", "").fix("did you mean 'y'?", {0, 1}, "y");
  Diags.setRelocator(nullptr);
  Diags.report(2, {40, 44}, diag::UnknownName, "z", "");
  ASSERT_EQ(Diags.diagnostics().size(), 2u);
  EXPECT_EQ(Diags.diagnostics()[0].Fixes.size(), 1u);
  EXPECT_EQ(Diags.diagnostics()[1].File, 2u);
}
