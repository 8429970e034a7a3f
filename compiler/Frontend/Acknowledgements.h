// Acknowledgements — the errors a program may acknowledge, each about a fact
// cfc cannot see. Lambda refuses to create functions on a runtime past its
// "block function create" date (CFC2106), but a function that exists already
// (an imported stack's) is not created again, and keeps running and updating
// on it. `// cfc-disable-next-line CFC2106` right above the declaration says
// so: the error stays, as a warning, and the template is written.
#pragma once

#include "AST/AST.h"
#include "Basic/SourceManager.h"
#include "Diagnostics/DiagnosticEngine.h"

#include <memory>
#include <vector>

namespace cfc {

/// What the comments of Files (the stack's own) acknowledge, for
/// DiagnosticEngine::setAcknowledger; null when nothing is.
DiagnosticEngine::Acknowledger acknowledgements(const std::vector<std::shared_ptr<ast::File>> &Files,
                                                const SourceManager &SM);

} // namespace cfc
