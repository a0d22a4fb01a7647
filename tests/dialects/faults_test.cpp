// Faults injected into the database server while the library uses it: the server stopped and
// started again, a session killed inside a transaction, a non-strict server. These tests stop
// and reconfigure the shared test server, so CTest runs them alone (faults.<dialect>, RUN_SERIAL);
// inside the ordinary suite they are skipped.
#include <chrono>
#include <cstdlib>
#include <thread>

#include "server_control.hpp"
#include "test_database.hpp"

namespace sequelize::test {
namespace {

using namespace std::chrono_literals;

class Faults : public DatabaseTest {
 protected:
  void SetUp() override {
    if (std::getenv("SEQUELIZE_TEST_FAULTS") == nullptr) {
      GTEST_SKIP() << "fault injection runs alone, as the CTest entry faults." << target().dialect;
    }
    if (isSqlite())
      GTEST_SKIP() << "SQLite is embedded: there is no server to stop or session to kill";
    DatabaseTest::SetUp();
  }

  // A Sequelize object that gives up connecting after 2 s and waiting for the pool after 5 s.
  std::unique_ptr<Sequelize> connectWithTimeouts(SequelizeOptions options = {}) {
    options.pool.acquire = 5s;
    const std::string timeout = isPostgres() ? "connect_timeout=2" : "connectTimeout=2000";
    return connect(std::move(options), targetUrlWith(timeout));
  }

  static Model& defineItem(Sequelize& db) {
    Model& item = db.define("Item", {{"label", DataTypes::STRING}}, {.timestamps = false});
    db.sync({.force = true});
    return item;
  }
};

// Bounds how long a failing call may take: the configured connect and acquire timeouts, with a
// wide margin. It tells a call that gives up from one that hangs, not fast from slow.
constexpr auto kNoHang = 30s;

TEST_F(Faults, ServerStoppedCallsFailWithConnectionErrorThenRecoverOnFreshConnections) {
  auto shared = connectWithTimeouts({.pool = {.max = 3}});
  Model& Item = defineItem(*shared);
  Item.create({{"label", "before"}});
  {
    // Three connections in the pool, idle when the server goes away.
    std::vector<std::thread> warm;
    warm.reserve(3);
    for (int i = 0; i < 3; ++i) warm.emplace_back([&] { (void)Item.findAll(); });
    for (auto& t : warm) t.join();
  }

  StoppedServer server;
  ASSERT_TRUE(server.stopped()) << "could not stop the server";
  for (int i = 0; i < 5; ++i) {
    const auto start = std::chrono::steady_clock::now();
    EXPECT_THROW((void)Item.findAll(), ConnectionError);
    EXPECT_THROW((void)Item.create({{"label", "during"}}), ConnectionError);
    EXPECT_THROW((void)shared->transaction(), ConnectionError);
    EXPECT_LT(std::chrono::steady_clock::now() - start, kNoHang);
  }

  ASSERT_TRUE(server.start());
  const auto rows = Item.findAll();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].get<std::string>("label"), "before");
  Item.create({{"label", "after"}});
  Transaction t = shared->transaction();
  Item.create({{"label", "in transaction"}}, {.transaction = &t});
  t.commit();
  EXPECT_EQ(countRows(*shared, "Items"), 3);
  shared->close();
}

TEST_F(Faults, RetriedReadWaitsOutARestart) {
  auto shared = connectWithTimeouts({.retry = {.max = 60}});
  Model& Item = defineItem(*shared);
  Item.create({{"label", "kept"}});
  StoppedServer server;
  ASSERT_TRUE(server.stopped());
  std::thread restarter([&] {
    std::this_thread::sleep_for(1s);
    server.start();
  });
  std::vector<Instance> rows;
  EXPECT_NO_THROW(rows = Item.findAll());
  restarter.join();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].get<std::string>("label"), "kept");
}

TEST_F(Faults, SessionKilledInsideATransactionLosesItsWritesAndThePoolStaysHealthy) {
  auto shared = connectWithTimeouts({.pool = {.max = 2}, .retry = {.max = 5}});
  Model& Item = defineItem(*shared);
  Item.create({{"label", "committed"}});

  Transaction t = shared->transaction();
  for (int i = 0; i < 3; ++i) Item.create({{"label", "doomed"}}, {.transaction = &t});
  killSession(sessionId(*shared, t));
  // Never retried inside a transaction: the error reaches the caller.
  clearLog();
  EXPECT_THROW(Item.create({{"label", "doomed"}}, {.transaction = &t}), ConnectionError);
  EXPECT_EQ(statements().size(), 1u);
  try {
    t.rollback();
  } catch (const ConnectionError&) {  // the connection is gone; so is its transaction
  }

  // Nothing the transaction wrote is there; the pool opens fresh connections in its place.
  EXPECT_EQ(countRows(*shared, "Items"), 1);
  std::vector<std::thread> workers;
  workers.reserve(4);
  for (int w = 0; w < 4; ++w) {
    workers.emplace_back([&, w] {
      for (int i = 0; i < 10; ++i) {
        Transaction tx = shared->transaction();
        Item.create({{"label", "w" + std::to_string(w)}}, {.transaction = &tx});
        tx.commit();
      }
    });
  }
  for (auto& worker : workers) worker.join();
  EXPECT_EQ(countRows(*shared, "Items"), 41);
  EXPECT_EQ(Item.findAll({.where = {{"label", "doomed"}}}).size(), 0u);
  shared->close();
}

TEST_F(Faults, MariadbSessionsAreStrictOnANonStrictServer) {
  if (!isMariadb()) GTEST_SKIP() << "sql_mode is MariaDB's";
  Sequelize admin(target().url);
  const std::string before = admin.query("SELECT @@GLOBAL.sql_mode AS m", {.silent = true})
                                 .rows.at(0)
                                 .at(0)
                                 .value.as<std::string>();
  admin.query("SET GLOBAL sql_mode = ''", {.silent = true});
  struct Restore {
    Sequelize& admin;
    const std::string& mode;
    ~Restore() { admin.query("SET GLOBAL sql_mode = ?", {.bind = {mode}, .silent = true}); }
  } restore{admin, before};

  auto fresh = connect();  // its sessions start from the server's (now empty) sql_mode
  Model& Note = fresh->define("Note", {{"title", DataTypes::STRING(8)}, {"n", DataTypes::TINYINT}},
                              {.timestamps = false});
  fresh->sync({.force = true});
  EXPECT_THROW(Note.create({{"title", "much too long"}}), DatabaseError);
  // A model refuses an out-of-range number before sending it; the session refuses it too.
  EXPECT_THROW(Note.create({{"n", 1000}}), ValidationError);
  EXPECT_THROW(fresh->query("INSERT INTO `Notes` (`n`) VALUES (?)", {.bind = {1000}}),
               DatabaseError);
  EXPECT_EQ(countRows(*fresh, "Notes"), 0);
  fresh->close();
}

}  // namespace
}  // namespace sequelize::test
