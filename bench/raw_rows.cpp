#include "raw_rows.hpp"

#include <cstdio>

namespace bench {
namespace {
int digits(std::string_view s, std::size_t pos, std::size_t count) {
  int v = 0;
  for (std::size_t i = 0; i < count && pos + i < s.size(); ++i) v = v * 10 + (s[pos + i] - '0');
  return v;
}
}  // namespace

TimePoint parseTimestamp(std::string_view s) {
  using namespace std::chrono;
  const year_month_day ymd{year{digits(s, 0, 4)}, month{static_cast<unsigned>(digits(s, 5, 2))},
                           day{static_cast<unsigned>(digits(s, 8, 2))}};
  auto tp = sys_days{ymd} + hours{digits(s, 11, 2)} + minutes{digits(s, 14, 2)} +
            seconds{digits(s, 17, 2)};
  std::size_t pos = 19;
  milliseconds ms{0};
  if (pos < s.size() && s[pos] == '.') {
    int place = 100;
    for (++pos; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos) {
      ms += milliseconds{(s[pos] - '0') * place};
      place /= 10;
    }
  }
  while (pos < s.size() && s[pos] == ' ') ++pos;
  minutes offset{0};
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const int sign = s[pos] == '-' ? -1 : 1;
    offset =
        minutes{sign * (digits(s, pos + 1, 2) * 60 +
                        (pos + 4 < s.size() && s[pos + 3] == ':' ? digits(s, pos + 4, 2) : 0))};
  }
  return time_point_cast<system_clock::duration>(tp + ms - offset);
}

std::string formatTimestamp(TimePoint tp, bool withOffset, bool withMillis) {
  using namespace std::chrono;
  const auto ms = floor<milliseconds>(tp);
  const auto day = floor<days>(ms);
  const year_month_day ymd{day};
  const hh_mm_ss<milliseconds> time{ms - day};
  char buf[48];
  int len = std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d:%02d",
                          static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                          static_cast<unsigned>(ymd.day()), static_cast<int>(time.hours().count()),
                          static_cast<int>(time.minutes().count()),
                          static_cast<int>(time.seconds().count()));
  if (withMillis) {
    len += std::snprintf(buf + len, sizeof buf - static_cast<std::size_t>(len), ".%03d",
                         static_cast<int>(time.subseconds().count()));
  }
  std::string out(buf, static_cast<std::size_t>(len));
  if (withOffset) out.append(" +00:00");
  return out;
}

}  // namespace bench
