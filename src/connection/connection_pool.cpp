#include "connection/connection_pool.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "sequelize/errors.hpp"

namespace sequelize::detail {

ConnectionPool::Lease& ConnectionPool::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    release();
    pool_ = std::exchange(other.pool_, nullptr);
    connection_ = std::move(other.connection_);
    purpose_ = other.purpose_;
    borrower_ = other.borrower_;
  }
  return *this;
}

void ConnectionPool::Lease::release() noexcept {
  if (connection_ && pool_ != nullptr) pool_->giveBack(std::move(connection_), purpose_, borrower_);
  connection_.reset();
  pool_ = nullptr;
}

ConnectionPool::ConnectionPool(Factory factory, PoolOptions options, std::string rollbackSql)
    : factory_(std::move(factory)), options_(options), rollbackSql_(std::move(rollbackSql)) {
  if (options_.max < 1) options_.max = 1;
  if (options_.min < 0) options_.min = 0;
  if (options_.min > options_.max) options_.min = options_.max;
  // Never more entries than connections: recording a transaction's borrow never allocates.
  transactionThreads_.reserve(static_cast<std::size_t>(options_.max));
}

ConnectionPool::~ConnectionPool() {
  close();
}

void ConnectionPool::evictIdleLocked(Doomed& doomed) {
  if (idle_.empty() || total_ <= options_.min) return;  // nothing to evict: no clock needed
  const auto now = std::chrono::steady_clock::now();
  // The oldest idle connections are at the front.
  while (!idle_.empty() && total_ > options_.min && now - idle_.front().since >= options_.idle) {
    doomed.push_back(std::move(idle_.front().connection));
    idle_.pop_front();
    --total_;
  }
}

void ConnectionPool::releasePlaceLocked() {
  if (!waiters_.empty()) {
    Waiter* first = waiters_.front();
    waiters_.pop_front();
    first->mayOpen = true;
    first->wakeUp.notify_one();
    return;
  }
  --total_;
}

void ConnectionPool::refuseSelfDeadlockLocked() const {
  const auto mine = std::count(transactionThreads_.begin(), transactionThreads_.end(),
                               std::this_thread::get_id());
  if (mine < options_.max) return;
  throw ConnectionAcquireTimeoutError(
      "Every connection of the pool (max " + std::to_string(options_.max) +
      ") is held by a transaction of this thread, so waiting for one would never end: pass the "
      "transaction to this query ({.transaction = &t}), or end the transaction first");
}

ConnectionPool::Lease ConnectionPool::acquire(BorrowFor purpose) {
  std::unique_ptr<Connection> candidate;
  {
    Doomed doomed;  // declared before the lock: closed after it is released
    std::unique_lock lock(mutex_);
    if (closed_) throw ConnectionError("The connection pool was closed");
    evictIdleLocked(doomed);
    // Waiters are served before newcomers: while anyone waits, nothing is free.
    if (waiters_.empty() && !idle_.empty()) {
      // Most recently used first: it is the one most likely to still be open.
      candidate = std::move(idle_.back().connection);
      idle_.pop_back();
    } else if (waiters_.empty() && total_ < options_.max) {
      ++total_;  // a place for a new connection, opened below
    } else {
      refuseSelfDeadlockLocked();
      const auto deadline = std::chrono::steady_clock::now() + options_.acquire;
      Waiter me;
      waiters_.push_back(&me);
      const bool served = me.wakeUp.wait_until(
          lock, deadline, [&] { return me.connection != nullptr || me.mayOpen || closed_; });
      const auto queued = std::find(waiters_.begin(), waiters_.end(), &me);
      if (queued != waiters_.end()) waiters_.erase(queued);
      if (me.connection) {
        candidate = std::move(me.connection);
      } else if (!me.mayOpen) {
        if (closed_) throw ConnectionError("The connection pool was closed");
        if (!served) throw ConnectionAcquireTimeoutError("Operation timeout");
      }
    }
  }
  // Outside the lock: check the connection handed out, or open a new one in its place.
  if (candidate && !candidate->healthy()) {
    candidate.reset();  // broken while idle: closed, and its place reused below
  }
  if (!candidate) {
    try {
      candidate = factory_();
    } catch (...) {
      std::lock_guard lock(mutex_);
      releasePlaceLocked();
      throw;
    }
  }
  if (purpose == BorrowFor::Transaction) {
    std::lock_guard lock(mutex_);
    transactionThreads_.push_back(std::this_thread::get_id());
  }
  return Lease(this, std::move(candidate), purpose);
}

bool ConnectionPool::endLeftoverTransaction(Connection& connection) const noexcept {
  if (!connection.inTransaction()) return true;
  try {
    connection.executeDirect(rollbackSql_);
  } catch (...) {
    return false;
  }
  return !connection.inTransaction();
}

void ConnectionPool::giveBack(std::unique_ptr<Connection> connection, BorrowFor purpose,
                              std::thread::id borrower) noexcept {
  // Outside the lock (it may send a ROLLBACK).
  const bool reusable = endLeftoverTransaction(*connection) && connection->reusable();
  Doomed doomed;
  std::lock_guard lock(mutex_);
  if (purpose == BorrowFor::Transaction) {
    // The borrower's entry, whichever thread returns it (a transaction may move between
    // threads).
    const auto entry = std::find(transactionThreads_.begin(), transactionThreads_.end(), borrower);
    if (entry != transactionThreads_.end()) transactionThreads_.erase(entry);
  }
  if (closed_ || !reusable) {
    doomed.push_back(std::move(connection));
    releasePlaceLocked();
    return;
  }
  if (!waiters_.empty()) {
    Waiter* first = waiters_.front();
    waiters_.pop_front();
    first->connection = std::move(connection);
    first->wakeUp.notify_one();
    return;
  }
  idle_.push_back(Idle{std::move(connection), std::chrono::steady_clock::now()});
  evictIdleLocked(doomed);
}

void ConnectionPool::close() {
  std::deque<Idle> doomed;
  std::lock_guard lock(mutex_);
  closed_ = true;
  total_ -= static_cast<int>(idle_.size());
  doomed.swap(idle_);
  for (Waiter* w : waiters_) w->wakeUp.notify_one();
  waiters_.clear();
}

int ConnectionPool::size() const {
  std::lock_guard lock(mutex_);
  return total_;
}

int ConnectionPool::idleCount() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(idle_.size());
}

int ConnectionPool::waitingCount() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(waiters_.size());
}

}  // namespace sequelize::detail
