#include "dialects/sqlite/sqlite_settings.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <string_view>

#include "sequelize/errors.hpp"

namespace sequelize::detail {
namespace {

constexpr std::array<std::string_view, 6> kJournalModes = {"DELETE", "TRUNCATE", "PERSIST",
                                                           "MEMORY", "WAL",      "OFF"};

int parseBusyTimeout(const std::string& text) {
  int ms = -1;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
  if (ec != std::errc{} || end != text.data() + text.size() || ms < 0) {
    throw Error("Invalid SQLite busy_timeout \"" + text +
                "\": expected a whole number of milliseconds (0 or more)");
  }
  return ms;
}

std::string parseJournalMode(const std::string& text) {
  std::string upper = text;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (std::find(kJournalModes.begin(), kJournalModes.end(), upper) == kJournalModes.end()) {
    throw Error("Invalid SQLite journal_mode \"" + text +
                "\": expected delete, truncate, persist, memory, wal or off");
  }
  return upper;
}

}  // namespace

SqliteSettings parseSqliteSettings(const ConnectionConfig& config) {
  SqliteSettings settings;
  for (const auto& [key, value] : config.params) {
    if (key == "busy_timeout") {
      settings.busyTimeoutMs = parseBusyTimeout(value);
    } else if (key == "journal_mode") {
      settings.journalMode = parseJournalMode(value);
    } else {
      throw Error("Unknown SQLite connection parameter \"" + key +
                  "\" (known: busy_timeout, journal_mode)");
    }
  }
  return settings;
}

}  // namespace sequelize::detail
