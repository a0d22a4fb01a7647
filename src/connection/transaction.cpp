#include "sequelize/transaction.hpp"

#include <algorithm>
#include <exception>
#include <utility>

#include "connection/query_runner.hpp"
#include "connection/transaction_state.hpp"
#include "dialects/dialect.hpp"
#include "sequelize/database.hpp"
#include "sequelize/errors.hpp"
#include "support/uuid.hpp"

namespace sequelize {
namespace detail {

const std::string& TransactionState::id() const {
  if (id_.empty()) id_ = parent != nullptr ? parent->id() : uuidV4();
  return id_;
}

const std::string& TransactionState::logId() const {
  static const std::string kDefault = "default";
  if (logged) return id();
  if (parent != nullptr) return parent->logId();
  return kDefault;
}

TransactionState::~TransactionState() {
  if (parent != nullptr) std::erase(parent->savepoints, this);
  for (TransactionState* savepoint : savepoints) savepoint->parent = nullptr;
  if (openList != nullptr) openList->remove(*this);
}

void TransactionState::end(const std::string& how) noexcept {
  finished = true;
  finishedAs = how;
  // Savepoints cannot outlive the transaction they are in: their ROLLBACK TO SAVEPOINT would
  // reach whatever transaction uses the connection next.
  for (TransactionState* savepoint : savepoints) {
    if (!savepoint->finished) savepoint->end(how + " of its parent transaction");
  }
  if (openList != nullptr) {
    openList->remove(*this);
    openList = nullptr;
  }
}

void TransactionState::requireOpen(std::string_view action) const {
  if (finished) {
    throw Error("Transaction cannot " + std::string(action) +
                " because it has been finished with state: " + finishedAs);
  }
}

void OpenTransactions::add(TransactionState& state) {
  const std::lock_guard lock(mutex_);
  open_.push_back(&state);
  state.openList = this;
}

void OpenTransactions::remove(TransactionState& state) noexcept {
  const std::lock_guard lock(mutex_);
  std::erase(open_, &state);
}

void OpenTransactions::abandonAll() noexcept {
  std::vector<TransactionState*> open;
  {
    const std::lock_guard lock(mutex_);
    open.swap(open_);
  }
  for (TransactionState* state : open) {
    state->openList = nullptr;
    if (state->finished) continue;
    state->end("rollback (its Sequelize object was destroyed)");
    try {
      state->connection->executeDirect(state->sequelize->dialect().rollbackSql());
    } catch (...) {  // NOLINT(bugprone-empty-catch): the pool closes a connection it cannot clean
    }
    state->lease.release();
    state->sequelize = nullptr;
  }
}

namespace {

// Logs a control statement under the transaction's id. A logging function that throws must
// not keep the statement from ending the transaction: its exception is handed back, to be
// rethrown once the statement has run.
std::exception_ptr logControl(TransactionState& st, const std::string& sql) noexcept {
  if (!st.logged || sql.empty()) return nullptr;
  try {
    st.sequelize->runner().log(st.id(), sql);
  } catch (...) {
    return std::current_exception();
  }
  return nullptr;
}

// Statements that open something (BEGIN, SAVEPOINT): nothing is sent when logging fails.
void control(TransactionState& st, const std::string& sql) {
  if (sql.empty()) return;
  if (const std::exception_ptr failure = logControl(st, sql)) std::rethrow_exception(failure);
  st.connection->executeDirect(sql);
}

// The error for a transaction the database aborted after one of its statements failed.
DatabaseError abortedByDatabase(const TransactionState& st) {
  DatabaseErrorDetails details;
  details.sql = st.parent != nullptr ? "" : st.sequelize->dialect().commitSql();
  return DatabaseError(
      "Transaction " + st.id() +
          " was rolled back: a statement in it failed, and the database refuses everything "
          "after that, COMMIT included. Nothing it did was committed.",
      std::move(details));
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
    parent.requireOpen("be used");
    st->parent = &parent;
    st->connection = parent.connection;
    st->id_ = parent.id();
    st->savepointName = parent.id() + "-sp-" + std::to_string(++parent.savepointsCreated);
    control(*st, dialect.savepointSql(st->savepointName));
    parent.savepoints.push_back(st.get());
    return Transaction(std::move(st));
  }
  if (logged) (void)st->id();  // a logged transaction is named before its first statement
  st->lease = sequelize.runner().pool().acquire(BorrowFor::Transaction);
  st->connection = st->lease.get();
  const std::string isolation =
      options.isolationLevel ? dialect.isolationLevelSql(*options.isolationLevel) : std::string{};
  // Anything that fails from here on gives the connection back through the lease, which rolls
  // back a transaction left half-begun.
  if (dialect.isolationBeforeBegin()) control(*st, isolation);
  control(*st, dialect.beginTransactionSql(options.type));
  if (!dialect.isolationBeforeBegin()) control(*st, isolation);
  sequelize.openTransactions().add(*st);
  return Transaction(std::move(st));
}

Transaction TransactionAccess::beginImplicit(Sequelize& sequelize, Transaction* parent) {
  TransactionOptions options;
  options.transaction = parent;
  return begin(sequelize, options, false);
}

TransactionState& TransactionAccess::state(Transaction& t) {
  if (!t.state_) throw Error("Transaction was moved from and cannot be used");
  return *t.state_;
}

const TransactionState& TransactionAccess::state(const Transaction& t) {
  if (!t.state_) throw Error("Transaction was moved from and cannot be used");
  return *t.state_;
}

}  // namespace detail

Transaction::Transaction(std::unique_ptr<detail::TransactionState> state)
    : state_(std::move(state)) {
  state_->self = this;
}

Transaction::Transaction(Transaction&& other) noexcept : state_(std::move(other.state_)) {
  if (state_) state_->self = this;
}

Transaction& Transaction::operator=(Transaction&& other) noexcept {
  if (this != &other) {
    if (state_ && !state_->finished) {
      try {
        rollback();
      } catch (...) {  // NOLINT(bugprone-empty-catch): nothing to report to in a move
      }
    }
    state_ = std::move(other.state_);
    if (state_) state_->self = this;
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
  return detail::TransactionAccess::state(*this).id();
}
bool Transaction::finished() const noexcept {
  return !state_ || state_->finished;
}
Transaction* Transaction::parent() const noexcept {
  return state_ && state_->parent != nullptr ? state_->parent->self : nullptr;
}

void Transaction::commit() {
  detail::TransactionState& st = detail::TransactionAccess::state(*this);
  st.requireOpen("be committed");
  const detail::Dialect& dialect = st.sequelize->dialect();
  const bool aborted = st.connection->transactionAborted();
  if (st.parent != nullptr) {
    // A savepoint is not committed: its work becomes part of the parent's. One the database has
    // aborted is rolled back instead, which makes the parent usable again.
    if (!aborted) {
      st.end("commit");
      return;
    }
    st.end("rollback");
    const std::exception_ptr logFailure =
        detail::logControl(st, dialect.rollbackToSavepointSql(st.savepointName));
    st.connection->executeDirect(dialect.rollbackToSavepointSql(st.savepointName));
    if (logFailure) std::rethrow_exception(logFailure);
    throw detail::abortedByDatabase(st);
  }
  const std::string& commitSql = dialect.commitSql();
  if (const std::exception_ptr logFailure = detail::logControl(st, commitSql)) {
    // Nothing is committed when COMMIT cannot be logged: the transaction ends in a rollback.
    st.end("rollback");
    try {
      st.connection->executeDirect(dialect.rollbackSql());
    } catch (...) {  // NOLINT(bugprone-empty-catch): the lease cleans or closes the connection
    }
    st.lease.release();
    std::rethrow_exception(logFailure);
  }
  st.end("commit");
  try {
    st.connection->executeDirect(commitSql);
  } catch (...) {
    // A failed COMMIT can leave the transaction open: the lease rolls it back (or closes the
    // connection) as it goes back to the pool.
    st.lease.release();
    throw;
  }
  st.lease.release();
  // PostgreSQL answers the COMMIT of an aborted transaction with a ROLLBACK, not an error.
  if (aborted) throw detail::abortedByDatabase(st);
}

void Transaction::rollback() {
  detail::TransactionState& st = detail::TransactionAccess::state(*this);
  st.requireOpen("be rolled back");
  st.end("rollback");
  const detail::Dialect& dialect = st.sequelize->dialect();
  const std::string sql = st.parent != nullptr ? dialect.rollbackToSavepointSql(st.savepointName)
                                               : dialect.rollbackSql();
  const std::exception_ptr logFailure = detail::logControl(st, sql);
  try {
    st.connection->executeDirect(sql);
  } catch (...) {
    st.lease.release();
    throw;
  }
  st.lease.release();
  if (logFailure) std::rethrow_exception(logFailure);
}

}  // namespace sequelize
