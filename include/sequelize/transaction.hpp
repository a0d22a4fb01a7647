#pragma once
// Transactions, managed and unmanaged, as Sequelize's:
//   db.transaction([&](Transaction& t) { Users.create({...}, {.transaction = &t}); });
//   Transaction t = db.transaction();  ...;  t.commit();   // rolled back if never committed
// A transaction keeps one pooled connection until it ends. A transaction started with a parent
// is a SAVEPOINT on the parent's connection.
#include <memory>
#include <optional>
#include <string>

namespace sequelize {

class Sequelize;

namespace detail {
struct TransactionState;
class TransactionAccess;
}  // namespace detail

enum class IsolationLevel : std::uint8_t {
  READ_UNCOMMITTED,
  READ_COMMITTED,
  REPEATABLE_READ,
  SERIALIZABLE,
};

// SQLite's BEGIN DEFERRED / IMMEDIATE / EXCLUSIVE; ignored elsewhere.
enum class TransactionType : std::uint8_t { DEFERRED, IMMEDIATE, EXCLUSIVE };

class Transaction;

struct TransactionOptions {
  std::optional<IsolationLevel> isolationLevel;
  TransactionType type = TransactionType::DEFERRED;
  // Start a nested transaction (a savepoint) inside this one.
  Transaction* transaction = nullptr;
};

class Transaction {
 public:
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&& other) noexcept;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  // Rolls back when the transaction was neither committed nor rolled back.
  ~Transaction();

  void commit();
  void rollback();
  // Sequelize's transaction.id: a UUID, also shown in the log as "Executing (<id>): …".
  [[nodiscard]] const std::string& id() const;
  [[nodiscard]] bool finished() const noexcept;
  [[nodiscard]] Transaction* parent() const noexcept;

 private:
  friend class Sequelize;
  friend class detail::TransactionAccess;
  explicit Transaction(std::unique_ptr<detail::TransactionState> state);
  std::unique_ptr<detail::TransactionState> state_;
};

}  // namespace sequelize
