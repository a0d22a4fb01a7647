// Date: the calendar arithmetic and the text forms read back from the databases, checked
// against std::chrono's own calendar.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "sequelize/date.hpp"
#include "sequelize/errors.hpp"

namespace sequelize {
namespace {

// The same instant through std::chrono's calendar, as an independent oracle.
std::int64_t chronoMs(int year, unsigned month, unsigned day, int hour, int minute, int second,
                      int millis) {
  using namespace std::chrono;
  const sys_days d{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
  return duration_cast<milliseconds>(d.time_since_epoch()).count() + hour * 3'600'000LL +
         minute * 60'000LL + second * 1000LL + millis;
}

TEST(DateTest, FromCivilAgreesWithTheStandardCalendar) {
  EXPECT_EQ(Date::fromCivil(1970, 1, 1).epochMs, 0);
  EXPECT_EQ(Date::fromCivil(2000, 2, 29, 12).epochMs, chronoMs(2000, 2, 29, 12, 0, 0, 0));
  EXPECT_EQ(Date::fromCivil(1600, 3, 1).epochMs, chronoMs(1600, 3, 1, 0, 0, 0, 0));
  EXPECT_EQ(Date::fromCivil(-1, 12, 31, 23, 59, 59, 999).epochMs,
            chronoMs(-1, 12, 31, 23, 59, 59, 999));
  EXPECT_EQ(Date::fromCivil(9999, 12, 31).epochMs, chronoMs(9999, 12, 31, 0, 0, 0, 0));
}

TEST(DateTest, SqlTextReadsBackToTheSameInstantAcrossCenturies) {
  // Instants from the year 1 to 9999: written as SQLite and PostgreSQL receive them, read back.
  std::mt19937_64 random(20261202);
  const std::int64_t first = Date::fromCivil(1, 1, 1).epochMs;
  const std::int64_t last = Date::fromCivil(9999, 12, 31, 23, 59, 59, 999).epochMs;
  std::uniform_int_distribution<std::int64_t> pick(first, last);
  for (int i = 0; i < 20000; ++i) {
    const Date d{pick(random)};
    std::string text;
    d.appendSqlText(text);
    ASSERT_EQ(Date::parse(text), d) << text;
    ASSERT_EQ(Date::parse(d.toISOString()), d) << d.toISOString();
  }
}

TEST(DateTest, ReadsEveryLayoutTheDatabasesReturn) {
  const Date expected = Date::fromCivil(2026, 11, 24, 10, 0, 0, 123);
  EXPECT_EQ(Date::parse("2026-11-24 10:00:00.123 +00:00"), expected);  // SQLite
  EXPECT_EQ(Date::parse("2026-11-24 10:00:00.123+00"), expected);      // PostgreSQL timestamptz
  EXPECT_EQ(Date::parse("2026-11-24 11:30:00.123+01:30"), expected);
  EXPECT_EQ(Date::parse("2026-11-24 05:00:00.123-05"), expected);
  EXPECT_EQ(Date::parse("2026-11-24T10:00:00.123Z"), expected);
  EXPECT_EQ(Date::parse("2026-11-24 10:00:00.1234567"), expected);  // beyond milliseconds: cut
  EXPECT_EQ(Date::parse("2026-11-24 10:00:00.12+00"), Date::fromCivil(2026, 11, 24, 10, 0, 0, 120));
  EXPECT_EQ(Date::parse("2026-11-24 10:00:00.1239+00"), expected);
  EXPECT_EQ(Date::parse("2026-11-24 10:00:00"), Date::fromCivil(2026, 11, 24, 10));
  EXPECT_EQ(Date::parse("2026-11-24 10:00"), Date::fromCivil(2026, 11, 24, 10));
  EXPECT_EQ(Date::parse("  2026-11-24 10:00:00.123  "), expected);
  EXPECT_EQ(Date::parse("+012026-11-24T10:00:00.123Z"),
            Date::fromCivil(12026, 11, 24, 10, 0, 0, 123));
  EXPECT_EQ(Date::parse("-000001-01-01T00:00:00.000Z"), Date::fromCivil(-1, 1, 1));
}

TEST(DateTest, ParsesTheFormatsDatabasesUse) {
  const Date expected = Date::fromCivil(2026, 11, 24, 10, 0, 0, 123);
  EXPECT_EQ(Date::parse("2026-11-24T10:00:00.123Z"), expected);
  EXPECT_EQ(Date::parse("2026-11-24 10:00:00.123 +00:00"), expected);
  EXPECT_EQ(Date::parse("2026-11-24 12:00:00.123+02"), expected);
  EXPECT_EQ(Date::parse("2026-11-24 10:00:00.123456"), expected);
  EXPECT_EQ(Date::parse("2026-11-24"), Date::fromCivil(2026, 11, 24));
  EXPECT_FALSE(Date::parse("2026-13-01"));
  EXPECT_FALSE(Date::parse("2026-02-30"));
  EXPECT_FALSE(Date::parse("yesterday"));
  EXPECT_EQ(expected.toISOString(), "2026-11-24T10:00:00.123Z");
  std::string sql;
  expected.appendSqlText(sql);
  EXPECT_EQ(sql, "2026-11-24 10:00:00.123 +00:00");
  EXPECT_EQ(Date::fromCivil(1969, 12, 31, 23, 59, 59, 999).toISOString(),
            "1969-12-31T23:59:59.999Z");
}

TEST(DateTest, RefusesImpossibleDatesAndTrailingText) {
  EXPECT_TRUE(Date::parse("2024-02-29 10:00:00"));
  EXPECT_TRUE(Date::parse("2000-02-29 10:00:00"));
  EXPECT_FALSE(Date::parse("2023-02-29 10:00:00"));
  EXPECT_FALSE(Date::parse("1900-02-29 10:00:00"));
  EXPECT_FALSE(Date::parse("2026-04-31 10:00:00"));
  EXPECT_FALSE(Date::parse("2026-00-10 10:00:00"));
  EXPECT_FALSE(Date::parse("2026-11-00 10:00:00"));
  EXPECT_FALSE(Date::parse("2026-1x-24 10:00:00"));
  EXPECT_FALSE(Date::parse("2026-11-24 25:00:00"));
  EXPECT_FALSE(Date::parse("2026-11-24 10:60:00"));
  EXPECT_FALSE(Date::parse("2026-11-24 10:00:00.123 +00:00 tomorrow"));
  EXPECT_FALSE(Date::parse("2026-11-24 10:00:00."));
  EXPECT_FALSE(Date::parse("2026-11-24 10:00:00.1x3+00"));
  EXPECT_FALSE(Date::parse("2026-11-24 10:00:00.123 +00:00x"));
  EXPECT_FALSE(Date::parse("2026-11-24 10:00.5"));  // a fraction needs seconds
  EXPECT_FALSE(Date::parse("2026-11-24.5"));
  EXPECT_FALSE(Date::parse(""));
}

// civil() against daysFromCivil, its independent inverse, over the days of every year a Date can
// hold: the calendar is 64-bit throughout (std::chrono's year is 16 bits and wraps past 32767).
TEST(DateTest, CivilFieldsRoundTripOverEveryYearADateHolds) {
  std::mt19937_64 random(20261203);
  const std::int64_t lowest = std::numeric_limits<std::int64_t>::min();
  const std::int64_t highest = std::numeric_limits<std::int64_t>::max();
  std::uniform_int_distribution<std::int64_t> pick(lowest, highest);
  std::vector<std::int64_t> instants = {lowest,
                                        lowest + 1,
                                        highest,
                                        highest - 1,
                                        0,
                                        -1,
                                        -8'640'000'000'000'000,
                                        8'640'000'000'000'000};
  for (int i = 0; i < 100000; ++i) instants.push_back(pick(random));
  for (const std::int64_t ms : instants) {
    const CivilTime c = Date{ms}.civil();
    ASSERT_GE(c.month, 1u);
    ASSERT_LE(c.month, 12u);
    ASSERT_GE(c.day, 1u);
    ASSERT_LE(c.day, 31u);
    // The day and the time of day, compared apart: days * 86400000 overflows at the ends.
    std::int64_t day = ms / 86'400'000;
    std::int64_t msOfDay = ms % 86'400'000;
    if (msOfDay < 0) {
      msOfDay += 86'400'000;
      --day;
    }
    ASSERT_EQ(detail::daysFromCivil(c.year, c.month, c.day), day) << ms;
    ASSERT_EQ(c.hour * 3'600'000LL + c.minute * 60'000LL + c.second * 1000LL + c.millisecond,
              msOfDay)
        << ms;
    (void)Date{ms}.toISOString();  // every instant prints
  }
}

TEST(DateTest, FarYearsPrintAndParseAsJavascriptAndPostgresWriteThem) {
  const Date jsLast{8'640'000'000'000'000};
  EXPECT_EQ(jsLast.toISOString(), "+275760-09-13T00:00:00.000Z");
  EXPECT_EQ(Date::parse("+275760-09-13T00:00:00.000Z"), jsLast);
  const Date jsFirst{-8'640'000'000'000'000};
  EXPECT_EQ(jsFirst.toISOString(), "-271821-04-20T00:00:00.000Z");
  EXPECT_EQ(Date::parse("-271821-04-20T00:00:00.000Z"), jsFirst);
  EXPECT_EQ(Date::fromCivil(32768, 1, 1).toISOString(), "+032768-01-01T00:00:00.000Z");
  EXPECT_EQ(Date::fromCivil(294276, 12, 31).civil().year, 294276);
  EXPECT_EQ(Date{std::numeric_limits<std::int64_t>::max()}.toISOString(),
            "+292278994-08-17T07:12:55.807Z");
  EXPECT_EQ(Date{std::numeric_limits<std::int64_t>::min()}.toISOString(),
            "-292275055-05-16T16:47:04.192Z");
  // PostgreSQL: years after 9999 with more digits, years before 1 as BC (1 BC is the year 0).
  EXPECT_EQ(Date::parse("294276-12-31 23:59:59.999+00"),
            Date::fromCivil(294276, 12, 31, 23, 59, 59, 999));
  EXPECT_EQ(Date::parse("0001-01-01 00:00:00+00 BC"), Date::fromCivil(0, 1, 1));
  EXPECT_EQ(Date::parse("4714-11-24 00:00:00+00 BC"), Date::fromCivil(-4713, 11, 24));
  EXPECT_EQ(Date::parse("0001-02-29 BC"), Date::fromCivil(0, 2, 29));
  EXPECT_FALSE(Date::parse("0002-02-29 BC"));  // 2 BC is the year -1: not a leap year
  EXPECT_FALSE(Date::parse("0000-01-01 BC"));
  EXPECT_FALSE(Date::parse("-000001-01-01 BC"));
}

TEST(DateTest, TimePointRefusesDatesTheClockCannotHold) {
  EXPECT_EQ(Date::fromCivil(2026, 1, 1).timePoint().time_since_epoch(),
            std::chrono::milliseconds(Date::fromCivil(2026, 1, 1).epochMs));
  EXPECT_THROW((void)Date::fromCivil(275760, 1, 1).timePoint(), RangeError);
  EXPECT_THROW((void)Date::fromCivil(-271821, 5, 1).timePoint(), RangeError);
}

}  // namespace
}  // namespace sequelize
