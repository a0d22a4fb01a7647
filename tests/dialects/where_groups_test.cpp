// Groups of a where that are empty or deep. An empty Op.or matches no row (Sequelize's `0 = 1`),
// NOT of nothing matches no row, an empty Op.and every row, and these fold through AND, OR and
// NOT in every kind of statement: finders (with and without the cached plain plan), count and
// the other aggregates, update, destroy, increment, and the ON of an include. update, destroy
// and increment judge what their where compiles to. Groups nest at most Where::kMaxDepth levels.
#include "association_fixture.hpp"
#include "query_fixture.hpp"

namespace sequelize::test {
namespace {

using Ids = std::vector<std::int64_t>;

const Ids kAll{1, 2, 3, 4, 5, 6};

class WhereGroupsTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    items_ = &defineItems(db());
    db().sync({.force = true});
    insertItems(*items_);
    clearLog();
  }
  Model& Items() { return *items_; }

  // The rows each path selects, and what each writer changes, read back with plain SQL (the
  // writers' work is rolled back).
  void expectMatches(const Where& where, const Ids& expected) {
    SCOPED_TRACE(::testing::Message() << "expecting " << ::testing::PrintToString(expected));
    EXPECT_EQ(idsOf(Items().findAll({.where = where})), expected);  // the cached plain plan
    EXPECT_EQ(idsOf(Items().findAll({.where = where, .order = {"id"}})), expected);  // planned
    EXPECT_EQ(Items().count({.where = where}), static_cast<std::int64_t>(expected.size()));
    const Value max = Items().max("id", {.where = where});
    if (expected.empty()) {
      EXPECT_TRUE(max.isNullish());
    } else {
      EXPECT_EQ(max.as<std::int64_t>(), expected.back());
    }
    const std::vector<std::string> before = tableContents(db(), "items", "id");
    {
      Transaction t = db().transaction();
      EXPECT_EQ(Items().update({{"note", "changed"}}, {.where = where, .transaction = &t}),
                static_cast<std::int64_t>(expected.size()));
      EXPECT_EQ(changedNotes(&t), expected);
      t.rollback();
    }
    {
      Transaction t = db().transaction();
      EXPECT_EQ(Items().increment("qty", {.where = where, .by = 1000, .transaction = &t}),
                static_cast<std::int64_t>(expected.size()));
      EXPECT_EQ(idsWhere("qty >= 1000", &t), expected);
      t.rollback();
    }
    {
      Transaction t = db().transaction();
      const std::int64_t removed = Items().destroy({.where = where, .transaction = &t});
      EXPECT_EQ(removed, static_cast<std::int64_t>(expected.size()));
      Ids gone;
      const Ids all{1, 2, 3, 4, 5, 6};
      const Ids left = idsInTable(db(), "items", "id", &t);
      std::set_difference(all.begin(), all.end(), left.begin(), left.end(),
                          std::back_inserter(gone));
      EXPECT_EQ(gone, expected);
      t.rollback();
    }
    EXPECT_EQ(tableContents(db(), "items", "id"), before);
  }

  // A where that compiles to every row: the finders return every row, and update, destroy and
  // increment refuse it as they refuse no where at all (Where::allRows() says it on purpose).
  void expectEveryRow(const Where& where) {
    EXPECT_EQ(idsOf(Items().findAll({.where = where})), kAll);
    EXPECT_EQ(idsOf(Items().findAll({.where = where, .order = {"id"}})), kAll);
    EXPECT_EQ(Items().count({.where = where}), 6);
    EXPECT_THROW(Items().update({{"note", "changed"}}, {.where = where}), Error);
    EXPECT_THROW(Items().increment("qty", {.where = where}), Error);
    EXPECT_THROW(Items().destroy({.where = where}), Error);
    EXPECT_EQ(idsInTable(db(), "items"), kAll);
  }

  Ids changedNotes(Transaction* t) { return idsWhere(quoted(db(), "note") + " = 'changed'", t); }
  Ids idsWhere(const std::string& condition, Transaction* t) {
    const QueryResult r =
        db().query("SELECT " + quoted(db(), "id") + " FROM " + quoted(db(), "items") + " WHERE " +
                       condition + " ORDER BY " + quoted(db(), "id"),
                   {.transaction = t, .silent = true});
    Ids ids;
    for (const Values& row : r.rows) ids.push_back(row.at(0).value.as<std::int64_t>());
    return ids;
  }

  Model* items_ = nullptr;
};

TEST_F(WhereGroupsTest, AnEmptyOrMatchesNoRow) {
  expectMatches(Op::or_({}), {});
  expectMatches({Op::or_({})}, {});
  // Written as Sequelize writes it.
  clearLog();
  (void)Items().findAll({.where = Op::or_({})});
  EXPECT_EQ(statements().back(),
            dialectSql(db(),
                       "SELECT `id`, `name`, `qty`, `price`, `active`, `note` FROM `items` "
                       "AS `Item` WHERE 0 = 1;"));
  EXPECT_EQ(Items().destroy({.where = Op::or_({})}), 0);
  EXPECT_EQ(statements().back(), dialectSql(db(), "DELETE FROM `items` WHERE 0 = 1"));
  EXPECT_EQ(idsInTable(db(), "items"), kAll);
}

TEST_F(WhereGroupsTest, NotOfNothingMatchesNoRowAndNotOfNoRowMatchesEveryRow) {
  expectMatches(Op::notWhere(Where()), {});
  expectMatches(Op::notWhere(Op::and_({})), {});
  expectMatches(Op::notWhere({{"qty", Op::notIn({})}}), {});  // NOT IN () excludes nothing
  expectEveryRow(Op::notWhere(Op::or_({})));
  expectMatches({{"qty", Op::gt(5)}, Op::notWhere(Op::or_({}))}, {3, 4, 6});
}

TEST_F(WhereGroupsTest, ConstantsFoldThroughAndOrAndNot) {
  const Where none = Op::or_({});
  const Where big = {{"qty", Op::gt(5)}};
  // AND with a group that matches nothing matches nothing.
  expectMatches(Op::and_({none}), {});
  expectMatches(Op::and_({big, none}), {});
  expectMatches({big, none}, {});
  // OR: a group that matches nothing adds nothing; one that matches everything decides.
  expectMatches(Op::or_({big, none}), {3, 4, 6});
  expectMatches(Op::or_({none, Op::or_({none})}), {});
  expectEveryRow(Op::or_({big, Where()}));
  expectEveryRow(Op::or_({big, Op::notWhere(none)}));
  // Deeper: NOT (qty > 5 AND NOT (nothing)) is NOT (qty > 5).
  expectMatches(Op::notWhere(Op::and_({big, Op::notWhere(none)})), {1, 2, 5});
  expectMatches(Op::notWhere(Op::or_({Op::and_({none}), big})), {1, 2, 5});
  // Op.in of nothing is Sequelize's IN (NULL): no row, and NOT of it no row either (null).
  expectMatches({{"qty", Op::in({})}}, {});
  expectMatches(Op::notWhere({{"qty", Op::in({})}}), {});
  expectMatches({{"qty", Op::notIn({})}, {"qty", Op::lt(3)}}, {2});
}

TEST_F(WhereGroupsTest, TheWriterGuardJudgesWhatTheWhereCompilesTo) {
  // A where that compiles to "no row" is a where: legal, and nothing is touched.
  EXPECT_EQ(Items().destroy({.where = Op::and_({Op::or_({})})}), 0);
  EXPECT_EQ(Items().update({{"qty", 1}}, {.where = Op::and_({Op::or_({})})}), 0);
  EXPECT_EQ(Items().increment("qty", {.where = Op::or_({})}), 0);
  EXPECT_EQ(idsInTable(db(), "items"), kAll);
  EXPECT_TRUE(idsWhere("qty = 1 OR qty > 12", nullptr).empty());
  // Wheres that compile to "every row" without saying so are refused before any SQL, like no
  // where at all.
  clearLog();
  for (const Where& everything :
       {Where(), Op::and_({}), Op::notWhere(Op::or_({})), Where{{"qty", Op::notIn({})}},
        Op::or_({{{"qty", 1}}, Where()}), Op::and_({Where::allRows()})}) {
    EXPECT_THROW(Items().destroy({.where = everything}), Error);
    EXPECT_THROW(Items().update({{"qty", 1}}, {.where = everything}), Error);
    EXPECT_THROW(Items().increment("qty", {.where = everything}), Error);
    EXPECT_THROW(Items().decrement("qty", {.where = everything}), Error);
  }
  EXPECT_TRUE(statements().empty());
  try {
    Items().destroy({.where = Op::notWhere(Op::or_({}))});
    ADD_FAILURE() << "expected an Error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("Where::allRows()"), std::string::npos) << e.what();
  }
  EXPECT_EQ(idsInTable(db(), "items"), kAll);
  // Said on purpose, every row.
  EXPECT_EQ(Items().update({{"note", "changed"}}, {.where = Where::allRows()}), 6);
  EXPECT_EQ(Items().destroy({.where = Where::allRows()}), 6);
  EXPECT_TRUE(idsInTable(db(), "items").empty());
}

class IncludeWhereGroupsTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    models_ = std::make_unique<SeedModels>(defineSeedModels(db()));
    db().sync({.force = true});
    models_->Users.create({{"username", "boris"},
                           {"email", "b@x"},
                           {"password", "p"},
                           {"story", {{"title", "cheburek"}, {"content", "c"}}}},
                          {.include = {"story"}});
    models_->Users.create({{"username", "olga"}, {"email", "o@x"}, {"password", "p"}});
    clearLog();
  }
  std::unique_ptr<SeedModels> models_;
};

TEST_F(IncludeWhereGroupsTest, AnEmptyOrInAnIncludesWhereMatchesNoRow) {
  Model& Users = models_->Users;
  // As Sequelize: a where makes the include required, and the empty Op.or is ` AND 0 = 1` in ON.
  EXPECT_TRUE(Users.findAll({.include = {{.association = "story", .where = Op::or_({})}}}).empty());
  const std::string sql = statements().back();
  EXPECT_NE(sql.find(" INNER JOIN "), std::string::npos) << sql;
  EXPECT_NE(sql.find(quoted(db(), "story") + "." + quoted(db(), "created_by") + " AND 0 = 1"),
            std::string::npos)
      << sql;
  EXPECT_EQ(Users.count({.include = {{.association = "story", .where = Op::or_({})}}}), 0);
  // Optional: every user, none with a story.
  const auto users = Users.findAll(
      {.include = {{.association = "story", .where = Op::or_({}), .required = false}}});
  ASSERT_EQ(users.size(), 2u);
  for (const Instance& u : users) EXPECT_EQ(u.included("story"), nullptr);
  // NOT of an empty Op.or restricts nothing: the ON is the join alone.
  EXPECT_EQ(
      Users.findAll({.include = {{.association = "story", .where = Op::notWhere(Op::or_({}))}}})
          .size(),
      1u);
  // Through the association accessor too.
  const Instance boris = *Users.findOne({.where = {{"username", "boris"}}});
  EXPECT_FALSE(boris.getAssociated("story", {.where = Op::or_({})}).has_value());
  EXPECT_TRUE(boris.getAssociated("story", {.where = Op::notWhere(Op::or_({}))}).has_value());
}

// qty > 5, nested in groups (AND, OR with an empty OR, NOT NOT) up to `depth` levels.
Where nestedBigQty(std::size_t depth) {
  Where w = {{"qty", Op::gt(5)}};
  while (w.depth() < depth) {
    if (w.depth() % 3 == 0) {
      w = Op::and_({std::move(w)});
    } else if (w.depth() % 3 == 1 || depth - w.depth() < 2) {
      w = Op::or_({std::move(w), Op::or_({})});
    } else {
      w = Op::notWhere(Op::notWhere(std::move(w)));
    }
  }
  return w;
}

// A where as deep as allowed runs everywhere; one level more is an Error while it is built,
// before any SQL, and building a far deeper one only ever gets that Error.
TEST_F(WhereGroupsTest, GroupsNestAtMostTheirBoundAndDeeperIsAnError) {
  const Where deepest = nestedBigQty(Where::kMaxDepth);
  EXPECT_EQ(deepest.depth(), Where::kMaxDepth);
  if (isSqlite()) {
    // SQLite's own parser takes about a hundred nested parentheses: past that it refuses the
    // statement, and the connection goes on.
    expectMatches(nestedBigQty(30), {3, 4, 6});
    EXPECT_THROW((void)Items().findAll({.where = deepest}), DatabaseError);
    EXPECT_THROW((void)Items().destroy({.where = deepest}), DatabaseError);
    EXPECT_EQ(idsInTable(db(), "items"), kAll);
  } else {
    expectMatches(deepest, {3, 4, 6});
  }
  clearLog();
  EXPECT_THROW((void)Op::and_({deepest}), Error);
  EXPECT_THROW((void)Op::or_({deepest}), Error);
  EXPECT_THROW((void)Op::notWhere(deepest), Error);
  EXPECT_THROW((void)Where({deepest}), Error);
  // andAlso refuses too, and leaves the where as it was.
  const Where nearly = nestedBigQty(Where::kMaxDepth - 1);
  Where orTop = Op::or_({nearly});
  EXPECT_THROW(orTop.andAlso({{"qty", 1}}), Error);
  EXPECT_EQ(orTop.kind(), Where::Kind::Or);
  EXPECT_EQ(orTop.depth(), Where::kMaxDepth);
  Where andTop = {{"qty", 1}};
  EXPECT_THROW(andTop.andAlso(Op::and_({nearly})), Error);
  EXPECT_EQ(andTop.children().size(), 1u);
  EXPECT_EQ(andTop.depth(), 2u);

  // 100,000 levels asked for: the Error comes at the first level too many.
  Where w = {{"qty", 1}};
  std::size_t reached = w.depth();
  try {
    while (reached < 100'000) {
      w = Op::and_({std::move(w)});
      reached = w.depth();
    }
    ADD_FAILURE() << "expected an Error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("at most 1000 levels"), std::string::npos) << e.what();
  }
  EXPECT_EQ(reached, Where::kMaxDepth);
  EXPECT_TRUE(statements().empty());
  EXPECT_EQ(Items().count(), 6);
}

}  // namespace
}  // namespace sequelize::test
