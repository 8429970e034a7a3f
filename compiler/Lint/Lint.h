// Lint — the policy checks `cfc check` runs over a lowered template (the
// security rules of ../shared/design/security-rules.md) and the comments
// that silence them. `cfc build` runs none of this.
#pragma once

#include "AST/AST.h"
#include "Basic/SourceManager.h"
#include "Diagnostics/DiagnosticEngine.h"
#include "IR/Template.h"

#include "llvm/ADT/StringRef.h"

#include <memory>
#include <vector>

namespace cfc::lint {

/// Reports a CFC8xxx warning (or info) for every resource of T that breaks
/// a security rule. Only what is known at compile time is judged: a
/// deploy-time value (a Ref, an If) is given the benefit of the doubt.
void checkSecurity(const ir::Template &T, DiagnosticEngine &Diags);

/// The other scanners' ids for a security rule ("checkov" -> "CKV_AWS_19"),
/// for SARIF rule metadata; empty for other kinds.
std::vector<std::pair<llvm::StringRef, llvm::StringRef>> crossToolIds(diag::Kind Kind);

/// The security rules another scanner's rule id stands for ("cfnNag",
/// "W35" -> CFC8007; "checkov", "CKV_AWS_54" -> CFC8001), for carrying
/// that scanner's suppressions over. Tools are named as in crossToolIds.
std::vector<diag::Kind> kindsForToolId(llvm::StringRef Tool, llvm::StringRef Id);

/// Diags without the security findings (CFC8xxx) that a comment
/// `// cfc-disable-next-line CFC8001, CFC8003` on the line before silences;
/// a comment right above a declaration (its first decorator) silences the
/// codes in the whole declaration, wherever in it they are reported. Only
/// comments in Files (the stack's own files) count.
std::vector<Diagnostic> withoutSuppressed(std::vector<Diagnostic> Diags,
                                          const std::vector<std::shared_ptr<ast::File>> &Files,
                                          const SourceManager &SM);

} // namespace cfc::lint
