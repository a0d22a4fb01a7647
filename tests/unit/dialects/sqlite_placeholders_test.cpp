// The SQLite connection prepares "$N" placeholders as "?" where the number continues the
// sequence and "?N" elsewhere (both positional, found by number) while the log keeps
// Sequelize's text; quoted text and longer names stay as they are.
#include <gtest/gtest.h>

#include "dialects/sqlite/sqlite_connection.hpp"

namespace {

using sequelize::detail::positionalPlaceholders;

TEST(SqlitePlaceholders, NumberedPlaceholdersBecomePositional) {
  EXPECT_EQ(
      positionalPlaceholders("INSERT INTO `t` (`a`,`b`) VALUES ($1,$2),($3,$14) RETURNING `a`;"),
      "INSERT INTO `t` (`a`,`b`) VALUES (?,?),(?,?14) RETURNING `a`;");
  EXPECT_EQ(positionalPlaceholders("SELECT * FROM `t` WHERE `a` = $1 AND `b` IN ($2, $3)"),
            "SELECT * FROM `t` WHERE `a` = ? AND `b` IN (?, ?)");
  // Out of sequence or repeated: numbered, and a plain ? after them still means highest + 1.
  EXPECT_EQ(positionalPlaceholders("SELECT $2, $1, $3, $3, $4"), "SELECT ?2, ?1, ?, ?3, ?");
}

TEST(SqlitePlaceholders, QuotedTextAndOtherNamesAreKept) {
  EXPECT_EQ(positionalPlaceholders("SELECT '$1', \"$2\", `$3`, 'it''s $4' FROM `t` WHERE a = $5"),
            "SELECT '$1', \"$2\", `$3`, 'it''s $4' FROM `t` WHERE a = ?5");
  EXPECT_EQ(positionalPlaceholders("SELECT $name, $1a, a$1, $ FROM t"),
            "SELECT $name, $1a, a$1, $ FROM t");
  EXPECT_EQ(positionalPlaceholders("$1"), "?");
}

}  // namespace
