#pragma once
// What a Transaction holds: its connection (borrowed for its lifetime, or the parent's for a
// savepoint), its id, and whether it has ended. Implicit transactions, which the library opens
// itself to make a multi-statement write atomic, are not logged: their statements appear in the
// log exactly as Sequelize, which sends no transaction, shows them.
#include <memory>
#include <string>
#include <type_traits>

#include "core/connection_pool.hpp"
#include "sequelize/transaction.hpp"

namespace sequelize {
class Sequelize;
}

namespace sequelize::detail {

struct TransactionState {
  Sequelize* sequelize = nullptr;
  ConnectionPool::Lease lease;  // a root transaction's own connection
  Connection* connection = nullptr;
  Transaction* parent = nullptr;
  std::string savepointName;  // nested transactions only
  int savepointsCreated = 0;
  bool logged = true;
  bool finished = false;
  std::string finishedAs;

  // The name shown in "Executing (<name>): …".
  [[nodiscard]] const std::string& logId() const;
  // The transaction's UUID (a savepoint has its parent's), made when first asked for: an
  // implicit transaction that is not logged and opens no savepoint never needs one.
  [[nodiscard]] const std::string& id() const;

 private:
  mutable std::string id_;
  friend class TransactionAccess;
};

class TransactionAccess {
 public:
  static TransactionState& state(Transaction& t) { return *t.state_; }
  static const TransactionState& state(const Transaction& t) { return *t.state_; }
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
