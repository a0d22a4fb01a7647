#include "sequelize/date.hpp"

#include <array>
#include <charconv>

namespace sequelize {
namespace {

using std::chrono::days;
using std::chrono::milliseconds;
using std::chrono::sys_days;

constexpr std::int64_t kMsPerDay = 86'400'000;

// floor division, so that dates before 1970 split into day and time of day correctly
std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

void appendDigits(std::string& out, unsigned value, int width) {
  std::array<char, 8> buf{};
  for (int i = width - 1; i >= 0; --i) {
    buf[static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(buf.data(), static_cast<std::size_t>(width));
}

void appendYear(std::string& out, int year) {
  if (year >= 0 && year <= 9999) {
    appendDigits(out, static_cast<unsigned>(year), 4);
  } else {
    // JavaScript's expanded years: +012345 / -000001
    out.push_back(year < 0 ? '-' : '+');
    appendDigits(out, static_cast<unsigned>(year < 0 ? -year : year), 6);
  }
}

struct Civil {
  int year;
  unsigned month, day, hour, minute, second, ms;
};

Civil toCivil(std::int64_t epochMs) {
  const std::int64_t dayIndex = floorDiv(epochMs, kMsPerDay);
  const auto msOfDay = static_cast<unsigned>(epochMs - dayIndex * kMsPerDay);
  const std::chrono::year_month_day ymd{sys_days{days{dayIndex}}};
  return Civil{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
               static_cast<unsigned>(ymd.day()), msOfDay / 3'600'000, msOfDay / 60'000 % 60,
               msOfDay / 1000 % 60, msOfDay % 1000};
}

// A small cursor over the text being parsed.
struct Scanner {
  std::string_view s;
  std::size_t pos = 0;

  [[nodiscard]] bool done() const { return pos >= s.size(); }
  [[nodiscard]] char peek() const { return done() ? '\0' : s[pos]; }
  bool accept(char c) {
    if (peek() != c) return false;
    ++pos;
    return true;
  }
  bool digits(std::size_t count, int& out) {
    if (pos + count > s.size()) return false;
    int v = 0;
    for (std::size_t i = 0; i < count; ++i) {
      const char c = s[pos + i];
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    pos += count;
    out = v;
    return true;
  }
};

}  // namespace

Date Date::now() { return fromTimePoint(std::chrono::system_clock::now()); }

Date Date::fromTimePoint(std::chrono::system_clock::time_point tp) {
  return Date{std::chrono::floor<milliseconds>(tp.time_since_epoch()).count()};
}

Date Date::fromCivil(int year, unsigned month, unsigned day, int hour, int minute, int second,
                     int millisecond) {
  const sys_days d{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
  return Date{d.time_since_epoch().count() * kMsPerDay + hour * 3'600'000LL +
              minute * 60'000LL + second * 1000LL + millisecond};
}

std::optional<Date> Date::parse(std::string_view text) {
  Scanner sc{text};
  while (sc.peek() == ' ') ++sc.pos;
  int sign = 1;
  if (sc.accept('-')) sign = -1;
  else sc.accept('+');
  int year = 0, month = 0, day = 0;
  const std::size_t yearStart = sc.pos;
  while (!sc.done() && sc.peek() >= '0' && sc.peek() <= '9') ++sc.pos;
  const std::size_t yearLen = sc.pos - yearStart;
  if (yearLen < 4 || yearLen > 6) return std::nullopt;
  sc.pos = yearStart;
  if (!sc.digits(yearLen, year)) return std::nullopt;
  year *= sign;
  if (!sc.accept('-') || !sc.digits(2, month) || !sc.accept('-') || !sc.digits(2, day)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  int hour = 0, minute = 0, second = 0, millis = 0;
  if (sc.accept('T') || sc.accept(' ')) {
    if (!sc.digits(2, hour) || !sc.accept(':') || !sc.digits(2, minute)) return std::nullopt;
    if (sc.accept(':')) {
      if (!sc.digits(2, second)) return std::nullopt;
      if (sc.accept('.') || sc.accept(',')) {
        int place = 100;
        bool any = false;
        while (!sc.done() && sc.peek() >= '0' && sc.peek() <= '9') {
          millis += (sc.peek() - '0') * place;
          place /= 10;
          ++sc.pos;
          any = true;
        }
        if (!any) return std::nullopt;
      }
    }
    if (hour > 24 || minute > 59 || second > 60) return std::nullopt;
  }
  std::int64_t offsetMinutes = 0;
  sc.accept(' ');
  if (sc.accept('Z') || sc.accept('z')) {
    // UTC
  } else if (sc.peek() == '+' || sc.peek() == '-') {
    const int offSign = sc.peek() == '-' ? -1 : 1;
    ++sc.pos;
    int oh = 0, om = 0;
    if (!sc.digits(2, oh)) return std::nullopt;
    if (sc.accept(':')) {
      if (!sc.digits(2, om)) return std::nullopt;
    } else {
      (void)sc.digits(2, om);
    }
    offsetMinutes = offSign * (oh * 60 + om);
  }
  while (sc.peek() == ' ') ++sc.pos;
  if (!sc.done()) return std::nullopt;
  const Date local = fromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day),
                               hour, minute, second, millis);
  return Date{local.epochMs - offsetMinutes * 60'000};
}

std::chrono::system_clock::time_point Date::timePoint() const {
  return std::chrono::system_clock::time_point{milliseconds{epochMs}};
}

std::string Date::toISOString() const {
  const Civil c = toCivil(epochMs);
  std::string out;
  out.reserve(24);
  appendYear(out, c.year);
  out.push_back('-');
  appendDigits(out, c.month, 2);
  out.push_back('-');
  appendDigits(out, c.day, 2);
  out.push_back('T');
  appendDigits(out, c.hour, 2);
  out.push_back(':');
  appendDigits(out, c.minute, 2);
  out.push_back(':');
  appendDigits(out, c.second, 2);
  out.push_back('.');
  appendDigits(out, c.ms, 3);
  out.push_back('Z');
  return out;
}

void Date::appendSqlText(std::string& out, bool withOffset, bool withMillis) const {
  const Civil c = toCivil(epochMs);
  appendYear(out, c.year);
  out.push_back('-');
  appendDigits(out, c.month, 2);
  out.push_back('-');
  appendDigits(out, c.day, 2);
  out.push_back(' ');
  appendDigits(out, c.hour, 2);
  out.push_back(':');
  appendDigits(out, c.minute, 2);
  out.push_back(':');
  appendDigits(out, c.second, 2);
  if (withMillis) {
    out.push_back('.');
    appendDigits(out, c.ms, 3);
  }
  if (withOffset) out.append(" +00:00");
}

std::string Date::toDateOnly() const {
  const Civil c = toCivil(epochMs);
  std::string out;
  appendYear(out, c.year);
  out.push_back('-');
  appendDigits(out, c.month, 2);
  out.push_back('-');
  appendDigits(out, c.day, 2);
  return out;
}

}  // namespace sequelize
