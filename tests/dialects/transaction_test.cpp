// Transactions, managed and unmanaged, nested as savepoints, with isolation levels; every query
// and writer runs in the one it is given, and the log shows its id as Sequelize's does.
#include <regex>

#include "query_fixture.hpp"

namespace sequelize::test {
namespace {

class TransactionTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    models_ = std::make_unique<SeedModels>(defineSeedModels(db()));
    items_ = &defineItems(db());
    counters_ =
        &db().define("Counter", {{"name", {.type = DataTypes::STRING(32), .unique = true}},
                                 {"hits", {.type = DataTypes::INTEGER, .defaultValue = 0}}});
    db().sync({.force = true});
    insertItems(*items_);
    Users().create({{"username", "boris"},
                    {"email", "b@x"},
                    {"password", "p"},
                    {"story", {{"title", "cheburek"}, {"content", "c1"}}}},
                   {.include = {"story"}});
    Counters().bulkCreate({{{"name", "x"}, {"hits", 1}}});
    clearLog();
  }
  Model& Users() { return models_->Users; }
  Model& Stories() { return models_->Stories; }
  Model& Items() { return *items_; }
  Model& Counters() { return *counters_; }

  // Every table, in full.
  std::vector<std::vector<std::string>> everything() {
    return {tableContents(db(), "users", "user_id"), tableContents(db(), "stories", "story_id"),
            tableContents(db(), "items", "id"), tableContents(db(), "Counters", "id")};
  }

  std::unique_ptr<SeedModels> models_;
  Model* items_ = nullptr;
  Model* counters_ = nullptr;
};

const std::regex kUuid("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

TEST_F(TransactionTest, ManagedCommitsWhenTheFunctionReturns) {
  const std::int64_t id = db().transaction([&](Transaction& t) {
    Instance made = Items().create({{"name", "kiwi"}}, {.transaction = &t});
    Items().update({{"qty", 42}}, {.where = {{"name", "kiwi"}}, .transaction = &t});
    return made.get<std::int64_t>("id");
  });
  const auto kiwi = Items().findByPk(id);
  ASSERT_TRUE(kiwi);
  EXPECT_EQ(kiwi->get<int>("qty"), 42);
  // Every statement under the transaction's id, from BEGIN to COMMIT.
  ASSERT_GE(log().size(), 4u);
  const std::string first = log().front();
  std::smatch m;
  ASSERT_TRUE(std::regex_search(first, m, kUuid)) << first;
  const std::string prefix = "Executing (" + m.str() + "): ";
  for (std::size_t i = 0; i + 1 < log().size(); ++i) {
    EXPECT_TRUE(log()[i].starts_with(prefix)) << log()[i];
  }
  EXPECT_EQ(log()[log().size() - 2], prefix + "COMMIT;");
  EXPECT_EQ(log().back().rfind("Executing (default): ", 0), 0u) << log().back();
}

TEST_F(TransactionTest, ManagedRollsBackAndRethrowsWhenTheFunctionThrows) {
  const auto before = everything();
  EXPECT_THROW(db().transaction([&](Transaction& t) {
    Items().create({{"name", "kiwi"}}, {.transaction = &t});
    Items().destroy({.where = {{"qty", Op::gt(3)}}, .transaction = &t});
    throw std::runtime_error("changed my mind");
  }),
               std::runtime_error);
  EXPECT_EQ(everything(), before);
  EXPECT_NE(log().back().find("ROLLBACK;"), std::string::npos) << log().back();
}

TEST_F(TransactionTest, UnmanagedCommitAndRollbackOnDestruction) {
  {
    Transaction t = db().transaction();
    Items().create({{"name", "kiwi"}}, {.transaction = &t});
    t.commit();
    EXPECT_TRUE(t.finished());
    EXPECT_THROW(t.commit(), Error);
    EXPECT_THROW((void)Items().count({.transaction = &t}), Error);
  }
  EXPECT_EQ(countRows(db(), "items"), 7);
  const auto before = everything();
  {
    Transaction t = db().transaction();
    Items().create({{"name", "lime"}}, {.transaction = &t});
    // Destroyed without commit: rolled back.
  }
  EXPECT_EQ(everything(), before);
  EXPECT_NE(log().back().find("ROLLBACK;"), std::string::npos);
}

TEST_F(TransactionTest, ARolledBackTransactionLeavesEveryTableAsItWas) {
  const auto before = everything();
  {
    Transaction t = db().transaction();
    Users().create({{"username", "ivan"},
                    {"email", "i@x"},
                    {"password", "p"},
                    {"story", {{"title", "borscht"}, {"content", "c"}}}},
                   {.include = {"story"}, .transaction = &t});
    Items().bulkCreate({{{"name", "m"}}, {{"name", "n"}}}, {.transaction = &t});
    Items().update({{"note", "changed"}}, {.where = Where::allRows(), .transaction = &t});
    Items().destroy({.where = {{"qty", Op::lt(5)}}, .transaction = &t});
    Items().increment("qty", {.where = Where::allRows(), .by = 3, .transaction = &t});
    Counters().upsert({{"name", "x"}, {"hits", 99}}, {.transaction = &t});
    Counters().upsert({{"name", "new"}}, {.transaction = &t});
    (void)Counters().findOrCreate({.where = {{"name", "found"}}, .transaction = &t});
    Instance boris = *Users().findByPk(1, {.transaction = &t});
    boris.update({{"email", "changed@x"}}, {.transaction = &t});
    Instance story = *Stories().findOne({.where = {{"created_by", 1}}, .transaction = &t});
    story.destroy({.transaction = &t});
    Stories().destroy({.where = Where::allRows(), .transaction = &t});
    // The transaction sees its own work.
    EXPECT_EQ(Items().count({.transaction = &t}), 6);  // 6 + 2 - banana, Apricot
    EXPECT_EQ(Counters().count({.transaction = &t}), 3);
    EXPECT_EQ(Users().count({.transaction = &t}), 2);
    t.rollback();
  }
  EXPECT_EQ(everything(), before);
}

TEST_F(TransactionTest, WorkInsideIsInvisibleOutsideUntilCommit) {
  if (target().dialect == "sqlite") GTEST_SKIP() << "one in-memory connection: no second reader";
  Transaction t = db().transaction();
  Items().create({{"name", "kiwi"}}, {.transaction = &t});
  EXPECT_EQ(Items().count({.transaction = &t}), 7);
  EXPECT_EQ(Items().count(), 6);
  t.commit();
  EXPECT_EQ(Items().count(), 7);
}

TEST_F(TransactionTest, NestedTransactionsAreSavepoints) {
  const auto before = everything();
  {
    Transaction outer = db().transaction();
    Items().create({{"name", "outer"}}, {.transaction = &outer});
    {
      Transaction inner = db().transaction({.transaction = &outer});
      EXPECT_EQ(inner.id(), outer.id());
      EXPECT_EQ(inner.parent(), &outer);
      Items().create({{"name", "rolled back"}}, {.transaction = &inner});
      inner.rollback();
    }
    db().transaction(
        [&](Transaction& inner) {
          Items().create({{"name", "kept"}}, {.transaction = &inner});
        },
        {.transaction = &outer});
    const auto names =
        Items().findAll({.where = {{"id", Op::gt(6)}}, .order = {"id"}, .transaction = &outer});
    ASSERT_EQ(names.size(), 2u);
    EXPECT_EQ(names[0].get<std::string>("name"), "outer");
    EXPECT_EQ(names[1].get<std::string>("name"), "kept");
    outer.rollback();
  }
  EXPECT_EQ(everything(), before);
  const auto sql = statements();
  const std::string savepoint = "SAVEPOINT " + quoted(db(), "");
  bool sawSavepoint = false;
  bool sawRollbackTo = false;
  for (const std::string& s : sql) {
    sawSavepoint =
        sawSavepoint || (s.starts_with("SAVEPOINT ") && s.find("-sp-1") != std::string::npos);
    sawRollbackTo = sawRollbackTo || s.starts_with("ROLLBACK TO SAVEPOINT ");
  }
  EXPECT_TRUE(sawSavepoint);
  EXPECT_TRUE(sawRollbackTo);
}

TEST_F(TransactionTest, IsolationLevelsAreSetAsSequelizeSetsThem) {
  db().transaction([&](Transaction& t) { (void)Items().count({.transaction = &t}); },
                   {.isolationLevel = IsolationLevel::READ_COMMITTED});
  const auto sql = statements();
  ASSERT_GE(sql.size(), 4u);
  if (isSqlite()) {
    EXPECT_EQ(sql[0], "BEGIN DEFERRED TRANSACTION;");
    EXPECT_EQ(sql[1], "PRAGMA read_uncommitted = OFF;");
  } else if (isPostgres()) {
    EXPECT_EQ(sql[0], "START TRANSACTION;");
    EXPECT_EQ(sql[1], "SET TRANSACTION ISOLATION LEVEL READ COMMITTED;");
  } else {
    EXPECT_EQ(sql[0], "SET TRANSACTION ISOLATION LEVEL READ COMMITTED;");
    EXPECT_EQ(sql[1], "START TRANSACTION;");
  }
  for (const IsolationLevel level :
       {IsolationLevel::READ_UNCOMMITTED, IsolationLevel::REPEATABLE_READ,
        IsolationLevel::SERIALIZABLE}) {
    db().transaction(
        [&](Transaction& t) {
          Items().create({{"name", "iso"}}, {.transaction = &t});
        },
        {.isolationLevel = level});
  }
  EXPECT_EQ(countRows(db(), "items"), 9);
}

TEST_F(TransactionTest, SerializableTransactionsOnServersDetectConflicts) {
  if (isSqlite()) GTEST_SKIP() << "SQLite transactions are serialized by its file lock";
  auto second = connect({.pool = {.max = 2}});
  Model& otherItems = defineItems(*second);
  Transaction t = db().transaction({.isolationLevel = IsolationLevel::REPEATABLE_READ});
  EXPECT_EQ(Items().count({.transaction = &t}), 6);  // the snapshot starts here
  otherItems.create({{"name", "from elsewhere"}});
  // A repeatable read keeps seeing its snapshot.
  EXPECT_EQ(Items().count({.transaction = &t}), 6);
  t.commit();
  EXPECT_EQ(Items().count(), 7);
  second->close();
}

}  // namespace
}  // namespace sequelize::test
