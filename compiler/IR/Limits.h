// Limits — CloudFormation's hard limits, in one table with where each comes
// from, checked at compile time so a stack fails here and not at deploy.
#pragma once

#include "Diagnostics/DiagnosticEngine.h"
#include "IR/Template.h"

#include <cstdint>

namespace cfc::ir {

struct Limit {
  const char *What;
  uint64_t Value;
  const char *Source;
};

/// The table (AWS CloudFormation User Guide, "CloudFormation quotas",
/// checked 2025; old posts quote 200 resources and 60 parameters: those
/// were raised).
namespace limits {
inline constexpr Limit Resources{"resources per template", 500, "CloudFormation quotas: Resources"};
inline constexpr Limit Parameters{"parameters per template", 200, "CloudFormation quotas: Parameters"};
inline constexpr Limit Outputs{"outputs per template", 200, "CloudFormation quotas: Outputs"};
inline constexpr Limit Mappings{"mappings per template", 200, "CloudFormation quotas: Mappings"};
inline constexpr Limit MappingAttributes{"attributes per mapping", 200, "CloudFormation quotas: Mapping attributes"};
inline constexpr Limit DynamicReferences{"dynamic references per template", 60, "Dynamic references: limits"};
inline constexpr Limit TemplateBody{"template size through S3", 1000000, "CloudFormation quotas: Template body size in an S3 object"};
inline constexpr Limit TemplateInline{"template size sent inline", 51200, "CloudFormation quotas: Template body size in a request"};
inline constexpr Limit Description{"template description", 1024, "Template anatomy: Description"};
inline constexpr Limit ParameterValue{"parameter value", 4096, "CloudFormation quotas: Parameter value length"};
inline constexpr Limit LogicalId{"logical ID length", 255, "Resources: logical ID"};

// cfc's own limits on what a program may expand to at compile time: far
// above any real stack (CloudFormation takes 500 resources), low enough that
// hostile input (nested loops, exponential recursion) ends in a diagnostic
// within a second instead of running out of memory.
inline constexpr Limit LoopIterations{"loop iterations per stack", 10000, "cfc (docs/language.md, Limits)"};
inline constexpr Limit ComponentInstances{"component instances per stack", 5000, "cfc (docs/language.md, Limits)"};
inline constexpr Limit FunctionCalls{"function calls per stack", 100000, "cfc (docs/language.md, Limits)"};
inline constexpr Limit StringBytes{"bytes in a compile-time string", 2 * 1024 * 1024, "cfc: a source file's size, so any literal fits"};
inline constexpr Limit ListElements{"elements of a compile-time list or object", 100000, "cfc (docs/language.md, Limits)"};
// A value written out, its shared parts counted where each appears
// (`let l1 = [l0, l0]` doubles it): four times a template's size, so no
// value a template could hold is refused, and no walk over one is long.
inline constexpr Limit ExpandedBytes{"bytes of a compile-time value written out", 4 * 1000000, "cfc: four times CloudFormation's template body"};
// Lists, objects and intrinsics inside one another: templates nest a dozen
// levels, and the phases after evaluation walk values recursively. As deep
// as `cfc import` reads a template.
inline constexpr Limit ValueDepth{"levels of nesting of a compile-time value", 256, "cfc (docs/language.md, Limits)"};
// Expressions evaluated inside one another: a name's value evaluates its
// let, which may name another (a chain of lets), an expression nests up to
// 256 levels. Bounded so the evaluator's recursion never exhausts the stack.
inline constexpr Limit EvaluationDepth{"levels of nested evaluation", 1000, "cfc (docs/language.md, Limits)"};
// The memory all the values of one evaluation take together (each value
// made, its lists, and four times its text for the copies making it takes):
// per-value limits alone let 10,000 iterations each hold 1 MiB. A 500-
// resource stack makes about 10 MB of values.
inline constexpr Limit ValueMemory{"bytes of compile-time values per stack", 128u * 1024 * 1024, "cfc (docs/language.md, Limits)"};

// What asset("./path") may package. Lambda refuses a deployment package
// over 250 MB unzipped ("Unzipped size must be smaller than 262144000
// bytes"), however it arrives; its 50 MB zipped quota is for packages sent
// in the API request itself and does not apply to code in S3, which is where
// an asset goes, so cfc does not check it. The entry count is the ZIP
// format's without Zip64 extensions, which cfc's writer does not produce.
inline constexpr Limit AssetBytes{"bytes of an asset, unzipped", 250u * 1024 * 1024, "Lambda quotas: Deployment package (.zip file archive) size, 250 MB unzipped"};
inline constexpr Limit AssetFiles{"files in an asset", 65535, "ZIP file format (APPNOTE 4.4.22): 16-bit entry count without Zip64"};
} // namespace limits

/// Checks the counts of T; the size is checked on the emitted text.
void checkLimits(const Template &T, DiagnosticEngine &Diags);
/// Checks the size of the emitted template text.
void checkTemplateSize(size_t Bytes, DiagnosticEngine &Diags);

} // namespace cfc::ir
