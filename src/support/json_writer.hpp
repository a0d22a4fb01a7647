#pragma once
// JSON text exactly as JavaScript's JSON.stringify prints it: the same number formatting,
// string escaping and key order, so that Instance::toJSON matches Sequelize byte for byte.
#include <cstdint>
#include <string>
#include <string_view>

#include "sequelize/value.hpp"

namespace sequelize::detail {

// Number.prototype.toString for finite numbers; NaN and infinities print as "NaN"/"Infinity".
// When isInteger is set, exactInteger is printed as is (int64 values beyond 2^53 stay exact).
void appendJsNumber(std::string& out, double value, bool isInteger = false,
                    std::int64_t exactInteger = 0);
// A quoted JSON string. Invalid UTF-8 bytes become U+FFFD, as a JavaScript string would hold them.
void appendJsonString(std::string& out, std::string_view text);
// Any Value as JSON.stringify would print the JavaScript value Sequelize holds for it.
void appendJsonValue(std::string& out, const Value& value);

}  // namespace sequelize::detail
