// Prepared statements: queries of the same shape share one statement per connection (values
// are bound, never written into the text), and the log shows the prepared text with its
// placeholders.
#include "connection/transaction_state.hpp"
#include "query_fixture.hpp"

namespace sequelize::test {
namespace {

class StatementsTest : public DatabaseTest {
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
  Model* items_ = nullptr;
};

// The connection a transaction holds: every statement below runs on it.
std::size_t prepared(Transaction& t) {
  return detail::TransactionAccess::state(t).connection->preparedStatementCount();
}

TEST_F(StatementsTest, TheSameShapeIsPreparedOnce) {
  Transaction t = db().transaction();
  (void)Items().findAll({.where = {{"name", "apple"}}, .transaction = &t});
  const std::size_t afterFirst = prepared(t);
  for (const char* name : {"banana", "cherry", "it's; DROP TABLE items; --"}) {
    const auto rows = Items().findAll({.where = {{"name", name}}, .transaction = &t});
    EXPECT_LE(rows.size(), 1u);
  }
  EXPECT_EQ(prepared(t), afterFirst);
  (void)Items().findByPk(1, {.transaction = &t});
  (void)Items().findByPk(2, {.transaction = &t});
  EXPECT_EQ(prepared(t), afterFirst + 1);
  Items().update({{"qty", 1}}, {.where = {{"id", 1}}, .transaction = &t});
  Items().update({{"qty", 2}}, {.where = {{"id", 2}}, .transaction = &t});
  EXPECT_EQ(prepared(t), afterFirst + 2);
  Items().bulkCreate({{{"name", "a"}}, {{"name", "b"}}}, {.transaction = &t});
  Items().bulkCreate({{{"name", "c"}}, {{"name", "d"}}}, {.transaction = &t});
  EXPECT_EQ(prepared(t), afterFirst + 3);
  t.commit();
  EXPECT_EQ(countRows(db(), "items"), 10);

  // The log shows one text for every run of a shape, with placeholders, never the values.
  std::vector<std::string> finds;
  for (const std::string& s : statements()) {
    if (s.starts_with("SELECT") && s.find(" LIKE ") == std::string::npos &&
        s.find(".id") == std::string::npos &&
        s.find(quoted(db(), "id") + " = ") == std::string::npos) {
      finds.push_back(s);
    }
    EXPECT_EQ(s.find("banana"), std::string::npos) << s;
    EXPECT_EQ(s.find("DROP"), std::string::npos) << s;
  }
  ASSERT_EQ(finds.size(), 4u);
  for (const std::string& s : finds) EXPECT_EQ(s, finds[0]);
  EXPECT_NE(finds[0].find(isMariadb() ? " = ?" : " = $1"), std::string::npos) << finds[0];
  // The hostile value was a value: the table is still there.
  EXPECT_EQ(Items().count(), 10);
}

TEST_F(StatementsTest, InstanceSavesOfTheSameAttributesShareOneStatement) {
  Transaction t = db().transaction();
  auto rows = Items().findAll({.order = {"id"}, .transaction = &t});
  rows[0].set("qty", 100);
  rows[0].save({.transaction = &t});
  const std::size_t afterFirst = prepared(t);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    rows[i].set("qty", static_cast<int>(100 + i));
    rows[i].save({.transaction = &t});
  }
  EXPECT_EQ(prepared(t), afterFirst);
  t.commit();
  EXPECT_EQ(Items().sum("qty").as<int>(), 100 * 6 + 15);
}

}  // namespace
}  // namespace sequelize::test
