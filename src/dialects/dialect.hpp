#pragma once
// The one interface every database sits behind.
//
// A Dialect answers the questions on which databases differ (quoting, placeholders, type names,
// DDL details, introspection statements, capabilities) and opens Connections. A Connection runs
// statements: it prepares each SQL text once and reuses it, binds values, hands rows to a
// RowConsumer, and turns native errors into sequelize errors.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sequelize/data_types.hpp"
#include "sequelize/model.hpp"
#include "sequelize/transaction.hpp"
#include "sequelize/value.hpp"

namespace sequelize::detail {

// What a URL says about where the database is.
struct ConnectionConfig {
  std::string dialect;  // "sqlite", "postgres" or "mariadb"
  std::string user;
  std::string password;
  std::string host;
  int port = 0;
  std::string database;  // database name, or for SQLite the resolved file path / ":memory:"
  std::vector<std::pair<std::string, std::string>> params;  // query parameters, in order

  [[nodiscard]] const std::string* param(std::string_view key) const;
};

// The current row of a result.
class RowReader {
 public:
  virtual ~RowReader() = default;
  [[nodiscard]] virtual int columnCount() const = 0;
  [[nodiscard]] virtual std::string_view columnName(int column) const = 0;
  // The column as Sequelize returns an attribute of this type on this database.
  [[nodiscard]] virtual Value read(int column, const DataType& type) = 0;
  // The column as the driver reports it, for queries without a model.
  [[nodiscard]] virtual Value readRaw(int column) = 0;
};

class RowConsumer {
 public:
  virtual ~RowConsumer() = default;
  // Told before the rows when the driver already holds them all: how many will come.
  virtual void expectRows(std::size_t /*count*/) {}
  virtual void onRow(RowReader& row) = 0;
};

struct ExecResult {
  std::int64_t affectedRows = 0;
  std::optional<std::int64_t> insertId;
};

class Connection {
 public:
  virtual ~Connection() = default;
  // Prepares `sql` once per connection (a cache keyed by the text), binds `params` in order,
  // runs it and hands each row to `rows`. Throws DatabaseError and its subclasses, or
  // ConnectionError when the connection is lost (after which healthy() is false).
  virtual ExecResult execute(const std::string& sql, std::span<const Value* const> params,
                             RowConsumer* rows) = 0;
  // Statements the library sends on its own (transaction control, session setup): not
  // prepared, not cached.
  virtual void executeDirect(const std::string& sql) = 0;
  [[nodiscard]] virtual bool healthy() const = 0;
  // Whether the connection may go back to the pool right after use: no failure seen and nothing
  // left open. Unlike healthy() it does not ask the socket (a system call per statement); the
  // next borrower's healthy() does that, when the connection may have sat idle.
  [[nodiscard]] virtual bool reusable() const { return healthy(); }
  // Whether a transaction block is open on the connection (BEGIN sent, not yet ended).
  [[nodiscard]] virtual bool inTransaction() const = 0;
  // Whether the database has aborted the open transaction after a failed statement, so that
  // COMMIT can only roll it back (PostgreSQL). Databases that keep a transaction going after
  // a failed statement answer false.
  [[nodiscard]] virtual bool transactionAborted() const { return false; }
  // How many prepared statements this connection keeps (for tests and diagnostics).
  [[nodiscard]] virtual std::size_t preparedStatementCount() const { return 0; }
};

// How an INSERT skips rows that collide with a unique key (bulkCreate ignoreDuplicates).
enum class InsertIgnoreSyntax : std::uint8_t {
  InsertOrIgnore,       // INSERT OR IGNORE INTO … (SQLite)
  OnConflictDoNothing,  // INSERT INTO … ON CONFLICT DO NOTHING (PostgreSQL)
  InsertIgnore,         // INSERT IGNORE INTO … (MariaDB)
};

// How an INSERT updates the row it collides with (bulkCreate updateOnDuplicate, upsert).
enum class UpsertSyntax : std::uint8_t {
  OnConflictDoUpdate,    // ON CONFLICT (keys) DO UPDATE SET c=EXCLUDED.c (SQLite, PostgreSQL)
  OnDuplicateKeyUpdate,  // ON DUPLICATE KEY UPDATE c=VALUES(c) (MariaDB)
};

// What a database's columns hold exactly. A value outside is refused before any SQL
// (core/type_coercion.cpp), never rounded, wrapped or stored as something else.
enum class IntegerColumns : std::uint8_t {
  Int64,         // every integer column holds a signed 64-bit integer, whatever its name (SQLite)
  SignedBySize,  // by size, UNSIGNED ignored (PostgreSQL; TINYINT is SMALLINT, MEDIUMINT INTEGER)
  BySize,        // by size and sign (MariaDB)
};

struct ColumnLimits {
  IntegerColumns integers = IntegerColumns::Int64;
  // DATE: the first and the last millisecond a column holds; JavaScript's Date range
  // (±8.64e15 ms, years -271821 to 275760) unless the database holds less.
  std::int64_t firstDateMs = -8'640'000'000'000'000;
  std::int64_t lastDateMs = 8'640'000'000'000'000;
  // The scale of a DECIMAL declared without precision: -1 for any (PostgreSQL's NUMERIC).
  int unsizedDecimalScale = -1;
  // Significant digits a DECIMAL with a fraction keeps (SQLite stores it as a double: 15);
  // 0 for as many as it is declared with.
  int decimalSignificantDigits = 0;
};

struct DialectCapabilities {
  // INSERT … RETURNING <all columns> (PostgreSQL); otherwise the last insert id is read back.
  bool returningOnInsert = false;
  // DEFAULT for a missing auto-increment key in INSERT; otherwise NULL (SQLite).
  bool defaultForAutoIncrement = true;
  // PRIMARY KEY (…) as a clause after the columns, rather than in the column definition.
  bool primaryKeyClause = true;
  // FOREIGN KEY (…) REFERENCES … as clauses after the columns (MariaDB).
  bool foreignKeyClause = false;
  // Removing all tables: SQLite turns foreign keys off; servers drop the constraints first.
  bool dropAllWithForeignKeysOff = false;
  // ILIKE exists (PostgreSQL).
  bool iLike = false;
  // Timestamps made by the library (createdAt, updatedAt, DataTypes::NOW) keep milliseconds.
  // Sequelize 6's Utils.now keeps them for every dialect we support, MariaDB included (the
  // server then stores what its column holds: DATETIME drops them, DATETIME(3) keeps them).
  bool nowHasMilliseconds = true;
  // INSERT … RETURNING for bulk inserts and upserts (SQLite >= 3.35, PostgreSQL). Without it,
  // the first generated key of a multi-row INSERT is read and the others follow it by one
  // (MariaDB with its default auto_increment settings).
  bool returning = false;
  InsertIgnoreSyntax insertIgnore = InsertIgnoreSyntax::OnConflictDoNothing;
  UpsertSyntax upsert = UpsertSyntax::OnConflictDoUpdate;
  // The most values one statement may bind: multi-row INSERTs are split to stay below it, and
  // any other statement binding more is refused before it is sent.
  int maxBoundParameters = 65535;
  // How many values a multi-row INSERT binds at most for speed, when that is fewer than the
  // limit (SQLite looks its $n parameters up by name: very long statements get slow).
  int bulkInsertParameters = 65535;
  // TRUNCATE commits the open transaction (MariaDB): inside one, DELETE is used instead.
  bool truncateEndsTransaction = false;
  // Without RETURNING: the insert id of a multi-row INSERT is its last row's (SQLite), not its
  // first row's (MariaDB).
  bool lastInsertIdIsLastRow = false;
  // An upsert's affected-row count says whether it inserted (1) or updated (2) (MariaDB;
  // upsert.cpp tells an insert from a duplicate left unchanged, which counts 1 too).
  bool upsertAffectedRowsTellCreated = false;
  ColumnLimits limits;
};

class Dialect {
 public:
  virtual ~Dialect() = default;

  [[nodiscard]] virtual std::string_view name() const = 0;
  [[nodiscard]] virtual const DialectCapabilities& capabilities() const = 0;
  [[nodiscard]] virtual std::unique_ptr<Connection> connect(
      const ConnectionConfig& config) const = 0;
  // Whether the database lives only as long as its one connection (SQLite in memory: each
  // connection would be a database of its own), so the pool keeps exactly one, for good.
  [[nodiscard]] virtual bool databaseIsItsConnection(const ConnectionConfig& /*config*/) const {
    return false;
  }

  // ---- SQL text
  // Appends `name` quoted as an identifier (embedded quote characters doubled).
  virtual void quoteIdentifier(std::string& out, std::string_view name) const = 0;
  // Appends the placeholder for the index-th bound value (1-based): $1 or ?.
  virtual void appendPlaceholder(std::string& out, int index) const = 0;
  // Appends a string literal for names that Sequelize writes as literals in introspection
  // statements (table and database names), with quotes escaped.
  virtual void quoteNameLiteral(std::string& out, std::string_view name) const;
  // What follows `column LIKE ?` when the pattern escapes % and _ with a backslash.
  [[nodiscard]] virtual std::string_view likeEscapeClause() const { return " ESCAPE '\\'"; }
  // How `column IN (…)` / `column NOT IN (…)` compares with a list of `count` values. Nothing
  // (the default): one placeholder per value. Otherwise the words written around one
  // placeholder that binds the whole list, as wholeListValue() makes it: PostgreSQL writes a
  // long list as ` = ANY($1)` / ` <> ALL($1)`, keeping statements far below its parameter limit.
  struct WholeListComparison {
    std::string_view before;
    std::string_view after;
  };
  [[nodiscard]] virtual std::optional<WholeListComparison> wholeListComparison(
      bool /*negated*/, std::size_t /*count*/) const {
    return std::nullopt;
  }
  // The one value bound for a list that wholeListComparison() writes as a whole.
  [[nodiscard]] virtual Value wholeListValue(std::span<const Value> items) const;
  // " LIMIT 10", " LIMIT 5, 10", " LIMIT 10 OFFSET 5" …
  virtual void appendLimitOffset(std::string& out, std::optional<std::int64_t> limit,
                                 std::optional<std::int64_t> offset) const = 0;

  // ---- DDL
  [[nodiscard]] virtual std::string typeSql(const DataType& type) const = 0;
  // A DEFAULT value in CREATE TABLE, where nothing can be bound: a properly escaped literal.
  // Throws sequelize::Error for values that cannot be written safely (NUL bytes, objects).
  virtual void appendDefaultLiteral(std::string& out, const Value& value,
                                    const DataType& type) const;
  // Everything after "<quoted column> " in CREATE TABLE for one attribute. `referencedTable`
  // is the resolved table name of attribute.references (empty without one).
  [[nodiscard]] virtual std::string columnDefinition(const Attribute& attribute,
                                                     const std::string& referencedTable) const = 0;
  // Whether the UNIQUE clause for columns sharing a named unique index carries the name
  // (MariaDB: UNIQUE `name` (…); SQLite and PostgreSQL: UNIQUE (…)).
  [[nodiscard]] virtual bool namesUniqueClause() const { return true; }
  // Between the columns of the PRIMARY KEY (…) clause: ", ", or "," as Sequelize writes it for
  // PostgreSQL.
  [[nodiscard]] virtual std::string_view primaryKeySeparator() const { return ", "; }
  // Text after the closing parenthesis of CREATE TABLE (" ENGINE=InnoDB").
  [[nodiscard]] virtual std::string createTableSuffix() const { return {}; }
  [[nodiscard]] virtual std::string dropTableSql(const std::string& table, bool cascade) const;
  // Model.destroy({truncate: true}): "TRUNCATE <table>" (with CASCADE when asked) by default.
  [[nodiscard]] virtual std::string truncateTableSql(const std::string& table, bool cascade) const;
  // Statement listing a table's indexes, sent after CREATE TABLE during sync.
  [[nodiscard]] virtual std::string showIndexesSql(const std::string& table) const = 0;
  // Statement describing one index listed by showIndexesSql (SQLite's PRAGMA INDEX_INFO);
  // empty when the listing says it all.
  [[nodiscard]] virtual std::string indexDetailsSql(const std::string& /*index*/) const {
    return {};
  }
  // Statement telling whether a table exists (sync without force). Empty rows: no table.
  [[nodiscard]] virtual std::string tableExistsSql(const std::string& table,
                                                   const std::string& database) const = 0;
  // Statement listing the foreign keys of a table (drop before the tables go); its rows carry
  // the constraint name in a column named "constraint_name".
  [[nodiscard]] virtual std::string foreignKeyReferencesSql(const std::string& table,
                                                            const std::string& database) const;
  [[nodiscard]] virtual std::string removeConstraintSql(const std::string& table,
                                                        const std::string& constraint) const;
  // Statements turning foreign key checks off / on (SQLite's PRAGMA foreign_keys).
  [[nodiscard]] virtual std::string foreignKeysOffSql() const { return {}; }
  [[nodiscard]] virtual std::string foreignKeysOnSql() const { return {}; }
  [[nodiscard]] virtual std::string authenticateSql() const { return "SELECT 1+1 AS result"; }

  // ---- transactions
  [[nodiscard]] virtual const std::string& beginTransactionSql(TransactionType type) const;
  // Empty when the dialect sets the level by other means or not at all.
  [[nodiscard]] virtual std::string isolationLevelSql(IsolationLevel level) const;
  // Whether the isolation level statement goes before BEGIN (MariaDB) or after it (PostgreSQL).
  [[nodiscard]] virtual bool isolationBeforeBegin() const { return false; }
  [[nodiscard]] virtual std::string commitSql() const { return "COMMIT;"; }
  [[nodiscard]] virtual std::string rollbackSql() const { return "ROLLBACK;"; }
  [[nodiscard]] virtual std::string savepointSql(const std::string& name) const;
  [[nodiscard]] virtual std::string rollbackToSavepointSql(const std::string& name) const;
};

// "TINYBLOB", "MEDIUMTEXT", "LONGBLOB" or the base name: the sized variants of BLOB and TEXT as
// SQLite and MariaDB write them.
std::string sizedTypeName(std::string_view base, SizeVariant size);

// " LIMIT 10", " LIMIT 5, 10": LIMIT [offset,] count, as Sequelize writes it for SQLite, MySQL
// and MariaDB (an offset alone gets SQLite's and MySQL's largest practical count).
void appendLimitCommaOffset(std::string& out, std::optional<std::int64_t> limit,
                            std::optional<std::int64_t> offset);

// Throws sequelize::Error for a name no quoting can carry: one with a NUL byte (the databases end
// the statement or the name there), or one longer than `maxBytes` (when not 0), which the
// database would silently shorten. Every quoteIdentifier calls it.
void checkIdentifier(std::string_view name, std::size_t maxBytes = 0);

// The dialect for a URL's scheme; throws sequelize::Error for an unknown one.
std::unique_ptr<Dialect> makeDialect(const ConnectionConfig& config);

}  // namespace sequelize::detail
