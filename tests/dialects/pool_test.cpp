// The connection pool as a user meets it: one Sequelize object shared by many threads, a
// transaction keeping its connection, a full pool making borrowers wait and then give up.
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "test_database.hpp"

namespace sequelize::test {
namespace {

using namespace std::chrono_literals;

class PoolTest : public DatabaseTest {};

std::string label(int thread, int seq) {
  return std::to_string(thread) + "-" + std::to_string(seq);
}

TEST_F(PoolTest, ThreadsShareOneSequelizeObject) {
  constexpr int kThreads = 8;
  constexpr int kRounds = 40;
  // SQLite lets one writer in at a time and its busy handler does not queue them: with eight
  // threads writing to one file, a writer may wait longer than the default 5 s. This test is
  // about sharing the Sequelize object, so a SQLite file gets room to wait.
  std::string url = target().url;
  if (target().dialect == "sqlite_file") {
    url += (url.find('?') == std::string::npos ? "?" : "&") + std::string("busy_timeout=120000");
  }
  // Not locked here: the logging function is never called by two threads at once.
  std::vector<std::string> lines;
  auto shared = std::make_unique<Sequelize>(
      url, SequelizeOptions{.logging = [&lines](const std::string& line) { lines.push_back(line); },
                            .pool = {.max = 4, .acquire = 60s}});
  Model& Item =
      shared->define("Item", {{"thread", {.type = DataTypes::INTEGER, .allowNull = false}},
                              {"seq", {.type = DataTypes::INTEGER, .allowNull = false}},
                              {"label", DataTypes::STRING}});
  shared->sync({.force = true});
  const std::size_t linesBeforeThreads = lines.size();

  std::mutex failuresMutex;
  std::vector<std::string> failures;
  auto fail = [&](std::string what) {
    const std::lock_guard lock(failuresMutex);
    failures.push_back(std::move(what));
  };
  auto work = [&](int t) {
    try {
      int expectedRows = 0;
      for (int i = 0; i < kRounds; ++i) {
        Instance row = Item.create({{"thread", t}, {"seq", i}, {"label", label(t, i)}});
        ++expectedRows;
        if (i % 3 == 0) {  // read the row back by its key
          const auto found = Item.findByPk(row.get("id"));
          if (!found || found->get<std::string>("label") != label(t, i)) {
            fail("thread " + std::to_string(t) + " could not read back row " + label(t, i));
          }
        }
        if (i % 4 == 0) {  // change it
          row.set("label", label(t, i) + "!");
          row.save();
        }
        if (i % 5 == 0) {  // a transaction: a write, then a read on the same connection
          shared->transaction([&](Transaction& tx) {
            Item.create({{"thread", t}, {"seq", 1000 + i}, {"label", "tx"}}, {.transaction = &tx});
            const auto mine = Item.findAll({.where = {{"thread", t}}, .transaction = &tx});
            if (static_cast<int>(mine.size()) != expectedRows + 1) {
              fail("thread " + std::to_string(t) + " saw " + std::to_string(mine.size()) +
                   " rows inside its transaction, expected " + std::to_string(expectedRows + 1));
            }
          });
          ++expectedRows;
        }
        const auto mine = Item.findAll({.where = {{"thread", t}}});
        if (static_cast<int>(mine.size()) != expectedRows) {
          fail("thread " + std::to_string(t) + " saw " + std::to_string(mine.size()) +
               " of its rows, expected " + std::to_string(expectedRows));
        }
      }
    } catch (const std::exception& e) {
      fail("thread " + std::to_string(t) + " threw: " + e.what());
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) threads.emplace_back(work, t);
  for (std::thread& th : threads) th.join();
  const std::size_t linesOfThreads = lines.size() - linesBeforeThreads;
  for (const std::string& f : failures) ADD_FAILURE() << f;

  // Every row is there exactly once, with what its thread last wrote.
  std::set<std::pair<int, int>> seen;
  const auto rows = Item.findAll({.order = {{"id", "ASC"}}});
  for (const Instance& r : rows) {
    const int t = r.get<int>("thread");
    const int seq = r.get<int>("seq");
    EXPECT_TRUE(seen.emplace(t, seq).second) << "duplicate row " << label(t, seq);
    std::string expected = seq >= 1000 ? "tx" : label(t, seq);
    if (seq < 1000 && seq % 4 == 0) expected += "!";
    EXPECT_EQ(r.get<std::string>("label"), expected) << label(t, seq);
  }
  constexpr int kTransactionsPerThread = (kRounds + 4) / 5;
  EXPECT_EQ(rows.size(), static_cast<std::size_t>(kThreads * (kRounds + kTransactionsPerThread)));
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kRounds; ++i) EXPECT_EQ(seen.count({t, i}), 1u) << label(t, i);
  }
  // Every statement was logged once, whole. Per thread and round: the INSERT and the findAll;
  // every third round a findByPk, every fourth an UPDATE, every fifth a transaction of four
  // statements (begin, INSERT, SELECT, COMMIT).
  int perThread = 0;
  for (int i = 0; i < kRounds; ++i) {
    perThread += 2 + (i % 3 == 0 ? 1 : 0) + (i % 4 == 0 ? 1 : 0) + (i % 5 == 0 ? 4 : 0);
  }
  EXPECT_EQ(linesOfThreads, static_cast<std::size_t>(kThreads * perThread));
  for (const std::string& line : lines) EXPECT_TRUE(line.starts_with("Executing (")) << line;
  shared->close();
}

TEST_F(PoolTest, AFullPoolMakesBorrowersWaitThenGiveUp) {
  auto small = connect({.pool = {.max = 1, .acquire = 300ms}});
  Model& Note = small->define("Note", {{"text", DataTypes::STRING}});
  small->sync({.force = true});

  // Another thread's transaction keeps the only connection until it ends. (One of this
  // thread's own would be refused at once: see TransactionEndingsTest.)
  std::atomic<bool> begun{false};
  std::atomic<bool> mayCommit{false};
  std::thread holder([&] {
    Transaction t = small->transaction();
    Note.create({{"text", "inside"}}, {.transaction = &t});
    begun = true;
    while (!mayCommit) std::this_thread::sleep_for(1ms);
    t.commit();
  });
  while (!begun) std::this_thread::sleep_for(1ms);
  std::string failure = "no error";
  try {
    (void)Note.findAll();
  } catch (const ConnectionAcquireTimeoutError& e) {
    failure = std::string(e.name()) + ": " + e.what();
  }
  mayCommit = true;
  holder.join();
  EXPECT_EQ(failure, "SequelizeConnectionAcquireTimeoutError: Operation timeout");
  // The connection is free again: the next borrower gets it and sees the committed row.
  const auto notes = Note.findAll();
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].get<std::string>("text"), "inside");
}

TEST_F(PoolTest, AWaitingBorrowerIsServedWhenAConnectionComesBack) {
  auto small = connect({.pool = {.max = 1, .acquire = 60s}});
  Model& Note = small->define("Note", {{"text", DataTypes::STRING}});
  small->sync({.force = true});

  Transaction t = small->transaction();
  Note.create({{"text", "first"}}, {.transaction = &t});
  std::atomic<bool> started{false};
  std::size_t seenByWaiter = 0;
  std::thread waiter([&] {
    started = true;
    seenByWaiter = Note.findAll().size();  // waits for the transaction's connection
  });
  while (!started) std::this_thread::yield();
  t.commit();
  waiter.join();
  EXPECT_EQ(seenByWaiter, 1u);  // it ran after the commit, on the same single connection
}

TEST_F(PoolTest, ATransactionKeepsOneConnectionUntilItEnds) {
  auto pooled = connect({.pool = {.max = 3}});
  Model& Note = pooled->define("Note", {{"text", DataTypes::STRING}});
  pooled->sync({.force = true});
  Transaction t = pooled->transaction();
  Note.create({{"text", "uncommitted"}}, {.transaction = &t});
  // Seen inside the transaction: every statement of it runs on its connection.
  EXPECT_EQ(Note.findAll({.transaction = &t}).size(), 1u);
  if (!(target().dialect == "sqlite")) {
    // Other connections do not see it before the commit (an in-memory SQLite database has
    // only one connection, which the transaction holds).
    EXPECT_EQ(Note.findAll().size(), 0u);
  }
  t.rollback();
  EXPECT_EQ(Note.findAll().size(), 0u);
}

}  // namespace
}  // namespace sequelize::test
