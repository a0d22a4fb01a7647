#pragma once
// MariaDB (and MySQL, for mysql:// URLs) through MariaDB Connector/C: Sequelize's SQL text for
// its mariadb dialect (backtick quoting, ? placeholders, auto_increment, FOREIGN KEY clauses,
// ENGINE=InnoDB, INFORMATION_SCHEMA introspection) and the connections that run it.
#include "dialects/dialect.hpp"
#include "dialects/mariadb/mariadb_settings.hpp"

namespace sequelize::detail {

class MariaDbDialect final : public Dialect {
 public:
  // Reads the URL's parameters now: a bad one is an error before anything connects.
  explicit MariaDbDialect(const ConnectionConfig& config);

  [[nodiscard]] std::string_view name() const override { return "mariadb"; }
  [[nodiscard]] const DialectCapabilities& capabilities() const override;
  [[nodiscard]] std::unique_ptr<Connection> connect(const ConnectionConfig& config) const override;

  void quoteIdentifier(std::string& out, std::string_view name) const override;
  void appendPlaceholder(std::string& out, int index) const override;
  void quoteNameLiteral(std::string& out, std::string_view name) const override;
  [[nodiscard]] std::string_view likeEscapeClause() const override;
  void appendLimitOffset(std::string& out, std::optional<std::int64_t> limit,
                         std::optional<std::int64_t> offset) const override;

  [[nodiscard]] std::string typeSql(const DataType& type) const override;
  void appendDefaultLiteral(std::string& out, const Value& value,
                            const DataType& type) const override;
  [[nodiscard]] std::string columnDefinition(const Attribute& attribute,
                                             const std::string& referencedTable) const override;
  [[nodiscard]] std::string createTableSuffix() const override { return " ENGINE=InnoDB"; }
  [[nodiscard]] std::string showIndexesSql(const std::string& table) const override;
  [[nodiscard]] std::string tableExistsSql(const std::string& table,
                                           const std::string& database) const override;
  [[nodiscard]] std::string foreignKeyReferencesSql(const std::string& table,
                                                    const std::string& database) const override;
  [[nodiscard]] std::string removeConstraintSql(const std::string& table,
                                                const std::string& constraint) const override;

  [[nodiscard]] bool isolationBeforeBegin() const override { return true; }

 private:
  MariaDbSettings settings_;
};

}  // namespace sequelize::detail
