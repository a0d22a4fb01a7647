#pragma once
// What libpq is told when a connection opens, built once from the URL (or keyword/value form):
//   - the URL's parts become libpq's host, port, user, password and dbname;
//   - its query parameters are libpq connection keywords (sslmode, connect_timeout,
//     application_name, …), or one of the session settings Sequelize's PostgreSQL dialect
//     accepts (statement_timeout, lock_timeout, idle_in_transaction_session_timeout), or
//     ssl=true|false (sslmode require|disable, as Sequelize's `ssl` option);
//   - every session is UTF-8, UTC, ISO dates and standard strings, so that values read back
//     the same whatever the server's defaults are.
// Anything else is an error naming the parameter.
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "dialects/dialect.hpp"

namespace sequelize::detail {

struct PostgresConnectSettings {
  // Keyword/value pairs for PQconnectStartParams, each keyword once.
  std::vector<std::pair<std::string, std::string>> keywords;
  // connect_timeout: how long opening a connection may take; zero waits as long as the
  // operating system does (libpq's default).
  std::chrono::milliseconds connectTimeout{0};
  // Where the server is, for messages ("127.0.0.1:5432"); never the password.
  std::string where;

  [[nodiscard]] const std::string* keyword(std::string_view key) const;
};

// Throws sequelize::Error naming an unknown parameter or a bad value.
PostgresConnectSettings postgresConnectSettings(const ConnectionConfig& config);

}  // namespace sequelize::detail
