// How transactions end when something goes wrong on the way: a transaction the database has
// aborted, a logging function that throws on ROLLBACK, a savepoint left open when its parent
// ends, a moved-from Transaction, and a query that would wait for its own thread's transaction.
// In every case the outcome is an exception and a connection left with no transaction open,
// never a silent loss of work or a transaction carried over to the next borrower.
#include <atomic>
#include <stdexcept>

#include "test_database.hpp"

namespace sequelize::test {
namespace {

class TransactionEndingsTest : public DatabaseTest {
 protected:
  // A table with a unique name column.
  static Model& defineTags(Sequelize& db) {
    return db.define("Tag", {{"name", {.type = DataTypes::STRING(32), .unique = true}}},
                     {.tableName = "tags", .timestamps = false});
  }

  // Tag names in the table, read with plain SQL.
  static std::vector<std::string> tagNames(Sequelize& db) {
    const QueryResult r =
        db.query("SELECT " + quoted(db, "name") + " FROM " + quoted(db, "tags") + " ORDER BY 1",
                 {.silent = true});
    std::vector<std::string> names;
    for (const Values& row : r.rows) names.push_back(row.at(0).value.as<std::string>());
    return names;
  }
};

// PostgreSQL aborts a transaction at its first failed statement and turns its COMMIT into a
// ROLLBACK: commit() must say so. SQLite and MariaDB keep the transaction going after a failed
// statement, so there the rest of its work is committed.
TEST_F(TransactionEndingsTest, CommitOfATransactionTheDatabaseAbortedThrows) {
  Model& tags = defineTags(db());
  db().sync({.force = true});
  tags.create({{"name", "taken"}});
  Transaction t = db().transaction();
  tags.create({{"name", "first"}}, {.transaction = &t});
  EXPECT_THROW(tags.create({{"name", "taken"}}, {.transaction = &t}), UniqueConstraintError);
  if (isPostgres()) {
    try {
      t.commit();
      FAIL() << "commit() of an aborted transaction returned normally";
    } catch (const DatabaseError& e) {
      EXPECT_NE(std::string(e.what()).find("rolled back"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(t.finished());
    EXPECT_EQ(tagNames(db()), std::vector<std::string>{"taken"});
  } else {
    t.commit();
    EXPECT_EQ(tagNames(db()), (std::vector<std::string>{"first", "taken"}));
  }
}

TEST_F(TransactionEndingsTest, ManagedTransactionTheDatabaseAbortedThrows) {
  Model& tags = defineTags(db());
  db().sync({.force = true});
  tags.create({{"name", "taken"}});
  auto body = [&](Transaction& t) {
    tags.create({{"name", "first"}}, {.transaction = &t});
    try {
      tags.create({{"name", "taken"}}, {.transaction = &t});
    } catch (const UniqueConstraintError&) {  // handled, and the work goes on
    }
  };
  if (isPostgres()) {
    EXPECT_THROW(db().transaction(body), DatabaseError);
    EXPECT_EQ(tagNames(db()), std::vector<std::string>{"taken"});
  } else {
    db().transaction(body);
    EXPECT_EQ(tagNames(db()), (std::vector<std::string>{"first", "taken"}));
  }
}

// A savepoint that the database aborted is rolled back by its commit(), and the enclosing
// transaction goes on.
TEST_F(TransactionEndingsTest, AnAbortedSavepointRollsBackAndItsParentGoesOn) {
  Model& tags = defineTags(db());
  db().sync({.force = true});
  tags.create({{"name", "taken"}});
  Transaction outer = db().transaction();
  tags.create({{"name", "outer"}}, {.transaction = &outer});
  {
    Transaction inner = db().transaction({.transaction = &outer});
    tags.create({{"name", "inner"}}, {.transaction = &inner});
    EXPECT_THROW(tags.create({{"name", "taken"}}, {.transaction = &inner}), UniqueConstraintError);
    if (isPostgres()) {
      EXPECT_THROW(inner.commit(), DatabaseError);
    } else {
      inner.commit();
    }
  }
  tags.create({{"name", "after"}}, {.transaction = &outer});
  outer.commit();
  if (isPostgres()) {
    EXPECT_EQ(tagNames(db()), (std::vector<std::string>{"after", "outer", "taken"}));
  } else {
    EXPECT_EQ(tagNames(db()), (std::vector<std::string>{"after", "inner", "outer", "taken"}));
  }
}

// A logging function that throws on ROLLBACK must not keep the ROLLBACK from being sent, nor
// send the connection back to the pool inside the transaction.
TEST_F(TransactionEndingsTest, ALoggerThatThrowsOnRollbackStillRollsBack) {
  std::atomic<bool> failOnRollback{true};
  Sequelize db(target().url,
               {.logging =
                    [&](const std::string& line) {
                      if (failOnRollback && line.find("ROLLBACK") != std::string::npos)
                        throw std::runtime_error("log disk full");
                    },
                .pool = {.max = 1}});
  Model& tags = defineTags(db);
  db.sync({.force = true});
  {
    Transaction t = db.transaction();
    tags.create({{"name", "rolled back"}}, {.transaction = &t});
    EXPECT_THROW(t.rollback(), std::runtime_error);
    EXPECT_TRUE(t.finished());
  }
  EXPECT_THROW(db.transaction([&](Transaction& t) {
    tags.create({{"name", "rolled back too"}}, {.transaction = &t});
    throw std::logic_error("changed my mind");
  }),
               std::logic_error);
  // The one connection holds no transaction: nothing is visible, and the next transaction
  // starts afresh (on MariaDB its BEGIN would otherwise commit the work above; on SQLite it
  // would fail).
  EXPECT_TRUE(tagNames(db).empty());
  failOnRollback = false;
  db.transaction([&](Transaction& t) { tags.create({{"name", "kept"}}, {.transaction = &t}); });
  EXPECT_EQ(tagNames(db), std::vector<std::string>{"kept"});
  db.close();
}

// A logging function that throws on COMMIT: nothing is committed, and commit() says so.
TEST_F(TransactionEndingsTest, ALoggerThatThrowsOnCommitLeavesNothingCommitted) {
  Sequelize db(target().url, {.logging =
                                  [](const std::string& line) {
                                    if (line.find("COMMIT") != std::string::npos)
                                      throw std::runtime_error("log disk full");
                                  },
                              .pool = {.max = 1}});
  Model& tags = defineTags(db);
  db.sync({.force = true});
  Transaction t = db.transaction();
  tags.create({{"name", "never committed"}}, {.transaction = &t});
  EXPECT_THROW(t.commit(), std::runtime_error);
  EXPECT_TRUE(t.finished());
  EXPECT_TRUE(tagNames(db).empty());
  tags.create({{"name", "outside"}});
  EXPECT_EQ(tagNames(db), std::vector<std::string>{"outside"});
  db.close();
}

// Once its parent has ended, a savepoint is finished: its ROLLBACK TO SAVEPOINT must not reach
// the next transaction on the same connection.
TEST_F(TransactionEndingsTest, ASavepointIsFinishedWhenItsParentEnds) {
  auto single = connect({.pool = {.max = 1}});
  Model& tags = defineTags(*single);
  single->sync({.force = true});
  Transaction outer = single->transaction();
  Transaction inner = single->transaction({.transaction = &outer});
  tags.create({{"name", "in savepoint"}}, {.transaction = &inner});
  outer.commit();
  EXPECT_TRUE(inner.finished());

  Transaction next = single->transaction();
  tags.create({{"name", "next"}}, {.transaction = &next});
  clearLog();
  EXPECT_THROW(inner.rollback(), Error);
  EXPECT_THROW(inner.commit(), Error);
  EXPECT_THROW(tags.create({{"name", "late"}}, {.transaction = &inner}), Error);
  EXPECT_TRUE(statements().empty()) << statements().front();
  next.commit();
  EXPECT_EQ(tagNames(*single), (std::vector<std::string>{"in savepoint", "next"}));

  // Ended by a rollback, the same.
  Transaction outer2 = single->transaction();
  Transaction inner2 = single->transaction({.transaction = &outer2});
  outer2.rollback();
  EXPECT_TRUE(inner2.finished());
  EXPECT_THROW(inner2.rollback(), Error);
  single->close();
}

TEST_F(TransactionEndingsTest, ASavepointOutlivingItsParentObjectForgetsIt) {
  std::optional<Transaction> inner;
  {
    Transaction outer = db().transaction();
    inner.emplace(db().transaction({.transaction = &outer}));
    EXPECT_EQ(inner->parent(), &outer);
    Transaction moved = std::move(outer);  // the parent() of a savepoint follows its parent
    EXPECT_EQ(inner->parent(), &moved);
    moved.commit();
  }
  EXPECT_EQ(inner->parent(), nullptr);
  EXPECT_TRUE(inner->finished());
  EXPECT_THROW(inner->rollback(), Error);
}

TEST_F(TransactionEndingsTest, AMovedFromTransactionIsRefusedNotACrash) {
  Model& tags = defineTags(db());
  db().sync({.force = true});
  Transaction t = db().transaction();
  Transaction taken = std::move(t);
  // NOLINTBEGIN(bugprone-use-after-move): using the moved-from object is the point
  EXPECT_THROW(tags.create({{"name", "x"}}, {.transaction = &t}), Error);
  EXPECT_THROW((void)tags.count({.transaction = &t}), Error);
  EXPECT_THROW((void)tags.findAll({.transaction = &t}), Error);
  EXPECT_THROW((void)db().query("SELECT 1", {.transaction = &t}), Error);
  EXPECT_THROW((void)db().transaction({.transaction = &t}), Error);
  EXPECT_THROW((void)t.id(), Error);
  EXPECT_TRUE(t.finished());
  // NOLINTEND(bugprone-use-after-move)
  taken.commit();
}

// One connection (an in-memory SQLite database has exactly one; here every dialect is given
// one), held by this thread's transaction: a query outside it could only wait for ever.
TEST_F(TransactionEndingsTest, AQueryThatWouldWaitForItsOwnTransactionIsRefusedAtOnce) {
  auto single = connect({.pool = {.max = 1}});
  Model& tags = defineTags(*single);
  single->sync({.force = true});
  Transaction t = single->transaction();
  tags.create({{"name", "inside"}}, {.transaction = &t});
  try {
    (void)tags.count();
    FAIL() << "a query outside the transaction ran";
  } catch (const ConnectionAcquireTimeoutError& e) {
    EXPECT_NE(std::string(e.what()).find("held by a transaction of this thread"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find(".transaction"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)single->transaction(), ConnectionAcquireTimeoutError);
  // The transaction is untouched and goes on.
  EXPECT_EQ(tags.count({.transaction = &t}), 1);
  t.commit();
  EXPECT_EQ(tags.count(), 1);
  single->close();
}

}  // namespace
}  // namespace sequelize::test
