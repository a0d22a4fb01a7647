#pragma once
// A pool of connections with Sequelize's options (max, min, idle, acquire). Each query borrows a
// connection for its duration; a transaction borrows one until it ends. Connections that report
// themselves unhealthy are closed on return and never handed out again.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

#include "dialects/dialect.hpp"
#include "sequelize/options.hpp"

namespace sequelize::detail {

class ConnectionPool {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;

  // A borrowed connection, returned to the pool when destroyed.
  class Lease {
   public:
    Lease() = default;
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&& other) noexcept;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { release(); }

    Connection* operator->() const noexcept { return connection_.get(); }
    Connection& operator*() const noexcept { return *connection_; }
    [[nodiscard]] Connection* get() const noexcept { return connection_.get(); }
    explicit operator bool() const noexcept { return connection_ != nullptr; }
    void release() noexcept;

   private:
    ConnectionPool* pool_ = nullptr;
    std::unique_ptr<Connection> connection_;
  };

  ConnectionPool(Factory factory, PoolOptions options);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Waits up to options.acquire for a free connection, then throws
  // ConnectionAcquireTimeoutError. Opening a new connection may throw ConnectionError.
  Lease acquire();
  // Closes idle connections and refuses new borrowers; borrowed ones close when returned.
  void close();

  [[nodiscard]] const PoolOptions& options() const noexcept { return options_; }
  // For tests and diagnostics.
  [[nodiscard]] int size() const;
  [[nodiscard]] int idleCount() const;

 private:
  struct Idle {
    std::unique_ptr<Connection> connection;
    std::chrono::steady_clock::time_point since;
  };
  void giveBack(std::unique_ptr<Connection> connection) noexcept;
  void evictIdleLocked(std::deque<std::unique_ptr<Connection>>& doomed);

  Factory factory_;
  PoolOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::deque<Idle> idle_;
  int total_ = 0;  // borrowed + idle + being opened
  bool closed_ = false;
};

}  // namespace sequelize::detail
