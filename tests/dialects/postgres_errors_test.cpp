// PostgreSQL's errors, classified by SQLSTATE: what Sequelize reports for each, and the
// retryable ones. (PostgreSQL only; ErrorsTest covers what every dialect shares.)
#include <atomic>
#include <thread>

#include "test_database.hpp"

namespace sequelize::test {
namespace {

class PostgresErrorsTest : public DatabaseTest {
 protected:
  void SetUp() override {
    if (!isPostgres()) GTEST_SKIP() << "PostgreSQL's error codes";
    DatabaseTest::SetUp();
    pooled_ = connect({.pool = {.max = 4}});
    Person_ =
        &pooled_->define("Person", {{"code", {.type = DataTypes::STRING(8), .primaryKey = true}},
                                    {"email", {.type = DataTypes::STRING, .unique = true}},
                                    {"a", {.type = DataTypes::STRING, .unique = "ab"}},
                                    {"b", {.type = DataTypes::INTEGER, .unique = "ab"}},
                                    {"n", {.type = DataTypes::STRING, .allowNull = false}}});
    Car_ = &pooled_->define("Car", {{"plate", DataTypes::STRING}});
    Person_->hasOne(*Car_,
                    {.foreignKey = ForeignKeyOptions{.name = "ownerCode", .allowNull = false},
                     .onDelete = "RESTRICT"});
    pooled_->sync({.force = true});
    Person_->create({{"code", "A"}, {"email", "a@x"}, {"a", "x"}, {"b", 1}, {"n", "n"}});
  }
  void TearDown() override {
    if (pooled_) pooled_->close();
    DatabaseTest::TearDown();
  }
  std::unique_ptr<Sequelize> pooled_;
  Model* Person_ = nullptr;
  Model* Car_ = nullptr;
};

TEST_F(PostgresErrorsTest, UniqueViolationNamesTheFieldsAndValues) {
  try {
    Person_->create({{"code", "B"}, {"email", "a@x"}, {"n", "n"}});
    FAIL() << "expected UniqueConstraintError";
  } catch (const UniqueConstraintError& e) {
    EXPECT_EQ(e.name(), "SequelizeUniqueConstraintError");
    EXPECT_EQ(std::string(e.what()), "Validation error");
    EXPECT_EQ(e.code(), "23505");
    EXPECT_EQ(e.fields(), std::vector<std::string>{"email"});
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].message, "email must be unique");
    EXPECT_EQ(e.errors()[0].type, "unique violation");
    EXPECT_EQ(e.errors()[0].path, "email");
    EXPECT_EQ(e.errors()[0].value.as<std::string>(), "a@x");
    EXPECT_EQ(e.errors()[0].origin, "DB");
    EXPECT_EQ(e.errors()[0].validatorKey, "not_unique");
    EXPECT_EQ(e.original(), "duplicate key value violates unique constraint \"People_email_key\"");
  }
  // A composite unique index: every column, in the index's order.
  try {
    Person_->create({{"code", "C"}, {"email", "c@x"}, {"a", "x"}, {"b", 1}, {"n", "n"}});
    FAIL() << "expected UniqueConstraintError";
  } catch (const UniqueConstraintError& e) {
    EXPECT_EQ(e.fields(), (std::vector<std::string>{"a", "b"}));
    ASSERT_EQ(e.errors().size(), 2u);
    EXPECT_EQ(e.errors()[1].message, "b must be unique");
    EXPECT_EQ(e.errors()[1].value.as<std::string>(), "1");
  }
  // The primary key.
  try {
    Person_->create({{"code", "A"}, {"email", "z@x"}, {"n", "n"}});
    FAIL() << "expected UniqueConstraintError";
  } catch (const UniqueConstraintError& e) {
    EXPECT_EQ(e.fields(), std::vector<std::string>{"code"});
  }
  EXPECT_EQ(countRows(*pooled_, "People"), 1);
}

TEST_F(PostgresErrorsTest, ForeignKeyViolations) {
  try {
    Car_->create({{"plate", "p"}, {"ownerCode", "ZZ"}});
    FAIL() << "expected ForeignKeyConstraintError";
  } catch (const ForeignKeyConstraintError& e) {
    EXPECT_EQ(e.name(), "SequelizeForeignKeyConstraintError");
    EXPECT_EQ(e.code(), "23503");
    EXPECT_EQ(std::string(e.what()),
              "insert or update on table \"Cars\" violates foreign key constraint "
              "\"Cars_ownerCode_fkey\"");
    EXPECT_EQ(e.table(), "Cars");
  }
  Car_->create({{"plate", "p"}, {"ownerCode", "A"}});
  try {
    pooled_->query("DELETE FROM \"People\" WHERE code = $1", {.bind = {"A"}});
    FAIL() << "expected ForeignKeyConstraintError";
  } catch (const ForeignKeyConstraintError& e) {
    EXPECT_EQ(e.code(), "23503");
    EXPECT_EQ(e.table(), "Cars");  // the table holding the foreign key
  }
  EXPECT_EQ(countRows(*pooled_, "People"), 1);
}

TEST_F(PostgresErrorsTest, NotNullIsADatabaseError) {
  try {
    Person_->create({{"code", "D"}, {"n", nullptr}}, {.validate = false});
    FAIL() << "expected DatabaseError";
  } catch (const UniqueConstraintError&) {
    FAIL() << "a NOT NULL failure is not a unique violation";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.name(), "SequelizeDatabaseError");
    EXPECT_EQ(e.code(), "23502");
    EXPECT_FALSE(e.isRetryable());
    EXPECT_EQ(std::string(e.what()),
              "null value in column \"n\" of relation \"People\" violates not-null constraint");
    EXPECT_FALSE(e.sql().empty());
    ASSERT_FALSE(e.parameters().empty());
    EXPECT_EQ(e.parameters()[0].as<std::string>(), "D");
  }
}

TEST_F(PostgresErrorsTest, OtherErrorsAreDatabaseErrorsAndTheConnectionLivesOn) {
  try {
    pooled_->query("SELEC 1");
    FAIL() << "expected DatabaseError";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.code(), "42601");
    EXPECT_EQ(std::string(e.what()), "syntax error at or near \"SELEC\"");
    EXPECT_FALSE(e.isRetryable());
  }
  EXPECT_THROW(pooled_->query("SELECT * FROM nowhere"), DatabaseError);
  EXPECT_EQ(pooled_->query("SELECT 1+1 AS result").rows.at(0).at(0).value.as<int>(), 2);
}

TEST_F(PostgresErrorsTest, SerializationFailureIsRetryable) {
  Transaction first = pooled_->transaction({.isolationLevel = IsolationLevel::REPEATABLE_READ});
  // The first read fixes the transaction's snapshot.
  EXPECT_EQ(Person_->findAll({.transaction = &first}).size(), 1u);
  // Another session changes the row and commits.
  auto other = Person_->findByPk("A");
  ASSERT_TRUE(other);
  other->set("n", "changed elsewhere");
  other->save();
  auto mine = Person_->findByPk("A", {.transaction = &first});
  ASSERT_TRUE(mine);
  mine->set("n", "changed here");
  try {
    mine->save({.transaction = &first});
    FAIL() << "expected a serialization failure";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.code(), "40001");
    EXPECT_TRUE(e.isRetryable());
  }
  first.rollback();
  EXPECT_EQ(Person_->findByPk("A")->get<std::string>("n"), "changed elsewhere");
}

TEST_F(PostgresErrorsTest, DeadlockIsRetryable) {
  Person_->create({{"code", "B"}, {"email", "b@x"}, {"n", "n"}});
  const std::string lockA = R"(UPDATE "People" SET n = 'x' WHERE code = 'A')";
  const std::string lockB = R"(UPDATE "People" SET n = 'x' WHERE code = 'B')";
  Transaction first = pooled_->transaction();
  Transaction second = pooled_->transaction();
  pooled_->query(lockA, {.transaction = &first});
  pooled_->query(lockB, {.transaction = &second});
  // Each now asks for the row the other holds (in whichever order the two threads get there):
  // the server breaks the cycle by failing one of them.
  std::atomic<int> deadlocks{0};
  std::atomic<int> retryable{0};
  auto wait = [&](Transaction& t, const std::string& sql) {
    try {
      pooled_->query(sql, {.transaction = &t});
    } catch (const DatabaseError& e) {
      if (e.code() == "40P01") ++deadlocks;
      if (e.isRetryable()) ++retryable;
    }
  };
  std::thread waiter([&] { wait(first, lockB); });
  wait(second, lockA);
  waiter.join();
  EXPECT_EQ(deadlocks.load(), 1);
  EXPECT_EQ(retryable.load(), 1);
  first.rollback();
  second.rollback();
}

}  // namespace
}  // namespace sequelize::test
