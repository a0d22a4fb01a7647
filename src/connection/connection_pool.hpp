#pragma once
// A pool of connections with Sequelize's options (max, min, idle, acquire), safe to use from
// many threads. Each query borrows a connection for its duration; a transaction borrows one
// until it ends.
//
// - At most `max` connections exist (borrowed, idle or being opened). A borrower that finds
//   none free waits its turn: connections and free places are handed to waiters first come,
//   first served, so a steady stream of newcomers cannot starve a waiting thread. After
//   `acquire` it gives up with ConnectionAcquireTimeoutError.
// - A connection is checked when it is handed out (Connection::healthy, which asks its socket)
//   and when it comes back (Connection::reusable: no failure seen); a broken one is closed and
//   never handed out again, and its place is used to open a fresh one.
// - A connection that comes back with a transaction still open (its ROLLBACK was never sent)
//   is rolled back before anyone else gets it, or closed when that fails: no borrower ever
//   inherits another's transaction.
// - A borrower that would wait for a connection held by its own thread's transactions (every
//   connection is, so none can come back while it waits) is refused at once, not after
//   `acquire`.
// - Connections idle for longer than `idle` are closed, down to `min`.
// - Connections are opened and closed outside the pool's lock.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "dialects/dialect.hpp"
#include "sequelize/options.hpp"

namespace sequelize::detail {

// What a connection is borrowed for: one statement, or a transaction that keeps it until it
// ends (the pool counts those per thread).
enum class BorrowFor : std::uint8_t { Statement, Transaction };

class ConnectionPool {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;

  // A borrowed connection, returned to the pool when destroyed.
  class Lease {
   public:
    Lease() = default;
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> connection, BorrowFor purpose)
        : pool_(pool),
          connection_(std::move(connection)),
          purpose_(purpose),
          borrower_(std::this_thread::get_id()) {}
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
    BorrowFor purpose_ = BorrowFor::Statement;
    std::thread::id borrower_;
  };

  // `rollbackSql` ends a transaction left open on a connection that comes back.
  ConnectionPool(Factory factory, PoolOptions options, std::string rollbackSql = "ROLLBACK;");
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Waits up to options.acquire for a free connection, then throws
  // ConnectionAcquireTimeoutError; throws it at once when this thread's transactions hold every
  // connection. Opening a new connection may throw ConnectionError.
  Lease acquire(BorrowFor purpose = BorrowFor::Statement);
  // Closes idle connections and refuses new borrowers (waiting ones get ConnectionError);
  // borrowed connections close when they are returned.
  void close();

  [[nodiscard]] const PoolOptions& options() const noexcept { return options_; }
  // For tests and diagnostics.
  [[nodiscard]] int size() const;
  [[nodiscard]] int idleCount() const;
  [[nodiscard]] int waitingCount() const;

 private:
  struct Idle {
    std::unique_ptr<Connection> connection;
    std::chrono::steady_clock::time_point since;
  };
  // A borrower waiting in line. giveBack hands it a connection, or the right to open one.
  struct Waiter {
    std::condition_variable wakeUp;
    std::unique_ptr<Connection> connection;
    bool mayOpen = false;
  };
  // Closed once the lock is released. A vector: empty, it costs nothing (a deque allocates when
  // it is made, and one is made on every borrow and return).
  using Doomed = std::vector<std::unique_ptr<Connection>>;

  void giveBack(std::unique_ptr<Connection> connection, BorrowFor purpose,
                std::thread::id borrower) noexcept;
  // Rolls back a transaction left open on a connection coming back; false when it cannot be
  // made clean (the connection is then closed).
  bool endLeftoverTransaction(Connection& connection) const noexcept;
  // Throws when waiting could never end: this thread's transactions hold every connection.
  void refuseSelfDeadlockLocked() const;
  void evictIdleLocked(Doomed& doomed);
  // A place (counted in total_) is no longer used: the first waiter may open a connection in
  // it, or else the count goes down.
  void releasePlaceLocked();

  Factory factory_;
  PoolOptions options_;
  mutable std::mutex mutex_;
  std::deque<Idle> idle_;        // most recently returned last
  std::deque<Waiter*> waiters_;  // first come first
  int total_ = 0;                // borrowed + idle + being opened
  // One entry per connection a transaction holds: the thread that started it.
  std::vector<std::thread::id> transactionThreads_;
  std::string rollbackSql_;
  bool closed_ = false;
};

}  // namespace sequelize::detail
