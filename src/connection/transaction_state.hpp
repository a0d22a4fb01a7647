#pragma once
// What a Transaction holds: its connection (borrowed for its lifetime, or the parent's for a
// savepoint), its id, whether it has ended, and its links to the transactions around it.
// Implicit transactions, which the library opens itself to make a multi-statement write atomic,
// are not logged: their statements appear in the log exactly as Sequelize, which sends no
// transaction, shows them.
//
// Lifetimes: a savepoint is finished when its parent ends (a later ROLLBACK TO SAVEPOINT would
// otherwise land in whatever transaction has the connection next); a root transaction still
// open when its Sequelize object is destroyed is rolled back and finished then
// (OpenTransactions). After that a Transaction only answers finished() and throws on use.
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "connection/connection_pool.hpp"
#include "sequelize/errors.hpp"
#include "sequelize/transaction.hpp"

namespace sequelize {
class Sequelize;
}

namespace sequelize::detail {

class OpenTransactions;

struct TransactionState {
  TransactionState() = default;
  TransactionState(const TransactionState&) = delete;
  TransactionState& operator=(const TransactionState&) = delete;
  // Unlinks itself from its parent, its savepoints and its Sequelize object's open list.
  ~TransactionState();

  Sequelize* sequelize = nullptr;
  ConnectionPool::Lease lease;  // a root transaction's own connection
  Connection* connection = nullptr;
  Transaction* self = nullptr;                // the Transaction holding this state (follows moves)
  TransactionState* parent = nullptr;         // a savepoint's enclosing transaction, while it lives
  std::vector<TransactionState*> savepoints;  // made in this one, still alive
  OpenTransactions* openList = nullptr;       // a root transaction's list while it is open
  std::string savepointName;                  // nested transactions only
  int savepointsCreated = 0;
  bool logged = true;
  bool finished = false;
  std::string finishedAs;

  // The name shown in "Executing (<name>): …".
  [[nodiscard]] const std::string& logId() const;
  // The transaction's UUID (a savepoint has its parent's), made when first asked for: an
  // implicit transaction that is not logged and opens no savepoint never needs one.
  [[nodiscard]] const std::string& id() const;
  // Marks it ended (`how`: "commit" or "rollback"), with every savepoint in it still open, and
  // takes it off the open list. Sends nothing.
  void end(const std::string& how) noexcept;
  // Throws sequelize::Error unless the transaction can still run statements.
  void requireOpen(std::string_view action) const;

 private:
  mutable std::string id_;
  friend class TransactionAccess;
};

// The root transactions of one Sequelize object that have not ended, so that destroying the
// object can roll them back and finish them, instead of leaving them with a dangling pool.
class OpenTransactions {
 public:
  void add(TransactionState& state);
  void remove(TransactionState& state) noexcept;
  // Rolls back and finishes every transaction still open (the Sequelize object is going away).
  void abandonAll() noexcept;

 private:
  std::mutex mutex_;
  std::vector<TransactionState*> open_;
};

class TransactionAccess {
 public:
  // Throws sequelize::Error for a moved-from Transaction.
  static TransactionState& state(Transaction& t);
  static const TransactionState& state(const Transaction& t);
  // Starts a transaction (or, inside `parent`, a savepoint) whose control statements are not
  // logged. Used for atomic nested writes.
  static Transaction beginImplicit(Sequelize& sequelize, Transaction* parent);
  static Transaction begin(Sequelize& sequelize, const TransactionOptions& options, bool logged);
};

// Runs fn inside an implicit transaction (a savepoint when `outer` is given): commits when fn
// returns, rolls back and rethrows when it throws.
template <class Fn>
auto atomically(Sequelize& sequelize, Transaction* outer, Fn&& fn) {
  Transaction t = TransactionAccess::beginImplicit(sequelize, outer);
  try {
    if constexpr (std::is_void_v<decltype(fn(t))>) {
      fn(t);
      t.commit();
    } else {
      auto result = fn(t);
      t.commit();
      return result;
    }
  } catch (...) {
    if (!t.finished()) {
      try {
        t.rollback();
      } catch (...) {  // NOLINT(bugprone-empty-catch): the first error is the one to report
      }
    }
    throw;
  }
}

}  // namespace sequelize::detail
