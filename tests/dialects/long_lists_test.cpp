// Op.in / Op.notIn lists far longer than a statement's bound-parameter limit. PostgreSQL binds a
// long list as one array (` = ANY($1)`), SQLite (Debian's build takes 250000 values) binds each
// value; MariaDB (65535 placeholders per statement) refuses the statement before sending it.
// Either way the connection and the enclosing transaction stay usable.
#include "connection/query_runner.hpp"
#include "query_fixture.hpp"

namespace sequelize::test {
namespace {

using Ids = std::vector<std::int64_t>;

class LongListsTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    // One connection, so that a connection dropped and replaced would show.
    pooled_ = connect({.pool = {.max = 1}});
    items_ = &defineItems(*pooled_);
    pooled_->sync({.force = true});
    insertItems(*items_);
  }
  Sequelize& pooled() { return *pooled_; }
  Model& Items() { return *items_; }

  // Which server session runs statements (SQLite: the one connection there is).
  std::string session(Transaction* t = nullptr) {
    if (isSqlite()) return "sqlite";
    const char* sql =
        isPostgres() ? "SELECT pg_backend_pid() AS id" : "SELECT CONNECTION_ID() AS id";
    return pooled()
        .query(sql, {.transaction = t, .silent = true})
        .rows.at(0)
        .at(0)
        .value.as<std::string>();
  }

  // `keep` followed by `count - keep.size()` ids no row has.
  static std::vector<Value> listOf(std::size_t count, std::vector<Value> keep) {
    std::vector<Value> list = std::move(keep);
    for (std::int64_t id = 1'000'000; list.size() < count; ++id) list.emplace_back(id);
    return list;
  }

  std::unique_ptr<Sequelize> pooled_;
  Model* items_ = nullptr;
};

TEST_F(LongListsTest, SeventyThousandValuesInsideATransaction) {
  const std::string before = session();
  const std::vector<Value> list = listOf(70'000, {1, 3});
  Transaction t = pooled().transaction();
  // Work of the transaction before and after the long lists.
  Items().create({{"name", "seventh"}, {"qty", 70}}, {.transaction = &t});
  const std::string inside = session(&t);
  if (isMariadb()) {
    for (const OpValue& op : {Op::in(list), Op::notIn(list)}) {
      try {
        (void)Items().findAll({.where = {{"id", op}}, .transaction = &t});
        ADD_FAILURE() << "expected an Error";
      } catch (const DatabaseError& e) {
        ADD_FAILURE() << "refused by the server, not before sending: " << e.what();
      } catch (const ConnectionError& e) {
        ADD_FAILURE() << "refused by the server, not before sending: " << e.what();
      } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("at most 65535 values"), std::string::npos)
            << e.what();
      }
    }
  } else {
    clearLog();
    EXPECT_EQ(idsOf(Items().findAll({.where = {{"id", Op::in(list)}}, .transaction = &t})),
              (Ids{1, 3}));
    if (isPostgres()) {
      EXPECT_NE(statements().back().find("\"Item\".\"id\" = ANY($1)"), std::string::npos);
    }
    EXPECT_EQ(idsOf(Items().findAll({.where = {{"id", Op::notIn(list)}}, .transaction = &t})),
              (Ids{2, 4, 5, 6, 7}));
    EXPECT_EQ(Items().count({.where = {{"id", Op::notIn(list)}}, .transaction = &t}), 5);
    EXPECT_EQ(Items().destroy({.where = {{"id", Op::in(list)}}, .transaction = &t}), 2);
  }
  EXPECT_EQ(session(&t), inside);
  Items().update({{"qty", 71}}, {.where = {{"name", "seventh"}}, .transaction = &t});
  t.commit();
  // What the transaction did is there, read with plain SQL.
  const Ids expected = isMariadb() ? Ids{1, 2, 3, 4, 5, 6, 7} : Ids{2, 4, 5, 6, 7};
  EXPECT_EQ(idsInTable(pooled(), "items"), expected);
  const QueryResult seventh =
      pooled().query("SELECT " + quoted(pooled(), "qty") + " FROM " + quoted(pooled(), "items") +
                     " WHERE " + quoted(pooled(), "id") + " = 7");
  EXPECT_EQ(seventh.rows.at(0).at(0).value.as<std::int64_t>(), 71);
  // The same connection all along: nothing was dropped.
  EXPECT_EQ(session(), before);
  EXPECT_EQ(pooled().runner().pool().size(), 1);
}

// Lists on either side of the length from which PostgreSQL binds one array give the same rows,
// for text with the characters an array's text must escape, and with a null among the values
// (NOT IN a list holding null is never true, as SQL says).
TEST_F(LongListsTest, LongAndShortListsMatchTheSameRows) {
  const std::vector<std::string> awkward{"a \"quoted\" name", "back\\slash", "NULL", "{a,b}",
                                         " spaced ",          "comma,name"};
  for (const std::string& name : awkward) Items().create({{"name", name}});
  for (const std::size_t length :
       {std::size_t{20}, std::size_t{1000}, std::size_t{1001}, std::size_t{5000}}) {
    SCOPED_TRACE(length);
    std::vector<Value> names;
    names.reserve(length);
    for (const std::string& name : awkward) names.emplace_back(name);
    names.emplace_back("apple");
    for (std::size_t i = 0; names.size() < length; ++i)
      names.emplace_back("none " + std::to_string(i));
    EXPECT_EQ(idsOf(Items().findAll({.where = {{"name", Op::in(names)}}})),
              (Ids{1, 7, 8, 9, 10, 11, 12}));
    EXPECT_EQ(idsOf(Items().findAll({.where = {{"name", Op::notIn(names)}}})),
              (Ids{2, 3, 4, 5, 6}));
    const std::vector<Value> withNull = listOf(length, {5, nullptr});
    EXPECT_EQ(idsOf(Items().findAll({.where = {{"qty", Op::in(withNull)}}})), (Ids{1}));
    EXPECT_TRUE(Items().findAll({.where = {{"qty", Op::notIn(withNull)}}}).empty());
  }
}

}  // namespace
}  // namespace sequelize::test
