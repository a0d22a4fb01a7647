#pragma once
// One MariaDB Connector/C connection with its cache of prepared statements (mysql_stmt_prepare
// once per SQL text, then bind and execute). The session speaks utf8mb4 and UTC.
#include <mysql.h>

#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "dialects/dialect.hpp"
#include "dialects/mariadb/mariadb_errors.hpp"
#include "dialects/mariadb/mariadb_result.hpp"
#include "dialects/mariadb/mariadb_settings.hpp"
#include "support/statement_text_hash.hpp"

namespace sequelize::detail {

class MariaDbConnection final : public Connection {
 public:
  // Connects or throws ConnectionError (AccessDeniedError, HostNotFoundError …).
  explicit MariaDbConnection(const MariaDbSettings& settings);
  ~MariaDbConnection() override;
  MariaDbConnection(const MariaDbConnection&) = delete;
  MariaDbConnection& operator=(const MariaDbConnection&) = delete;

  ExecResult execute(const std::string& sql, std::span<const Value* const> params,
                     RowConsumer* rows) override;
  void executeDirect(const std::string& sql) override;
  // False once the connection was lost, and when the server has closed it while it sat idle
  // (a KILL, a restart, wait_timeout): the pool then drops it instead of handing it out.
  [[nodiscard]] bool healthy() const override;
  [[nodiscard]] bool reusable() const override { return mysql_ != nullptr && !lost_; }
  // As the server last reported it (SERVER_STATUS_IN_TRANS): no round trip.
  [[nodiscard]] bool inTransaction() const override;
  [[nodiscard]] std::size_t preparedStatementCount() const override { return statements_.size(); }

 private:
  struct Statement;
  // Prepared statements are kept per connection; past this many the least recently used one
  // is closed (the server limits prepared statements across all connections).
  static constexpr std::size_t kStatementCacheSize = 256;

  Statement& prepare(const std::string& sql, std::span<const Value* const> params);
  void bindParams(Statement& st, const std::string& sql, std::span<const Value* const> params);
  void readRows(Statement& st, const std::string& sql, std::span<const Value* const> params,
                RowConsumer* rows);
  [[noreturn]] void fail(MYSQL_STMT* stmt, const std::string& sql,
                         std::span<const Value* const> params);
  [[noreturn]] void failDirect(const std::string& sql);
  void requireOpen() const;
  void close() noexcept;

  MYSQL* mysql_ = nullptr;
  bool lost_ = false;
  bool tls_ = false;
  std::list<std::string> recent_;  // SQL texts, most recently used first
  std::unordered_map<std::string, std::unique_ptr<Statement>, StatementTextHash, std::equal_to<>>
      statements_;
};

}  // namespace sequelize::detail
