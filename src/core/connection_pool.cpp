#include "core/connection_pool.hpp"

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

ConnectionPool::~ConnectionPool() { close(); }

void ConnectionPool::evictIdleLocked(std::deque<std::unique_ptr<Connection>>& doomed) {
  const auto now = std::chrono::steady_clock::now();
  // The oldest idle connections are at the front.
  while (!idle_.empty() && total_ > options_.min && now - idle_.front().since >= options_.idle) {
    doomed.push_back(std::move(idle_.front().connection));
    idle_.pop_front();
    --total_;
  }
}

ConnectionPool::Lease ConnectionPool::acquire() {
  std::deque<std::unique_ptr<Connection>> doomed;  // closed outside the lock
  std::unique_lock lock(mutex_);
  const auto deadline = std::chrono::steady_clock::now() + options_.acquire;
  for (;;) {
    if (closed_) throw ConnectionError("The connection pool was closed");
    evictIdleLocked(doomed);
    while (!idle_.empty()) {
      // Most recently used first: it is the one most likely to still be open.
      std::unique_ptr<Connection> c = std::move(idle_.back().connection);
      idle_.pop_back();
      if (c->healthy()) return Lease(this, std::move(c));
      doomed.push_back(std::move(c));
      --total_;
    }
    if (total_ < options_.max) {
      ++total_;
      lock.unlock();
      doomed.clear();
      try {
        return Lease(this, factory_());
      } catch (...) {
        lock.lock();
        --total_;
        available_.notify_one();
        throw;
      }
    }
    if (available_.wait_until(lock, deadline) == std::cv_status::timeout &&
        idle_.empty() && total_ >= options_.max) {
      throw ConnectionAcquireTimeoutError("Operation timeout");
    }
  }
}

void ConnectionPool::giveBack(std::unique_ptr<Connection> connection) noexcept {
  std::unique_ptr<Connection> doomed;
  {
    std::lock_guard lock(mutex_);
    if (closed_ || !connection->healthy()) {
      doomed = std::move(connection);
      --total_;
    } else {
      idle_.push_back(Idle{std::move(connection), std::chrono::steady_clock::now()});
    }
  }
  available_.notify_one();
}

void ConnectionPool::close() {
  std::deque<Idle> doomed;
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    total_ -= static_cast<int>(idle_.size());
    doomed.swap(idle_);
  }
  available_.notify_all();
}

int ConnectionPool::size() const {
  std::lock_guard lock(mutex_);
  return total_;
}

int ConnectionPool::idleCount() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(idle_.size());
}

}  // namespace sequelize::detail
