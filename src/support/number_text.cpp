#include "support/number_text.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <limits>

namespace sequelize::detail {
namespace {

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

// Counts the digits of "<integer>.<fraction>" (no sign, no exponent) once the point is moved
// `exponent` places to the right.
DecimalDigits countDigits(std::string_view integer, std::string_view fraction,
                          std::int64_t exponent) {
  const std::size_t count = integer.size() + fraction.size();
  auto digitAt = [&](std::size_t k) {
    return k < integer.size() ? integer[k] : fraction[k - integer.size()];
  };
  std::size_t first = 0;
  while (first < count && digitAt(first) == '0') ++first;
  std::size_t last = count;
  while (last > first && digitAt(last - 1) == '0') --last;
  DecimalDigits d;
  if (first == last) {  // zero
    d.integral = true;
    return d;
  }
  d.significant = static_cast<std::int64_t>(last - first);
  const std::int64_t pointAt = static_cast<std::int64_t>(integer.size()) + exponent;
  const std::int64_t fractionDigits = static_cast<std::int64_t>(last) - pointAt;
  d.fraction = fractionDigits > 0 ? fractionDigits : 0;
  d.integral = d.fraction == 0;
  return d;
}

}  // namespace

std::optional<IntegerText> readIntegerText(std::string_view text) {
  IntegerText out;
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    out.negative = text[i] == '-';
    out.canonical = out.negative;
    ++i;
  }
  if (i == text.size()) return std::nullopt;
  if (text[i] == '0' && i + 1 < text.size()) out.canonical = false;
  for (; i < text.size(); ++i) {
    if (!isDigit(text[i])) return std::nullopt;
    const auto digit = static_cast<std::uint64_t>(text[i] - '0');
    if (out.magnitude > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) {
      out.tooLarge = true;
    } else {
      out.magnitude = out.magnitude * 10 + digit;
    }
  }
  if (out.negative && out.magnitude == 0) out.canonical = false;
  return out;
}

bool isFloatText(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  bool anyDigit = false;
  while (i < text.size() && isDigit(text[i])) {
    ++i;
    anyDigit = true;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && isDigit(text[i])) {
      ++i;
      anyDigit = true;
    }
  }
  if (!anyDigit) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    const std::size_t exponentStart = i;
    while (i < text.size() && isDigit(text[i])) ++i;
    if (i == exponentStart) return false;
  }
  return i == text.size();
}

std::optional<DecimalDigits> readDecimalText(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  const std::size_t integerStart = i;
  while (i < text.size() && isDigit(text[i])) ++i;
  const std::string_view integer = text.substr(integerStart, i - integerStart);
  std::string_view fraction;
  if (i < text.size() && text[i] == '.') {
    const std::size_t fractionStart = ++i;
    while (i < text.size() && isDigit(text[i])) ++i;
    fraction = text.substr(fractionStart, i - fractionStart);
    if (fraction.empty()) return std::nullopt;  // "1." is not a decimal for isDecimal
  }
  if (i != text.size() || (integer.empty() && fraction.empty())) return std::nullopt;
  return countDigits(integer, fraction, 0);
}

DecimalDigits decimalDigitsOf(double value) {
  // The shortest text that reads back as this double, in scientific form: "d.ddde±x".
  std::array<char, 32> buf{};
  const auto result =
      std::to_chars(buf.data(), buf.data() + buf.size(), value, std::chars_format::scientific);
  std::string_view text(buf.data(), static_cast<std::size_t>(result.ptr - buf.data()));
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  const std::size_t e = text.find('e');
  std::string_view mantissa = text.substr(0, e);
  int exponent = 0;
  std::from_chars(text.data() + e + 1 + (text[e + 1] == '+' ? 1 : 0), text.data() + text.size(),
                  exponent);
  const std::size_t point = mantissa.find('.');
  const std::string_view integer = mantissa.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view{} : mantissa.substr(point + 1);
  return countDigits(integer, fraction, exponent);
}

}  // namespace sequelize::detail
