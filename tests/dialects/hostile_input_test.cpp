// Hostile input, on every dialect: values and names that try to break out of their place in the
// SQL, or to be changed on the way in. Each one is either stored and read back exactly, or
// refused with a sequelize error — never executed as SQL, never truncated or altered silently.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "hostile_input_fixture.hpp"

namespace sequelize::test {
namespace {

using namespace std::string_literals;

std::vector<std::string> hostileStrings() {
  return {
      "'; DROP TABLE hostile_sink; --",
      "\" OR \"1\"=\"1",
      "` OR 1=1; --",
      "\\",
      "\\'",
      "\\\\'' OR ''='",
      "$1",
      "?",
      "%_%",
      "\x1a\r\n\t",
      "a\0b"s,
      "\0"s,
      "\xff\xfe\xfd",      // not UTF-8 at all
      "\xc3\x28",          // a broken two-byte sequence
      "\xc0\xaf",          // an overlong '/'
      "\xed\xa0\x80",      // a UTF-16 surrogate
      "ünïcödé 😀 \u202e",  // valid UTF-8, emoji and a direction override
      std::string(60'000, 'x') + "'",
  };
}

TEST_F(HostileInputTest, HostileStringsAreStoredExactlyOrRefused) {
  Model& sink = defineSink();
  int stored = 0;
  for (const std::string& s : hostileStrings()) {
    SCOPED_TRACE(s.substr(0, 40));
    if (storesExactly(sink, "text", Value(s), Value(s))) ++stored;
  }
  // Valid UTF-8 without NUL bytes is stored everywhere (the first ten and the last two).
  EXPECT_GE(stored, 12);
  // The table is still there, with every stored row.
  EXPECT_EQ(countRows(db(), "hostile_sink"), stored);
}

TEST_F(HostileInputTest, BytesAreStoredExactly) {
  Model& sink = defineSink();
  std::string all;
  for (int c = 0; c < 256; ++c) all.push_back(static_cast<char>(c));
  for (const std::string& s :
       {all, "'; DROP TABLE hostile_sink; --\0\\"s, std::string(50'000, '\0')}) {
    const Blob bytes(s.begin(), s.end());
    EXPECT_TRUE(storesExactly(sink, "bytes", Value(bytes), Value(bytes)));
  }
}

TEST_F(HostileInputTest, StringLongerThanItsColumnIsNeverTruncatedSilently) {
  Model& sink = defineSink();
  const std::string longer(17, 'y');
  if (storesExactly(sink, "short", Value(longer), Value(longer))) {
    // Only SQLite, which does not enforce VARCHAR lengths, keeps it — whole.
    EXPECT_TRUE(isSqlite());
  }
  const std::string multibyte = std::string(16, 'x') + "é";  // 17 characters
  if (storesExactly(sink, "short", Value(multibyte), Value(multibyte))) {
    EXPECT_TRUE(isSqlite());
  }
  // Exactly the column's length, in characters, fits everywhere.
  const std::string sixteen = "ééééééééééééééé!";
  EXPECT_TRUE(storesExactly(sink, "short", Value(sixteen), Value(sixteen)));
}

TEST_F(HostileInputTest, NonFiniteNumbersAreStoredExactlyOrRefused) {
  Model& sink = defineSink();
  for (const double d :
       {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
        -std::numeric_limits<double>::infinity(), -0.0, std::numeric_limits<double>::max(),
        std::numeric_limits<double>::min(), std::numeric_limits<double>::denorm_min()}) {
    SCOPED_TRACE(d);
    storesExactly(sink, "real", Value(d), Value(d));
  }
  // Finite doubles are stored everywhere.
  EXPECT_TRUE(storesExactly(sink, "real", Value(1e308), Value(1e308)));
}

TEST_F(HostileInputTest, OutOfRangeIntegersAreStoredExactlyOrRefused) {
  Model& sink = defineSink();
  const std::int64_t big = std::numeric_limits<std::int64_t>::max();
  const std::int64_t small = std::numeric_limits<std::int64_t>::min();
  // BIGINT holds the whole 64-bit range everywhere.
  EXPECT_TRUE(storesExactly(sink, "big", Value(big), Value(big)));
  EXPECT_TRUE(storesExactly(sink, "big", Value(small), Value(small)));
  // INTEGER is 32 bits on the servers: larger values are refused there, not clipped.
  for (const std::int64_t v : {std::int64_t{1} << 31, -(std::int64_t{1} << 31) - 1, big, small}) {
    SCOPED_TRACE(v);
    if (storesExactly(sink, "int", Value(v), Value(v))) {
      EXPECT_TRUE(isSqlite());
    }
  }
  // UNSIGNED: negative numbers and numbers above 2^32-1 are refused by MariaDB, stored as
  // given where UNSIGNED is only a name (SQLite, and PostgreSQL, whose INTEGER is signed).
  for (const std::int64_t v : {std::int64_t{-1}, std::int64_t{1} << 32}) {
    SCOPED_TRACE(v);
    if (storesExactly(sink, "uint", Value(v), Value(v))) {
      EXPECT_FALSE(isMariadb());
    }
  }
  // The largest UNSIGNED value: PostgreSQL's (signed) INTEGER refuses it.
  EXPECT_EQ(
      storesExactly(sink, "uint", Value(std::int64_t{4294967295}), Value(std::int64_t{4294967295})),
      !isPostgres());
  // A 64-bit unsigned number above INT64_MAX does not fit a BIGINT: refused, not wrapped.
  const std::uint64_t huge = std::numeric_limits<std::uint64_t>::max();
  EXPECT_THROW((void)sink.create({{"big", Value(huge)}}), RangeError);
  EXPECT_EQ(countRows(db(), "hostile_sink"), isSqlite() ? 9 : 3);
}

// Names that come from the user and are not the model's: refused before any SQL is sent.
TEST_F(HostileInputTest, UnknownNamesAreRefusedBeforeAnySql) {
  Model& sink = defineSink();
  sink.create({{"text", "kept"}});
  const std::vector<std::string> names = {"text; DROP TABLE hostile_sink; --",
                                          "text` OR 1=1 --",
                                          "text\" OR 1=1 --",
                                          "text' OR '1'='1",
                                          "text\0"s,
                                          "id) OR (1=1",
                                          "*",
                                          "",
                                          "sink.text",
                                          "$1"};
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    clearLog();
    EXPECT_THROW((void)sink.findAll({.where = {{name, "x"}}}), Error);
    EXPECT_THROW((void)sink.findAll({.order = {{name, "ASC"}}}), Error);
    EXPECT_THROW((void)sink.findAll({.attributes = {{name}}}), Error);
    EXPECT_THROW((void)sink.findAll({.include = {name}}), Error);
    EXPECT_THROW((void)sink.create({{name, "x"}}), Error);
    EXPECT_TRUE(statements().empty()) << statements().front();
  }
  // A direction that is not ASC/DESC is refused too.
  clearLog();
  EXPECT_THROW((void)sink.findAll({.order = {{"text", "ASC; DROP TABLE hostile_sink"}}}), Error);
  EXPECT_TRUE(statements().empty());
  EXPECT_EQ(countRows(db(), "hostile_sink"), 1);
}

// Names the user chooses for tables, models, attributes and aliases may hold any character but
// NUL: they are quoted, and used exactly as written.
TEST_F(HostileInputTest, HostileTableAttributeAndAliasNamesAreQuoted) {
  const std::string table = "we`ird\"ta'ble; DROP TABLE x; --";
  const std::string column = "co`l\"um'n\\ --";
  Model& owner = db().define("Own`er\"; --", {{column, DataTypes::STRING}},
                             {.tableName = table, .timestamps = false});
  Model& pet = db().define("Pet", {{"name", DataTypes::STRING}},
                           {.tableName = "pe`ts\"", .timestamps = false});
  owner.hasOne(pet, {.foreignKey = "own`er\"_id", .as = "my`pet\" --"});
  db().sync({.force = true});

  Instance o = owner.create({{column, "value ' \" `"}, {"my`pet\" --", {{"name", "rex"}}}},
                            {.include = {"my`pet\" --"}});
  const auto found = owner.findAll({.where = {{column, "value ' \" `"}},
                                    .attributes = {{column}},
                                    .include = {"my`pet\" --"},
                                    .order = {{column, "DESC"}}});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].get<std::string>(column), "value ' \" `");
  ASSERT_NE(found[0].included("my`pet\" --"), nullptr);
  EXPECT_EQ(found[0].included("my`pet\" --")->get<std::string>("name"), "rex");
  EXPECT_EQ(countRows(db(), table), 1);
  EXPECT_EQ(countRows(db(), "pe`ts\""), 1);
}

TEST_F(HostileInputTest, NamesWithNulBytesAreRefused) {
  EXPECT_THROW(
      {
        db().define("Nul", {{"a\0b"s, DataTypes::STRING}}, {.tableName = "nul_table"});
        db().sync({.force = true});
      },
      Error);
  EXPECT_THROW(
      {
        db().define("Nul2", {{"a", DataTypes::STRING}}, {.tableName = "nul\0table"s});
        db().sync({.force = true});
      },
      Error);
}

}  // namespace
}  // namespace sequelize::test
