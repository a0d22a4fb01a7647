#pragma once
// SQLite, embedded, through the sqlite3 C API: Sequelize's SQL text for SQLite (backtick
// quoting, $n placeholders, INTEGER PRIMARY KEY AUTOINCREMENT, PRAGMA introspection).
#include "dialects/dialect.hpp"
#include "dialects/sqlite/sqlite_settings.hpp"

namespace sequelize::detail {

class SqliteDialect final : public Dialect {
 public:
  // Checks the URL's parameters (sqlite_settings.hpp); throws Error for a bad one.
  explicit SqliteDialect(const ConnectionConfig& config) : settings_(parseSqliteSettings(config)) {}
  SqliteDialect() = default;  // default settings (SQL rendering in unit tests)

  [[nodiscard]] std::string_view name() const override { return "sqlite"; }
  [[nodiscard]] const DialectCapabilities& capabilities() const override;
  [[nodiscard]] std::unique_ptr<Connection> connect(const ConnectionConfig& config) const override;
  [[nodiscard]] bool databaseIsItsConnection(const ConnectionConfig& config) const override {
    return config.database == ":memory:";
  }

  void quoteIdentifier(std::string& out, std::string_view name) const override;
  void appendPlaceholder(std::string& out, int index) const override;
  void appendLimitOffset(std::string& out, std::optional<std::int64_t> limit,
                         std::optional<std::int64_t> offset) const override;

  [[nodiscard]] std::string typeSql(const DataType& type) const override;
  [[nodiscard]] std::string columnDefinition(const Attribute& attribute,
                                             const std::string& referencedTable) const override;
  [[nodiscard]] std::string truncateTableSql(const std::string& table, bool cascade) const override;
  // SQLite has no named UNIQUE clause in CREATE TABLE; Sequelize writes UNIQUE (`a`, `b`).
  [[nodiscard]] bool namesUniqueClause() const override { return false; }
  [[nodiscard]] std::string showIndexesSql(const std::string& table) const override;
  [[nodiscard]] std::string indexDetailsSql(const std::string& index) const override;
  [[nodiscard]] std::string tableExistsSql(const std::string& table,
                                           const std::string& database) const override;
  [[nodiscard]] std::string foreignKeysOffSql() const override {
    return "PRAGMA foreign_keys = OFF";
  }
  [[nodiscard]] std::string foreignKeysOnSql() const override { return "PRAGMA foreign_keys = ON"; }

  [[nodiscard]] const std::string& beginTransactionSql(TransactionType type) const override;
  [[nodiscard]] std::string isolationLevelSql(IsolationLevel level) const override;
  // As Sequelize for SQLite: BEGIN first, then the PRAGMA.
  [[nodiscard]] bool isolationBeforeBegin() const override { return false; }

 private:
  SqliteSettings settings_;
};

}  // namespace sequelize::detail
