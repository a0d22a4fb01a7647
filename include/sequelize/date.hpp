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

struct Date {
  std::int64_t epochMs = 0;

  static Date now();
  static Date fromTimePoint(std::chrono::system_clock::time_point tp);
  static Date fromCivil(int year, unsigned month, unsigned day, int hour = 0, int minute = 0,
                        int second = 0, int millisecond = 0);

  // Accepts what the databases and users write: "2026-11-24T10:00:00.000Z", "2026-11-24 10:00:00",
  // "2026-11-24 10:00:00.123 +00:00", "2026-11-24 10:00:00+01", "2026-11-24". No offset means UTC.
  static std::optional<Date> parse(std::string_view text);

  [[nodiscard]] std::chrono::system_clock::time_point timePoint() const;
  // "2026-11-24T10:00:00.000Z", what Date.prototype.toJSON prints.
  [[nodiscard]] std::string toISOString() const;
  // "2026-11-24 10:00:00.000 +00:00": how Sequelize writes DATE values for SQLite and PostgreSQL.
  void appendSqlText(std::string& out, bool withOffset = true, bool withMillis = true) const;
  // "2026-11-24"
  [[nodiscard]] std::string toDateOnly() const;

  friend auto operator<=>(const Date&, const Date&) = default;
};

}  // namespace sequelize
