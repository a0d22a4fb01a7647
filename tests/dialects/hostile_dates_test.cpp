// Dates far from today, on every dialect: each is stored and read back as the same instant, or
// refused with a ValidationError that names it — never wrapped into another year (16-bit
// calendar years turned 275760 into 13616) or sent in a form the database misreads.
//
// What a DATE column holds: SQLite stores text, and takes JavaScript's whole range (years -271821
// to 275760); PostgreSQL's timestamptz runs from 4714-11-24 BC to 294276-12-31; MariaDB's
// DATETIME from the year 0 to 9999.
#include <string>
#include <utility>
#include <vector>

#include "hostile_input_fixture.hpp"

namespace sequelize::test {
namespace {

class HostileDatesTest : public HostileInputTest {
 protected:
  Model& defineMoments() {
    Model& m = db().define("Moment", {{"at", DataTypes::DATE}, {"day", DataTypes::DATEONLY}},
                           {.tableName = "hostile_dates", .timestamps = false});
    db().sync({.force = true});
    return m;
  }

  // The column's first and last whole second on the database under test.
  static std::pair<Date, Date> columnRange() {
    if (isPostgres()) {
      return {Date::fromCivil(-4713, 11, 24), Date::fromCivil(294276, 12, 31, 23, 59, 59)};
    }
    if (isMariadb()) return {Date::fromCivil(0, 1, 1), Date::fromCivil(9999, 12, 31, 23, 59, 59)};
    return {Date{-8'640'000'000'000'000}, Date{8'640'000'000'000'000}};
  }

  // The column's text for the only row, read with plain SQL.
  std::string storedText(const std::string& column) {
    const std::string cast = isPostgres()  ? quoted(db(), column) + "::text"
                             : isMariadb() ? "CAST(" + quoted(db(), column) + " AS CHAR)"
                                           : quoted(db(), column);
    const QueryResult r =
        db().query("SELECT " + cast + " FROM " + quoted(db(), "hostile_dates"), {.silent = true});
    return r.rows.at(0).at(0).value.as<std::string>();
  }
};

std::vector<Date> farDates() {
  return {
      Date{-8'640'000'000'000'000},         // -271821-04-20, JavaScript's first day
      Date{-8'640'000'000'000'000 - 1000},  // a second before it
      Date::fromCivil(-4714, 1, 1),         // before PostgreSQL's first day
      Date::fromCivil(-4713, 11, 24),       // 4714-11-24 BC, PostgreSQL's first day
      Date::fromCivil(-4713, 11, 23, 23, 59, 59),
      Date::fromCivil(-1, 12, 31, 23, 59, 59),  // 2 BC
      Date::fromCivil(0, 1, 1),                 // 1 BC, MariaDB's first day
      Date::fromCivil(0, 3, 1),
      Date::fromCivil(1, 1, 1),
      Date::fromCivil(999, 12, 31, 23, 59, 59),
      Date::fromCivil(1969, 12, 31, 23, 59, 59),
      Date::fromCivil(2026, 11, 24, 10, 0, 0),
      Date::fromCivil(9999, 12, 31, 23, 59, 59),  // MariaDB's last second
      Date::fromCivil(10000, 1, 1),
      Date::fromCivil(32767, 12, 31),
      Date::fromCivil(32768, 1, 1),  // beyond a 16-bit year
      Date::fromCivil(65536, 6, 15, 12, 30, 45),
      Date::fromCivil(275760, 9, 13),  // JavaScript's last day
      Date::fromCivil(275760, 9, 13, 0, 0, 1),
      Date::fromCivil(294276, 12, 31, 23, 59, 59),  // PostgreSQL's last second
      Date::fromCivil(294277, 1, 1),
  };
}

TEST_F(HostileDatesTest, DatesAreStoredExactlyOrRefusedNamingTheValue) {
  Model& sink = defineMoments();
  const auto [first, last] = columnRange();
  for (const Date& d : farDates()) {
    SCOPED_TRACE(d.toISOString());
    const bool holds = d >= first && d <= last;
    EXPECT_EQ(storesExactly(sink, "at", Value(d), Value(d)), holds);
    if (!holds) {
      EXPECT_EQ(refusal().name, "SequelizeValidationError");
      EXPECT_NE(refusal().message.find(d.toISOString()), std::string::npos) << refusal().message;
    }
    // The same instant given as milliseconds and as ISO text.
    EXPECT_EQ(storesExactly(sink, "at", Value(d.epochMs), Value(d)), holds);
    EXPECT_EQ(storesExactly(sink, "at", Value(d.toISOString()), Value(d)), holds);
  }
}

// Where the years are the database's own text: PostgreSQL writes years before 1 as BC and years
// after 9999 with more digits; SQLite keeps JavaScript's forms (signed six-digit years outside
// 0 to 9999).
TEST_F(HostileDatesTest, FarYearsAreStoredInTheDatabasesOwnForm) {
  Model& sink = defineMoments();
  if (isMariadb()) {
    sink.create({{"at", Date::fromCivil(999, 12, 31, 23, 59, 59)}});
    EXPECT_EQ(storedText("at"), "0999-12-31 23:59:59");
    return;
  }
  Instance a = sink.create({{"at", Date::fromCivil(10000, 1, 1)}});
  EXPECT_EQ(storedText("at"),
            isPostgres() ? "10000-01-01 00:00:00+00" : "+010000-01-01 00:00:00.000 +00:00");
  a.destroy();
  Instance b = sink.create({{"at", Date::fromCivil(0, 2, 29, 12)}});  // 1 BC was a leap year
  EXPECT_EQ(storedText("at"),
            isPostgres() ? "0001-02-29 12:00:00+00 BC" : "0000-02-29 12:00:00.000 +00:00");
  EXPECT_EQ(sink.findByPk(b.get("id"))->get<Date>("at"), Date::fromCivil(0, 2, 29, 12));
}

// Values the database made, beyond what JavaScript's Date holds, read back as the same instant.
TEST_F(HostileDatesTest, PostgresDatesBeyondJavascriptsRangeReadBackExactly) {
  if (!isPostgres()) GTEST_SKIP() << "PostgreSQL's timestamptz range";
  Model& sink = defineMoments();
  db().query(
      "INSERT INTO hostile_dates (id, at) VALUES (1, '294276-12-31 23:59:59.999+00'), "
      "(2, '4714-11-24 00:00:00+00 BC'), (3, '0001-12-31 23:59:59+00 BC')");
  const auto rows = sink.findAll({.order = {"id"}});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].get<Date>("at"), Date::fromCivil(294276, 12, 31, 23, 59, 59, 999));
  EXPECT_EQ(rows[0].get<Date>("at").toISOString(), "+294276-12-31T23:59:59.999Z");
  EXPECT_EQ(rows[1].get<Date>("at"), Date::fromCivil(-4713, 11, 24));
  EXPECT_EQ(rows[2].get<Date>("at"), Date::fromCivil(0, 12, 31, 23, 59, 59));
  // Found by it: the operand is written as PostgreSQL reads it.
  EXPECT_EQ(
      sink.findAll({.where = {{"at", Date::fromCivil(294276, 12, 31, 23, 59, 59, 999)}}}).size(),
      1u);
}

TEST_F(HostileDatesTest, OutOfRangeDatesAreRefusedInWhereClausesToo) {
  Model& sink = defineMoments();
  const Date beyond = Date::fromCivil(294277, 1, 1);
  clearLog();
  try {
    (void)sink.findAll({.where = {{"at", Op::lt(beyond)}}});
    FAIL() << "expected ValidationError";
  } catch (const ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("+294277-01-01T00:00:00.000Z"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW((void)sink.findAll({.where = {{"at", "not a date"}}}), ValidationError);
  EXPECT_TRUE(statements().empty());
}

// A DATEONLY given a Date keeps that Date's day, whatever its year: stored as that text (SQLite)
// or refused by the server with a message that names it — never another year.
TEST_F(HostileDatesTest, DateOnlyKeepsTheDayOfAFarDate) {
  Model& sink = defineMoments();
  for (const Date& d : {Date::fromCivil(32768, 6, 15), Date::fromCivil(275760, 9, 13)}) {
    const std::string day = d.toISOString().substr(0, 13);  // "+032768-06-15"
    SCOPED_TRACE(day);
    if (storesExactly(sink, "day", Value(d), Value(day))) {
      EXPECT_TRUE(isSqlite());
    } else {
      EXPECT_NE(refusal().message.find(day), std::string::npos) << refusal().message;
    }
  }
}

}  // namespace
}  // namespace sequelize::test
