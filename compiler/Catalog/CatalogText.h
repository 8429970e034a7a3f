// CatalogText — how catalog entries are written for people: property types
// in cfc's own type syntax, and the spec's Markdown documentation cut to
// its first sentence. Used by `cfc describe` and, later, diagnostics and
// hovers, so that all of them say it the same way.
#pragma once

#include "Catalog/ResourceType.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace cfc::catalog {

struct SpellingOptions {
  /// Write a string with allowed values as the union of its literals
  /// (`"Enabled" | "Suspended"`); otherwise as `string`.
  bool LiteralUnions = true;
};

/// T in cfc syntax: `string`, `int`, `number`, `bool`, `json`, `[T]`,
/// `{string: T}`, a struct's name, `A | B`. A tag is the record
/// `{Key: string, Value: string}`; a date-time is a `string`.
std::string spell(const PropertyType &T, const SpellingOptions &Opts = {});

/// The first sentence of Markdown as plain text: links reduced to their
/// text, emphasis marks and line breaks dropped, a leading quote marker
/// removed. Code spans are kept as they are.
std::string summarize(llvm::StringRef Markdown);

/// How unlike Candidate is to Wanted, for "did you mean": the edit distance
/// ignoring case, or, when Candidate contains Wanted (at least 3 letters),
/// a distance just inside the limit. Empty when they are too unlike: more
/// than max(2, a third of Wanted's length) edits apart.
std::optional<unsigned> unlikeness(llvm::StringRef Wanted, llvm::StringRef Candidate);

/// A number as people write it: 900, 0.5, -1.
std::string numberText(double N);

/// A range of numbers (or lengths, item counts) for messages: "1 to 900",
/// "at least 1", "at most 900"; empty when neither bound is set.
std::string boundsText(std::optional<double> Min, std::optional<double> Max);

/// Every constraint of L, one phrase each, for `cfc describe` and hovers:
/// "1 to 900", "length 1 to 64", "pattern ^[a-z]+$", "one of 1, 2, 3",
/// "1 to 5 items", "unique items", and an element's "items: ..." .
/// WithEnum false leaves the enum out (where the type lists its values).
std::vector<std::string> limitsText(const ValueLimits &L, bool WithEnum = true);

/// A set of properties that go together: "'A' with 'B'".
std::string propertySetText(const std::vector<std::string> &Set);
/// Alternatives of a presence rule: "'A', 'B' with 'C'".
std::string propertySetsText(const std::vector<std::vector<std::string>> &Sets);
/// A presence rule as a phrase: "exactly one of 'A', 'B'".
std::string presenceRuleText(const PresenceRule &R);

/// Text as a cfc string literal: quoted, with `"`, `\`, `$` and control
/// characters escaped.
std::string quote(llvm::StringRef Text);

} // namespace cfc::catalog
