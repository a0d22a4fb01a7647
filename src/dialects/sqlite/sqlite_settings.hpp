#pragma once
// What a SQLite URL may say after `?`, checked when the Sequelize object is made:
//   busy_timeout=<ms>    how long a statement waits for another connection's lock before it
//                        fails with TimeoutError (SQLITE_BUSY); default 5000, 0 fails at once
//   journal_mode=<mode>  delete, truncate, persist, memory, wal or off; a file database defaults
//                        to wal, so readers do not wait for a writer (memory databases ignore it)
// Anything else, or a bad value, is an Error naming it.
#include <string>

#include "dialects/dialect.hpp"

namespace sequelize::detail {

struct SqliteSettings {
  int busyTimeoutMs = 5000;
  std::string journalMode = "WAL";  // upper case, as PRAGMA journal_mode reports it
};

SqliteSettings parseSqliteSettings(const ConnectionConfig& config);

}  // namespace sequelize::detail
