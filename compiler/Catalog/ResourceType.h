// ResourceType — what the catalog knows of one CloudFormation resource type:
// its properties and their types, its attributes, and the struct types
// (the spec's "type definitions") its properties use. Plain immutable data,
// built once by the catalog loader and then only read, from any thread.
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace cfc::catalog {

struct StructType;

/// The kinds of value a property can hold, after the spec's type names.
enum class TypeKind {
  String,
  Integer,
  Number,
  Boolean,
  Json,     ///< any JSON value (policy documents and the like)
  DateTime, ///< an ISO 8601 timestamp, written as a string
  Tag,      ///< {Key: string, Value: string}
  List,
  Map,    ///< string keys
  Struct, ///< one of the resource's StructTypes
  Union   ///< one of several types
};

/// A node of a property's type tree. Nodes are owned by their ResourceType.
struct PropertyType {
  TypeKind Kind = TypeKind::String;
  /// The element type of a List or a Map; null otherwise.
  const PropertyType *Element = nullptr;
  /// The alternatives of a Union, in the spec's order.
  std::vector<const PropertyType *> Members;
  /// The struct of a Struct; null otherwise.
  const StructType *Struct = nullptr;
  /// The only values a String (or Integer, in decimal) may take; empty when
  /// any value will do.
  std::vector<std::string> AllowedValues;
};

/// What AWS's provider schema says of a property's value beyond its type
/// (docs/catalog.md, "Value constraints"). Each bound applies to values of
/// its own kind only, as in JSON Schema: a length to strings, a range to
/// numbers, an item count to lists. Owned by the ResourceType.
struct ValueLimits {
  std::optional<double> Minimum, Maximum;
  std::optional<uint64_t> MinLength, MaxLength; ///< in Unicode code points
  std::optional<uint64_t> MinItems, MaxItems;
  /// An ECMA-262 regular expression a string must contain a match of
  /// (JSON Schema's `pattern` is not anchored; most patterns anchor
  /// themselves with ^...$); empty if none.
  std::string Pattern;
  bool UniqueItems = false;
  /// The only values allowed: strings as they are, integers in decimal.
  std::vector<std::string> Enum;
  const ValueLimits *Items = nullptr;  ///< a list's elements
  const ValueLimits *Values = nullptr; ///< a map's values
};

/// A rule of an object (a resource's properties, or a struct's) about which
/// properties are present together.
struct PresenceRule {
  enum Kind {
    ExactlyOne, ///< exactly one of Sets is present in full (schema oneOf)
    AtLeastOne, ///< at least one of Sets is present in full (schema anyOf)
    Requires    ///< when If is present, so is each of Sets[0]
  };
  Kind RuleKind = ExactlyOne;
  std::vector<std::vector<std::string>> Sets;
  std::string If;
};

/// A rule a service enforces across properties, which cfn-lint writes as a
/// JSON Schema (if/then/else) over a resource's properties, or over the
/// objects at Path inside them ("*" for each element of a list). Checked by
/// Sema/ServiceRules.cpp on values known at compile time.
struct ConditionalRule {
  std::string Id;          ///< cfn-lint's rule id, "E3638"
  std::string File;        ///< cfn-lint's schema, "aws_dynamodb_table/billingmode_exclusive"
  std::vector<std::string> Path;
  std::string Description; ///< cfn-lint's description of the rule
  std::string Schema;      ///< the JSON Schema, as JSON text
};

/// What an update of a property does to the resource.
enum class UpdateEffect {
  InPlace,   ///< updated without replacement
  Replaces,  ///< the resource is replaced
  MayReplace ///< replaced in some cases only
};

/// A property whose value is usually an attribute of another resource type,
/// such as Lambda's Role, which takes an AWS::IAM::Role's Arn.
struct Relationship {
  std::string CfnType;   ///< "AWS::IAM::Role"
  std::string Attribute; ///< "Arn"
};

/// A property of a resource type or of a struct type.
struct Property {
  std::string Name;
  const PropertyType *Type = nullptr;
  bool Required = false;
  bool Deprecated = false;
  UpdateEffect Update = UpdateEffect::InPlace;
  /// The service's default, as JSON text ("false", "\"NONE\""); empty if none.
  std::string DefaultValue;
  /// Markdown, as the spec has it; empty if none.
  std::string Documentation;
  std::vector<Relationship> RelationshipRefs;
  /// The schema's constraints on the value, or null when it has none.
  const ValueLimits *Limits = nullptr;
};

/// A value a deployed resource returns (Fn::GetAtt). Names may be dotted
/// ("MetadataConfiguration.Destination") as CloudFormation spells them.
struct Attribute {
  std::string Name;
  const PropertyType *Type = nullptr;
  std::string Documentation;
};

/// A record type used by a resource's properties. Names are unique within
/// their resource type only (many resources have a "LoggingConfig").
struct StructType {
  std::string Name;          ///< "LifecycleConfiguration"
  std::string QualifiedName; ///< "aws.s3.Bucket.LifecycleConfiguration"
  std::string Documentation;
  std::vector<Property> Properties; ///< sorted by name
  std::vector<PresenceRule> Rules;

  /// The property called Name, or null.
  const Property *findProperty(llvm::StringRef Name) const;
};

/// One resource type. Returned by Catalog::lookup; lives as long as its
/// Catalog.
struct ResourceType {
  std::string CfnType;  ///< "AWS::S3::Bucket"
  std::string LangName; ///< "aws.s3.Bucket"
  std::string Documentation;
  std::vector<Property> Properties;  ///< sorted by name
  std::vector<Attribute> Attributes; ///< sorted by name
  std::vector<std::string> PrimaryIdentifier;
  /// Rules on which of Properties are present together.
  std::vector<PresenceRule> Rules;
  /// Rules services enforce across properties (cfn-lint's extensions).
  std::vector<ConditionalRule> Conditionals;
  /// The property that holds the tags ("Tags"); empty if not taggable.
  std::string TagProperty;
  /// Sorted by name; a Struct PropertyType points into this vector, which
  /// is never resized after loading.
  std::vector<StructType> Structs;
  /// Every PropertyType node of this resource (a deque, so nodes never move).
  std::deque<PropertyType> TypeNodes;
  /// Every ValueLimits of this resource (a deque, so they never move).
  std::deque<ValueLimits> LimitNodes;

  /// The property, attribute or struct type called Name, or null (a binary
  /// search: the lists are sorted).
  const Property *findProperty(llvm::StringRef Name) const;
  const Attribute *findAttribute(llvm::StringRef Name) const;
  const StructType *findStruct(llvm::StringRef Name) const;
};

/// How a resource type takes tags, read off its tag property's type.
enum class TagShape {
  None,    ///< not taggable, or in a shape cfc does not write
  KeyValue, ///< a list of {Key, Value} (AWS::S3::Bucket's Tags)
  Map       ///< an object of strings (AWS::SSM::Parameter's Tags)
};

struct TagLayout {
  TagShape Shape = TagShape::None;
  const Property *Prop = nullptr; ///< The tag property (TagProperty).
  /// A list element also requires PropagateAtLaunch (an Auto Scaling
  /// group's tags): written as true, so instances carry the tags too.
  bool PropagateAtLaunch = false;
};

/// How RT takes tags: the shape of its TagProperty.
TagLayout tagLayoutOf(const ResourceType &RT);

} // namespace cfc::catalog
