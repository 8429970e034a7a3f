// AST — the few behaviours of nodes: unit conversions and lookups.
#include "AST/AST.h"

namespace cfc::ast {

int64_t DurationLit::milliseconds() const {
  switch (U) {
  case Unit::Milliseconds:
    return Amount;
  case Unit::Seconds:
    return Amount * 1000;
  case Unit::Minutes:
    return Amount * 60 * 1000;
  case Unit::Hours:
    return Amount * 3600 * 1000;
  case Unit::Days:
    return Amount * 86400 * 1000;
  }
  return Amount;
}

int64_t SizeLit::bytes() const {
  static const int64_t Factor[] = {1,           1000,          1000000,
                                   1000000000,  1000000000000, 1LL << 10,
                                   1LL << 20,   1LL << 30,     1LL << 40};
  return Amount * Factor[static_cast<int>(U)];
}

bool StringLit::isPlain() const {
  for (const Part &P : Parts)
    if (P.Value)
      return false;
  return true;
}

std::string StringLit::plainText() const {
  std::string Text;
  for (const Part &P : Parts)
    if (!P.Value)
      Text += P.Text;
  return Text;
}

const Object::Field *Object::find(llvm::StringRef Key) const {
  for (const Field &F : Fields)
    if (F.Key.Name == Key)
      return &F;
  return nullptr;
}

std::string NamedType::dottedName() const {
  std::string Name;
  for (const Identifier &Part : Path) {
    if (!Name.empty())
      Name += '.';
    Name += Part.Name;
  }
  return Name;
}

const Decorator *Decl::decorator(llvm::StringRef Wanted) const {
  for (const Decorator *D : Decorators)
    if (D->Name.Name == Wanted)
      return D;
  return nullptr;
}

llvm::StringRef spelling(UnaryOp Op) { return Op == UnaryOp::Not ? "!" : "-"; }

llvm::StringRef spelling(BinaryOp Op) {
  static const char *const Names[] = {"*",  "/",  "%",  "+",  "-",  "<", "<=",
                                      ">",  ">=", "==", "!=", "&&", "||"};
  return Names[static_cast<int>(Op)];
}

} // namespace cfc::ast
