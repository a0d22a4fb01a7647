#pragma once
// Where a statement meets a connection: it logs the statement as Sequelize does
// ("Executing (<connection>): <sql>"), runs it on the transaction's connection or on one
// borrowed from the pool for its duration, and returns what the connection reported. Statements
// outside transactions are retried as RetryOptions (options.hpp) describes. A Sequelize
// object may be shared between threads: the logging function is called by one thread at a time.
#include <mutex>
#include <span>
#include <string>
#include <string_view>

#include "connection/connection_pool.hpp"
#include "dialects/dialect.hpp"
#include "sequelize/options.hpp"

namespace sequelize {
class Transaction;
}

namespace sequelize::detail {

class QueryRunner {
 public:
  QueryRunner(const Dialect& dialect, ConnectionPool& pool, LogFunction logging,
              RetryOptions retry = {})
      : dialect_(dialect), pool_(pool), logging_(std::move(logging)), retry_(std::move(retry)) {}

  ExecResult run(Transaction* transaction, const std::string& sql,
                 std::span<const Value* const> params, RowConsumer* rows, bool silent = false);
  // Logs `sql` as run on the connection named `id` ("default" outside transactions).
  void log(std::string_view id, const std::string& sql) const;
  [[nodiscard]] bool logging() const noexcept { return static_cast<bool>(logging_); }

  [[nodiscard]] const Dialect& dialect() const noexcept { return dialect_; }
  [[nodiscard]] ConnectionPool& pool() noexcept { return pool_; }

 private:
  const Dialect& dialect_;
  ConnectionPool& pool_;
  // One try outside a transaction; tells through `sent` / `rowsSeen` how far it got.
  ExecResult runOnce(const std::string& sql, std::span<const Value* const> params,
                     RowConsumer* rows, bool silent, bool& sent, bool& rowsSeen);

  LogFunction logging_;
  RetryOptions retry_;
  mutable std::mutex logMutex_;
};

}  // namespace sequelize::detail
