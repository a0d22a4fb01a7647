// findAll, findOne, findByPk, findOrCreate, findAndCountAll, count, max, min and sum, checked
// against the rows in the table (read with plain SQL).
#include <thread>

#include "query_fixture.hpp"

namespace sequelize::test {
namespace {

using Ids = std::vector<std::int64_t>;

class FindersTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    models_ = std::make_unique<SeedModels>(defineSeedModels(db()));
    items_ = &defineItems(db());
    db().sync({.force = true});
    insertItems(*items_);
    Users().create({{"username", "boris"},
                    {"email", "b@x"},
                    {"password", "p"},
                    {"story", {{"title", "cheburek"}, {"content", "c1"}}}},
                   {.include = {"story"}});
    Users().create({{"username", "ivan"},
                    {"email", "i@x"},
                    {"password", "p"},
                    {"story", {{"title", "borscht"}, {"content", "c2"}}}},
                   {.include = {"story"}});
    Users().create({{"username", "olga"}, {"email", "o@x"}, {"password", "p"}});
    clearLog();
  }
  Model& Users() { return models_->Users; }
  Model& Stories() { return models_->Stories; }
  Model& Items() { return *items_; }
  std::unique_ptr<SeedModels> models_;
  Model* items_ = nullptr;
};

TEST_F(FindersTest, FindAllFindOneFindByPkReturnWhatTheTableHolds) {
  const auto rows = Items().findAll({.order = {"id"}});
  EXPECT_EQ(idsOf(rows), idsInTable(db(), "items"));
  const QueryResult raw = db().query("SELECT name FROM items WHERE qty = 12", {.silent = true});
  const auto cherry = Items().findOne({.where = {{"qty", 12}}});
  ASSERT_TRUE(cherry);
  EXPECT_EQ(cherry->get<std::string>("name"), raw.rows.at(0).at(0).value.as<std::string>());
  EXPECT_NE(statements().back().find(" LIMIT 1"), std::string::npos);
  const auto byKey = Items().findByPk(3);
  ASSERT_TRUE(byKey);
  EXPECT_EQ(byKey->get<std::string>("name"), "cherry");
  EXPECT_FALSE(byKey->isNewRecord());
  EXPECT_FALSE(Items().findByPk(99));
  EXPECT_FALSE(Items().findByPk(nullptr));
  EXPECT_FALSE(Items().findOne({.where = {{"name", "durian"}}}));
}

TEST_F(FindersTest, FindOrCreateFindsAnExistingRow) {
  const auto before = tableContents(db(), "items", "id");
  auto [item, created] =
      Items().findOrCreate({.where = {{"name", "cherry"}}, .defaults = {{"qty", 1}}});
  EXPECT_FALSE(created);
  EXPECT_EQ(item.get<int>("id"), 3);
  EXPECT_EQ(item.get<int>("qty"), 12);
  EXPECT_EQ(tableContents(db(), "items", "id"), before);
  // As Sequelize: in a transaction of its own, logged under its id.
  const auto sql = statements();
  ASSERT_GE(sql.size(), 3u);
  EXPECT_NE(log().front().find("Executing ("), std::string::npos);
  EXPECT_EQ(log().front().find("(default)"), std::string::npos) << log().front();
}

TEST_F(FindersTest, FindOrCreateCreatesFromWhereAndDefaults) {
  auto [item, created] = Items().findOrCreate({.where = {{"name", "durian"}, {"qty", Op::gt(100)}},
                                               .defaults = {{"qty", 101}, {"note", "smelly"}}});
  EXPECT_TRUE(created);
  EXPECT_FALSE(item.isNewRecord());
  const auto row = db().query("SELECT name, qty, note FROM items WHERE id = " +
                                  std::to_string(item.get<std::int64_t>("id")),
                              {.silent = true});
  ASSERT_EQ(row.rows.size(), 1u);
  EXPECT_EQ(row.rows[0][0].value.as<std::string>(), "durian");
  EXPECT_EQ(row.rows[0][1].value.as<int>(), 101);
  EXPECT_EQ(row.rows[0][2].value.as<std::string>(), "smelly");
  // A second call finds it.
  auto [again, createdAgain] = Items().findOrCreate({.where = {{"name", "durian"}}});
  EXPECT_FALSE(createdAgain);
  EXPECT_EQ(again.get("id"), item.get("id"));
  EXPECT_EQ(idsInTable(db(), "items").size(), 7u);
  EXPECT_THROW(Items().findOrCreate({}), Error);
}

TEST_F(FindersTest, FindOrCreateInsideACallersTransactionUsesASavepoint) {
  const auto before = tableContents(db(), "items", "id");
  {
    Transaction t = db().transaction();
    auto [item, created] =
        Items().findOrCreate({.where = {{"name", "elderberry"}}, .transaction = &t});
    EXPECT_TRUE(created);
    EXPECT_EQ(Items().count({.where = {{"name", "elderberry"}}, .transaction = &t}), 1);
    bool sawSavepoint = false;
    for (const std::string& s : statements())
      sawSavepoint = sawSavepoint || s.starts_with("SAVEPOINT");
    EXPECT_TRUE(sawSavepoint);
    t.rollback();
  }
  EXPECT_EQ(tableContents(db(), "items", "id"), before);
}

TEST_F(FindersTest, FindOrCreateIsRaceSafe) {
  if (target().dialect == "sqlite") GTEST_SKIP() << "one in-memory connection: no concurrency";
  // A unique name: concurrent creators collide, and every one must come back with the row.
  db().query("CREATE UNIQUE INDEX items_name_unique ON " + quoted(db(), "items") + " (" +
             quoted(db(), "name") + ")");
  auto shared = connect({.pool = {.max = 8}});
  Model& items = defineItems(*shared);
  constexpr int kThreads = 6;
  std::vector<std::int64_t> ids(kThreads, 0);
  std::vector<int> created(kThreads, 0);
  std::vector<std::string> failures(kThreads);
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      try {
        auto [row, made] =
            items.findOrCreate({.where = {{"name", "fig"}}, .defaults = {{"qty", i}}});
        ids[static_cast<std::size_t>(i)] = row.get<std::int64_t>("id");
        created[static_cast<std::size_t>(i)] = made ? 1 : 0;
      } catch (const std::exception& e) {
        failures[static_cast<std::size_t>(i)] = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const std::string& f : failures) EXPECT_EQ(f, "");
  EXPECT_EQ(std::count(created.begin(), created.end(), 1), 1);
  for (const std::int64_t id : ids) EXPECT_EQ(id, ids[0]);
  EXPECT_EQ(countRows(db(), "items"), 7);
  shared->close();
}

TEST_F(FindersTest, FindAndCountAllCountsParentsNotJoinedRows) {
  // A second story for boris: the join now has four rows for three users.
  db().query("INSERT INTO " + quoted(db(), "stories") + " (" + quoted(db(), "created_by") + ", " +
                 quoted(db(), "title") + ", " + quoted(db(), "content") + ", " +
                 quoted(db(), "created_at") + ", " + quoted(db(), "updated_at") +
                 ") VALUES (1, 'pelmeni', 'c3', '2020-01-01 00:00:00', '2020-01-01 00:00:00')",
             {.silent = true});
  const auto result = Users().findAndCountAll({.include = {"story"}, .limit = 2});
  EXPECT_EQ(result.count, countRows(db(), "users"));
  EXPECT_EQ(result.count, 3);
  EXPECT_EQ(result.rows.size(), 2u);
  EXPECT_NE(statements().at(0).find("count(DISTINCT("), std::string::npos) << statements().at(0);
  const auto filtered = Users().findAndCountAll(
      {.where = {{"$story.title$", Op::ne(nullptr)}}, .include = {"story"}});
  EXPECT_EQ(filtered.count, 2);
  const auto plain = Items().findAndCountAll(
      {.where = {{"qty", Op::gt(4)}}, .order = {"id"}, .limit = 1, .offset = 1});
  EXPECT_EQ(plain.count, 4);
  ASSERT_EQ(plain.rows.size(), 1u);
  EXPECT_EQ(plain.rows[0].get<int>("id"), 3);
}

TEST_F(FindersTest, CountMaxMinSum) {
  EXPECT_EQ(Items().count(), countRows(db(), "items"));
  EXPECT_EQ(Items().count({.where = {{"active", true}}}), 3);
  EXPECT_EQ(Items().count({.col = "note"}), 5);  // COUNT(note) skips the null
  EXPECT_EQ(Items().count({.col = "active", .distinct = true}), 2);
  EXPECT_EQ(statements().front(), "SELECT count(*) AS " + quoted(db(), "count") + " FROM " +
                                      quoted(db(), "items") + " AS " + quoted(db(), "Item") + ";");
  // Each aggregate agrees with the same aggregate in plain SQL.
  const QueryResult raw =
      db().query("SELECT MAX(qty), MIN(qty), SUM(qty), SUM(price) FROM items", {.silent = true});
  EXPECT_EQ(Items().max("qty").as<std::int64_t>(), raw.rows.at(0).at(0).value.as<std::int64_t>());
  EXPECT_EQ(Items().min("qty").as<std::int64_t>(), raw.rows.at(0).at(1).value.as<std::int64_t>());
  EXPECT_EQ(Items().sum("qty").as<std::int64_t>(), raw.rows.at(0).at(2).value.as<std::int64_t>());
  EXPECT_DOUBLE_EQ(Items().sum("price").as<double>(), raw.rows.at(0).at(3).value.as<double>());
  EXPECT_EQ(Items().max("qty").as<int>(), 12);
  EXPECT_EQ(Items().min("qty").as<int>(), 0);
  EXPECT_EQ(Items().sum("qty").as<int>(), 36);
  EXPECT_EQ(Items().sum("qty", {.where = {{"active", true}}}).as<int>(), 26);
  EXPECT_DOUBLE_EQ(Items().sum("price").as<double>(), 11.75);
  EXPECT_TRUE(Items().max("qty", {.where = {{"id", 99}}}).isNull());
  EXPECT_TRUE(Items().sum("qty", {.where = {{"id", 99}}}).isNull());
  // Dates come back as dates.
  EXPECT_EQ(Users().max("created_at").kind(), ValueKind::Date);
  EXPECT_EQ(Users().count({.where = {{"$story.title$", "borscht"}}, .include = {"story"}}), 1);
  EXPECT_THROW((void)Items().max("nope"), Error);
}

}  // namespace
}  // namespace sequelize::test
