#include "dialects/dialect.hpp"

#include <cmath>

#include "dialects/mariadb/mariadb_dialect.hpp"
#include "dialects/postgres/postgres_dialect.hpp"
#include "dialects/sqlite/sqlite_dialect.hpp"
#include "sequelize/errors.hpp"
#include "support/json_writer.hpp"

namespace sequelize::detail {

const std::string* ConnectionConfig::param(std::string_view key) const {
  for (const auto& [k, v] : params) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::string sizedTypeName(std::string_view base, SizeVariant size) {
  switch (size) {
    case SizeVariant::Tiny:
      return "TINY" + std::string(base);
    case SizeVariant::Medium:
      return "MEDIUM" + std::string(base);
    case SizeVariant::Long:
      return "LONG" + std::string(base);
    case SizeVariant::Default:
      break;
  }
  return std::string(base);
}

void appendLimitCommaOffset(std::string& out, std::optional<std::int64_t> limit,
                            std::optional<std::int64_t> offset) {
  if (offset && !limit) {
    out.append(" LIMIT ").append(std::to_string(*offset)).append(", 10000000000000");
  } else if (limit) {
    out.append(" LIMIT ");
    if (offset) out.append(std::to_string(*offset)).append(", ");
    out.append(std::to_string(*limit));
  }
}

Value Dialect::wholeListValue(std::span<const Value> /*items*/) const {
  throw Error("The " + std::string(name()) + " dialect binds each value of a list on its own");
}

void Dialect::quoteNameLiteral(std::string& out, std::string_view name) const {
  out.push_back('\'');
  for (const char c : name) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  out.push_back('\'');
}

void Dialect::appendDefaultLiteral(std::string& out, const Value& value,
                                   const DataType& type) const {
  switch (value.kind()) {
    case ValueKind::Null:
    case ValueKind::Undefined:
      out.append("NULL");
      return;
    case ValueKind::Bool:
      out.append(value.boolean() ? "1" : "0");
      return;
    case ValueKind::Int:
      out.append(std::to_string(value.integer()));
      return;
    case ValueKind::Double: {
      if (!std::isfinite(value.number())) break;
      std::string text;
      appendJsNumber(text, value.number());
      out.append(text);
      return;
    }
    case ValueKind::Date: {
      std::string text;
      if (type.key() == TypeKey::DATEONLY) {
        text = value.date().toDateOnly();
      } else {
        value.date().appendSqlText(text);
      }
      quoteNameLiteral(out, text);
      return;
    }
    case ValueKind::String:
    case ValueKind::Json:
      if (value.text().find('\0') != std::string_view::npos) break;
      quoteNameLiteral(out, value.text());
      return;
    default:
      break;
  }
  throw Error("This default value cannot be written into CREATE TABLE: " +
              std::string(kindName(value.kind())));
}

std::string Dialect::dropTableSql(const std::string& table, bool /*cascade*/) const {
  std::string sql = "DROP TABLE IF EXISTS ";
  quoteIdentifier(sql, table);
  sql.push_back(';');
  return sql;
}

std::string Dialect::truncateTableSql(const std::string& table, bool cascade) const {
  std::string sql = "TRUNCATE ";
  quoteIdentifier(sql, table);
  if (cascade) sql.append(" CASCADE");
  return sql;
}

std::string Dialect::foreignKeyReferencesSql(const std::string& /*table*/,
                                             const std::string& /*database*/) const {
  return {};
}

std::string Dialect::removeConstraintSql(const std::string& table,
                                         const std::string& constraint) const {
  std::string sql = "ALTER TABLE ";
  quoteIdentifier(sql, table);
  sql.append(" DROP CONSTRAINT ");
  quoteIdentifier(sql, constraint);
  sql.push_back(';');
  return sql;
}

const std::string& Dialect::beginTransactionSql(TransactionType /*type*/) const {
  static const std::string kStart = "START TRANSACTION;";
  return kStart;
}

std::string Dialect::isolationLevelSql(IsolationLevel level) const {
  switch (level) {
    case IsolationLevel::READ_UNCOMMITTED:
      return "SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED;";
    case IsolationLevel::READ_COMMITTED:
      return "SET TRANSACTION ISOLATION LEVEL READ COMMITTED;";
    case IsolationLevel::REPEATABLE_READ:
      return "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;";
    case IsolationLevel::SERIALIZABLE:
      return "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;";
  }
  return {};
}

std::string Dialect::savepointSql(const std::string& name) const {
  std::string sql = "SAVEPOINT ";
  quoteIdentifier(sql, name);
  sql.push_back(';');
  return sql;
}

std::string Dialect::rollbackToSavepointSql(const std::string& name) const {
  std::string sql = "ROLLBACK TO SAVEPOINT ";
  quoteIdentifier(sql, name);
  sql.push_back(';');
  return sql;
}

void checkIdentifier(std::string_view name, std::size_t maxBytes) {
  if (name.find('\0') != std::string_view::npos) {
    std::string shown;
    for (const char c : name) shown.append(c == '\0' ? "\\0" : std::string(1, c));
    throw Error("The name \"" + shown +
                "\" contains a NUL byte, which no database accepts in a name");
  }
  if (maxBytes != 0 && name.size() > maxBytes) {
    throw Error("The name \"" + std::string(name) + "\" is longer than " +
                std::to_string(maxBytes) + " bytes, which the database would silently shorten");
  }
}

std::unique_ptr<Dialect> makeDialect(const ConnectionConfig& config) {
  if (config.dialect == "sqlite") return std::make_unique<SqliteDialect>(config);
  if (config.dialect == "postgres") return std::make_unique<PostgresDialect>(config);
  if (config.dialect == "mariadb") return std::make_unique<MariaDbDialect>(config);
  throw Error("The dialect " + config.dialect +
              " is not supported. Supported dialects: mariadb, mysql, postgres and sqlite.");
}

}  // namespace sequelize::detail
