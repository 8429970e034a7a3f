// JsonWriterTest — writeJson must write exactly what nlohmann's dump(2)
// writes: on nested shapes, empty containers, every escape, non-ASCII and
// invalid UTF-8, floats, and on random documents.
#include "Emit/JsonWriter.h"

#include <gtest/gtest.h>

#include <random>

using nlohmann::ordered_json;
using cfc::emit::writeJson;

namespace {

std::string expected(const ordered_json &J) {
  return J.dump(2, ' ', false, ordered_json::error_handler_t::replace);
}

std::string actual(const ordered_json &J) {
  std::string Out;
  writeJson(J, Out);
  return Out;
}

TEST(JsonWriter, Shapes) {
  const ordered_json Cases[] = {
      ordered_json::object(), ordered_json::array(), nullptr, true, false, 0, -42,
      int64_t(9007199254740993), 1.5, 1e300, -0.0, 3.0, "", "plain",
      "quote \" backslash \\ slash / tab \t cr \r lf \n bs \b ff \f",
      std::string("nul \0 and \x01 \x1f \x7f", 14), "caf\xc3\xa9 \xf0\x9f\x98\x80",
      "bad \xff utf8 \xc3", ordered_json::parse(R"({"a": [], "b": {}, "c": [1, [2, {"d": null}]], "e": {"f": {"g": "h"}}})"),
      ordered_json::parse(R"([{"Ref": "X"}, {"Fn::GetAtt": ["A", "Arn"]}, [], [[]], {}])")};
  for (const ordered_json &J : Cases)
    EXPECT_EQ(actual(J), expected(J)) << expected(J);
}

ordered_json randomJson(std::mt19937 &R, int Depth) {
  const char *Pieces[] = {"a", "\"", "\\", "\n", "\x02", "\xc3\xa9", "\xff", "Key", " ", "$"};
  auto Text = [&] {
    std::string S;
    for (unsigned I = R() % 5; I > 0; --I)
      S += Pieces[R() % 10];
    return S;
  };
  switch (Depth > 4 ? R() % 5 : R() % 7) {
  case 0: return Text();
  case 1: return static_cast<int64_t>(R()) - (1 << 30);
  case 2: return R() % 2 == 0;
  case 3: return nullptr;
  case 4: return static_cast<double>(R()) / 7.0;
  case 5: {
    ordered_json A = ordered_json::array();
    for (unsigned I = R() % 4; I > 0; --I)
      A.push_back(randomJson(R, Depth + 1));
    return A;
  }
  default: {
    ordered_json O = ordered_json::object();
    for (unsigned I = R() % 4; I > 0; --I)
      O[Text()] = randomJson(R, Depth + 1);
    return O;
  }
  }
}

TEST(JsonWriter, RandomDocuments) {
  std::mt19937 R(7);
  for (int I = 0; I < 2000; ++I) {
    ordered_json J = randomJson(R, 0);
    ASSERT_EQ(actual(J), expected(J));
  }
}

} // namespace
