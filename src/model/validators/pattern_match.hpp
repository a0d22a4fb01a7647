#pragma once
// Matching the `is` / `not` validators' JavaScript patterns against user values with PCRE2,
// within fixed bounds of time and memory: patterns without back references never backtrack
// (^(a+)+$ on "aaa…b" is answered at once), and those with back references give up with
// TooCostly past their limits instead of hanging or exhausting a stack.
#include <string_view>

#include "sequelize/validation.hpp"

namespace sequelize::detail {

enum class PatternMatch {
  Matches,
  NoMatch,
  TooCostly,  // the match or memory limit was reached before an answer
};

// Whether `text` contains a match of `pattern`, as JavaScript's String.prototype.match with
// `new RegExp(pattern.regex, pattern.flags)` answers it. Patterns compile once per process.
// Throws sequelize::Error when the pattern or its flags are invalid. Thread-safe.
PatternMatch matchPattern(const Pattern& pattern, std::string_view text);

// Compiles the pattern (once per process) without matching: throws sequelize::Error when it is
// invalid, so that a model with a bad pattern fails when it is defined.
void checkPattern(const Pattern& pattern);

}  // namespace sequelize::detail
