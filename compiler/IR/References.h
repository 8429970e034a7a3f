// References — every name a template refers to must exist in it. cfc's own
// names are checked as they are evaluated, but raw(...), @attributes(...)
// and what `cfc import` reads are JSON written by a person: a Ref, an
// Fn::GetAtt (with its attribute), an Fn::Sub variable, a DependsOn, a
// condition name or an Fn::FindInMap map name there may name nothing, and
// CloudFormation refuses such a template only at deploy time.
#pragma once

#include "Diagnostics/DiagnosticEngine.h"
#include "IR/Template.h"

namespace cfc {
class SourceManager;
namespace catalog {
class Catalog;
}
} // namespace cfc

namespace cfc::ir {

/// The codes a reference check reports with: the compiler's, or those of
/// `cfc import` (the same three messages).
struct ReferenceCodes {
  diag::Kind NamesNothing = diag::UnresolvedReference;   ///< No such name at all.
  diag::Kind WrongKind = diag::ReferenceWrongKind;       ///< A parameter where a resource belongs...
  diag::Kind NoAttribute = diag::UnknownAttribute;       ///< Fn::GetAtt of an attribute the type lacks.
};

/// Reports each reference of T that names nothing in it (and is no pseudo
/// parameter), names the wrong kind of thing, or asks a resource for an
/// attribute its type does not have. Names are logical IDs: T's parameters,
/// conditions and resources, and those of sections written through the
/// description's @attributes (Mappings...). A template with a Transform
/// (a macro, or SAM's: any AWS::Serverless:: resource) gets names from it,
/// so only attributes are checked there.
/// Each place is reported once, on the string that holds the name when SM
/// can find it there. Returns whether every reference resolves.
bool checkReferences(const Template &T, const catalog::Catalog *Catalog, const SourceManager *SM,
                     DiagnosticEngine &Diags, const ReferenceCodes &Codes = {});

} // namespace cfc::ir
