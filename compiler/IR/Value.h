// Value — what an expression evaluates to: a compile-time constant (folded
// to plain JSON at emission) or a deploy-time value (an intrinsic function
// tree). Values are immutable and shared; every one remembers the source
// range it came from so later checks can point at it.
#pragma once

#include "Basic/SourceRange.h"

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace cfc::ir {

class Value;
using ValuePtr = std::shared_ptr<const Value>;

/// Where a value was written.
struct Origin {
  FileId File = 0;
  SourceRange Range;
};

/// The shape CloudFormation will see at deploy time, for values whose
/// content is not known yet (a Ref to a parameter, an attribute).
enum class DeployType { String, Number, Bool, StringList, Json, Condition };

class Value {
public:
  enum class Kind {
    None,      ///< Absent (an optional left out): the property is not emitted.
    Bool,
    Int,
    Number,    ///< Kept as its spelling so that emission is exact.
    String,
    Duration,  ///< Milliseconds; must be converted before it reaches a property.
    Size,      ///< Bytes; likewise.
    List,
    Object,    ///< Ordered fields.
    Intrinsic, ///< `{"Fn::X": args}` or `{"Ref": ...}`: known at deploy time.
  };

  Kind kind() const { return K; }
  bool isConstant() const { return Constant; }
  const Origin &origin() const { return Where; }

  bool asBool() const { return B; }
  int64_t asInt() const { return I; }
  /// String text, a number's spelling, or an intrinsic's name ("Fn::Sub").
  const std::string &text() const { return S; }
  const std::vector<ValuePtr> &elements() const { return Elems; }
  const std::vector<std::pair<std::string, ValuePtr>> &fields() const { return Fields; }
  /// The field named Key of an object, or null.
  ValuePtr field(llvm::StringRef Key) const;

  /// For intrinsics: the shape of the result, the resource it refers to
  /// (`Ref`/`Fn::GetAtt` of a resource: its CloudFormation type and the
  /// attribute, empty for Ref) so checks can see what a property points at.
  DeployType deployType() const { return DT; }
  const std::string &refersToType() const { return RefType; }
  const std::string &refersToAttribute() const { return RefAttr; }

  static ValuePtr none(Origin O);
  /// JSON's null (`json.null`): none to the language, but written as null
  /// where none is left out (an object's field), for JSON documents that
  /// hold it (an API definition, a state machine's input).
  static ValuePtr jsonNull(Origin O);
  bool isJsonNull() const { return K == Kind::None && B; }
  /// Whether V is left out of the object it is a field of.
  bool isAbsent() const { return K == Kind::None && !B; }
  static ValuePtr boolean(bool V, Origin O);
  static ValuePtr integer(int64_t V, Origin O);
  static ValuePtr number(std::string Spelling, Origin O);
  static ValuePtr string(std::string V, Origin O);
  /// A string written as it is where the property wants another type
  /// (`raw("True")`, a bool CloudFormation reads from a string): an
  /// imported template's value, kept as the template spells it and not
  /// type-checked, since CloudFormation judges it.
  static ValuePtr verbatim(std::string V, Origin O);
  bool isVerbatim() const { return K == Kind::String && B; }
  static ValuePtr duration(int64_t Ms, Origin O);
  static ValuePtr size(int64_t Bytes, Origin O);
  static ValuePtr list(std::vector<ValuePtr> Elems, Origin O);
  static ValuePtr object(std::vector<std::pair<std::string, ValuePtr>> Fields, Origin O);
  /// `{Name: Args}`: when Args has one element and Single is set, the
  /// argument stands alone (`{"Ref": "X"}`), else it is a list.
  static ValuePtr intrinsic(std::string Name, std::vector<ValuePtr> Args, DeployType T, Origin O,
                            bool Single = false);
  /// A copy of V with a different origin.
  static ValuePtr at(const ValuePtr &V, Origin O);
  /// Marks an intrinsic as referring to a resource of a CloudFormation type
  /// (in place when V is the only pointer to it: pass it moved).
  static ValuePtr withReference(ValuePtr V, std::string CfnType, std::string Attribute);

  bool singleArgument() const { return Single; }

  /// What the value costs written out, known without walking it: shared
  /// parts (`let l1 = [l0, l0]`) count once per place they appear, so a
  /// value that is small in memory but huge when expanded is caught before
  /// anything expands it. Each saturates at UINT64_MAX.
  /// The values in its tree (None counts nothing: it is never written).
  uint64_t expandedNodes() const { return Nodes; }
  /// A lower bound of its bytes in the emitted JSON (dump(2) layout, its
  /// own indentation included; emitted YAML is at least a quarter of it).
  uint64_t expandedBytes() const { return Bytes; }
  /// How deep its lists, objects and intrinsics nest (a scalar is 0).
  uint32_t depth() const { return Depth; }
  /// Whether an intrinsic, or an object that reads as one (`{"Ref": x}`,
  /// `{"Fn::Join": [...]}`, `{"Condition": "C"}`: what raw() and
  /// @attributes write), is anywhere in it. Known without walking it, so
  /// the walks that look for calls skip what holds none (most of a
  /// template: names, settings, policy documents).
  bool mayHoldCall() const { return Calls; }
  /// Whether an object of one field with this key reads as a call where
  /// CloudFormation reads calls: `Ref`, `Fn::*`, and `Condition` (which
  /// only a condition's body reads so; the reference walk decides that).
  static bool keyReadsAsCall(llvm::StringRef Key) {
    return Key == "Ref" || Key.startswith("Fn::") || Key == "Condition";
  }

private:
  Kind K = Kind::None;
  bool Constant = true;
  bool B = false;
  bool Single = false;
  bool Calls = false;
  int64_t I = 0;
  std::string S;
  std::vector<ValuePtr> Elems;
  std::vector<std::pair<std::string, ValuePtr>> Fields;
  DeployType DT = DeployType::Json;
  std::string RefType, RefAttr;
  Origin Where;
  uint64_t Nodes = 0, Bytes = 0;
  uint32_t Depth = 0;

  /// Sets Nodes, Bytes and Depth from the kind, the text and the children.
  void measure();
};

/// Bytes of memory the values made on this thread have taken since the
/// last reset (each value, its text and its lists of children), so the
/// evaluator can bound the total a program makes, not only each value.
uint64_t valueBytesMade();
void resetValueBytesMade();

/// The kind of value, as a person reads it in a message ("int 5", "a string").
std::string describe(const Value &V);

} // namespace cfc::ir
