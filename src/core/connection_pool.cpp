#include "core/connection_pool.hpp"

#include <algorithm>
#include <utility>

#include "sequelize/errors.hpp"

namespace sequelize::detail {

ConnectionPool::Lease& ConnectionPool::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    release();
    pool_ = std::exchange(other.pool_, nullptr);
    connection_ = std::move(other.connection_);
  }
  return *this;
}

void ConnectionPool::Lease::release() noexcept {
  if (connection_ && pool_ != nullptr) pool_->giveBack(std::move(connection_));
  connection_.reset();
  pool_ = nullptr;
}

ConnectionPool::ConnectionPool(Factory factory, PoolOptions options)
    : factory_(std::move(factory)), options_(options) {
  if (options_.max < 1) options_.max = 1;
  if (options_.min < 0) options_.min = 0;
  if (options_.min > options_.max) options_.min = options_.max;
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

ConnectionPool::Lease ConnectionPool::acquire() {
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
  if (candidate) {
    if (candidate->healthy()) return Lease(this, std::move(candidate));
    candidate.reset();  // broken while idle: closed, and its place reused below
  }
  try {
    return Lease(this, factory_());
  } catch (...) {
    std::lock_guard lock(mutex_);
    releasePlaceLocked();
    throw;
  }
}

void ConnectionPool::giveBack(std::unique_ptr<Connection> connection) noexcept {
  const bool reusable = connection->reusable();
  Doomed doomed;
  std::lock_guard lock(mutex_);
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
