#pragma once
// SQLite result codes to sequelize errors, by extended result code (never by message text).
#include <sqlite3.h>

#include <span>
#include <string>

#include "sequelize/value.hpp"

namespace sequelize::detail {

// "SQLITE_CONSTRAINT" for any SQLITE_CONSTRAINT_* code, as node-sqlite3 names errors.
const char* sqlitePrimaryCodeName(int code);

// Throws the sequelize error for a failed statement.
[[noreturn]] void throwSqliteError(sqlite3* db, int extendedCode, const std::string& sql,
                                   std::span<const Value* const> params);

}  // namespace sequelize::detail
