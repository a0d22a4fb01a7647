#pragma once
// Checks that rendered SQL holds nothing but quoted identifiers, placeholders, integers and the
// generator's own keywords and punctuation: anything else would be user text reaching SQL.
#include <array>
#include <cctype>
#include <string_view>

namespace fuzzcheck {

inline bool isKeyword(std::string_view word) {
  static constexpr std::array<std::string_view, 34> kWords = {
      "SELECT", "FROM", "AS", "WHERE", "AND", "OR", "NOT", "IS", "NULL", "TRUE", "FALSE", "LIKE",
      "ILIKE", "IN", "BETWEEN", "ORDER", "BY", "ASC", "DESC", "NULLS", "FIRST", "LAST", "LIMIT",
      "OFFSET", "LEFT", "OUTER", "INNER", "JOIN", "ON", "ESCAPE", "DISTINCT",
      // ROW_NUMBER() OVER (PARTITION BY …): a limited query with a hasOne include
      "ROW_NUMBER", "OVER", "PARTITION"};
  for (std::string_view k : kWords) {
    if (k == word) return true;
  }
  return false;
}

// True when `sql` (with backtick identifiers and $n placeholders) contains only allowed tokens.
inline bool onlyAllowedTokens(std::string_view sql) {
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (c == ' ') {
      ++i;
    } else if (c == '`') {
      ++i;
      for (;;) {
        if (i >= sql.size()) return false;  // unterminated identifier
        if (sql[i] == '`') {
          if (i + 1 < sql.size() && sql[i + 1] == '`') {
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        ++i;
      }
    } else if (c == '$') {
      ++i;
      if (i >= sql.size() || !std::isdigit(static_cast<unsigned char>(sql[i]))) return false;
      while (i < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i]))) ++i;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      while (i < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i]))) ++i;
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      std::size_t j = i;
      while (j < sql.size() && (std::isalpha(static_cast<unsigned char>(sql[j])) || sql[j] == '_'))
        ++j;
      if (!isKeyword(sql.substr(i, j - i))) return false;
      i = j;
    } else if (sql.substr(i, 3) == "'\\'") {
      i += 3;  // the LIKE escape character
    } else if (c == ',' || c == '.' || c == '(' || c == ')' || c == '=' || c == '<' || c == '>' ||
               c == '!' || c == ';' || c == '*') {
      ++i;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace fuzzcheck
