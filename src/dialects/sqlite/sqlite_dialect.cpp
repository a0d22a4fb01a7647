#include "dialects/sqlite/sqlite_dialect.hpp"

#include <sqlite3.h>

#include <string>

#include "dialects/sqlite/sqlite_connection.hpp"

namespace sequelize::detail {
namespace {

std::string withLength(std::string_view key, const DataType& type) {
  std::string out(key);
  if (type.isUnsigned() && !type.isInteger()) out.append(" UNSIGNED");
  if (type.isZerofill() && !type.isInteger()) out.append(" ZEROFILL");
  if (type.length() > 0) {
    out.append("(").append(std::to_string(type.length()));
    if (type.scale() >= 0) out.append(",").append(std::to_string(type.scale()));
    out.append(")");
  }
  return out;
}

// The most values a statement may bind with the SQLite this program runs on: a build setting
// (32766 by default since 3.32, 250000 in Debian's build), read from a connection.
int boundParameterLimit() {
  sqlite3* db = nullptr;
  int limit = 999;  // the oldest default, should no connection open
  if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, nullptr) ==
      SQLITE_OK) {
    limit = sqlite3_limit(db, SQLITE_LIMIT_VARIABLE_NUMBER, -1);
  }
  sqlite3_close(db);
  return limit;
}

}  // namespace

const DialectCapabilities& SqliteDialect::capabilities() const {
  static const DialectCapabilities caps = [] {
    DialectCapabilities c;
    c.returningOnInsert = false;
    c.defaultForAutoIncrement = false;
    c.primaryKeyClause = false;
    c.foreignKeyClause = false;
    c.dropAllWithForeignKeysOff = true;
    c.iLike = false;
    // RETURNING arrived in SQLite 3.35.
    c.returning = sqlite3_libversion_number() >= 3035000;
    c.maxBoundParameters = boundParameterLimit();
    // Measured: 500-1000 values per statement insert fastest; 8000 is seven times slower.
    c.bulkInsertParameters = 999;
    c.insertIgnore = InsertIgnoreSyntax::InsertOrIgnore;
    c.upsert = UpsertSyntax::OnConflictDoUpdate;
    c.lastInsertIdIsLastRow = true;
    // Integer columns of any name hold 64-bit integers; dates are text, in JavaScript's range;
    // a DECIMAL (NUMERIC affinity) with a fraction becomes a double.
    c.limits.integers = IntegerColumns::Int64;
    c.limits.decimalSignificantDigits = 15;
    return c;
  }();
  return caps;
}

std::unique_ptr<Connection> SqliteDialect::connect(const ConnectionConfig& config) const {
  return std::make_unique<SqliteConnection>(config, settings_);
}

void SqliteDialect::quoteIdentifier(std::string& out, std::string_view name) const {
  checkIdentifier(name);
  out.push_back('`');
  for (const char c : name) {
    if (c == '`') out.push_back('`');
    out.push_back(c);
  }
  out.push_back('`');
}

void SqliteDialect::appendPlaceholder(std::string& out, int index) const {
  out.push_back('$');
  out.append(std::to_string(index));
}

void SqliteDialect::appendLimitOffset(std::string& out, std::optional<std::int64_t> limit,
                                      std::optional<std::int64_t> offset) const {
  appendLimitCommaOffset(out, limit, offset);
}

std::string SqliteDialect::typeSql(const DataType& type) const {
  switch (type.key()) {
    case TypeKey::STRING:
      return (type.isBinary() ? "VARCHAR BINARY(" : "VARCHAR(") + std::to_string(type.length()) +
             ")";
    case TypeKey::CHAR:
      return (type.isBinary() ? "CHAR BINARY(" : "CHAR(") + std::to_string(type.length()) + ")";
    case TypeKey::TEXT:
      return "TEXT";
    // SQLite has no UNSIGNED or ZEROFILL integers: Sequelize writes the plain type.
    case TypeKey::TINYINT:
      return withLength("TINYINT", type);
    case TypeKey::SMALLINT:
      return withLength("SMALLINT", type);
    case TypeKey::MEDIUMINT:
      return withLength("MEDIUMINT", type);
    case TypeKey::INTEGER:
      return withLength("INTEGER", type);
    case TypeKey::BIGINT:
      return withLength("BIGINT", type);
    case TypeKey::FLOAT:
      return withLength("FLOAT", type);
    case TypeKey::REAL:
      return withLength("REAL", type);
    case TypeKey::DOUBLE:
      return withLength("DOUBLE PRECISION", type);
    case TypeKey::DECIMAL: {
      // Sequelize drops a zero scale: DECIMAL(10,0) is written DECIMAL(10)
      if (type.length() > 0 || type.scale() > 0) {
        std::string out = "DECIMAL(";
        bool first = true;
        if (type.length() > 0) {
          out.append(std::to_string(type.length()));
          first = false;
        }
        if (type.scale() > 0) {
          if (!first) out.push_back(',');
          out.append(std::to_string(type.scale()));
        }
        return out + ")";
      }
      return "DECIMAL";
    }
    case TypeKey::BOOLEAN:
      return "TINYINT(1)";
    case TypeKey::DATE:
      return "DATETIME";
    case TypeKey::DATEONLY:
      return "DATE";
    case TypeKey::TIME:
      return "TIME";
    case TypeKey::UUID:
      return "UUID";
    case TypeKey::JSON:
      return "JSON";
    case TypeKey::JSONB:
      return "JSONB";
    case TypeKey::BLOB:
      return sizedTypeName("BLOB", type.size());
    case TypeKey::NOW:
    case TypeKey::UUIDV1:
    case TypeKey::UUIDV4:
      break;
  }
  return std::string(type.keyName());
}

std::string SqliteDialect::columnDefinition(const Attribute& a,
                                            const std::string& referencedTable) const {
  std::string references;
  if (a.hasReferences()) {
    references.append(" REFERENCES ");
    quoteIdentifier(references, referencedTable);
    references.append(" (");
    quoteIdentifier(references, a.references.key.empty() ? "id" : a.references.key);
    references.append(")");
    if (!a.onDelete.empty()) references.append(" ON DELETE ").append(a.onDelete);
    if (!a.onUpdate.empty()) references.append(" ON UPDATE ").append(a.onUpdate);
  }
  const std::string type = typeSql(a.type);
  // Only INTEGER PRIMARY KEY makes SQLite's rowid the key: any integer key is written that way,
  // with nothing but its reference kept (as Sequelize's createTableQuery does).
  if (a.primaryKey && type.find("INT") != std::string::npos) {
    return (a.autoIncrement ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "INTEGER PRIMARY KEY") +
           references;
  }
  std::string sql = type;
  if (!a.allowNull) sql.append(" NOT NULL");
  if (a.defaultValue.has() && !a.defaultValue.isGenerated()) {
    sql.append(" DEFAULT ");
    appendDefaultLiteral(sql, a.defaultValue.constant(), a.type);
  }
  if (a.unique.enabled()) sql.append(" UNIQUE");
  if (a.primaryKey) {
    sql.append(" PRIMARY KEY");
    if (a.autoIncrement) sql.append(" AUTOINCREMENT");
  }
  return sql + references;
}

std::string SqliteDialect::truncateTableSql(const std::string& table, bool /*cascade*/) const {
  // SQLite has no TRUNCATE: Sequelize deletes every row.
  std::string sql = "DELETE FROM ";
  quoteIdentifier(sql, table);
  return sql;
}

std::string SqliteDialect::showIndexesSql(const std::string& table) const {
  std::string sql = "PRAGMA INDEX_LIST(";
  quoteIdentifier(sql, table);
  sql.push_back(')');
  return sql;
}

std::string SqliteDialect::indexDetailsSql(const std::string& index) const {
  std::string sql = "PRAGMA INDEX_INFO(";
  quoteIdentifier(sql, index);
  sql.push_back(')');
  return sql;
}

std::string SqliteDialect::tableExistsSql(const std::string& table,
                                          const std::string& /*database*/) const {
  std::string sql = "SELECT name FROM sqlite_master WHERE type='table' AND name=";
  quoteNameLiteral(sql, table);
  sql.push_back(';');
  return sql;
}

const std::string& SqliteDialect::beginTransactionSql(TransactionType type) const {
  static const std::string kImmediate = "BEGIN IMMEDIATE TRANSACTION;";
  static const std::string kExclusive = "BEGIN EXCLUSIVE TRANSACTION;";
  static const std::string kDeferred = "BEGIN DEFERRED TRANSACTION;";
  switch (type) {
    case TransactionType::IMMEDIATE:
      return kImmediate;
    case TransactionType::EXCLUSIVE:
      return kExclusive;
    case TransactionType::DEFERRED:
      break;
  }
  return kDeferred;
}

std::string SqliteDialect::isolationLevelSql(IsolationLevel level) const {
  switch (level) {
    case IsolationLevel::REPEATABLE_READ:
      return "-- SQLite is not able to choose the isolation level REPEATABLE READ.";
    case IsolationLevel::READ_UNCOMMITTED:
      return "PRAGMA read_uncommitted = ON;";
    case IsolationLevel::READ_COMMITTED:
      return "PRAGMA read_uncommitted = OFF;";
    case IsolationLevel::SERIALIZABLE:
      return "-- SQLite's default isolation level is SERIALIZABLE. Nothing to do.";
  }
  return {};
}

}  // namespace sequelize::detail
