// The connection pool on its own, with stand-in connections: its limits, waiting and timing out,
// first come first served, broken connections, idle eviction, failures to connect, closing.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "connection/connection_pool.hpp"
#include "sequelize/errors.hpp"

namespace sequelize::detail {
namespace {

using namespace std::chrono_literals;

struct Counters {
  std::atomic<int> opened{0};
  std::atomic<int> closed{0};
  std::atomic<int> failNextOpens{0};
};

class FakeConnection final : public Connection {
 public:
  FakeConnection(Counters& counters, int id) : counters_(counters), id_(id) {}
  ~FakeConnection() override { ++counters_.closed; }
  ExecResult execute(const std::string&, std::span<const Value* const>, RowConsumer*) override {
    return {};
  }
  void executeDirect(const std::string& sql) override {
    if (failRollback) throw ConnectionError("connection lost");
    if (sql.starts_with("ROLLBACK")) openTransaction = false;
  }
  [[nodiscard]] bool healthy() const override { return !broken; }
  [[nodiscard]] bool inTransaction() const override { return openTransaction; }
  bool openTransaction = false;
  bool failRollback = false;
  [[nodiscard]] int id() const { return id_; }
  std::atomic<bool> broken{false};

 private:
  Counters& counters_;
  int id_;
};

FakeConnection& fake(const ConnectionPool::Lease& lease) {
  return static_cast<FakeConnection&>(*lease);
}

ConnectionPool makePool(Counters& counters, PoolOptions options) {
  return ConnectionPool(
      [&counters]() -> std::unique_ptr<Connection> {
        if (counters.failNextOpens > 0) {
          --counters.failNextOpens;
          throw ConnectionRefusedError("connect ECONNREFUSED");
        }
        return std::make_unique<FakeConnection>(counters, ++counters.opened);
      },
      options);
}

void waitUntil(const std::function<bool()>& condition) {
  while (!condition()) std::this_thread::sleep_for(1ms);
}

TEST(ConnectionPoolTest, NeverMoreThanMaxAcrossThreads) {
  Counters counters;
  ConnectionPool pool = makePool(counters, {.max = 4, .acquire = 60s});
  std::atomic<int> borrowed{0};
  std::atomic<int> mostBorrowed{0};
  std::vector<std::thread> threads;
  threads.reserve(8);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 300; ++i) {
        ConnectionPool::Lease lease = pool.acquire();
        const int now = ++borrowed;
        int seen = mostBorrowed.load();
        while (now > seen && !mostBorrowed.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::yield();
        --borrowed;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_LE(mostBorrowed.load(), 4);
  EXPECT_LE(counters.opened.load(), 4);  // healthy connections are reused, not reopened
  EXPECT_EQ(pool.size(), counters.opened.load());
  EXPECT_EQ(pool.waitingCount(), 0);
}

TEST(ConnectionPoolTest, AFullPoolTimesOut) {
  Counters counters;
  ConnectionPool pool = makePool(counters, {.max = 1, .acquire = 50ms});
  ConnectionPool::Lease held = pool.acquire();
  try {
    (void)pool.acquire();
    FAIL() << "expected ConnectionAcquireTimeoutError";
  } catch (const ConnectionAcquireTimeoutError& e) {
    EXPECT_EQ(std::string(e.what()), "Operation timeout");
  }
  EXPECT_EQ(pool.waitingCount(), 0);
  held.release();
  EXPECT_EQ(fake(pool.acquire()).id(), 1);  // the same connection, free again
}

TEST(ConnectionPoolTest, WaitersAreServedFirstComeFirstServed) {
  Counters counters;
  ConnectionPool pool = makePool(counters, {.max = 1, .acquire = 60s});
  ConnectionPool::Lease held = pool.acquire();
  std::mutex orderMutex;
  std::vector<char> order;
  auto borrower = [&](char name) {
    ConnectionPool::Lease lease = pool.acquire();
    const std::lock_guard lock(orderMutex);
    order.push_back(name);
  };
  std::thread a(borrower, 'a');
  waitUntil([&] { return pool.waitingCount() == 1; });
  std::thread b(borrower, 'b');
  waitUntil([&] { return pool.waitingCount() == 2; });
  held.release();
  // A newcomer arriving now waits behind a and b.
  std::thread c(borrower, 'c');
  a.join();
  b.join();
  c.join();
  ASSERT_EQ(order.size(), 3u);
  EXPECT_EQ(order[0], 'a');
  EXPECT_EQ(order[1], 'b');
  EXPECT_EQ(order[2], 'c');
  EXPECT_EQ(counters.opened.load(), 1);
}

TEST(ConnectionPoolTest, AConnectionBrokenWhileIdleIsClosedAndReplaced) {
  Counters counters;
  ConnectionPool pool = makePool(counters, {.max = 2});
  FakeConnection* first = nullptr;
  {
    ConnectionPool::Lease lease = pool.acquire();
    first = &fake(lease);
  }
  first->broken = true;  // e.g. the server ended the session while it sat in the pool
  ConnectionPool::Lease next = pool.acquire();
  EXPECT_EQ(fake(next).id(), 2);
  EXPECT_EQ(counters.closed.load(), 1);
  EXPECT_EQ(pool.size(), 1);
}

TEST(ConnectionPoolTest, AConnectionReturnedBrokenIsClosedAndItsPlaceFreed) {
  Counters counters;
  ConnectionPool pool = makePool(counters, {.max = 1, .acquire = 60s});
  ConnectionPool::Lease held = pool.acquire();
  int servedWith = 0;
  std::thread waiter([&] { servedWith = fake(pool.acquire()).id(); });
  waitUntil([&] { return pool.waitingCount() == 1; });
  fake(held).broken = true;
  held.release();
  waiter.join();
  EXPECT_EQ(servedWith, 2);  // the waiter got a fresh connection in the broken one's place
  EXPECT_EQ(counters.closed.load(), 1);
  EXPECT_EQ(pool.size(), 1);
}

TEST(ConnectionPoolTest, AFailureToConnectFreesThePlace) {
  Counters counters;
  ConnectionPool pool = makePool(counters, {.max = 1});
  counters.failNextOpens = 1;
  EXPECT_THROW((void)pool.acquire(), ConnectionRefusedError);
  EXPECT_EQ(pool.size(), 0);
  EXPECT_EQ(fake(pool.acquire()).id(), 1);
}

TEST(ConnectionPoolTest, IdleConnectionsAreClosedDownToMin) {
  Counters counters;
  ConnectionPool pool = makePool(counters, {.max = 3, .min = 1, .idle = 1ms});
  {
    ConnectionPool::Lease a = pool.acquire();
    ConnectionPool::Lease b = pool.acquire();
    ConnectionPool::Lease c = pool.acquire();
  }
  std::this_thread::sleep_for(20ms);  // longer than `idle`
  ConnectionPool::Lease again = pool.acquire();
  EXPECT_EQ(pool.size(), 1);
  EXPECT_EQ(counters.opened.load(), 3);
  EXPECT_EQ(counters.closed.load(), 2);
}

TEST(ConnectionPoolTest, ClosingWakesWaitersAndClosesReturnedConnections) {
  Counters counters;
  ConnectionPool pool = makePool(counters, {.max = 1, .acquire = 60s});
  ConnectionPool::Lease held = pool.acquire();
  std::string waiterSaw;
  std::thread waiter([&] {
    try {
      (void)pool.acquire();
    } catch (const Error& e) {
      waiterSaw = std::string(e.name());
    }
  });
  waitUntil([&] { return pool.waitingCount() == 1; });
  pool.close();
  waiter.join();
  EXPECT_EQ(waiterSaw, "SequelizeConnectionError");
  held.release();
  EXPECT_EQ(counters.closed.load(), 1);
  EXPECT_THROW((void)pool.acquire(), ConnectionError);
}

TEST(ConnectionPoolTest, AConnectionReturnedInsideATransactionIsRolledBackBeforeReuse) {
  Counters counters;
  ConnectionPool pool = makePool(counters, {.max = 1});
  {
    ConnectionPool::Lease lease = pool.acquire(BorrowFor::Transaction);
    fake(lease).openTransaction = true;  // its ROLLBACK was never sent
  }
  ConnectionPool::Lease next = pool.acquire();
  EXPECT_EQ(fake(next).id(), 1);  // the same connection, cleaned
  EXPECT_FALSE(fake(next).openTransaction);
  EXPECT_EQ(counters.closed.load(), 0);
}

TEST(ConnectionPoolTest, AConnectionWhoseLeftoverTransactionCannotBeEndedIsClosed) {
  Counters counters;
  ConnectionPool pool = makePool(counters, {.max = 1});
  {
    ConnectionPool::Lease lease = pool.acquire();
    fake(lease).openTransaction = true;
    fake(lease).failRollback = true;
  }
  EXPECT_EQ(counters.closed.load(), 1);
  ConnectionPool::Lease next = pool.acquire();
  EXPECT_EQ(fake(next).id(), 2);
  EXPECT_FALSE(fake(next).openTransaction);
}

TEST(ConnectionPoolTest, WaitingForTheThreadsOwnTransactionsIsRefusedAtOnce) {
  Counters counters;
  ConnectionPool pool = makePool(counters, {.max = 2, .acquire = 3600s});
  ConnectionPool::Lease first = pool.acquire(BorrowFor::Transaction);
  ConnectionPool::Lease second = pool.acquire(BorrowFor::Transaction);
  EXPECT_THROW((void)pool.acquire(), ConnectionAcquireTimeoutError);
  EXPECT_THROW((void)pool.acquire(BorrowFor::Transaction), ConnectionAcquireTimeoutError);
  // Another thread's borrow waits as usual, and gets the connection once one comes back.
  std::thread other([&] { (void)pool.acquire(); });
  waitUntil([&] { return pool.waitingCount() == 1; });
  first.release();
  other.join();
  // A statement's borrow held by this thread is not a transaction: waiting may end.
  second.release();
  ConnectionPool::Lease statement = pool.acquire();
  ConnectionPool::Lease transaction = pool.acquire(BorrowFor::Transaction);
  std::thread releaser([&] {
    waitUntil([&] { return pool.waitingCount() == 1; });
    statement.release();
  });
  ConnectionPool::Lease waited = pool.acquire();
  releaser.join();
  EXPECT_TRUE(waited);
}

TEST(ConnectionPoolTest, ATransactionsBorrowIsCountedForItsThreadWhoeverReturnsIt) {
  Counters counters;
  ConnectionPool pool = makePool(counters, {.max = 1, .acquire = 3600s});
  ConnectionPool::Lease lease;
  std::thread starter([&] { lease = pool.acquire(BorrowFor::Transaction); });
  starter.join();
  lease.release();  // returned by this thread
  ConnectionPool::Lease mine = pool.acquire(BorrowFor::Transaction);
  EXPECT_TRUE(mine);
}

}  // namespace
}  // namespace sequelize::detail
