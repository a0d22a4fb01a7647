#pragma once
// One libpq connection with its prepared statements. Statements are prepared once per SQL text
// (PQprepare) and executed with their values bound in text format; results are read in text
// format and decoded per attribute type. Statements the library sends on its own (transaction
// control) go through PQexec.
//
// healthy() answers whether the connection may go back to the pool: it is false once the
// server has gone away (including a backend terminated while the connection sat idle in the
// pool, which is noticed without sending anything), and while a transaction block is still
// open on it.
#include <libpq-fe.h>

#include <memory>
#include <string>
#include <vector>

#include "dialects/dialect.hpp"
#include "dialects/postgres/postgres_conninfo.hpp"
#include "dialects/postgres/postgres_statement_cache.hpp"

namespace sequelize::detail {

class PostgresConnection final : public Connection {
 public:
  // Connects, or throws the ConnectionError subclass that says why not.
  explicit PostgresConnection(const PostgresConnectSettings& settings);
  ~PostgresConnection() override;
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  ExecResult execute(const std::string& sql, std::span<const Value* const> params,
                     RowConsumer* rows) override;
  void executeDirect(const std::string& sql) override;
  [[nodiscard]] bool healthy() const override;
  [[nodiscard]] bool reusable() const override;
  [[nodiscard]] bool inTransaction() const override;
  [[nodiscard]] bool transactionAborted() const override;
  [[nodiscard]] std::size_t preparedStatementCount() const override { return statements_.size(); }

 private:
  struct ResultDeleter {
    void operator()(PGresult* r) const noexcept { PQclear(r); }
  };
  using Result = std::unique_ptr<PGresult, ResultDeleter>;

  ExecResult run(const std::string& sql, std::span<const Value* const> params, RowConsumer* rows,
                 bool mayRetry);
  // The statement prepared for `sql`, preparing it now when it is not yet (`preparedNow`).
  const PreparedStatement& prepare(const std::string& sql, std::span<const Value* const> params,
                                   bool& preparedNow);
  void deallocate(const std::string& name) noexcept;
  // Leaves COPY mode after a statement started a COPY, which this library does not support.
  void abandonCopy(ExecStatusType status) noexcept;
  void ensureOpen() const;
  [[noreturn]] void fail(const PGresult* result, const std::string& sql,
                         std::span<const Value* const> params);
  static void onNotice(void* self, const PGresult* notice);

  PGconn* conn_ = nullptr;
  PostgresStatementCache statements_{256};
  // Reused by every execution: the bound values' texts (those not held by the value itself) and
  // the pointers libpq is given.
  std::vector<std::string> paramScratch_;
  std::vector<const char*> paramTexts_;
  mutable bool broken_ = false;  // the server went away, or said it is about to
};

}  // namespace sequelize::detail
