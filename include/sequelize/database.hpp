#pragma once
// Sequelize: the connection to one database (a pool of connections), the registry of models,
// sync, transactions and raw queries.
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "sequelize/model.hpp"
#include "sequelize/options.hpp"
#include "sequelize/transaction.hpp"

namespace sequelize {

namespace detail {
class Dialect;
class ConnectionPool;
struct ConnectionConfig;
class QueryRunner;
class ModelRegistry;
class OpenTransactions;
}  // namespace detail

class Sequelize {
 public:
  // "sqlite::memory:", "sqlite:path/to/file.db", "postgres://user:pass@host:5432/db",
  // "mariadb://user:pass@host:3306/db". Throws sequelize::Error for an unusable URL.
  explicit Sequelize(std::string_view url, SequelizeOptions options = {});
  Sequelize(const Sequelize&) = delete;
  Sequelize& operator=(const Sequelize&) = delete;
  // Rolls back the transactions still open (they are finished from then on) and closes every
  // connection. Instances may outlive the object (they keep their models); Model& and
  // Association& references may not. See README.md ("Lifetimes").
  ~Sequelize();

  Model& define(const std::string& modelName, const AttributeDefinitions& attributes,
                const ModelOptions& options = {});
  [[nodiscard]] Model& model(std::string_view modelName) const;
  [[nodiscard]] bool isDefined(std::string_view modelName) const;
  // In definition order.
  [[nodiscard]] std::vector<Model*> models() const;

  // Creates the tables of every model, in foreign-key order (dropping them first with force).
  void sync(const SyncOptions& options = {});
  // Drops the tables of every model.
  void drop(const DropOptions& options = {});
  // Runs the dialect's connection test query.
  void authenticate();
  // Runs SQL written by the caller. Values go in options.bind, never into the text.
  QueryResult query(const std::string& sql, const QueryOptions& options = {});
  // Closes every connection; the object cannot run queries afterwards.
  void close();

  // "sqlite", "postgres" or "mariadb".
  [[nodiscard]] std::string_view getDialect() const noexcept;
  // The database name from the URL (the file path for SQLite).
  [[nodiscard]] const std::string& databaseName() const noexcept;
  [[nodiscard]] const SequelizeOptions& options() const noexcept { return options_; }

  // Unmanaged: commit() or rollback() yourself; destroyed unfinished, it rolls back.
  [[nodiscard]] Transaction transaction(const TransactionOptions& options = {});
  // Managed: commits when fn returns, rolls back and rethrows when it throws.
  template <class Fn>
  requires std::is_invocable_v<Fn&, Transaction&>
  auto transaction(Fn&& fn, const TransactionOptions& options = {})
      -> std::invoke_result_t<Fn&, Transaction&> {
    Transaction t = transaction(options);
    try {
      if constexpr (std::is_void_v<std::invoke_result_t<Fn&, Transaction&>>) {
        fn(t);
        t.commit();
      } else {
        auto result = fn(t);
        t.commit();
        return result;
      }
    } catch (...) {
      if (!t.finished()) rollbackQuietly(t);
      throw;
    }
  }

  // Internal plumbing, used by models, instances and transactions.
  [[nodiscard]] const detail::Dialect& dialect() const noexcept { return *dialect_; }
  [[nodiscard]] detail::QueryRunner& runner() const noexcept { return *runner_; }
  [[nodiscard]] detail::OpenTransactions& openTransactions() const noexcept {
    return *openTransactions_;
  }

 private:
  static void rollbackQuietly(Transaction& t) noexcept;

  SequelizeOptions options_;
  std::unique_ptr<detail::ConnectionConfig> config_;
  std::unique_ptr<detail::Dialect> dialect_;
  std::unique_ptr<detail::ConnectionPool> pool_;
  std::unique_ptr<detail::QueryRunner> runner_;
  std::unique_ptr<detail::OpenTransactions> openTransactions_;
  // Shared with the instances made from the models (see core/model_registry.hpp).
  std::shared_ptr<detail::ModelRegistry> registry_;
};

}  // namespace sequelize
