// The string checks behind the built-in validators, against what the `validator` package
// (13.x, as Sequelize 6 uses it) answers for the same inputs.
#include <gtest/gtest.h>

#include <cmath>
#include <utility>
#include <vector>

#include "model/validators/string_checks.hpp"

namespace sequelize::test {
namespace {

using namespace sequelize::detail::checks;
using Cases = std::vector<std::pair<const char*, bool>>;

TEST(ValidatorChecks, IsEmail) {
  const Cases cases = {{"a@b.co", true},
                       {"nope", false},
                       {"", false},
                       {"a@b", false},
                       {"a.b@c.de", true},
                       {".a@b.co", false},
                       {"a..b@c.de", false},
                       {"a@b.c", false},
                       {"a@-b.com", false},
                       {"a@b_c.com", false},
                       {"\"quoted name\"@ex.com", true},
                       {"user+tag@example.org", true},
                       {"üñí@exämple.de", true},
                       {"a@1.2.3.4", false},
                       {"a@example.123", false},
                       {"x@xn--80ak6aa92e.com", true},
                       {"a b@c.com", false},
                       {"a@b.co.", false},
                       {"@b.co", false},
                       {"a@b@c.co", false}};
  for (const auto& [input, expected] : cases) EXPECT_EQ(isEmail(input), expected) << input;
  EXPECT_FALSE(isEmail(std::string(65, 'a') + "@b.co"));
}

TEST(ValidatorChecks, IsURL) {
  const Cases cases = {{"http://example.com", true},
                       {"https://example.com/x?y#z", true},
                       {"example.com", true},
                       {"ftp://a.b.co", true},
                       {"mailto:a@b.co", false},
                       {"not a url", false},
                       {"http://", false},
                       {"http://localhost", false},
                       {"http://127.0.0.1:8080/x", true},
                       {"http://[::1]:80/", true},
                       {"javascript:alert(1)", false},
                       {"//example.com", false},
                       {"http://user:pass@example.com", true},
                       {"http://@example.com", false},
                       {"example.com:99999", false},
                       {"example.com:0", false},
                       {"http://exa_mple.com", false},
                       {"HTTP://EXAMPLE.COM", true},
                       {"http://-a.com", false},
                       {"a.b", false},
                       {"http://example.com:abc", false},
                       {"user@example.com", true},
                       {"http://a:b:c@example.com", false},
                       {"www.example.com/path", true}};
  for (const auto& [input, expected] : cases) EXPECT_EQ(isURL(input), expected) << input;
}

TEST(ValidatorChecks, IsIntAndIsFloat) {
  const Cases ints = {{"1", true}, {"-1", true},  {"+5", true},   {"05", true},   {"1.0", false},
                      {"", false}, {" 1", false}, {"1e3", false}, {"abc", false}, {"-0", true}};
  for (const auto& [input, expected] : ints) EXPECT_EQ(isInt(input), expected) << input;
  const Cases floats = {{"1", true},   {"1.5", true},  {"-.5", true},  {".", false},
                        {"1e5", true}, {"1e", false},  {"abc", false}, {"", false},
                        {"+1.", true}, {"1,5", false}, {"0x10", false}};
  for (const auto& [input, expected] : floats) EXPECT_EQ(isFloat(input), expected) << input;
}

TEST(ValidatorChecks, IsUUID) {
  EXPECT_TRUE(isUUID("A987FBC9-4BED-4078-8F07-9141BA07C9F3", 4));
  EXPECT_FALSE(isUUID("A987FBC9-4BED-3078-8F07-9141BA07C9F3", 4));
  EXPECT_FALSE(isUUID("123", 4));
  EXPECT_FALSE(isUUID("A987FBC9-4BED-4078-CF07-9141BA07C9F3", 4));
  EXPECT_TRUE(isUUID("A987FBC9-4BED-3078-8F07-9141BA07C9F3", 0));
  EXPECT_TRUE(isUUID("00000000-0000-0000-0000-000000000000", 0));
  EXPECT_TRUE(isUUID("ffffffff-ffff-ffff-ffff-ffffffffffff", 0));
  EXPECT_FALSE(isUUID("zz", 0));
  EXPECT_FALSE(isUUID("A987FBC9-4BED-9078-8F07-9141BA07C9F3", 0));
}

TEST(ValidatorChecks, NotEmptyAndLength) {
  const Cases cases = {{"", false}, {"  ", false}, {"\t\n", false},
                       {"a", true}, {" a ", true}, {"\u00a0", false}};
  for (const auto& [input, expected] : cases) EXPECT_EQ(notEmpty(input), expected) << input;
  EXPECT_EQ(characterLength("abc"), 3u);
  EXPECT_EQ(characterLength("é"), 1u);
  EXPECT_EQ(characterLength("😀"), 1u);        // a surrogate pair counts once
  EXPECT_EQ(characterLength("a\uFE0F"), 1u);  // a character and its variation selector
  EXPECT_TRUE(isLength("ab", 2, 2));
  EXPECT_FALSE(isLength("abc", 1, 2));
  EXPECT_TRUE(isLength("abc", 1, std::nullopt));
}

TEST(ValidatorChecks, IsIP) {
  const Cases cases = {{"1.2.3.4", true},
                       {"256.1.1.1", false},
                       {"01.2.3.4", false},
                       {"::1", true},
                       {"::", true},
                       {"1:2:3:4:5:6:7:8", true},
                       {"1:2:3:4:5:6:7::", true},
                       {"1::2::3", false},
                       {"fe80::1%eth0", true},
                       {"::ffff:1.2.3.4", true},
                       {"1:2:3:4:5:6:1.2.3.4", true},
                       {"1:2:3:4:5:6:7:1.2.3.4", false},
                       {"gggg::1", false}};
  for (const auto& [input, expected] : cases) EXPECT_EQ(isIP(input), expected) << input;
}

TEST(ValidatorChecks, ParseFloatTakesTheNumericPrefix) {
  EXPECT_EQ(parseFloat("12abc"), 12.0);
  EXPECT_EQ(parseFloat(" 3.5e2x"), 350.0);
  EXPECT_EQ(parseFloat("-.5"), -0.5);
  EXPECT_FALSE(parseFloat("abc"));
  EXPECT_TRUE(std::isinf(*parseFloat("Infinity")));
  EXPECT_EQ(parseFloat("1e"), 1.0);
  EXPECT_FALSE(parseFloat(".e1"));
  EXPECT_EQ(parseFloat("+7"), 7.0);
}

TEST(ValidatorChecks, IsDate) {
  EXPECT_TRUE(isDate("2020-01-01"));
  EXPECT_TRUE(isDate("2020-01-01T10:00:00Z"));
  EXPECT_TRUE(isDate("2020/01/01"));
  EXPECT_FALSE(isDate("notadate"));
  EXPECT_FALSE(isDate(""));
}

}  // namespace
}  // namespace sequelize::test
