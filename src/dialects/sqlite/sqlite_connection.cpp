#include "dialects/sqlite/sqlite_connection.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "dialects/sqlite/sqlite_errors.hpp"
#include "sequelize/errors.hpp"
#include "support/json_text.hpp"

namespace sequelize::detail {
namespace {

// The current row of a stepped statement.
class SqliteRow final : public RowReader {
 public:
  explicit SqliteRow(sqlite3_stmt* stmt) : stmt_(stmt), columns_(sqlite3_column_count(stmt)) {}

  [[nodiscard]] int columnCount() const override { return columns_; }
  [[nodiscard]] std::string_view columnName(int column) const override {
    const char* name = sqlite3_column_name(stmt_, column);
    return name != nullptr ? std::string_view(name) : std::string_view{};
  }

  // Each value is read through its sqlite3_value: one call finds the column, the type, text
  // and length then come from it (the column calls would find it again for each).
  Value read(int column, const DataType& type) override {
    sqlite3_value* value = sqlite3_column_value(stmt_, column);
    const int storage = sqlite3_value_type(value);
    if (storage == SQLITE_NULL) return Value(nullptr);
    switch (type.key()) {
      case TypeKey::TINYINT:
      case TypeKey::SMALLINT:
      case TypeKey::MEDIUMINT:
      case TypeKey::INTEGER:
      case TypeKey::BIGINT:
        if (storage == SQLITE_INTEGER) return Value(sqlite3_value_int64(value));
        return readStored(value, storage);
      case TypeKey::FLOAT:
      case TypeKey::REAL:
      case TypeKey::DOUBLE:
        if (storage == SQLITE_INTEGER || storage == SQLITE_FLOAT) {
          return Value(sqlite3_value_double(value));
        }
        return parseFloating(text(value));
      case TypeKey::DECIMAL:
        if (storage == SQLITE_INTEGER) return Value(sqlite3_value_int64(value));
        if (storage == SQLITE_FLOAT) return Value(sqlite3_value_double(value));
        return readStored(value, storage);
      case TypeKey::BOOLEAN:
        if (storage == SQLITE_INTEGER) {
          const auto v = sqlite3_value_int64(value);
          if (v == 0 || v == 1) return Value(v == 1);
          return Value(v);
        }
        return readStored(value, storage);
      case TypeKey::DATE:
        if (storage == SQLITE_TEXT) {
          if (auto d = Date::parse(text(value))) return Value(*d);
        }
        return readStored(value, storage);
      case TypeKey::JSON:
      case TypeKey::JSONB:
        if (storage == SQLITE_TEXT) {
          try {
            return Value::rawJson(normalizeJson(text(value)));
          } catch (const Error&) {
            return readStored(value, storage);
          }
        }
        return readStored(value, storage);
      case TypeKey::BLOB:
        if (storage == SQLITE_BLOB || storage == SQLITE_TEXT) return blob(value);
        return readStored(value, storage);
      default:
        return readStored(value, storage);
    }
  }

  Value readRaw(int column) override {
    sqlite3_value* value = sqlite3_column_value(stmt_, column);
    return readStored(value, sqlite3_value_type(value));
  }

 private:
  // The value as SQLite stores it; `storage` is its type, asked once per value.
  static Value readStored(sqlite3_value* value, int storage) {
    switch (storage) {
      case SQLITE_INTEGER:
        return Value(sqlite3_value_int64(value));
      case SQLITE_FLOAT:
        return Value(sqlite3_value_double(value));
      case SQLITE_TEXT:
        return Value(text(value));
      case SQLITE_BLOB:
        return blob(value);
      default:
        return Value(nullptr);
    }
  }

  static std::string_view text(sqlite3_value* value) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(value));
    const int n = sqlite3_value_bytes(value);
    return p != nullptr ? std::string_view(p, static_cast<std::size_t>(n)) : std::string_view{};
  }
  static Value blob(sqlite3_value* value) {
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_value_blob(value));
    const int n = sqlite3_value_bytes(value);
    return Value(Blob(p, p + n));
  }
  static Value parseFloating(std::string_view t) {
    // Non-finite numbers are stored as text, as Sequelize stores them for SQLite.
    if (t == "NaN") return Value(std::numeric_limits<double>::quiet_NaN());
    if (t == "Infinity") return Value(std::numeric_limits<double>::infinity());
    if (t == "-Infinity") return Value(-std::numeric_limits<double>::infinity());
    double d = 0;
    const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), d);
    if (ec == std::errc{} && ptr == t.data() + t.size()) return Value(d);
    return Value(t);
  }

  sqlite3_stmt* stmt_;
  int columns_;
};

// Resets a statement when execution leaves, however it leaves.
struct ResetGuard {
  sqlite3_stmt* stmt;
  ~ResetGuard() { sqlite3_reset(stmt); }
};

}  // namespace

SqliteConnection::SqliteConnection(const ConnectionConfig& config, const SqliteSettings& settings) {
  const std::string& path = config.database;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw ConnectionError(
        std::string(sqlitePrimaryCodeName(rc)) + ": " + message + " (" + path + ")", message);
  }
  sqlite3_extended_result_codes(db_, 1);
  // A statement that meets another connection's lock waits this long, then fails with
  // SQLITE_BUSY (a TimeoutError).
  sqlite3_busy_timeout(db_, settings.busyTimeoutMs);
  // As Sequelize's SQLite connection manager: foreign keys are enforced on every connection.
  // A file database is switched to the configured journal mode (WAL by default: readers do not
  // wait for a writer, and a writer waits only for another writer). The mode is a property of
  // the file, so every connection asks for the same one; memory databases keep theirs.
  std::string setup = "PRAGMA FOREIGN_KEYS=ON;";
  if (path != ":memory:" && !path.empty()) {
    setup += "PRAGMA journal_mode=" + settings.journalMode + ";";
  }
  char* err = nullptr;
  if (sqlite3_exec(db_, setup.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    const int code = sqlite3_extended_errcode(db_);
    const std::string message = err != nullptr ? err : "PRAGMA failed";
    sqlite3_free(err);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw ConnectionError(std::string(sqlitePrimaryCodeName(code)) + ": " + message, message);
  }
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  for (auto& [sql, stmt] : directStatements_) sqlite3_finalize(stmt);
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

namespace {

bool isIdentifierChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         c == '$';
}

}  // namespace

// "$1" becomes "?" (or "?1") outside quotes. The log shows Sequelize's "$1", but SQLite parses
// "$1" as a named parameter, looked up by name among those seen so far: quadratic in the
// parameters of a multi-row INSERT (996 of them). "?N" is the same parameter found by its
// number, but SQLite still records each one's name; a plain "?" takes the number after the
// highest so far, so a placeholder that continues the sequence is written as "?" and costs
// nothing to prepare.
std::string positionalPlaceholders(const std::string& sql) {
  std::string out;
  out.reserve(sql.size());
  char quote = 0;
  long highest = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote != 0) {
      if (c == quote) quote = 0;  // a doubled quote closes and reopens: still inside
      out.push_back(c);
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') {
      quote = c;
    } else if (c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9' &&
               (i == 0 || !isIdentifierChar(sql[i - 1]))) {
      std::size_t end = i + 1;
      while (end < sql.size() && sql[end] >= '0' && sql[end] <= '9') ++end;
      if (end == sql.size() || !isIdentifierChar(sql[end])) {
        const std::string_view digits(sql.data() + i + 1, end - i - 1);
        long number = 0;
        std::from_chars(digits.data(), digits.data() + digits.size(), number);
        out.push_back('?');
        if (number == highest + 1) {
          highest = number;
        } else {
          out.append(digits);
          highest = std::max(highest, number);
        }
        i = end - 1;
        continue;
      }
    }
    out.push_back(c);
  }
  return out;
}

sqlite3_stmt* SqliteConnection::prepare(const std::string& sql,
                                        std::span<const Value* const> params) {
  // The library passes the texts it caches as the same string objects run after run: a text
  // at the address of a recent one whose bytes are that one's is that statement. The bytes are
  // compared, as another text may have been allocated where a freed one was.
  for (const RecentStatement& r : recent_) {
    if (r.text == &sql && r.key->size() == sql.size() &&
        std::memcmp(r.key->data(), sql.data(), sql.size()) == 0) {
      return r.stmt;
    }
  }
  auto remember = [&](const std::string& key, sqlite3_stmt* stmt) {
    recent_[nextRecent_] = RecentStatement{&sql, &key, stmt};
    nextRecent_ = (nextRecent_ + 1) % recent_.size();
    return stmt;
  };
  if (auto it = statements_.find(sql); it != statements_.end())
    return remember(it->first, it->second);
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  const std::string numbered = positionalPlaceholders(sql);
  const int rc = sqlite3_prepare_v3(db_, numbered.c_str(), static_cast<int>(numbered.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
  if (rc != SQLITE_OK) throwSqliteError(db_, sqlite3_extended_errcode(db_), sql, params);
  return remember(statements_.emplace(sql, stmt).first->first, stmt);
}

void SqliteConnection::bind(sqlite3_stmt* stmt, const std::string& sql,
                            std::span<const Value* const> params) {
  const int expected = sqlite3_bind_parameter_count(stmt);
  if (expected != static_cast<int>(params.size())) {
    throw Error("Statement expects " + std::to_string(expected) + " bound values but " +
                std::to_string(params.size()) + " were given: " + sql);
  }
  // The last text is kept (a deque keeps it where it is): the next statement of a write, such
  // as a nested create's next row, usually binds the same timestamp.
  while (dateTexts_.size() > 1) dateTexts_.pop_front();
  for (std::size_t i = 0; i < params.size(); ++i) {
    const Value& v = *params[i];
    const int index = static_cast<int>(i) + 1;
    int rc = SQLITE_OK;
    switch (v.kind()) {
      case ValueKind::Undefined:
      case ValueKind::Null:
        rc = sqlite3_bind_null(stmt, index);
        break;
      case ValueKind::Bool:
        rc = sqlite3_bind_int(stmt, index, v.boolean() ? 1 : 0);
        break;
      case ValueKind::Int:
        rc = sqlite3_bind_int64(stmt, index, v.integer());
        break;
      case ValueKind::Double:
        if (std::isnan(v.number())) {
          rc = sqlite3_bind_text(stmt, index, "NaN", 3, SQLITE_STATIC);  // SQLite has no NaN
        } else {
          rc = sqlite3_bind_double(stmt, index, v.number());
        }
        break;
      case ValueKind::String:
      case ValueKind::Json: {
        const std::string_view t = v.text();
        rc = sqlite3_bind_text(stmt, index, t.data(), static_cast<int>(t.size()), SQLITE_STATIC);
        break;
      }
      case ValueKind::Bytes: {
        const std::string_view t = v.text();
        rc = sqlite3_bind_blob(stmt, index, t.data(), static_cast<int>(t.size()), SQLITE_STATIC);
        break;
      }
      case ValueKind::Date: {
        // Bound without a copy: the text stays in dateTexts_ until the next execution, and
        // rows of one write share their timestamps, so one text serves all of them.
        if (dateTexts_.empty() || lastDate_ != v.date()) {
          dateTexts_.emplace_back();
          v.date().appendSqlText(dateTexts_.back());
          lastDate_ = v.date();
        }
        const std::string& text = dateTexts_.back();
        rc = sqlite3_bind_text(stmt, index, text.data(), static_cast<int>(text.size()),
                               SQLITE_STATIC);
        break;
      }
      case ValueKind::Object:
      case ValueKind::Array:
        throw TypeError("An " + std::string(kindName(v.kind())) +
                        " cannot be bound as a statement parameter");
    }
    if (rc != SQLITE_OK) throwSqliteError(db_, rc, sql, params);
  }
}

ExecResult SqliteConnection::execute(const std::string& sql, std::span<const Value* const> params,
                                     RowConsumer* rows) {
  if (db_ == nullptr) throw ConnectionError("The SQLite connection is closed");
  sqlite3_stmt* stmt = prepare(sql, params);
  ResetGuard guard{stmt};
  bind(stmt, sql, params);
  SqliteRow row(stmt);
  for (;;) {
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
      if (rows != nullptr) rows->onRow(row);
      continue;
    }
    if (rc == SQLITE_DONE) break;
    throwSqliteError(db_, sqlite3_extended_errcode(db_), sql, params);
  }
  ExecResult result;
  result.affectedRows = sqlite3_changes64(db_);
  result.insertId = sqlite3_last_insert_rowid(db_);
  return result;
}

void SqliteConnection::executeDirect(const std::string& sql) {
  if (db_ == nullptr) throw ConnectionError("The SQLite connection is closed");
  // Transaction control sends the same few statements again and again: each is prepared once.
  // A text of several statements (session setup) goes through sqlite3_exec.
  sqlite3_stmt* stmt = nullptr;
  if (auto it = directStatements_.find(sql); it != directStatements_.end()) {
    stmt = it->second;
  } else {
    const char* tail = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &stmt, &tail) != SQLITE_OK) {
      throwSqliteError(db_, sqlite3_extended_errcode(db_), sql, {});
    }
    const std::string_view rest(tail, static_cast<std::size_t>(sql.c_str() + sql.size() - tail));
    if (rest.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
      sqlite3_finalize(stmt);
      stmt = nullptr;  // remembered: this text always goes through sqlite3_exec
    }
    directStatements_.emplace(sql, stmt);
  }
  if (stmt == nullptr) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc != SQLITE_OK) throwSqliteError(db_, sqlite3_extended_errcode(db_), sql, {});
    return;
  }
  ResetGuard guard{stmt};
  int rc = SQLITE_ROW;
  while (rc == SQLITE_ROW) rc = sqlite3_step(stmt);
  if (rc != SQLITE_DONE) throwSqliteError(db_, sqlite3_extended_errcode(db_), sql, {});
}

}  // namespace sequelize::detail
