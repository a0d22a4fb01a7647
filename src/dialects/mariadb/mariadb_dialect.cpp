#include "dialects/mariadb/mariadb_dialect.hpp"

#include <string>

#include "dialects/mariadb/mariadb_connection.hpp"
#include "sequelize/errors.hpp"

namespace sequelize::detail {
namespace {

// KEY(length[,scale]) UNSIGNED ZEROFILL, as Sequelize's NUMBER types write themselves.
std::string numeric(std::string_view key, const DataType& type) {
  std::string out(key);
  if (type.length() > 0) {
    out.append("(").append(std::to_string(type.length()));
    if (type.scale() >= 0) out.append(",").append(std::to_string(type.scale()));
    out.append(")");
  }
  if (type.isUnsigned()) out.append(" UNSIGNED");
  if (type.isZerofill()) out.append(" ZEROFILL");
  return out;
}

// Sequelize writes no DEFAULT for these (MySQL refused defaults on them) nor for BINARY strings.
bool takesNoDefault(const DataType& type, const std::string& rendered) {
  return rendered == "BLOB" || rendered == "TEXT" || rendered == "JSON" || type.isBinary();
}

}  // namespace

MariaDbDialect::MariaDbDialect(const ConnectionConfig& config)
    : settings_(readMariaDbSettings(config)) {}

const DialectCapabilities& MariaDbDialect::capabilities() const {
  static const DialectCapabilities caps = [] {
    DialectCapabilities c;
    c.returningOnInsert = false;  // the insert id is read back from the connection
    c.defaultForAutoIncrement = true;
    c.primaryKeyClause = true;
    c.foreignKeyClause = true;
    c.dropAllWithForeignKeysOff = false;
    c.iLike = false;
    c.nowHasMilliseconds = true;
    // Bulk inserts read the first generated id (consecutive ids for one multi-row INSERT with
    // the default innodb_autoinc_lock_mode), as Sequelize does.
    c.returning = false;
    c.insertIgnore = InsertIgnoreSyntax::InsertIgnore;
    c.upsert = UpsertSyntax::OnDuplicateKeyUpdate;
    c.maxBoundParameters = 65535;
    c.bulkInsertParameters = 65535;
    c.truncateEndsTransaction = true;
    c.lastInsertIdIsLastRow = false;
    // 1 for an insert, 2 for an update (and, with CLIENT_FOUND_ROWS, 1 for a duplicate left as
    // it was: see upsert.cpp).
    c.upsertAffectedRowsTellCreated = true;
    // Every integer size, signed and UNSIGNED; DATETIME from the year 0 to 9999 (the server
    // refuses 0000-02-29 itself: its year 0 is not a leap year); DECIMAL without precision is
    // DECIMAL(10,0).
    c.limits.integers = IntegerColumns::BySize;
    c.limits.firstDateMs = Date::fromCivil(0, 1, 1).epochMs;
    c.limits.lastDateMs = Date::fromCivil(9999, 12, 31, 23, 59, 59, 999).epochMs;
    c.limits.unsizedDecimalScale = 0;
    return c;
  }();
  return caps;
}

std::unique_ptr<Connection> MariaDbDialect::connect(const ConnectionConfig& /*config*/) const {
  return std::make_unique<MariaDbConnection>(settings_);
}

void MariaDbDialect::quoteIdentifier(std::string& out, std::string_view name) const {
  checkIdentifier(name);
  out.push_back('`');
  for (const char c : name) {
    if (c == '`') out.push_back('`');
    out.push_back(c);
  }
  out.push_back('`');
}

void MariaDbDialect::appendPlaceholder(std::string& out, int /*index*/) const {
  out.push_back('?');
}

void MariaDbDialect::quoteNameLiteral(std::string& out, std::string_view name) const {
  // MariaDB reads a backslash in a string literal as an escape, so it is escaped as well as the
  // quotes (the connection keeps NO_BACKSLASH_ESCAPES off). The escapes are Sequelize's.
  out.push_back('\'');
  for (const char c : name) {
    switch (c) {
      case '\0':
        out.append("\\0");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\b':
        out.append("\\b");
        break;
      case '\t':
        out.append("\\t");
        break;
      case '\x1a':
        out.append("\\Z");
        break;
      case '\\':
      case '\'':
      case '"':
        out.push_back('\\');
        out.push_back(c);
        break;
      default:
        out.push_back(c);
    }
  }
  out.push_back('\'');
}

std::string_view MariaDbDialect::likeEscapeClause() const {
  // The literal '\\' is one backslash in MariaDB's string syntax.
  return " ESCAPE '\\\\'";
}

void MariaDbDialect::appendLimitOffset(std::string& out, std::optional<std::int64_t> limit,
                                       std::optional<std::int64_t> offset) const {
  appendLimitCommaOffset(out, limit, offset);
}

std::string MariaDbDialect::typeSql(const DataType& type) const {
  switch (type.key()) {
    case TypeKey::STRING:
      return "VARCHAR(" + std::to_string(type.length()) + ")" + (type.isBinary() ? " BINARY" : "");
    case TypeKey::CHAR:
      return "CHAR(" + std::to_string(type.length()) + ")" + (type.isBinary() ? " BINARY" : "");
    case TypeKey::TEXT:
      return sizedTypeName("TEXT", type.size());
    case TypeKey::TINYINT:
      return numeric("TINYINT", type);
    case TypeKey::SMALLINT:
      return numeric("SMALLINT", type);
    case TypeKey::MEDIUMINT:
      return numeric("MEDIUMINT", type);
    case TypeKey::INTEGER:
      return numeric("INTEGER", type);
    case TypeKey::BIGINT:
      return numeric("BIGINT", type);
    case TypeKey::FLOAT:
      return numeric("FLOAT", type);
    case TypeKey::REAL:
      return numeric("REAL", type);
    case TypeKey::DOUBLE:
      return numeric("DOUBLE PRECISION", type);
    case TypeKey::DECIMAL: {
      // Sequelize leaves out a zero precision or scale: DECIMAL(10,0) is written DECIMAL(10).
      std::string out = "DECIMAL";
      if (type.length() > 0 || type.scale() > 0) {
        out.push_back('(');
        if (type.length() > 0) out.append(std::to_string(type.length()));
        if (type.scale() > 0) {
          if (type.length() > 0) out.push_back(',');
          out.append(std::to_string(type.scale()));
        }
        out.push_back(')');
      }
      if (type.isUnsigned()) out.append(" UNSIGNED");
      if (type.isZerofill()) out.append(" ZEROFILL");
      return out;
    }
    case TypeKey::BOOLEAN:
      return "TINYINT(1)";
    // DATETIME keeps whole seconds; DataTypes::DATE(3) keeps milliseconds, as in Sequelize.
    case TypeKey::DATE:
      return type.length() > 0 ? "DATETIME(" + std::to_string(type.length()) + ")" : "DATETIME";
    case TypeKey::DATEONLY:
      return "DATE";
    case TypeKey::TIME:
      return "TIME";
    case TypeKey::UUID:
      return "CHAR(36) BINARY";
    case TypeKey::JSON:
      return "JSON";
    case TypeKey::JSONB:
      throw Error("DataTypes::JSONB is not supported by mariadb; use DataTypes::JSON");
    case TypeKey::BLOB:
      return sizedTypeName("BLOB", type.size());
    case TypeKey::NOW:
    case TypeKey::UUIDV1:
    case TypeKey::UUIDV4:
      break;
  }
  return std::string(type.keyName());
}

void MariaDbDialect::appendDefaultLiteral(std::string& out, const Value& value,
                                          const DataType& type) const {
  switch (value.kind()) {
    case ValueKind::Bool:
      out.append(value.boolean() ? "true" : "false");
      return;
    case ValueKind::Date: {
      // DATETIME text without an offset: the session's time zone is UTC.
      std::string text;
      if (type.key() == TypeKey::DATEONLY) {
        text = value.date().toDateOnly();
      } else {
        value.date().appendSqlText(text, false, true);
      }
      quoteNameLiteral(out, text);
      return;
    }
    case ValueKind::String:
    case ValueKind::Json:
      quoteNameLiteral(out, value.text());
      return;
    default:
      Dialect::appendDefaultLiteral(out, value, type);
  }
}

std::string MariaDbDialect::columnDefinition(const Attribute& a,
                                             const std::string& /*referencedTable*/) const {
  // Sequelize's attributeToSQL for MySQL, after createTableQuery has moved PRIMARY KEY and
  // REFERENCES into clauses of their own (ddl.cpp writes those): the space that stood before
  // "PRIMARY KEY" stays, hence "auto_increment ," in Sequelize's output.
  const std::string type = typeSql(a.type);
  std::string sql = type;
  if (!a.allowNull) sql.append(" NOT NULL");
  if (a.autoIncrement) sql.append(" auto_increment");
  if (a.defaultValue.has() && !a.defaultValue.isGenerated() &&
      !a.defaultValue.constant().isUndefined() && !takesNoDefault(a.type, type)) {
    sql.append(" DEFAULT ");
    appendDefaultLiteral(sql, a.defaultValue.constant(), a.type);
  }
  if (a.unique.enabled()) sql.append(" UNIQUE");
  if (a.primaryKey) sql.push_back(' ');
  if (!a.comment.empty()) {
    sql.append(" COMMENT ");
    quoteNameLiteral(sql, a.comment);
  }
  return sql;
}

std::string MariaDbDialect::showIndexesSql(const std::string& table) const {
  std::string sql = "SHOW INDEX FROM ";
  quoteIdentifier(sql, table);
  return sql;
}

std::string MariaDbDialect::tableExistsSql(const std::string& table,
                                           const std::string& database) const {
  std::string sql =
      "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE' AND "
      "TABLE_NAME = ";
  quoteNameLiteral(sql, table);
  sql.append(" AND TABLE_SCHEMA = ");
  quoteNameLiteral(sql, database);
  return sql;
}

std::string MariaDbDialect::foreignKeyReferencesSql(const std::string& table,
                                                    const std::string& database) const {
  std::string sql =
      "SELECT CONSTRAINT_NAME as constraint_name,CONSTRAINT_NAME as constraintName,"
      "CONSTRAINT_SCHEMA as constraintSchema,CONSTRAINT_SCHEMA as constraintCatalog,"
      "TABLE_NAME as tableName,TABLE_SCHEMA as tableSchema,TABLE_SCHEMA as tableCatalog,"
      "COLUMN_NAME as columnName,REFERENCED_TABLE_SCHEMA as referencedTableSchema,"
      "REFERENCED_TABLE_SCHEMA as referencedTableCatalog,REFERENCED_TABLE_NAME as "
      "referencedTableName,REFERENCED_COLUMN_NAME as referencedColumnName FROM "
      "INFORMATION_SCHEMA.KEY_COLUMN_USAGE where TABLE_NAME = ";
  quoteNameLiteral(sql, table);
  sql.append(" AND CONSTRAINT_NAME!='PRIMARY' AND CONSTRAINT_SCHEMA=");
  quoteNameLiteral(sql, database);
  sql.append(" AND REFERENCED_TABLE_NAME IS NOT NULL;");
  return sql;
}

std::string MariaDbDialect::removeConstraintSql(const std::string& table,
                                                const std::string& constraint) const {
  std::string sql = "ALTER TABLE ";
  quoteIdentifier(sql, table);
  sql.append(" DROP FOREIGN KEY ");
  quoteIdentifier(sql, constraint);
  sql.push_back(';');
  return sql;
}

}  // namespace sequelize::detail
