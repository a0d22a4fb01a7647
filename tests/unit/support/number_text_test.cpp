// Numeric text as the `validator` package's isInt, isFloat and isDecimal read it, and the digits
// that decide whether a DECIMAL column keeps a number exactly.
#include "support/number_text.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace sequelize::detail {
namespace {

TEST(NumberTextTest, IntegersWithTheirSignMagnitudeAndForm) {
  const auto max = readIntegerText("18446744073709551615");
  ASSERT_TRUE(max);
  EXPECT_EQ(max->magnitude, std::numeric_limits<std::uint64_t>::max());
  EXPECT_FALSE(max->tooLarge);
  EXPECT_TRUE(max->canonical);
  EXPECT_TRUE(readIntegerText("18446744073709551616")->tooLarge);
  EXPECT_TRUE(readIntegerText("-9223372036854775808")->negative);
  EXPECT_FALSE(readIntegerText("+7")->canonical);
  EXPECT_FALSE(readIntegerText("007")->canonical);
  EXPECT_FALSE(readIntegerText("-0")->canonical);
  EXPECT_TRUE(readIntegerText("0")->canonical);
  for (const char* bad : {"", "-", "+", " 1", "1 ", "1.0", "1e3", "0x1", "--1", "1-"}) {
    EXPECT_FALSE(readIntegerText(bad)) << bad;
  }
}

TEST(NumberTextTest, FloatsAsIsFloatReadsThem) {
  for (const char* good : {"1", "-1.5", "+.5", "5.", "1e5", "1.5E-3", "-0"}) {
    EXPECT_TRUE(isFloatText(good)) << good;
  }
  for (const char* bad : {"", ".", "-", "e5", "1e", "1e+", "NaN", "Infinity", "1,5", " 1", "0x1"}) {
    EXPECT_FALSE(isFloatText(bad)) << bad;
  }
}

TEST(NumberTextTest, DecimalDigitsAfterThePointAndSignificant) {
  const auto d = readDecimalText("-0012.3400");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->fraction, 2);
  EXPECT_EQ(d->significant, 4);
  EXPECT_TRUE(readDecimalText("100")->integral);
  EXPECT_EQ(readDecimalText("100")->significant, 1);
  EXPECT_EQ(readDecimalText(".5")->fraction, 1);
  EXPECT_EQ(readDecimalText("0.000")->fraction, 0);
  // A fraction far beyond any fixed buffer is counted whole.
  EXPECT_EQ(readDecimalText("1." + std::string(500, '0') + "1")->fraction, 501);
  for (const char* bad : {"", ".", "1.", "1e2", "abc", "1.2.3", "- 1"}) {
    EXPECT_FALSE(readDecimalText(bad)) << bad;
  }
  EXPECT_EQ(decimalDigitsOf(1.25).fraction, 2);
  EXPECT_EQ(decimalDigitsOf(0.1 + 0.2).fraction, 17);  // 0.30000000000000004
  EXPECT_EQ(decimalDigitsOf(1e-7).fraction, 7);
  EXPECT_EQ(decimalDigitsOf(1e20).fraction, 0);
  EXPECT_EQ(decimalDigitsOf(-1234.5).fraction, 1);
  EXPECT_EQ(decimalDigitsOf(0.0).fraction, 0);
}

}  // namespace
}  // namespace sequelize::detail
