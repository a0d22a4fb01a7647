// Statement timeouts, SQLite's busy timeout and journal mode, and Sequelize's `retry` option:
// what is retried (a read whose connection was lost, a statement SQLite refused as busy) and what
// never is (a write whose connection was lost while it ran, anything inside a transaction).
#include <chrono>
#include <thread>

#include "server_control.hpp"
#include "test_database.hpp"

namespace sequelize::test {
namespace {

using namespace std::chrono_literals;

class RetryTimeoutTest : public DatabaseTest {
 protected:
  // How often `sql` appears in the log since the last clearLog().
  int timesLogged(const std::string& sql) {
    int n = 0;
    for (const std::string& s : statements()) n += s == sql ? 1 : 0;
    return n;
  }

  // The session (other than the asking one) running a statement that contains `marker`;
  // waits up to 10 s for it to appear.
  static std::int64_t sessionRunning(Sequelize& admin, const std::string& marker) {
    const std::string sql =
        isPostgres() ? "SELECT pid AS id FROM pg_stat_activity WHERE query LIKE $1 AND pid <> "
                       "pg_backend_pid()"
                     : "SELECT ID AS id FROM information_schema.PROCESSLIST WHERE INFO LIKE ? AND "
                       "ID <> CONNECTION_ID()";
    for (int i = 0; i < 200; ++i) {
      const QueryResult r = admin.query(sql, {.bind = {"%" + marker + "%"}, .silent = true});
      if (!r.rows.empty()) return r.rows.at(0).at(0).value.as<std::int64_t>();
      std::this_thread::sleep_for(50ms);
    }
    return 0;
  }
};

TEST_F(RetryTimeoutTest, StatementTimeoutIsADatabaseErrorAndTheConnectionStaysUsable) {
  if (isSqlite())
    GTEST_SKIP() << "SQLite has no statement timeout (its busy timeout is tested below)";
  std::unique_ptr<Sequelize> timed;
  std::string slow;
  if (isPostgres()) {
    timed = connect({.pool = {.max = 1}}, targetUrlWith("statement_timeout=200"));
    slow = "SELECT pg_sleep(10) AS s";
  } else {
    timed = connect({.pool = {.max = 1}});
    slow =
        "SET STATEMENT max_statement_time=0.2 FOR SELECT SUM(a.seq * b.seq) AS s FROM "
        "seq_1_to_100000 a, seq_1_to_100000 b";
  }
  try {
    (void)timed->query(slow);
    ADD_FAILURE() << "the statement was not cancelled";
  } catch (const ConnectionError& e) {
    ADD_FAILURE() << "a timeout is not a lost connection: " << e.what();
  } catch (const DatabaseError& e) {
    // PostgreSQL: Sequelize's DatabaseError (SQLSTATE 57014); MariaDB: its TimeoutError.
    EXPECT_EQ(e.name(), isPostgres() ? "SequelizeDatabaseError" : "SequelizeTimeoutError");
    const std::string message = e.what();
    EXPECT_TRUE(message.find("statement timeout") != std::string::npos ||
                message.find("max_statement_time") != std::string::npos)
        << message;
  }
  // The same (only) connection runs the next statement.
  EXPECT_EQ(timed->query("SELECT 2 AS two").rows.at(0).at(0).value.as<int>(), 2);
  timed->close();
}

TEST_F(RetryTimeoutTest, ARetriedReadSurvivesItsSessionBeingKilled) {
  if (isSqlite()) GTEST_SKIP() << "SQLite is embedded: there is no session to kill";
  auto shared = connect({.retry = {.max = 3}});
  const std::string slow =
      isPostgres() ? "SELECT pg_sleep(2) AS retried_read" : "SELECT SLEEP(2) AS retried_read";
  clearLog();
  std::thread killer([&] {
    Sequelize admin(target().url);
    if (const std::int64_t id = sessionRunning(admin, "retried_read")) killSession(id);
    admin.close();
  });
  QueryResult r;
  EXPECT_NO_THROW(r = shared->query(slow));
  killer.join();
  EXPECT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(timesLogged(slow), 2);  // killed once, then run again on a fresh connection
  shared->close();
}

TEST_F(RetryTimeoutTest, AWriteWhoseSessionIsKilledIsNeverRetried) {
  if (isSqlite()) GTEST_SKIP() << "SQLite is embedded: there is no session to kill";
  auto shared = connect({.retry = {.max = 3}});
  Model& Item = shared->define("Item", {{"label", DataTypes::STRING}}, {.timestamps = false});
  shared->sync({.force = true});
  const std::string write =
      "INSERT INTO " + quoted(*shared, "Items") + " (" + quoted(*shared, "label") + ") SELECT " +
      (isPostgres() ? "'killed_write' FROM pg_sleep(2)" : "IF(SLEEP(2) = 0, 'killed_write', 'x')");
  clearLog();
  std::thread killer([&] {
    Sequelize admin(target().url);
    if (const std::int64_t id = sessionRunning(admin, "killed_write")) killSession(id);
    admin.close();
  });
  EXPECT_THROW((void)shared->query(write), ConnectionError);
  killer.join();
  EXPECT_EQ(timesLogged(write), 1);
  // The pool serves the next statement from a fresh connection.
  Item.create({{"label", "after"}});
  EXPECT_EQ(Item.findAll({.where = {{"label", "after"}}}).size(), 1u);
  shared->close();
}

TEST_F(RetryTimeoutTest, SqliteFileUsesWalAndABusyDatabaseWaitsThenFailsWithTimeoutError) {
  if (target().dialect != "sqlite_file") GTEST_SKIP() << "about SQLite files";
  EXPECT_EQ(db().query("PRAGMA journal_mode").rows.at(0).at(0).value.as<std::string>(), "wal");
  Model& Item = db().define("Item", {{"label", DataTypes::STRING}}, {.timestamps = false});
  db().sync({.force = true});
  Item.create({{"label", "first"}});

  auto impatient = connect({}, targetUrlWith("busy_timeout=300"));
  Model& Same = impatient->define("Item", {{"label", DataTypes::STRING}}, {.timestamps = false});
  Transaction writer = db().transaction({.type = TransactionType::IMMEDIATE});
  Item.create({{"label", "uncommitted"}}, {.transaction = &writer});

  // WAL: a reader does not wait for the writer, and sees only committed rows.
  EXPECT_EQ(Same.findAll().size(), 1u);
  // A second writer waits busy_timeout, then gives up with Sequelize's error for SQLITE_BUSY.
  const auto start = std::chrono::steady_clock::now();
  try {
    Same.create({{"label", "second"}});
    ADD_FAILURE() << "the write lock was not respected";
  } catch (const TimeoutError& e) {
    EXPECT_EQ(e.name(), "SequelizeTimeoutError");
    EXPECT_NE(std::string(e.what()).find("SQLITE_BUSY"), std::string::npos) << e.what();
    EXPECT_GE(std::chrono::steady_clock::now() - start, 250ms);  // it waited before failing
  }
  // A writer that waits long enough gets through once the lock is released.
  auto patient = connect({}, targetUrlWith("busy_timeout=10000"));
  Model& Patient = patient->define("Item", {{"label", DataTypes::STRING}}, {.timestamps = false});
  std::thread committer([&] {
    std::this_thread::sleep_for(300ms);
    writer.commit();
  });
  EXPECT_NO_THROW(Patient.create({{"label", "waited"}}));
  committer.join();
  EXPECT_EQ(Item.findAll().size(), 3u);
  impatient->close();
  patient->close();
}

TEST_F(RetryTimeoutTest, SqliteBusyStatementsAreRetriedOutsideTransactionsOnly) {
  if (target().dialect != "sqlite_file") GTEST_SKIP() << "about SQLite files";
  Model& Item = db().define("Item", {{"label", DataTypes::STRING}}, {.timestamps = false});
  db().sync({.force = true});
  auto retrying =
      connect({.retry = {.max = 100, .match = {"SQLITE_BUSY"}}}, targetUrlWith("busy_timeout=0"));
  Model& Same = retrying->define("Item", {{"label", DataTypes::STRING}}, {.timestamps = false});

  Transaction writer = db().transaction({.type = TransactionType::IMMEDIATE});
  // Inside a transaction a busy statement is not retried: the error comes at once.
  Transaction other = retrying->transaction();
  clearLog();
  EXPECT_THROW(Same.create({{"label", "in other"}}, {.transaction = &other}), TimeoutError);
  other.rollback();
  // Outside one it is tried again until the lock is released.
  std::thread committer([&] {
    std::this_thread::sleep_for(300ms);
    writer.commit();
  });
  clearLog();
  EXPECT_NO_THROW(Same.create({{"label", "retried"}}));
  committer.join();
  int inserts = 0;
  for (const std::string& s : statements()) inserts += s.starts_with("INSERT") ? 1 : 0;
  EXPECT_GT(inserts, 1);
  EXPECT_EQ(Item.findAll({.where = {{"label", "retried"}}}).size(), 1u);
  retrying->close();
}

TEST_F(RetryTimeoutTest, SqliteUrlParametersAreChecked) {
  EXPECT_THROW(Sequelize("sqlite::memory:?busy_timeout=soon"), Error);
  EXPECT_THROW(Sequelize("sqlite::memory:?busy_timeout=-1"), Error);
  EXPECT_THROW(Sequelize("sqlite::memory:?journal_mode=fast"), Error);
  EXPECT_THROW(Sequelize("sqlite::memory:?cache=shared"), Error);
  EXPECT_NO_THROW(Sequelize("sqlite::memory:?busy_timeout=0&journal_mode=delete"));
}

}  // namespace
}  // namespace sequelize::test
