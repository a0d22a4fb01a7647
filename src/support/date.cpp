#include "sequelize/date.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>

#include "sequelize/errors.hpp"

namespace sequelize {
namespace {

using std::chrono::milliseconds;

constexpr std::int64_t kMsPerDay = 86'400'000;
constexpr std::int64_t kDaysPerEra = 146'097;  // 400 Gregorian years
// Days from 0000-03-01 to 1970-01-01: eras are counted from a March 1st, so that a leap day
// is the last day of its year.
constexpr std::int64_t kEpochFromMarchZero = 719'468;

void appendDigits(std::string& out, unsigned value, int width) {
  std::array<char, 8> buf{};
  for (int i = width - 1; i >= 0; --i) {
    buf[static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(buf.data(), static_cast<std::size_t>(width));
}

void appendYear(std::string& out, std::int64_t year) {
  if (year >= 0 && year <= 9999) {
    appendDigits(out, static_cast<unsigned>(year), 4);
    return;
  }
  // JavaScript's expanded years, +012345 / -000001: six digits at least (more only beyond
  // what JavaScript's Date holds). The magnitude as unsigned, so the lowest year cannot overflow.
  out.push_back(year < 0 ? '-' : '+');
  const std::uint64_t magnitude =
      year < 0 ? 0 - static_cast<std::uint64_t>(year) : static_cast<std::uint64_t>(year);
  std::array<char, 24> buf{};
  const char* end = std::to_chars(buf.data(), buf.data() + buf.size(), magnitude).ptr;
  const auto length = static_cast<std::size_t>(end - buf.data());
  if (length < 6) out.append(6 - length, '0');
  out.append(buf.data(), length);
}

// The civil date of a day counted from 1970-01-01, in 64-bit arithmetic throughout: every day
// a Date can name has one.
struct CivilDay {
  std::int64_t year;
  unsigned month, day;
};

CivilDay civilFromDays(std::int64_t daysSinceEpoch) {
  // Days since 0000-03-01, split into 400-year eras (floor division: days before it too).
  const std::int64_t fromMarchZero = daysSinceEpoch + kEpochFromMarchZero;
  std::int64_t era = fromMarchZero / kDaysPerEra;
  std::int64_t dayOfEra = fromMarchZero % kDaysPerEra;
  if (dayOfEra < 0) {
    dayOfEra += kDaysPerEra;
    --era;
  }
  // An era is four centuries of 36524 days, the last one a day longer (its final February has
  // the leap day of the year divisible by 400); a century is 4-year groups of 1461 days (the
  // last one of a short century a day shorter); a group is 365-day years, its last one a day
  // longer. Each division is capped where the longer last part would make it overflow.
  const std::int64_t century = std::min<std::int64_t>(dayOfEra / 36'524, 3);
  const std::int64_t dayOfCentury = dayOfEra - century * 36'524;
  const std::int64_t group = dayOfCentury / 1461;
  const std::int64_t dayOfGroup = dayOfCentury - group * 1461;
  const std::int64_t yearOfGroup = std::min<std::int64_t>(dayOfGroup / 365, 3);
  const auto dayOfYear = static_cast<unsigned>(dayOfGroup - yearOfGroup * 365);  // from March 1
  // Months from March have 31, 30, 31, 30, 31 days, repeating every five months (153 days):
  // the inverse of the month start (153 * m + 2) / 5 used by daysFromCivil.
  const unsigned monthFromMarch = (5 * dayOfYear + 2) / 153;
  const unsigned day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1;
  const unsigned month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const std::int64_t year = era * 400 + century * 100 + group * 4 + yearOfGroup + (month <= 2);
  return CivilDay{year, month, day};
}

bool isLeapYear(int year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

bool validDayOfMonth(int year, int month, int day) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  const int last = kDays[static_cast<std::size_t>(month - 1)] + (month == 2 && isLeapYear(year));
  return day <= last;
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

Date Date::now() {
  return fromTimePoint(std::chrono::system_clock::now());
}

Date Date::fromTimePoint(std::chrono::system_clock::time_point tp) {
  return Date{std::chrono::floor<milliseconds>(tp.time_since_epoch()).count()};
}

namespace {

// Two ASCII digits; -1 when either is not one.
int twoDigits(const char* p) {
  const unsigned tens = static_cast<unsigned char>(p[0]) - unsigned{'0'};
  const unsigned ones = static_cast<unsigned char>(p[1]) - unsigned{'0'};
  return tens < 10 && ones < 10 ? static_cast<int>(tens * 10 + ones) : -1;
}

struct ParsedFields {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
  bool hasSeconds = false;  // only a time with seconds may have a fraction
  bool signedYear = false;  // "+012026", "-000001": JavaScript's form, never followed by BC
};

// "YYYY-MM-DD HH:MM:SS" (or with a T) at the start of the text: what every database returns,
// read at fixed positions. False when the text has another layout (the general scanner reads it).
bool readFixedLayout(std::string_view s, ParsedFields& f) {
  if (s.size() < 19 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') ||
      s[13] != ':' || s[16] != ':') {
    return false;
  }
  const int century = twoDigits(s.data());
  const int yearInCentury = twoDigits(s.data() + 2);
  f.month = twoDigits(s.data() + 5);
  f.day = twoDigits(s.data() + 8);
  f.hour = twoDigits(s.data() + 11);
  f.minute = twoDigits(s.data() + 14);
  f.second = twoDigits(s.data() + 17);
  if ((century | yearInCentury | f.month | f.day | f.hour | f.minute | f.second) < 0) return false;
  f.year = century * 100 + yearInCentury;
  f.hasSeconds = true;
  return true;
}

// ".mmm +00:00" (SQLite), ".mmm+00" (PostgreSQL) or ".mmmZ" after the seconds: milliseconds in
// UTC, what the library itself writes. False for any other tail (the general reader takes it).
bool readUtcMillisTail(std::string_view s, ParsedFields& f) {
  if (s.size() < 23 || s[19] != '.') return false;
  // Tested byte by byte, by length: this runs for every timestamp of every fetched row.
  const char* tail = s.data() + 23;
  const bool utc = (s.size() == 26 && tail[0] == '+' && tail[1] == '0' && tail[2] == '0') ||
                   (s.size() == 24 && tail[0] == 'Z') ||
                   (s.size() == 30 && std::memcmp(tail, " +00:00", 7) == 0);
  if (!utc) return false;
  const int hundreds = twoDigits(s.data() + 20);
  const int ones = twoDigits(s.data() + 21);
  if (hundreds < 0 || ones < 0) return false;
  f.millis = hundreds * 10 + ones % 10;
  return true;
}

// The date and, when present, the time of day, read by the general scanner.
bool readGeneralLayout(Scanner& sc, ParsedFields& f) {
  while (sc.peek() == ' ') ++sc.pos;
  int sign = 1;
  if (sc.accept('-')) {
    sign = -1;
    f.signedYear = true;
  } else {
    f.signedYear = sc.accept('+');
  }
  const std::size_t yearStart = sc.pos;
  while (!sc.done() && sc.peek() >= '0' && sc.peek() <= '9') ++sc.pos;
  const std::size_t yearLen = sc.pos - yearStart;
  if (yearLen < 4 || yearLen > 6) return false;
  sc.pos = yearStart;
  if (!sc.digits(yearLen, f.year)) return false;
  f.year *= sign;
  if (!sc.accept('-') || !sc.digits(2, f.month) || !sc.accept('-') || !sc.digits(2, f.day)) {
    return false;
  }
  if (sc.accept('T') || sc.accept(' ')) {
    if (!sc.digits(2, f.hour) || !sc.accept(':') || !sc.digits(2, f.minute)) return false;
    if (sc.accept(':')) {
      if (!sc.digits(2, f.second)) return false;
      f.hasSeconds = true;
    }
  }
  return true;
}

// Fractional seconds (kept to milliseconds) and the UTC offset after the time of day; false
// when anything else follows.
bool readFractionAndOffset(Scanner& sc, ParsedFields& f, std::int64_t& offsetMinutes) {
  if (f.hasSeconds && (sc.accept('.') || sc.accept(','))) {
    int place = 100;
    bool any = false;
    while (!sc.done() && sc.peek() >= '0' && sc.peek() <= '9') {
      f.millis += (sc.peek() - '0') * place;
      place /= 10;
      ++sc.pos;
      any = true;
    }
    if (!any) return false;
  }
  sc.accept(' ');
  if (sc.accept('Z') || sc.accept('z')) {
    // UTC
  } else if (sc.peek() == '+' || sc.peek() == '-') {
    const int offSign = sc.peek() == '-' ? -1 : 1;
    ++sc.pos;
    int oh = 0, om = 0;
    if (!sc.digits(2, oh)) return false;
    if (sc.accept(':')) {
      if (!sc.digits(2, om)) return false;
    } else {
      (void)sc.digits(2, om);
    }
    offsetMinutes = std::int64_t{offSign} * (std::int64_t{oh} * 60 + om);
  }
  while (sc.peek() == ' ') ++sc.pos;
  return sc.done();
}

}  // namespace

std::optional<Date> Date::parse(std::string_view text) {
  // PostgreSQL writes years before 1 as "0001-01-01 00:00:00+00 BC": 1 BC is the year 0.
  const bool beforeChrist = text.ends_with(" BC");
  if (beforeChrist) text.remove_suffix(3);
  ParsedFields f;
  Scanner sc{text};
  std::int64_t offsetMinutes = 0;
  bool fixedTail = false;
  if (readFixedLayout(text, f)) {
    sc.pos = 19;
    fixedTail = readUtcMillisTail(text, f);
  } else if (!readGeneralLayout(sc, f)) {
    return std::nullopt;
  }
  if (beforeChrist) {
    if (f.signedYear || f.year < 1) return std::nullopt;
    f.year = 1 - f.year;
  }
  if (!validDayOfMonth(f.year, f.month, f.day)) return std::nullopt;
  if (f.hour > 24 || f.minute > 59 || f.second > 60) return std::nullopt;
  if (!fixedTail && !readFractionAndOffset(sc, f, offsetMinutes)) return std::nullopt;
  const Date local = fromCivil(f.year, static_cast<unsigned>(f.month), static_cast<unsigned>(f.day),
                               f.hour, f.minute, f.second, f.millis);
  return Date{local.epochMs - offsetMinutes * 60'000};
}

CivilTime Date::civil() const noexcept {
  // Floor division into days and the time of day, without forming days * kMsPerDay (which
  // overflows for the lowest counts).
  std::int64_t dayIndex = epochMs / kMsPerDay;
  std::int64_t msOfDay = epochMs % kMsPerDay;
  if (msOfDay < 0) {
    msOfDay += kMsPerDay;
    --dayIndex;
  }
  const CivilDay d = civilFromDays(dayIndex);
  const auto ms = static_cast<unsigned>(msOfDay);
  return CivilTime{d.year,           d.month,        d.day,    ms / 3'600'000,
                   ms / 60'000 % 60, ms / 1000 % 60, ms % 1000};
}

std::chrono::system_clock::time_point Date::timePoint() const {
  using Clock = std::chrono::system_clock;
  // The clock counts finer than milliseconds in 64 bits: about ±292 years around 1970 with
  // nanoseconds. A date beyond that is refused, not wrapped.
  constexpr auto kFirst =
      std::chrono::ceil<milliseconds>(Clock::time_point::min().time_since_epoch());
  constexpr auto kLast =
      std::chrono::floor<milliseconds>(Clock::time_point::max().time_since_epoch());
  if (epochMs < kFirst.count() || epochMs > kLast.count()) {
    throw RangeError("The date " + toISOString() +
                     " is outside what std::chrono::system_clock::time_point holds");
  }
  return Clock::time_point{std::chrono::duration_cast<Clock::duration>(milliseconds{epochMs})};
}

std::string Date::toISOString() const {
  const CivilTime c = civil();
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
  appendDigits(out, c.millisecond, 3);
  out.push_back('Z');
  return out;
}

void Date::appendSqlText(std::string& out, bool withOffset, bool withMillis) const {
  const CivilTime c = civil();
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
    appendDigits(out, c.millisecond, 3);
  }
  if (withOffset) out.append(" +00:00");
}

std::string Date::toDateOnly() const {
  const CivilTime c = civil();
  std::string out;
  appendYear(out, c.year);
  out.push_back('-');
  appendDigits(out, c.month, 2);
  out.push_back('-');
  appendDigits(out, c.day, 2);
  return out;
}

}  // namespace sequelize
