// bulkCreate, static update / destroy / increment / decrement, and upsert: what each returns
// and what the table holds afterwards (read with plain SQL).
#include "query_fixture.hpp"

namespace sequelize::test {
namespace {

using Ids = std::vector<std::int64_t>;

class WritersTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    items_ = &defineItems(db());
    counters_ =
        &db().define("Counter", {
                                    {"name", {.type = DataTypes::STRING(32), .unique = true}},
                                    {"hits", {.type = DataTypes::INTEGER, .defaultValue = 0}},
                                    {"score", DataTypes::DOUBLE},
                                });
    db().sync({.force = true});
    clearLog();
  }
  Model& Items() { return *items_; }
  Model& Counters() { return *counters_; }

  // name -> hits, read with plain SQL.
  std::vector<std::pair<std::string, std::int64_t>> counterRows() {
    const QueryResult r =
        db().query("SELECT " + quoted(db(), "name") + ", " + quoted(db(), "hits") + " FROM " +
                       quoted(db(), "Counters") + " ORDER BY " + quoted(db(), "name"),
                   {.silent = true});
    std::vector<std::pair<std::string, std::int64_t>> out;
    for (const Values& row : r.rows) {
      out.emplace_back(row.at(0).value.as<std::string>(), row.at(1).value.as<std::int64_t>());
    }
    return out;
  }

  Model* items_ = nullptr;
  Model* counters_ = nullptr;
};

using Rows = std::vector<std::pair<std::string, std::int64_t>>;

TEST_F(WritersTest, BulkCreateInsertsEveryRowAndReadsBackTheKeys) {
  insertItems(Items());
  const auto rows = Items().findAll({.order = {"id"}});
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(idsInTable(db(), "items"), (Ids{1, 2, 3, 4, 5, 6}));
  const auto created =
      Items().bulkCreate({{{"name", "x"}, {"qty", 1}}, {{"name", "y"}}, {{"name", "z"}}});
  ASSERT_EQ(created.size(), 3u);
  EXPECT_EQ(created[0].get<int>("id"), 7);
  EXPECT_EQ(created[2].get<int>("id"), 9);
  EXPECT_FALSE(created[0].isNewRecord());
  EXPECT_TRUE(created[0].changed().empty());
  const auto y = Items().findByPk(8);
  ASSERT_TRUE(y);
  EXPECT_EQ(y->get<std::string>("name"), "y");
  EXPECT_TRUE(y->get("qty").isNull());
  // One statement, every value bound.
  ASSERT_EQ(statements().size(), 4u);
  EXPECT_TRUE(statements()[2].starts_with("INSERT INTO " + quoted(db(), "items")))
      << statements()[2];
  EXPECT_EQ(statements()[2].find("'x'"), std::string::npos) << statements()[2];
  EXPECT_TRUE(Items().bulkCreate({}).empty());
}

TEST_F(WritersTest, BulkCreateOfAVectorKeepsItAndOfAMovedOneTakesItsValues) {
  const std::vector<Values> kept = {{{"name", "a long name, past what a value holds inline"}},
                                    {{"name", "b"}, {"qty", 2}}};
  const auto fromCopy = Items().bulkCreate(kept);
  EXPECT_EQ(kept[0][0].value.as<std::string>(), "a long name, past what a value holds inline");
  EXPECT_EQ(kept[1][1].value.as<int>(), 2);
  std::vector<Values> given = kept;
  // A key given twice: the second value wins, as when the same record is built.
  given.push_back({{"name", "c"}, {"qty", 3}, {"qty", 4}});
  const auto fromMove = Items().bulkCreate(std::move(given));
  ASSERT_EQ(fromMove.size(), 3u);
  EXPECT_EQ(fromCopy[0].get<std::string>("name"), fromMove[0].get<std::string>("name"));
  EXPECT_EQ(fromMove[1].get<int>("qty"), 2);
  EXPECT_EQ(fromMove[2].get<int>("qty"), 4);
  EXPECT_TRUE(fromMove[2].changed().empty());
  EXPECT_EQ(fromMove[2].keys(), (std::vector<std::string>{"id", "name", "qty"}));
  const auto stored = Items().findAll({.where = {{"name", "c"}}});
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].get<int>("qty"), 4);
  EXPECT_EQ(countRows(db(), "items"), 5);
}

TEST_F(WritersTest, BulkCreateSetsTimestampsAndDefaults) {
  const auto made = Counters().bulkCreate({{{"name", "a"}}, {{"name", "b"}, {"hits", 4}}});
  EXPECT_EQ(made[0].get<int>("hits"), 0);
  EXPECT_EQ(made[0].get("createdAt").kind(), ValueKind::Date);
  EXPECT_EQ(counterRows(), (Rows{{"a", 0}, {"b", 4}}));
  EXPECT_EQ(countRows(db(), "Counters"), 2);
  const QueryResult stamps = db().query(
      "SELECT COUNT(*) FROM " + quoted(db(), "Counters") + " WHERE " + quoted(db(), "createdAt") +
          " IS NOT NULL AND " + quoted(db(), "updatedAt") + " IS NOT NULL",
      {.silent = true});
  EXPECT_EQ(stamps.rows.at(0).at(0).value.as<int>(), 2);
}

TEST_F(WritersTest, BulkCreateValidatesWhenAskedAndThenWritesNothing) {
  try {
    Items().bulkCreate({{{"name", "ok"}}, {{"qty", 1}}, {{"name", nullptr}}}, {.validate = true});
    FAIL() << "expected AggregateError";
  } catch (const AggregateError& e) {
    EXPECT_EQ(e.name(), "AggregateError");
    ASSERT_EQ(e.errors().size(), 2u);
    EXPECT_EQ(e.errors()[0].name(), "SequelizeBulkRecordError");
    EXPECT_EQ(e.errors()[0].index(), 1u);
    EXPECT_EQ(e.errors()[1].index(), 2u);
    EXPECT_EQ(std::string(e.errors()[0].message()), "notNull Violation: Item.name cannot be null");
    EXPECT_EQ(e.errors()[0].errors().errors().at(0).path, "name");
    EXPECT_EQ(
        std::string(e.what()),
        "AggregateError of:\n  SequelizeBulkRecordError: notNull Violation: Item.name cannot be "
        "null\n  SequelizeBulkRecordError: notNull Violation: Item.name cannot be null\n");
  }
  EXPECT_TRUE(statements().empty());
  EXPECT_EQ(countRows(db(), "items"), 0);
  // Without validate the database refuses the row, and the statement is all or nothing.
  EXPECT_THROW(Items().bulkCreate({{{"name", "ok"}}, {{"qty", 1}}}), DatabaseError);
  EXPECT_EQ(countRows(db(), "items"), 0);
}

TEST_F(WritersTest, BulkCreateIgnoreDuplicates) {
  Counters().bulkCreate({{{"name", "x"}, {"hits", 1}}});
  const auto made = Counters().bulkCreate(
      {{{"name", "x"}, {"hits", 2}}, {{"name", "y"}, {"hits", 3}}, {{"name", "x"}, {"hits", 4}}},
      {.ignoreDuplicates = true});
  EXPECT_EQ(made.size(), 3u);
  EXPECT_EQ(counterRows(), (Rows{{"x", 1}, {"y", 3}}));
  // Which rows were skipped is not known: no key is guessed.
  for (const Instance& i : made) EXPECT_TRUE(i.get("id").isNullish()) << i.toJSON();
}

TEST_F(WritersTest, BulkCreateUpdateOnDuplicate) {
  Counters().bulkCreate({{{"name", "x"}, {"hits", 1}, {"score", 0.5}}});
  const auto made = Counters().bulkCreate(
      {{{"name", "x"}, {"hits", 5}, {"score", 9.0}}, {{"name", "z"}, {"hits", 7}}},
      {.updateOnDuplicate = {"hits"}});
  ASSERT_EQ(made.size(), 2u);
  EXPECT_EQ(counterRows(), (Rows{{"x", 5}, {"z", 7}}));
  // Only hits changed on the existing row.
  const auto x = Counters().findOne({.where = {{"name", "x"}}});
  EXPECT_DOUBLE_EQ(x->get<double>("score"), 0.5);
  EXPECT_EQ(x->get<int>("id"), 1);
  if (db().dialect().capabilities().returning) {
    // RETURNING reports the existing row's key for the updated row.
    EXPECT_EQ(made[0].get<int>("id"), 1);
  }
  EXPECT_THROW(Counters().bulkCreate({{{"name", "x"}}}, {.updateOnDuplicate = {"nope"}}), Error);
}

TEST_F(WritersTest, BulkCreateSplitsIntoChunksAndStaysAtomic) {
  const auto& caps = db().dialect().capabilities();
  const int limit = std::min(caps.maxBoundParameters, caps.bulkInsertParameters);
  // Items write six columns: enough rows for three statements.
  const std::size_t count = static_cast<std::size_t>(limit / 6) * 2 + 10;
  std::vector<Values> records;
  for (std::size_t i = 0; i < count; ++i) {
    records.push_back({{"name", "n" + std::to_string(i)},
                       {"qty", static_cast<int>(i)},
                       {"price", 1.0},
                       {"active", true},
                       {"note", "x"}});
  }
  const auto made = Items().bulkCreate(records);
  EXPECT_EQ(countRows(db(), "items"), static_cast<std::int64_t>(count));
  EXPECT_EQ(made.back().get<std::int64_t>("id"), static_cast<std::int64_t>(count));
  std::size_t inserts = 0;
  for (const std::string& s : statements())
    if (s.starts_with("INSERT")) ++inserts;
  EXPECT_EQ(inserts, 3u);

  // The last chunk fails: nothing of the earlier chunks stays.
  const auto before = countRows(db(), "items");
  records.back() = Values{{"qty", 1}};  // name is NOT NULL
  EXPECT_THROW(Items().bulkCreate(records), DatabaseError);
  EXPECT_EQ(countRows(db(), "items"), before);
}

TEST_F(WritersTest, StaticUpdateReturnsTheCountAndChangesOnlyMatchingRows) {
  insertItems(Items());
  const auto before = tableContents(db(), "items", "id");
  const std::int64_t n = Items().update({{"qty", 100}}, {.where = {{"active", true}}});
  EXPECT_EQ(n, 3);
  const QueryResult r =
      db().query("SELECT id FROM items WHERE qty = 100 ORDER BY id", {.silent = true});
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[0][0].value.as<int>(), 1);
  EXPECT_EQ(r.rows[2][0].value.as<int>(), 6);
  EXPECT_EQ(Items().update({{"qty", 1}}, {.where = {{"name", "nope"}}}), 0);
  // As Sequelize: bare column names in the WHERE of an UPDATE, values bound.
  EXPECT_EQ(statements().at(2), "UPDATE " + quoted(db(), "items") + " SET " + quoted(db(), "qty") +
                                    "=" + (isMariadb() ? "?" : "$1") + " WHERE " +
                                    quoted(db(), "name") + " = " + (isMariadb() ? "?" : "$2"));
  // A where is required; Where::allRows() says "every row".
  EXPECT_THROW(Items().update({{"qty", 1}}, {}), Error);
  EXPECT_EQ(Items().update({{"note", "all"}}, {.where = Where::allRows()}), 6);
  EXPECT_EQ(db().query("SELECT COUNT(*) FROM items WHERE note = 'all'", {.silent = true})
                .rows[0][0]
                .value.as<int>(),
            6);
  EXPECT_NE(tableContents(db(), "items", "id"), before);
  EXPECT_THROW(Items().update({{"nope", 1}}, {.where = Where::allRows()}), Error);
}

TEST_F(WritersTest, StaticUpdateValidatesAndStampsUpdatedAt) {
  Counters().bulkCreate({{{"name", "x"}}});
  const Date before = Counters().findByPk(1)->get<Date>("updatedAt");
  EXPECT_EQ(Counters().update({{"hits", 3}}, {.where = {{"name", "x"}}}), 1);
  const auto x = Counters().findByPk(1);
  EXPECT_EQ(x->get<int>("hits"), 3);
  EXPECT_GE(x->get<Date>("updatedAt"), before);
  clearLog();
  Counters().update({{"hits", 4}}, {.where = {{"name", "x"}}, .silent = true});
  EXPECT_EQ(statements().back().find("updatedAt"), std::string::npos) << statements().back();

  Model& Checked = db().define(
      "Checked", {{"code", {.type = DataTypes::STRING, .validate = {.len = Length{2, 4}}}}});
  Checked.sync();
  Checked.bulkCreate({{{"code", "ab"}}});
  clearLog();
  const std::vector<std::string> valid = tableContents(db(), Checked.tableName(), "id");
  EXPECT_THROW(Checked.update({{"code", "toolong"}}, {.where = Where::allRows()}), ValidationError);
  EXPECT_TRUE(statements().empty());
  EXPECT_EQ(tableContents(db(), Checked.tableName(), "id"), valid);
  EXPECT_EQ(Checked.update({{"code", "toolong"}}, {.where = Where::allRows(), .validate = false}),
            1);
  const QueryResult codes =
      db().query("SELECT " + quoted(db(), "code") + " FROM " + quoted(db(), Checked.tableName()),
                 {.silent = true});
  ASSERT_EQ(codes.rows.size(), 1u);
  EXPECT_EQ(codes.rows[0].at(0).value.as<std::string>(), "toolong");
}

TEST_F(WritersTest, StaticDestroyNeedsAWhereOrTruncate) {
  insertItems(Items());
  EXPECT_THROW(Items().destroy({}), Error);
  EXPECT_EQ(countRows(db(), "items"), 6);
  EXPECT_EQ(Items().destroy({.where = {{"qty", Op::lt(5)}}}), 2);
  EXPECT_EQ(idsInTable(db(), "items"), (Ids{1, 3, 4, 6}));
  EXPECT_EQ(Items().destroy({.where = {{"qty", Op::lt(5)}}}), 0);
  EXPECT_EQ(Items().destroy({.where = Where::allRows()}), 4);
  EXPECT_EQ(countRows(db(), "items"), 0);
  insertItems(Items());
  clearLog();
  Items().destroy({.truncate = true});
  EXPECT_EQ(countRows(db(), "items"), 0);
  const std::string expected =
      isSqlite() ? "DELETE FROM " + quoted(db(), "items") : "TRUNCATE " + quoted(db(), "items");
  EXPECT_EQ(statements().at(0), expected);
}

TEST_F(WritersTest, TruncateInsideATransactionRollsBack) {
  insertItems(Items());
  const auto before = tableContents(db(), "items", "id");
  {
    Transaction t = db().transaction();
    Items().destroy({.truncate = true, .transaction = &t});
    EXPECT_EQ(idsInTable(db(), "items", "id", &t), Ids{});
    t.rollback();
  }
  EXPECT_EQ(tableContents(db(), "items", "id"), before);
}

TEST_F(WritersTest, IncrementAndDecrement) {
  Counters().bulkCreate(
      {{{"name", "x"}, {"hits", 1}, {"score", 1.0}}, {{"name", "y"}, {"hits", 10}}});
  EXPECT_EQ(Counters().increment("hits", {.where = {{"name", "x"}}}), 1);
  EXPECT_EQ(counterRows(), (Rows{{"x", 2}, {"y", 10}}));
  Counters().increment("hits", {.where = Where::allRows(), .by = 5});
  EXPECT_EQ(counterRows(), (Rows{{"x", 7}, {"y", 15}}));
  Counters().decrement("hits", {.where = {{"name", "y"}}, .by = 3});
  EXPECT_EQ(counterRows(), (Rows{{"x", 7}, {"y", 12}}));
  Counters().increment({{"hits", 2}, {"score", 0.5}}, {.where = {{"name", "x"}}});
  const std::string sql = statements().back();
  EXPECT_EQ(counterRows(), (Rows{{"x", 9}, {"y", 12}}));
  EXPECT_DOUBLE_EQ(Counters().findOne({.where = {{"name", "x"}}})->get<double>("score"), 1.5);
  EXPECT_NE(sql.find(quoted(db(), "hits") + "=" + quoted(db(), "hits") + "+ "), std::string::npos)
      << sql;
  EXPECT_THROW(Counters().increment("hits", {}), Error);
  EXPECT_THROW(Counters().increment("nope", {.where = Where::allRows()}), Error);
  EXPECT_THROW(Counters().increment({{"hits", "two"}}, {.where = Where::allRows()}), Error);
}

TEST_F(WritersTest, UpsertInsertsThenUpdates) {
  auto [first, created] = Counters().upsert({{"name", "u"}, {"hits", 1}});
  EXPECT_EQ(counterRows(), (Rows{{"u", 1}}));
  EXPECT_FALSE(first.isNewRecord());
  if (isMariadb()) {
    ASSERT_TRUE(created);
    EXPECT_TRUE(*created);
  } else {
    EXPECT_FALSE(created);  // as Sequelize: the database does not say
  }
  // The same unique name: the row is updated, not duplicated.
  auto [second, created2] = Counters().upsert({{"name", "u"}, {"hits", 50}});
  EXPECT_EQ(counterRows(), (Rows{{"u", 50}}));
  if (isMariadb()) {
    EXPECT_FALSE(*created2);
  }
  if (db().dialect().capabilities().returning) {
    EXPECT_EQ(second.get<int>("id"), 1);
  }
  // By primary key.
  Counters().upsert({{"id", 1}, {"name", "renamed"}, {"hits", 2}});
  EXPECT_EQ(counterRows(), (Rows{{"renamed", 2}}));
  EXPECT_EQ(countRows(db(), "Counters"), 1);
  const std::string sql = statements().back();
  EXPECT_EQ(sql.find("renamed"), std::string::npos) << sql;
}

// As SQLite, PostgreSQL and Sequelize (whose MariaDB connector asks for found rows): the rows the
// where matched, whether or not their values change.
TEST_F(WritersTest, StaticUpdateCountsTheRowsItMatchedEvenWhenTheyAlreadyHoldTheValues) {
  Counters().bulkCreate(
      {{{"name", "a"}, {"hits", 1}}, {{"name", "b"}, {"hits", 1}}, {{"name", "c"}, {"hits", 2}}});
  // silent: updatedAt is left alone, so nothing at all changes in these rows.
  EXPECT_EQ(Counters().update({{"hits", 1}}, {.where = {{"hits", 1}}, .silent = true}), 2);
  EXPECT_EQ(
      Counters().update({{"hits", 2}}, {.where = {{"name", Op::in({"a", "c"})}}, .silent = true}),
      2);
  EXPECT_EQ(counterRows(), (Rows{{"a", 2}, {"b", 1}, {"c", 2}}));
  EXPECT_EQ(Counters().increment("hits", {.where = Where::allRows(), .by = 0, .silent = true}), 3);
  const std::string hits = quoted(db(), "hits");
  EXPECT_EQ(
      db().query("UPDATE " + quoted(db(), "Counters") + " SET " + hits + " = " + hits).affectedRows,
      3);
  EXPECT_EQ(counterRows(), (Rows{{"a", 2}, {"b", 1}, {"c", 2}}));
}

// An upsert that finds its row already holding the values is not an insert. MariaDB counts it 1,
// as it counts an insert (with found rows); an insert also reports its auto-increment id.
TEST_F(WritersTest, UpsertTellsAnInsertFromADuplicateLeftAsItWas) {
  Model& Plain = db().define(
      "Plain",
      {{"name", {.type = DataTypes::STRING(32), .unique = true}}, {"hits", DataTypes::INTEGER}},
      {.timestamps = false});
  Model& Keyed = db().define(
      "Keyed",
      {{"code", {.type = DataTypes::STRING(8), .primaryKey = true}}, {"n", DataTypes::INTEGER}},
      {.timestamps = false});
  db().sync();
  const auto inserted = Plain.upsert({{"name", "u"}, {"hits", 1}}).second;
  const auto unchanged = Plain.upsert({{"name", "u"}, {"hits", 1}}).second;
  const auto updated = Plain.upsert({{"name", "u"}, {"hits", 2}}).second;
  EXPECT_EQ(countRows(db(), "Plains"), 1);
  if (isMariadb()) {
    EXPECT_EQ(inserted, std::optional<bool>(true));
    EXPECT_EQ(unchanged, std::optional<bool>(false));
    EXPECT_EQ(updated, std::optional<bool>(false));
  } else {
    EXPECT_FALSE(inserted || unchanged || updated);  // the database does not say
  }
  // Without an auto-increment column nothing tells those two apart: not known.
  const auto keyedInsert = Keyed.upsert({{"code", "k"}, {"n", 1}}).second;
  const auto keyedUnchanged = Keyed.upsert({{"code", "k"}, {"n", 1}}).second;
  const auto keyedUpdate = Keyed.upsert({{"code", "k"}, {"n", 2}}).second;
  EXPECT_FALSE(keyedInsert);
  EXPECT_FALSE(keyedUnchanged);
  if (isMariadb()) {
    EXPECT_EQ(keyedUpdate, std::optional<bool>(false));
  } else {
    EXPECT_FALSE(keyedUpdate);
  }
  EXPECT_EQ(countRows(db(), "Keyeds"), 1);
}

TEST_F(WritersTest, UpsertValidates) {
  Model& Checked = db().define(
      "Checked",
      {{"code", {.type = DataTypes::STRING, .unique = true, .validate = {.isInt = true}}}});
  Checked.sync();
  clearLog();
  EXPECT_THROW(Checked.upsert({{"code", "abc"}}), ValidationError);
  EXPECT_TRUE(statements().empty());
  EXPECT_EQ(countRows(db(), "Checkeds"), 0);
}

}  // namespace
}  // namespace sequelize::test
