#include "dialects/postgres/postgres_conninfo.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <set>

#include "sequelize/errors.hpp"

namespace sequelize::detail {
namespace {

// Session settings for every connection, sent with the startup packet (no extra round trip,
// nothing logged). Results are text in the session's time zone, DateStyle, bytea and float
// formats; fixing them makes what is read back independent of the server's configuration.
// Sequelize sets client_min_messages, the time zone and standard strings the same way.
constexpr std::string_view kSessionOptions =
    "-c TimeZone=UTC -c DateStyle=ISO -c bytea_output=hex -c extra_float_digits=3 "
    "-c standard_conforming_strings=on -c client_min_messages=warning";

// Settings Sequelize's PostgreSQL dialect takes from dialectOptions and sends to the server.
bool isSessionSetting(std::string_view key) {
  return key == "statement_timeout" || key == "lock_timeout" ||
         key == "idle_in_transaction_session_timeout";
}

const std::set<std::string, std::less<>>& libpqKeywords() {
  static const std::set<std::string, std::less<>> keywords = [] {
    std::set<std::string, std::less<>> out;
    PQconninfoOption* options = PQconndefaults();
    if (options != nullptr) {
      for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) out.emplace(o->keyword);
      PQconninfoFree(options);
    }
    return out;
  }();
  return keywords;
}

// One `-c name=value` of libpq's `options`: spaces and backslashes are escaped with a backslash.
void appendServerOption(std::string& out, std::string_view name, std::string_view value) {
  if (!out.empty()) out.push_back(' ');
  out.append("-c ").append(name).push_back('=');
  for (const char c : value) {
    if (c == ' ' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
}

void set(std::vector<std::pair<std::string, std::string>>& keywords, std::string_view key,
         std::string value) {
  for (auto& [k, v] : keywords) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  keywords.emplace_back(std::string(key), std::move(value));
}

std::chrono::milliseconds parseConnectTimeout(const std::string& text) {
  long long seconds = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc{} || ptr != text.data() + text.size() || seconds < 0 ||
      seconds > 24LL * 3600 * 365) {
    throw Error("PostgreSQL connect_timeout must be a whole number of seconds, not \"" + text +
                "\"");
  }
  return std::chrono::seconds(seconds);
}

}  // namespace

const std::string* PostgresConnectSettings::keyword(std::string_view key) const {
  for (const auto& [k, v] : keywords) {
    if (k == key) return &v;
  }
  return nullptr;
}

PostgresConnectSettings postgresConnectSettings(const ConnectionConfig& config) {
  PostgresConnectSettings s;
  auto& kw = s.keywords;
  if (!config.host.empty()) set(kw, "host", config.host);
  if (config.port > 0) set(kw, "port", std::to_string(config.port));
  if (!config.user.empty()) set(kw, "user", config.user);
  if (!config.password.empty()) set(kw, "password", config.password);
  if (!config.database.empty()) set(kw, "dbname", config.database);

  std::string sessionOptions(kSessionOptions);
  std::string userOptions;
  for (const auto& [key, value] : config.params) {
    if (isSessionSetting(key)) {
      appendServerOption(sessionOptions, key, value);
    } else if (key == "ssl") {
      if (value == "true" || value == "1") {
        set(kw, "sslmode", "require");
      } else if (value == "false" || value == "0") {
        set(kw, "sslmode", "disable");
      } else {
        throw Error("PostgreSQL ssl must be true or false, not \"" + value + "\"");
      }
    } else if (key == "client_encoding") {
      // Text is exchanged as UTF-8, as JavaScript strings are by the pg driver.
      if (value != "UTF8" && value != "utf8" && value != "UTF-8" && value != "utf-8") {
        throw Error("PostgreSQL client_encoding must be UTF8: strings are UTF-8 in this library");
      }
    } else if (key == "options") {
      userOptions = value;
    } else if (libpqKeywords().count(key) != 0) {
      if (key == "connect_timeout") s.connectTimeout = parseConnectTimeout(value);
      set(kw, key, value);
    } else {
      throw Error("Unknown PostgreSQL connection parameter \"" + key +
                  "\" in the database URL: use a libpq connection keyword (sslmode, "
                  "connect_timeout, application_name, …) or statement_timeout, lock_timeout, "
                  "idle_in_transaction_session_timeout");
    }
  }
  set(kw, "client_encoding", "UTF8");
  // The caller's own options come last, so that they win over the session defaults.
  if (!userOptions.empty()) sessionOptions.append(" ").append(userOptions);
  set(kw, "options", sessionOptions);

  const std::string* host = s.keyword("host");
  const std::string* port = s.keyword("port");
  s.where = (host != nullptr ? *host : std::string("the default socket")) +
            (port != nullptr ? ":" + *port : std::string());
  return s;
}

}  // namespace sequelize::detail
