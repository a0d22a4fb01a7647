#pragma once
// One sqlite3 database handle with its cache of prepared statements.
#include <sqlite3.h>

#include <array>
#include <deque>
#include <string>
#include <unordered_map>

#include "dialects/dialect.hpp"
#include "dialects/sqlite/sqlite_settings.hpp"
#include "sequelize/date.hpp"
#include "support/statement_text_hash.hpp"

namespace sequelize::detail {

// `sql` with its "$N" placeholders (outside quotes) written as SQLite's "?" where the number
// continues the sequence, "?N" elsewhere.
std::string positionalPlaceholders(const std::string& sql);

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const ConnectionConfig& config, const SqliteSettings& settings);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  ExecResult execute(const std::string& sql, std::span<const Value* const> params,
                     RowConsumer* rows) override;
  void executeDirect(const std::string& sql) override;
  [[nodiscard]] bool healthy() const override { return db_ != nullptr; }
  [[nodiscard]] bool inTransaction() const override {
    return db_ != nullptr && sqlite3_get_autocommit(db_) == 0;
  }
  [[nodiscard]] std::size_t preparedStatementCount() const override { return statements_.size(); }

 private:
  sqlite3_stmt* prepare(const std::string& sql, std::span<const Value* const> params);
  void bind(sqlite3_stmt* stmt, const std::string& sql, std::span<const Value* const> params);

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*, StatementTextHash, std::equal_to<>> statements_;
  // The statements prepare() returned last, by the address of the text they were asked for
  // (most texts are the library's cached strings, passed as the same objects each time): found
  // again with an address compare and one memcmp, without hashing the text.
  struct RecentStatement {
    const std::string* text = nullptr;  // the caller's text, compared by address only
    const std::string* key = nullptr;   // the cache's copy of it (stable: a map node)
    sqlite3_stmt* stmt = nullptr;
  };
  std::array<RecentStatement, 8> recent_{};
  std::size_t nextRecent_ = 0;
  // Statements the library sends on its own (transaction control), prepared once; null for a
  // text of several statements, which sqlite3_exec runs.
  std::unordered_map<std::string, sqlite3_stmt*, StatementTextHash, std::equal_to<>>
      directStatements_;
  // The texts of the dates bound for the statement being run (a deque: they must not move while
  // SQLite points at them), and the last date written there.
  std::deque<std::string> dateTexts_;
  Date lastDate_;
};

}  // namespace sequelize::detail
