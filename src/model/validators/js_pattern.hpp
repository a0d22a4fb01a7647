#pragma once
// A JavaScript regular expression (Sequelize's `is` / `not` patterns: `new RegExp(source,
// flags)`) rewritten as PCRE2 pattern text that means the same. PCRE2's syntax is close to
// JavaScript's; where they differ for text a JavaScript pattern can contain, the escape or
// construct is rewritten here (pure text: no PCRE2 call), and the flags come back separately for
// the matcher to map onto PCRE2's options.
#include <string>

#include "sequelize/validation.hpp"

namespace sequelize::detail {

// JavaScript's RegExp flags, each at most once. `g` and `d` change nothing for a yes/no match
// (String.prototype.match on a fresh RegExp), so they are accepted and dropped.
struct JsFlags {
  bool ignoreCase = false;  // i
  bool multiline = false;   // m
  bool dotAll = false;      // s
  bool unicode = false;     // u
  bool sticky = false;      // y: a match must start at index 0
};

struct JsPatternTranslation {
  std::string pcreSource;  // a whole pattern: a top-level | is not yet wrapped in a group
  JsFlags flags;
  bool backReferences = false;  // whether it refers back to a group (\1, \k<name>)
};

// Throws sequelize::Error, with JavaScript's message, for flags JavaScript rejects and for
// escapes that are syntax errors under `u`; and for the flag `v`, whose set notation has no
// PCRE2 equivalent.
// Syntax errors PCRE2 itself finds are reported when the result is compiled.
JsPatternTranslation translateJsPattern(const Pattern& pattern);

}  // namespace sequelize::detail
