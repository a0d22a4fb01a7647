// One Sequelize object shared by many threads: the pool hands each statement (or transaction)
// its own connection, and every row written is there afterwards, exactly once.
#include <mutex>
#include <set>
#include <thread>
#include <tuple>

#include "test_database.hpp"

namespace sequelize::test {
namespace {

class PoolThreadsTest : public DatabaseTest {};

struct Row {
  int worker;
  int seq;
  std::string label;
  int version;
  friend auto operator<=>(const Row&, const Row&) = default;
};

std::string labelOf(int worker, int seq) {
  return "w" + std::to_string(worker) + "-" + std::to_string(seq) + " ünï 😀";
}

TEST_F(PoolThreadsTest, EightThreadsShareOneSequelizeWithFourConnections) {
  auto shared = connect({.pool = {.max = 4}});
  Model& Item =
      shared->define("Item", {{"worker", {.type = DataTypes::INTEGER, .allowNull = false}},
                              {"seq", {.type = DataTypes::INTEGER, .allowNull = false}},
                              {"label", DataTypes::STRING},
                              {"version", DataTypes::INTEGER}});
  shared->sync({.force = true});
  constexpr int kThreads = 8;
  constexpr int kRows = 30;

  std::mutex mutex;
  std::vector<std::string> failures;
  auto fail = [&](const std::string& what) {
    const std::lock_guard lock(mutex);
    failures.push_back(what);
  };
  auto work = [&](int worker) {
    try {
      for (int seq = 0; seq < kRows; ++seq) {
        const Instance created = Item.create(
            {{"worker", worker}, {"seq", seq}, {"label", labelOf(worker, seq)}, {"version", 0}});
        // Read back by key (on whichever connection is free), then update.
        std::optional<Instance> found = Item.findByPk(created.get("id"));
        if (!found || found->get<std::string>("label") != labelOf(worker, seq)) {
          fail("row " + labelOf(worker, seq) + " not read back");
          continue;
        }
        found->set("version", 1);
        found->save();
        if (seq % 5 == 0) {
          // Two rows in a transaction: kept together, or dropped together. IMMEDIATE (SQLite
          // only) takes the write lock at BEGIN: a deferred SQLite transaction that has to
          // upgrade its lock while another connection writes fails with SQLITE_BUSY at once.
          Transaction t = shared->transaction({.type = TransactionType::IMMEDIATE});
          Item.create({{"worker", worker}, {"seq", 1000 + seq}, {"label", "tx"}, {"version", 2}},
                      {.transaction = &t});
          Item.create({{"worker", worker}, {"seq", 2000 + seq}, {"label", "tx"}, {"version", 2}},
                      {.transaction = &t});
          if ((seq / 5) % 2 == 0) {
            t.commit();
          } else {
            t.rollback();
          }
        }
        const auto mine = Item.findAll({.where = {{"worker", worker}, {"seq", Op::lt(1000)}}});
        if (mine.size() != static_cast<std::size_t>(seq) + 1) {
          fail("worker " + std::to_string(worker) + " sees " + std::to_string(mine.size()) +
               " of its rows after writing " + std::to_string(seq + 1));
        }
      }
    } catch (const DatabaseError& e) {
      fail("worker " + std::to_string(worker) + ": " + e.what() + " in " + e.sql());
    } catch (const std::exception& e) {
      fail("worker " + std::to_string(worker) + ": " + e.what());
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int w = 0; w < kThreads; ++w) threads.emplace_back(work, w);
  for (std::thread& t : threads) t.join();
  EXPECT_TRUE(failures.empty()) << failures.front();

  std::multiset<Row> expected;
  for (int w = 0; w < kThreads; ++w) {
    for (int seq = 0; seq < kRows; ++seq) {
      expected.insert(Row{w, seq, labelOf(w, seq), 1});
      if (seq % 5 == 0 && (seq / 5) % 2 == 0) {
        expected.insert(Row{w, 1000 + seq, "tx", 2});
        expected.insert(Row{w, 2000 + seq, "tx", 2});
      }
    }
  }
  std::multiset<Row> actual;
  for (const Instance& i : Item.findAll()) {
    actual.insert(Row{i.get<int>("worker"), i.get<int>("seq"), i.get<std::string>("label"),
                      i.get<int>("version")});
  }
  EXPECT_EQ(actual.size(), expected.size());
  EXPECT_TRUE(actual == expected);
  shared->close();
}

}  // namespace
}  // namespace sequelize::test
