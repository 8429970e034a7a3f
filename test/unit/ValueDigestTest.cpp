// ValueDigest: the digest `@replaceOn` ends logical IDs in. It must be the
// same for the same template content on every machine and build (a change
// would replace every versioned resource at the next deployment), blind to
// key order and none fields, and tell apart values that print alike.
#include "IR/ValueDigest.h"

#include <gtest/gtest.h>

using namespace cfc::ir;

namespace {

Origin at() { return {}; }
ValuePtr str(const char *S) { return Value::string(S, at()); }
ValuePtr obj(std::vector<std::pair<std::string, ValuePtr>> Fields) {
  return Value::object(std::move(Fields), at());
}

TEST(ValueDigest, IsEightUpperHexDigitsAndFixed) {
  // Pinned: if this changes, every deployed version would be republished;
  // bump FormatVersion on purpose, never by accident.
  std::string D = valueDigest(*obj({{"Handler", str("index.handler")}}));
  EXPECT_EQ(D.size(), 8u);
  EXPECT_EQ(D.find_first_not_of("0123456789ABCDEF"), std::string::npos);
  EXPECT_EQ(D, valueDigest(*obj({{"Handler", str("index.handler")}})));
  // SHA-256 of "cfc-value-1\n{1:1k7:Handlers13:index.handler" (the format
  // ValueDigest.cpp writes), computed apart from this code.
  EXPECT_EQ(D, "EFA2E0A2");
}

TEST(ValueDigest, IgnoresKeyOrderAndNoneFields) {
  ValuePtr A = obj({{"a", str("1")}, {"b", str("2")}});
  ValuePtr B = obj({{"b", str("2")}, {"c", Value::none(at())}, {"a", str("1")}});
  EXPECT_EQ(valueDigest(*A), valueDigest(*B));
}

TEST(ValueDigest, TellsApartValuesThatPrintAlike) {
  EXPECT_NE(valueDigest(*str("1")), valueDigest(*Value::integer(1, at())));
  EXPECT_NE(valueDigest(*str("true")), valueDigest(*Value::boolean(true, at())));
  EXPECT_NE(valueDigest(*Value::list({str("ab")}, at())),
            valueDigest(*Value::list({str("a"), str("b")}, at())));
  EXPECT_NE(valueDigest(*obj({{"a", str("b")}})), valueDigest(*obj({{"ab", str("")}})));
  // Lists keep their order: it is meaningful (Layers, Architectures).
  EXPECT_NE(valueDigest(*Value::list({str("a"), str("b")}, at())),
            valueDigest(*Value::list({str("b"), str("a")}, at())));
}

TEST(ValueDigest, DeployTimeValuesCountByTheirExpression) {
  auto Ref = [](const char *Name) {
    return Value::intrinsic("Ref", {str(Name)}, DeployType::String, at(), /*Single=*/true);
  };
  EXPECT_EQ(valueDigest(*Ref("Stage")), valueDigest(*Ref("Stage")));
  EXPECT_NE(valueDigest(*Ref("Stage")), valueDigest(*Ref("Team")));
  EXPECT_NE(valueDigest(*Ref("Stage")), valueDigest(*str("Stage")));
  EXPECT_NE(valueDigest(*Ref("Stage")),
            valueDigest(*Value::intrinsic("Fn::GetAtt", {str("Stage")}, DeployType::String, at())));
}

} // namespace
