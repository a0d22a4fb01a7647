#pragma once
// The string tests behind the built-in validators, with the behaviour of the `validator`
// package (version 13) that Sequelize uses, for its default options. Each takes the value as
// JavaScript's String(value) would print it.
#include <cstddef>
#include <optional>
#include <string_view>

namespace sequelize::detail::checks {

bool notEmpty(std::string_view s);
// Length in characters as validator counts it: UTF-16 units, with a surrogate pair and a
// character followed by a variation selector each counting once.
std::size_t characterLength(std::string_view s);
bool isLength(std::string_view s, std::size_t min, std::optional<std::size_t> max);
bool isEmail(std::string_view s);
bool isFQDN(std::string_view s);
bool isIP(std::string_view s, int version = 0);  // 0: either
bool isURL(std::string_view s);
bool isInt(std::string_view s);
bool isFloat(std::string_view s);
// version 1-8, or 0 for any (validator's "all")
bool isUUID(std::string_view s, int version);
bool isDate(std::string_view s);
// JavaScript's parseFloat: the longest numeric prefix, after leading whitespace; nullopt for NaN.
std::optional<double> parseFloat(std::string_view s);

}  // namespace sequelize::detail::checks
