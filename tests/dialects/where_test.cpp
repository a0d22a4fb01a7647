// Every operator of `where`: the rows a finder returns, and the rows a destroy with the same
// where removes from the table (read back with plain SQL, then rolled back).
#include "query_fixture.hpp"

namespace sequelize::test {
namespace {

using Ids = std::vector<std::int64_t>;

class WhereTest : public DatabaseTest {
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

  Ids found(const Where& where) { return idsOf(Items().findAll({.where = where})); }

  // What a destroy with `where` removes, seen in the table itself; the table is restored.
  Ids removed(const Where& where) {
    const Ids before = idsInTable(db(), "items");
    Ids gone;
    {
      Transaction t = db().transaction();
      const std::int64_t n = Items().destroy({.where = where, .transaction = &t});
      const Ids after = idsInTable(db(), "items", "id", &t);
      std::set_difference(before.begin(), before.end(), after.begin(), after.end(),
                          std::back_inserter(gone));
      EXPECT_EQ(n, static_cast<std::int64_t>(gone.size()));
      t.rollback();
    }
    EXPECT_EQ(idsInTable(db(), "items"), before);
    return gone;
  }

  // Both paths agree with `expected`.
  void expectMatches(const Where& where, const Ids& expected) {
    EXPECT_EQ(found(where), expected);
    EXPECT_EQ(removed(where), expected);
  }

  Model* items_ = nullptr;
};

TEST_F(WhereTest, PlainEqualityAndNull) {
  expectMatches({{"name", "apple"}}, {1});
  expectMatches({{"note", nullptr}}, {2});
  expectMatches({{"name", "apple"}, {"qty", 5}}, {1});
  expectMatches({{"name", "apple"}, {"qty", 6}}, {});
  // A list means IN, as in Sequelize.
  expectMatches({{"qty", Value::array({0, 12})}}, {2, 3});
}

TEST_F(WhereTest, ComparisonOperators) {
  expectMatches({{"qty", Op::eq(5)}}, {1});
  expectMatches({{"name", Op::ne("apple")}}, {2, 3, 4, 5, 6});
  expectMatches({{"note", Op::ne(nullptr)}}, {1, 3, 4, 5, 6});
  expectMatches({{"qty", Op::gt(5)}}, {3, 4, 6});
  expectMatches({{"qty", Op::gte(5)}}, {1, 3, 4, 6});
  expectMatches({{"qty", Op::lt(3)}}, {2});
  expectMatches({{"qty", Op::lte(3)}}, {2, 5});
  expectMatches({{"price", {Op::gt(1.0), Op::lt(3.0)}}}, {1, 4});
}

TEST_F(WhereTest, LikeOperators) {
  expectMatches({{"name", Op::like("%an%")}}, {2});
  expectMatches({{"name", Op::like("%e%")}}, {1, 3});
  expectMatches({{"name", Op::notLike("%e%")}}, {2, 4, 5, 6});
  // Case-insensitive everywhere: ILIKE on PostgreSQL, LIKE (case-insensitive there) elsewhere.
  expectMatches({{"name", Op::iLike("ap%")}}, {1, 5});
  expectMatches({{"name", Op::iLike("AP%")}}, {1, 5});
  expectMatches({{"name", Op::notILike("ap%")}}, {2, 3, 4, 6});
}

TEST_F(WhereTest, StartsEndsWithAndSubstringMatchTheTextLiterally) {
  // Sequelize passes % and _ through as wildcards ("a_b" would match "axbc" too); here they are
  // matched as the characters they are.
  expectMatches({{"name", Op::startsWith("a_b")}}, {4});
  expectMatches({{"name", Op::startsWith("ch")}}, {3});
  expectMatches({{"note", Op::endsWith("% ripe")}}, {3});
  expectMatches({{"note", Op::endsWith("ripe")}}, {3, 6});
  expectMatches({{"note", Op::substring("_")}}, {4});
  expectMatches({{"note", Op::substring("\\")}}, {5});
  expectMatches({{"name", Op::substring("rr")}}, {3});
}

TEST_F(WhereTest, InAndNotIn) {
  expectMatches({{"qty", Op::in({0, 12})}}, {2, 3});
  expectMatches({{"name", Op::in({"apple", "axbc", "nope"})}}, {1, 6});
  expectMatches({{"qty", Op::notIn({0, 12})}}, {1, 4, 5, 6});
  // As Sequelize: IN () matches nothing, NOT IN () excludes nothing.
  expectMatches({{"qty", Op::in({})}}, {});
  expectMatches({{"qty", Op::notIn({})}, {"qty", Op::gt(8)}}, {3, 6});
}

TEST_F(WhereTest, BetweenAndNotBetween) {
  expectMatches({{"qty", Op::between(3, 7)}}, {1, 4, 5});
  expectMatches({{"qty", Op::notBetween(3, 7)}}, {2, 3, 6});
  expectMatches({{"price", Op::between(0.5, 1.5)}}, {1, 5});
}

TEST_F(WhereTest, IsAndNot) {
  expectMatches({{"active", Op::is(nullptr)}}, {4});
  expectMatches({{"active", Op::is(true)}}, {1, 3, 6});
  expectMatches({{"active", Op::is(false)}}, {2, 5});
  expectMatches({{"active", Op::not_(nullptr)}}, {1, 2, 3, 5, 6});
  // IS NOT TRUE holds for false and for null.
  expectMatches({{"active", Op::not_(true)}}, {2, 4, 5});
  // Op.not with any other value is !=, as in Sequelize.
  expectMatches({{"name", Op::not_("apple")}}, {2, 3, 4, 5, 6});
}

TEST_F(WhereTest, NestedAndOrNot) {
  const Where either =
      Op::or_({{{"name", "apple"}}, Op::and_({{{"qty", Op::gt(5)}}, {{"active", true}}})});
  expectMatches(either, {1, 3, 6});
  // NOT of a condition that is null for row 4 (active is null) leaves row 4 out, as SQL does.
  expectMatches(Op::notWhere(either), {2, 5});
  expectMatches({{"price", Op::lt(2.5)}, Op::or_({{{"qty", 0}}, {{"qty", 3}}})}, {2, 5});
}

TEST_F(WhereTest, ValuesAreBoundAndTheSqlIsSequelizes) {
  (void)Items().findAll({.where = {{"name", Op::startsWith("a_b")}, {"qty", Op::in({1, 2})}}});
  ASSERT_EQ(statements().size(), 1u);
  const std::string sql = statements()[0];
  EXPECT_EQ(sql.find("a_b"), std::string::npos) << sql;
  const std::string name = quoted(db(), "Item") + "." + quoted(db(), "name");
  EXPECT_NE(sql.find(name + " LIKE "), std::string::npos) << sql;
  EXPECT_NE(sql.find(" ESCAPE "), std::string::npos) << sql;
  EXPECT_NE(sql.find(quoted(db(), "Item") + "." + quoted(db(), "qty") + " IN ("), std::string::npos)
      << sql;
}

TEST_F(WhereTest, UnknownNamesAreErrorsBeforeAnySql) {
  EXPECT_THROW((void)Items().findAll({.where = {{"nope", 1}}}), Error);
  EXPECT_THROW((void)Items().findAll({.where = {{"name; DROP TABLE items", 1}}}), Error);
  EXPECT_THROW((void)Items().findAll({.where = {{"$story.title$", 1}}}), Error);
  EXPECT_THROW(Items().destroy({.where = {{"nope", 1}}}), Error);
  EXPECT_THROW(
      (void)Items().findAll({.where = {{"qty", Op::between(1, 2)}, {"name", Op::is("x")}}}), Error);
  EXPECT_TRUE(statements().empty());
  EXPECT_EQ(idsInTable(db(), "items").size(), 6u);
}

class IncludeWhereTest : public DatabaseTest {
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
    models_->Users.create({{"username", "ivan"},
                           {"email", "i@x"},
                           {"password", "p"},
                           {"story", {{"title", "borscht"}, {"content", "c"}}}},
                          {.include = {"story"}});
    models_->Users.create({{"username", "olga"}, {"email", "o@x"}, {"password", "p"}});
    clearLog();
  }
  std::unique_ptr<SeedModels> models_;
};

TEST_F(IncludeWhereTest, ConditionsOnIncludedModels) {
  Model& Users = models_->Users;
  auto users =
      Users.findAll({.where = {{"$story.title$", Op::like("bor%")}}, .include = {"story"}});
  EXPECT_EQ(idsOf(users, "user_id"), (Ids{2}));
  // A miss of the LEFT JOIN is a null title.
  users = Users.findAll({.where = {{"$story.title$", nullptr}}, .include = {"story"}});
  EXPECT_EQ(idsOf(users, "user_id"), (Ids{3}));
  users =
      Users.findAll({.where = Op::or_({{{"$story.title$", "cheburek"}}, {{"username", "olga"}}}),
                     .include = {"story"}});
  EXPECT_EQ(idsOf(users, "user_id"), (Ids{1, 3}));
  const std::string sql = statements().back();
  EXPECT_NE(sql.find(quoted(db(), "story") + "." + quoted(db(), "title") + " = "),
            std::string::npos)
      << sql;
  // Without the include, the name is unknown: an error, not SQL.
  clearLog();
  EXPECT_THROW((void)Users.findAll({.where = {{"$story.title$", "x"}}}), Error);
  EXPECT_THROW((void)Users.findAll({.where = {{"$story.nope$", "x"}}, .include = {"story"}}),
               Error);
  EXPECT_TRUE(statements().empty());
  // And from the other side: stories of an author.
  const auto stories = models_->Stories.findAll(
      {.where = {{"$author.username$", Op::in({"ivan", "olga"})}}, .include = {"author"}});
  EXPECT_EQ(idsOf(stories, "story_id"), (Ids{2}));
}

}  // namespace
}  // namespace sequelize::test
