#pragma once
// Numbers written as text, read the way the `validator` package's isInt, isFloat and isDecimal
// (which Sequelize's type checks use) accept them, for values given as strings to numeric
// attributes.
#include <cstdint>
#include <optional>
#include <string_view>

namespace sequelize::detail {

// An integer's sign and magnitude; `tooLarge` when the magnitude needs more than 64 bits.
struct IntegerText {
  bool negative = false;
  bool tooLarge = false;
  std::uint64_t magnitude = 0;
  // Written as the databases write it back: no "+", no leading zeros, no "-0".
  bool canonical = true;
};

// isInt: an optional sign and one or more digits, nothing else (no spaces).
std::optional<IntegerText> readIntegerText(std::string_view text);

// isFloat: an optional sign, digits with an optional fraction (at least one digit), an optional
// exponent. Not "NaN" or "Infinity".
bool isFloatText(std::string_view text);

// The digits of a decimal number that decide whether a column keeps it exactly.
struct DecimalDigits {
  std::int64_t fraction = 0;     // after the point, trailing zeros left out
  std::int64_t significant = 0;  // from the first non-zero digit to the last
  bool integral = false;
};

// isDecimal: an optional sign, digits, an optional point and fraction digits (at least one
// digit in all; no exponent).
std::optional<DecimalDigits> readDecimalText(std::string_view text);

// The digits of a finite double written in its shortest exact form (as JavaScript prints it).
DecimalDigits decimalDigitsOf(double value);

}  // namespace sequelize::detail
