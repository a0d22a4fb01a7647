#include "dialects/postgres/postgres_dialect.hpp"

#include <string>

#include "dialects/postgres/postgres_connection.hpp"
#include "dialects/postgres/postgres_values.hpp"
#include "support/json_writer.hpp"

namespace sequelize::detail {
namespace {

// From this length on an IN / NOT IN list is bound as one array. PostgreSQL plans `x IN (a, b)`
// as `x = ANY (ARRAY[a, b])` itself, so rows and plans are the same either way; shorter lists
// keep the one-placeholder-per-value text (Sequelize's shape, readable in logs), longer ones
// keep a statement far below the 65535 parameters the protocol allows, whatever else it binds,
// and one prepared statement serves every length.
constexpr std::size_t kWholeListFrom = 1001;

// Removes the first occurrence of `word` from `text`, as Sequelize's String.replace does when
// it turns an INTEGER column into SERIAL.
void removeFirst(std::string& text, std::string_view word) {
  const std::size_t at = text.find(word);
  if (at != std::string::npos) text.erase(at, word.size());
}

}  // namespace

PostgresDialect::PostgresDialect(const ConnectionConfig& config)
    : settings_(postgresConnectSettings(config)) {}

const DialectCapabilities& PostgresDialect::capabilities() const {
  static const DialectCapabilities caps = [] {
    DialectCapabilities c;
    c.returningOnInsert = true;
    c.defaultForAutoIncrement = true;
    c.primaryKeyClause = true;
    c.foreignKeyClause = false;
    c.dropAllWithForeignKeysOff = false;
    c.iLike = true;
    c.nowHasMilliseconds = true;
    c.returning = true;
    c.insertIgnore = InsertIgnoreSyntax::OnConflictDoNothing;
    c.upsert = UpsertSyntax::OnConflictDoUpdate;
    // The protocol counts a statement's parameters in 16 bits. Multi-row INSERTs keep to 7000
    // values each, the size bulkCreate was benchmarked with (bench/).
    c.maxBoundParameters = 65535;
    c.bulkInsertParameters = 7000;
    c.truncateEndsTransaction = false;  // TRUNCATE is transactional
    c.upsertAffectedRowsTellCreated = false;
    // SMALLINT, INTEGER and BIGINT, all signed; timestamptz from 4714-11-24 BC (Julian day 0)
    // to 294276-12-31; NUMERIC without precision keeps any scale.
    c.limits.integers = IntegerColumns::SignedBySize;
    c.limits.firstDateMs = Date::fromCivil(-4713, 11, 24).epochMs;
    c.limits.lastDateMs = Date::fromCivil(294276, 12, 31, 23, 59, 59, 999).epochMs;
    c.limits.unsizedDecimalScale = -1;
    return c;
  }();
  return caps;
}

std::unique_ptr<Connection> PostgresDialect::connect(const ConnectionConfig& /*config*/) const {
  return std::make_unique<PostgresConnection>(settings_);
}

void PostgresDialect::quoteIdentifier(std::string& out, std::string_view name) const {
  // PostgreSQL cuts names at 63 bytes (NAMEDATALEN - 1) with only a notice.
  checkIdentifier(name, 63);
  out.push_back('"');
  for (const char c : name) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void PostgresDialect::appendPlaceholder(std::string& out, int index) const {
  out.push_back('$');
  out.append(std::to_string(index));
}

std::optional<Dialect::WholeListComparison> PostgresDialect::wholeListComparison(
    bool negated, std::size_t count) const {
  if (count < kWholeListFrom) return std::nullopt;
  // NULL items behave as in a list: x = ANY('{1,NULL}') is true or null, x <> ALL('{1,NULL}')
  // never true, exactly as IN and NOT IN.
  if (negated) return WholeListComparison{" <> ALL(", ")"};
  return WholeListComparison{" = ANY(", ")"};
}

Value PostgresDialect::wholeListValue(std::span<const Value> items) const {
  // The array's text, its type inferred by the server from the column, as for any parameter.
  return Value(postgresArrayText(items));
}

void PostgresDialect::appendLimitOffset(std::string& out, std::optional<std::int64_t> limit,
                                        std::optional<std::int64_t> offset) const {
  if (limit) out.append(" LIMIT ").append(std::to_string(*limit));
  if (offset) out.append(" OFFSET ").append(std::to_string(*offset));
}

std::string PostgresDialect::typeSql(const DataType& type) const {
  switch (type.key()) {
    case TypeKey::STRING:
      if (type.isBinary()) return "BYTEA";
      return "VARCHAR(" + std::to_string(type.length()) + ")";
    case TypeKey::CHAR:
      if (type.isBinary()) return "BYTEA";
      return "CHAR(" + std::to_string(type.length()) + ")";
    case TypeKey::TEXT:
      return "TEXT";
    // PostgreSQL has no TINYINT or MEDIUMINT: Sequelize writes them anyway and the server
    // rejects the table; the smallest PostgreSQL type that holds every value is used instead.
    case TypeKey::TINYINT:
    case TypeKey::SMALLINT:
      return "SMALLINT";
    // Lengths, UNSIGNED and ZEROFILL do not exist for PostgreSQL integers: Sequelize drops them.
    case TypeKey::MEDIUMINT:
    case TypeKey::INTEGER:
      return "INTEGER";
    case TypeKey::BIGINT:
      return "BIGINT";
    case TypeKey::FLOAT:
      // FLOAT(n) is kept (1-24: REAL, 25-53: DOUBLE PRECISION); FLOAT(n, d) is plain FLOAT.
      if (type.length() > 0 && type.scale() < 0)
        return "FLOAT(" + std::to_string(type.length()) + ")";
      return "FLOAT";
    case TypeKey::REAL:
      return "REAL";
    case TypeKey::DOUBLE:
      return "DOUBLE PRECISION";
    case TypeKey::DECIMAL: {
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
      return "BOOLEAN";
    case TypeKey::DATE:
      return "TIMESTAMP WITH TIME ZONE";
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
      return "BYTEA";
    case TypeKey::NOW:
    case TypeKey::UUIDV1:
    case TypeKey::UUIDV4:
      break;
  }
  return std::string(type.keyName());
}

void PostgresDialect::appendDefaultLiteral(std::string& out, const Value& value,
                                           const DataType& type) const {
  if (value.kind() == ValueKind::Bool) {
    out.append(value.boolean() ? "true" : "false");
    return;
  }
  // Sequelize quotes FLOAT, REAL and DOUBLE defaults ('0.5'), so that NaN and Infinity fit too.
  if (type.isFloating() && value.isNumber()) {
    std::string number;
    appendJsNumber(number, value.number(), value.kind() == ValueKind::Int, value.integer());
    quoteNameLiteral(out, number);
    return;
  }
  if (value.kind() == ValueKind::Date && type.key() != TypeKey::DATEONLY) {
    std::string text;
    appendPostgresTimestamp(text, value.date());
    quoteNameLiteral(out, text);
    return;
  }
  Dialect::appendDefaultLiteral(out, value, type);
}

std::string PostgresDialect::columnDefinition(const Attribute& a,
                                              const std::string& referencedTable) const {
  // Sequelize writes "<type> [NOT NULL] [SERIAL] [DEFAULT …] [UNIQUE] [PRIMARY KEY]
  // [REFERENCES …]" and then edits the text: PRIMARY KEY moves to a clause of its own, and an
  // auto-increment column loses its integer type and NOT NULL to (BIG|SMALL)SERIAL. The same
  // edits are made here part by part (so that a default value's text is never touched), leaving
  // the spaces Sequelize leaves.
  std::string type = typeSql(a.type);
  std::string notNull = a.allowNull ? "" : " NOT NULL";
  std::string serial;
  if (a.autoIncrement) {
    serial = " SERIAL";
    if (type.find("BIGINT") != std::string::npos) {
      serial = " BIGSERIAL";
      removeFirst(type, "BIGINT");
    } else if (type.find("SMALLINT") != std::string::npos) {
      serial = " SMALLSERIAL";
      removeFirst(type, "SMALLINT");
    } else {
      removeFirst(type, "INTEGER");
    }
    if (!notNull.empty()) notNull = " ";
  }
  std::string sql = type + notNull + serial;
  if (a.defaultValue.has() && !a.defaultValue.isGenerated()) {
    sql.append(" DEFAULT ");
    appendDefaultLiteral(sql, a.defaultValue.constant(), a.type);
  }
  if (a.unique.enabled()) sql.append(" UNIQUE");
  if (a.primaryKey) sql.append(" ");
  if (a.hasReferences()) {
    sql.append(" REFERENCES ");
    quoteIdentifier(sql, referencedTable);
    sql.append(" (");
    quoteIdentifier(sql, a.references.key.empty() ? "id" : a.references.key);
    sql.append(")");
    if (!a.onDelete.empty()) sql.append(" ON DELETE ").append(a.onDelete);
    if (!a.onUpdate.empty()) sql.append(" ON UPDATE ").append(a.onUpdate);
  }
  return sql;
}

std::string PostgresDialect::dropTableSql(const std::string& table, bool cascade) const {
  std::string sql = "DROP TABLE IF EXISTS ";
  quoteIdentifier(sql, table);
  if (cascade) sql.append(" CASCADE");
  sql.push_back(';');
  return sql;
}

std::string PostgresDialect::showIndexesSql(const std::string& table) const {
  std::string sql =
      "SELECT i.relname AS name, ix.indisprimary AS primary, ix.indisunique AS unique, "
      "ix.indkey AS indkey, array_agg(a.attnum) as column_indexes, array_agg(a.attname) AS "
      "column_names, pg_get_indexdef(ix.indexrelid) AS definition FROM pg_class t, pg_class i, "
      "pg_index ix, pg_attribute a WHERE t.oid = ix.indrelid AND i.oid = ix.indexrelid AND "
      "a.attrelid = t.oid AND t.relkind = 'r' and t.relname = ";
  quoteNameLiteral(sql, table);
  sql.append(
      " GROUP BY i.relname, ix.indexrelid, ix.indisprimary, ix.indisunique, ix.indkey ORDER BY "
      "i.relname;");
  return sql;
}

std::string PostgresDialect::tableExistsSql(const std::string& table,
                                            const std::string& /*database*/) const {
  std::string sql =
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND "
      "table_name = ";
  quoteNameLiteral(sql, table);
  return sql;
}

std::string PostgresDialect::foreignKeyReferencesSql(const std::string& table,
                                                     const std::string& database) const {
  std::string sql =
      "SELECT DISTINCT tc.constraint_name as constraint_name, tc.constraint_schema as "
      "constraint_schema, tc.constraint_catalog as constraint_catalog, tc.table_name as "
      "table_name,tc.table_schema as table_schema,tc.table_catalog as "
      "table_catalog,tc.initially_deferred as initially_deferred,tc.is_deferrable as "
      "is_deferrable,kcu.column_name as column_name,ccu.table_schema  AS "
      "referenced_table_schema,ccu.table_catalog  AS referenced_table_catalog,ccu.table_name  "
      "AS referenced_table_name,ccu.column_name AS referenced_column_name FROM "
      "information_schema.table_constraints AS tc JOIN information_schema.key_column_usage AS "
      "kcu ON tc.constraint_name = kcu.constraint_name JOIN "
      "information_schema.constraint_column_usage AS ccu ON ccu.constraint_name = "
      "tc.constraint_name WHERE constraint_type = 'FOREIGN KEY' AND tc.table_name = ";
  quoteNameLiteral(sql, table);
  if (!database.empty()) {
    sql.append(" AND tc.table_catalog = ");
    quoteNameLiteral(sql, database);
  }
  return sql;
}

}  // namespace sequelize::detail
