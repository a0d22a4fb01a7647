// Value storage and conversions, and the JSON text JSON.stringify would print.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <memory>
#include <utility>

#include "sequelize/errors.hpp"
#include "sequelize/value.hpp"
#include "support/json_text.hpp"
#include "support/json_writer.hpp"

namespace sequelize {
namespace {

std::string json(const Value& v) {
  std::string out;
  detail::appendJsonValue(out, v);
  return out;
}

std::string jsNumber(double d) {
  std::string out;
  detail::appendJsNumber(out, d);
  return out;
}

TEST(ValueTest, IsTwentyFourBytes) {
  EXPECT_EQ(sizeof(Value), 24u);
}

TEST(ValueTest, StringsInlineAndOnTheHeapKeepTheirBytes) {
  // 21 bytes is the most a Value holds inline; 22 goes to the heap.
  for (const std::string& text :
       {std::string(), std::string("user1234@example.com!"), std::string("user12345@example.com!"),
        std::string(1000, 'x'), std::string("a\0b", 3)}) {
    const Value v(text);
    EXPECT_EQ(v.text(), text);
    EXPECT_EQ(std::string_view(v.c_str(), text.size() + 1),
              std::string_view(text.c_str(), text.size() + 1));
    Value copy = v;
    EXPECT_EQ(copy.text(), text);
    Value moved = std::move(copy);
    EXPECT_EQ(moved.text(), text);
    EXPECT_TRUE(copy.isNull());  // NOLINT(bugprone-use-after-move): the moved-from state is tested
    Value assigned("something else entirely, on the heap");
    assigned = moved;
    EXPECT_EQ(assigned.text(), text);
  }
}

// Copies of an object or an array share their contents; changing one through object() never
// shows in another, whichever was copied from which and whenever.
TEST(ValueTest, CopiesOfObjectsAndArraysNeverSeeEachOthersChanges) {
  Value original{{"title", "a"}, {"tags", Value::array({1, 2})}};
  const Value copy = original;
  EXPECT_EQ(&copy.object(), &std::as_const(original).object());  // shared, not copied
  original.object().push_back({"extra", 1});
  ASSERT_EQ(copy.object().size(), 2u);
  EXPECT_EQ(copy.find("extra"), nullptr);
  EXPECT_EQ(original.object().size(), 3u);

  // A mutable reference handed out keeps its contents to this value: copies made afterwards
  // are copies, so writing through the reference later changes only the original.
  Values& contents = original.object();
  const Value later = original;
  contents[0].value = "changed";
  EXPECT_EQ(later.find("title")->text(), "a");
  EXPECT_EQ(original.find("title")->text(), "changed");

  // Nested: the inner object of a copy is changed only through that copy.
  Value outer{{"inner", {{"x", 1}}}};
  Value outerCopy = outer;
  outerCopy.object()[0].value.object()[0].value = 2;
  EXPECT_EQ(outer.find("inner")->find("x")->integer(), 1);
  EXPECT_EQ(outerCopy.find("inner")->find("x")->integer(), 2);

  // Arrays only read: shared, and each copy outlives the others.
  auto first = std::make_unique<Value>(Value::array({"one", std::string(40, 'y')}));
  const Value second = *first;
  first.reset();
  ASSERT_EQ(second.items().size(), 2u);
  EXPECT_EQ(second.items()[1].text(), std::string(40, 'y'));
  EXPECT_EQ(second, Value::array({"one", std::string(40, 'y')}));
}

TEST(ValueTest, ConversionsAreCheckedNotSilent) {
  EXPECT_EQ(Value(42).as<int>(), 42);
  EXPECT_EQ(Value("123").as<std::int64_t>(), 123);  // PostgreSQL BIGINT arrives as a string
  EXPECT_EQ(Value(3.0).as<int>(), 3);
  EXPECT_THROW((void)Value(3.5).as<int>(), RangeError);
  EXPECT_THROW((void)Value(300).as<std::int8_t>(), RangeError);
  EXPECT_THROW((void)Value(-1).as<unsigned>(), RangeError);
  EXPECT_THROW((void)Value("abc").as<int>(), TypeError);
  EXPECT_THROW((void)Value(nullptr).as<int>(), TypeError);
  EXPECT_EQ(Value(nullptr).as<std::optional<int>>(), std::nullopt);
  EXPECT_THROW(Value(std::uint64_t{18446744073709551615ULL}), RangeError);
  EXPECT_EQ(Value(1).as<bool>(), true);
  EXPECT_THROW((void)Value(2).as<bool>(), TypeError);
}

TEST(ValueTest, EqualityFollowsJavaScriptForNumbers) {
  EXPECT_EQ(Value(1), Value(1.0));
  EXPECT_FALSE(Value(1) == Value("1"));
  EXPECT_EQ(Value(Values{{"a", 1}}), Value(Values{{"a", 1}}));
  EXPECT_FALSE(Value(Values{{"a", 1}}) == Value(Values{{"b", 1}}));
}

TEST(JsonWriterTest, NumbersPrintAsJavaScriptPrintsThem) {
  EXPECT_EQ(jsNumber(1.5), "1.5");
  EXPECT_EQ(jsNumber(0.1), "0.1");
  EXPECT_EQ(jsNumber(100), "100");
  EXPECT_EQ(jsNumber(1e21), "1e+21");
  EXPECT_EQ(jsNumber(1e20), "100000000000000000000");
  EXPECT_EQ(jsNumber(1.5e-7), "1.5e-7");
  EXPECT_EQ(jsNumber(0.000001), "0.000001");
  EXPECT_EQ(jsNumber(-0.0), "0");
  EXPECT_EQ(jsNumber(123456789.125), "123456789.125");
  EXPECT_EQ(json(Value(std::numeric_limits<double>::quiet_NaN())), "null");
  EXPECT_EQ(json(Value(std::numeric_limits<double>::infinity())), "null");
  EXPECT_EQ(json(Value(9007199254740993LL)), "9007199254740993");
}

TEST(JsonWriterTest, StringsEscapeAsJsonStringify) {
  EXPECT_EQ(json(Value("a\"b\\c\n\t\x01")), R"("a\"b\\c\n\t\u0001")");
  EXPECT_EQ(json(Value("héllo 😀")), "\"héllo 😀\"");
  EXPECT_EQ(json(Value(std::string("\xff", 1))), "\"\xEF\xBF\xBD\"");  // invalid UTF-8
  EXPECT_EQ(json(Value("it's")), R"("it's")");
}

TEST(JsonWriterTest, OtherKinds) {
  EXPECT_EQ(json(Value(Date::fromCivil(2026, 11, 24, 10, 0, 0, 5))),
            R"("2026-11-24T10:00:00.005Z")");
  EXPECT_EQ(json(Value(Blob{1, 2, 255})), R"({"type":"Buffer","data":[1,2,255]})");
  EXPECT_EQ(json(Value(true)), "true");
  EXPECT_EQ(json(Value(Values{{"a", 1}, {"b", Value::array({1, "x", nullptr})}})),
            R"({"a":1,"b":[1,"x",null]})");
}

TEST(JsonTextTest, NormalisedAsJsonParseThenStringify) {
  EXPECT_EQ(detail::normalizeJson(R"( { "b" : 1, "2": 2, "1": 1, "a": [ 1.0, 2.50 ] } )"),
            R"({"1":1,"2":2,"b":1,"a":[1,2.5]})");
  EXPECT_THROW(detail::normalizeJson("{nope"), Error);
}

}  // namespace
}  // namespace sequelize
