#pragma once
// A point in time with the precision of a JavaScript Date: whole milliseconds since the Unix
// epoch, UTC. DATE attributes hold these; DATEONLY attributes hold "YYYY-MM-DD" strings, as in
// Sequelize.
#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sequelize {

namespace detail {
// Days since 1970-01-01 of a proleptic Gregorian date (month and day already valid): the
// well-known era arithmetic. Inline: every DATE column a MariaDB row brings goes through it.
constexpr std::int64_t daysFromCivil(std::int64_t year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto yearOfEra = static_cast<unsigned>(year - era * 400);
  const unsigned dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
  return era * 146'097 + static_cast<std::int64_t>(dayOfEra) - 719'468;
}
}  // namespace detail

// A Date's calendar fields in UTC, proleptic Gregorian, year 0 being 1 BC: every year a Date
// can hold (a 64-bit count of milliseconds spans about ±292 million years).
struct CivilTime {
  std::int64_t year;
  unsigned month, day, hour, minute, second, millisecond;
};

struct Date {
  std::int64_t epochMs = 0;

  static Date now();
  static Date fromTimePoint(std::chrono::system_clock::time_point tp);
  static constexpr Date fromCivil(int year, unsigned month, unsigned day, int hour = 0,
                                  int minute = 0, int second = 0, int millisecond = 0) {
    return Date{detail::daysFromCivil(year, month, day) * 86'400'000LL + hour * 3'600'000LL +
                minute * 60'000LL + second * 1000LL + millisecond};
  }

  // Accepts what the databases and users write: "2026-11-24T10:00:00.000Z", "2026-11-24 10:00:00",
  // "2026-11-24 10:00:00.123 +00:00", "2026-11-24 10:00:00+01", "2026-11-24". No offset means UTC.
  // Years have 4 to 6 digits, signed as JavaScript writes them ("+012026", "-000001"), or
  // end in " BC" as PostgreSQL writes them ("0001-01-01 00:00:00+00 BC" is the year 0).
  static std::optional<Date> parse(std::string_view text);

  [[nodiscard]] CivilTime civil() const noexcept;
  [[nodiscard]] std::chrono::system_clock::time_point timePoint() const;
  // "2026-11-24T10:00:00.000Z", what Date.prototype.toJSON prints; years outside 0 to 9999 as
  // "+012026" / "-000001" (more digits beyond JavaScript's range).
  [[nodiscard]] std::string toISOString() const;
  // "2026-11-24 10:00:00.000 +00:00": how Sequelize writes DATE values for SQLite and PostgreSQL.
  void appendSqlText(std::string& out, bool withOffset = true, bool withMillis = true) const;
  // "2026-11-24"
  [[nodiscard]] std::string toDateOnly() const;

  friend auto operator<=>(const Date&, const Date&) = default;
};

}  // namespace sequelize
