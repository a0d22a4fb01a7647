#include "sequelize/transaction.hpp"

#include <utility>

#include "core/query_runner.hpp"
#include "core/transaction_state.hpp"
#include "core/uuid.hpp"
#include "dialects/dialect.hpp"
#include "sequelize/database.hpp"
#include "sequelize/errors.hpp"

namespace sequelize {
namespace detail {

const std::string& TransactionState::id() const {
  if (id_.empty()) id_ = parent != nullptr ? TransactionAccess::state(*parent).id() : uuidV4();
  return id_;
}

const std::string& TransactionState::logId() const {
  static const std::string kDefault = "default";
  if (logged) return id();
  if (parent != nullptr) return TransactionAccess::state(*parent).logId();
  return kDefault;
}

namespace {

// Control statements are logged under the transaction's id when the transaction is logged.
void control(TransactionState& st, const std::string& sql) {
  if (sql.empty()) return;
  if (st.logged) st.sequelize->runner().log(st.id(), sql);
  st.connection->executeDirect(sql);
}

}  // namespace

Transaction TransactionAccess::begin(Sequelize& sequelize, const TransactionOptions& options,
                                     bool logged) {
  auto st = std::make_unique<TransactionState>();
  st->sequelize = &sequelize;
  st->logged = logged;
  const Dialect& dialect = sequelize.dialect();
  if (options.transaction != nullptr) {
    TransactionState& parent = state(*options.transaction);
    if (parent.finished) {
      throw Error("Transaction cannot be used because it has been finished with state: " +
                  parent.finishedAs);
    }
    st->parent = options.transaction;
    st->connection = parent.connection;
    st->savepointName = parent.id() + "-sp-" + std::to_string(++parent.savepointsCreated);
    if (!logged) st->logged = false;
    control(*st, dialect.savepointSql(st->savepointName));
    return Transaction(std::move(st));
  }
  if (logged) (void)st->id();  // a logged transaction is named before its first statement
  st->lease = sequelize.runner().pool().acquire();
  st->connection = st->lease.get();
  const std::string isolation =
      options.isolationLevel ? dialect.isolationLevelSql(*options.isolationLevel) : std::string{};
  if (dialect.isolationBeforeBegin()) control(*st, isolation);
  control(*st, dialect.beginTransactionSql(options.type));
  if (!dialect.isolationBeforeBegin()) control(*st, isolation);
  return Transaction(std::move(st));
}

Transaction TransactionAccess::beginImplicit(Sequelize& sequelize, Transaction* parent) {
  TransactionOptions options;
  options.transaction = parent;
  return begin(sequelize, options, false);
}

}  // namespace detail

Transaction::Transaction(std::unique_ptr<detail::TransactionState> state)
    : state_(std::move(state)) {}
Transaction::Transaction(Transaction&& other) noexcept = default;
Transaction& Transaction::operator=(Transaction&& other) noexcept {
  if (this != &other) {
    if (state_ && !state_->finished) {
      try {
        rollback();
      } catch (...) {  // NOLINT(bugprone-empty-catch): nothing to report to in a move
      }
    }
    state_ = std::move(other.state_);
  }
  return *this;
}

Transaction::~Transaction() {
  if (state_ && !state_->finished) {
    try {
      rollback();
    } catch (...) {  // NOLINT(bugprone-empty-catch): destructors must not throw
    }
  }
}

const std::string& Transaction::id() const {
  return state_->id();
}
bool Transaction::finished() const noexcept {
  return !state_ || state_->finished;
}
Transaction* Transaction::parent() const noexcept {
  return state_ ? state_->parent : nullptr;
}

void Transaction::commit() {
  if (!state_) throw Error("Transaction was moved from");
  detail::TransactionState& st = *state_;
  if (st.finished) {
    throw Error("Transaction cannot be committed because it has been finished with state: " +
                st.finishedAs);
  }
  st.finished = true;
  st.finishedAs = "commit";
  // Savepoints cannot be committed: their work becomes part of the parent's.
  if (st.parent != nullptr) return;
  try {
    detail::control(st, st.sequelize->dialect().commitSql());
  } catch (...) {
    // A failed COMMIT can leave the transaction open; end it before the connection goes back.
    try {
      if (st.connection->healthy())
        st.connection->executeDirect(st.sequelize->dialect().rollbackSql());
    } catch (...) {  // NOLINT(bugprone-empty-catch): the COMMIT error is the one to report
    }
    st.lease.release();
    throw;
  }
  st.lease.release();
}

void Transaction::rollback() {
  if (!state_) throw Error("Transaction was moved from");
  detail::TransactionState& st = *state_;
  if (st.finished) {
    throw Error("Transaction cannot be rolled back because it has been finished with state: " +
                st.finishedAs);
  }
  st.finished = true;
  st.finishedAs = "rollback";
  const detail::Dialect& dialect = st.sequelize->dialect();
  if (st.parent != nullptr) {
    detail::control(st, dialect.rollbackToSavepointSql(st.savepointName));
    return;
  }
  try {
    detail::control(st, dialect.rollbackSql());
  } catch (...) {
    st.lease.release();
    throw;
  }
  st.lease.release();
}

}  // namespace sequelize
