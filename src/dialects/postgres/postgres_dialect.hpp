#pragma once
// PostgreSQL through libpq: Sequelize's SQL text for PostgreSQL (double-quoted identifiers, $n
// placeholders, SERIAL keys, INSERT … RETURNING, TIMESTAMP WITH TIME ZONE, DROP … CASCADE,
// information_schema / pg_catalog introspection).
#include "dialects/dialect.hpp"
#include "dialects/postgres/postgres_conninfo.hpp"

namespace sequelize::detail {

class PostgresDialect final : public Dialect {
 public:
  // Checks the URL's parameters now, so that a typo is reported by the Sequelize constructor
  // rather than by the first query.
  explicit PostgresDialect(const ConnectionConfig& config);

  [[nodiscard]] std::string_view name() const override { return "postgres"; }
  [[nodiscard]] const DialectCapabilities& capabilities() const override;
  [[nodiscard]] std::unique_ptr<Connection> connect(const ConnectionConfig& config) const override;

  void quoteIdentifier(std::string& out, std::string_view name) const override;
  void appendPlaceholder(std::string& out, int index) const override;
  [[nodiscard]] std::optional<WholeListComparison> wholeListComparison(
      bool negated, std::size_t count) const override;
  [[nodiscard]] Value wholeListValue(std::span<const Value> items) const override;
  void appendLimitOffset(std::string& out, std::optional<std::int64_t> limit,
                         std::optional<std::int64_t> offset) const override;

  [[nodiscard]] std::string typeSql(const DataType& type) const override;
  void appendDefaultLiteral(std::string& out, const Value& value,
                            const DataType& type) const override;
  [[nodiscard]] std::string columnDefinition(const Attribute& attribute,
                                             const std::string& referencedTable) const override;
  [[nodiscard]] bool namesUniqueClause() const override { return false; }
  [[nodiscard]] std::string_view primaryKeySeparator() const override { return ","; }
  [[nodiscard]] std::string dropTableSql(const std::string& table, bool cascade) const override;
  [[nodiscard]] std::string showIndexesSql(const std::string& table) const override;
  [[nodiscard]] std::string tableExistsSql(const std::string& table,
                                           const std::string& database) const override;
  [[nodiscard]] std::string foreignKeyReferencesSql(const std::string& table,
                                                    const std::string& database) const override;

 private:
  PostgresConnectSettings settings_;
};

}  // namespace sequelize::detail
