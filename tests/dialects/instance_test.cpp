// One row through its instance: save writes only what changed (and refreshes updatedAt),
// update, destroy, reload, increment, changed / previous, isNewRecord, get({plain: true}).
#include <thread>

#include "query_fixture.hpp"

namespace sequelize::test {
namespace {

class InstanceTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    models_ = std::make_unique<SeedModels>(defineSeedModels(db()));
    db().sync({.force = true});
    Users().create({{"username", "boris"},
                    {"email", "b@x"},
                    {"password", "p"},
                    {"story", {{"title", "cheburek"}, {"content", "c1"}}}},
                   {.include = {"story"}});
    Users().create({{"username", "ivan"}, {"email", "i@x"}, {"password", "p"}});
    clearLog();
  }
  Model& Users() { return models_->Users; }
  Model& Stories() { return models_->Stories; }
  std::string usernameInTable(int id) {
    return db()
        .query("SELECT username FROM users WHERE user_id = " + std::to_string(id), {.silent = true})
        .rows.at(0)
        .at(0)
        .value.as<std::string>();
  }
  std::unique_ptr<SeedModels> models_;
};

TEST_F(InstanceTest, SaveWritesOnlyChangedAttributesAndRefreshesUpdatedAt) {
  Instance boris = *Users().findByPk(1);
  const Date stamped = boris.get<Date>("updated_at");
  EXPECT_FALSE(boris.isNewRecord());
  EXPECT_TRUE(boris.changed().empty());
  std::this_thread::sleep_for(std::chrono::milliseconds(isMariadb() ? 1100 : 5));
  boris.set("email", "new@x");
  EXPECT_TRUE(boris.changed("email"));
  EXPECT_EQ(boris.previous("email").as<std::string>(), "b@x");
  const std::vector<std::string> usersBefore = tableContents(db(), "users", "user_id");
  clearLog();
  boris.save();
  ASSERT_EQ(statements().size(), 1u);
  const std::string sql = statements()[0];
  EXPECT_NE(sql.find(quoted(db(), "email") + "="), std::string::npos) << sql;
  EXPECT_NE(sql.find(quoted(db(), "updated_at") + "="), std::string::npos) << sql;
  EXPECT_EQ(sql.find(quoted(db(), "username") + "="), std::string::npos) << sql;
  EXPECT_TRUE(boris.changed().empty());
  EXPECT_GT(boris.get<Date>("updated_at"), stamped);
  const auto fresh = Users().findByPk(1);
  EXPECT_EQ(fresh->get<std::string>("email"), "new@x");
  // MariaDB's DATETIME keeps whole seconds of the stamp.
  const std::int64_t precision = isMariadb() ? 1000 : 1;
  EXPECT_EQ(fresh->get<Date>("updated_at").epochMs / precision,
            boris.get<Date>("updated_at").epochMs / precision);
  // In the table: boris's email and updated_at changed, nothing else, and ivan's row is as it was.
  const QueryResult row =
      db().query("SELECT username, email, password FROM users WHERE user_id = 1", {.silent = true});
  ASSERT_EQ(row.rows.size(), 1u);
  EXPECT_EQ(row.rows[0].at(0).value.as<std::string>(), "boris");
  EXPECT_EQ(row.rows[0].at(1).value.as<std::string>(), "new@x");
  EXPECT_EQ(row.rows[0].at(2).value.as<std::string>(), "p");
  const std::vector<std::string> usersAfter = tableContents(db(), "users", "user_id");
  ASSERT_EQ(usersAfter.size(), usersBefore.size());
  EXPECT_NE(usersAfter[0], usersBefore[0]);
  EXPECT_EQ(usersAfter[1], usersBefore[1]);
  // Nothing changed: nothing is sent, and the table stays as it is.
  clearLog();
  boris.save();
  EXPECT_TRUE(statements().empty());
  EXPECT_EQ(tableContents(db(), "users", "user_id"), usersAfter);
}

TEST_F(InstanceTest, UpdateSetsAndSavesOnlyTheGivenChanges) {
  Instance ivan = *Users().findByPk(2);
  ivan.set("password", "unsaved");
  ivan.update({{"username", "ivan2"}});
  EXPECT_EQ(usernameInTable(2), "ivan2");
  // The other pending change is not written by update, as in Sequelize.
  EXPECT_TRUE(ivan.changed("password"));
  EXPECT_EQ(db().query("SELECT password FROM users WHERE user_id = 2", {.silent = true})
                .rows[0][0]
                .value.as<std::string>(),
            "p");
  clearLog();
  ivan.update({{"username", "ivan2"}});  // the same value: no statement
  EXPECT_TRUE(statements().empty());
  EXPECT_THROW(ivan.update({{"nope", 1}}), Error);
}

TEST_F(InstanceTest, DestroyRemovesTheRow) {
  Instance ivan = *Users().findByPk(2);
  ivan.destroy();
  EXPECT_EQ(countRows(db(), "users"), 1);
  EXPECT_FALSE(Users().findByPk(2));
  EXPECT_EQ(statements().at(1), "DELETE FROM " + quoted(db(), "users") + " WHERE " +
                                    quoted(db(), "user_id") + " = " + (isMariadb() ? "?" : "$1"));
  Instance unsaved = Users().build({{"username", "x"}});
  EXPECT_THROW(unsaved.destroy(), InstanceError);
}

TEST_F(InstanceTest, ReloadReadsTheRowAgainWithItsIncludes) {
  Instance boris = *Users().findOne({.where = {{"user_id", 1}}, .include = {"story"}});
  db().query("UPDATE users SET username = 'changed' WHERE user_id = 1", {.silent = true});
  db().query("UPDATE stories SET title = 'retitled' WHERE story_id = 1", {.silent = true});
  boris.set("email", "unsaved@x");
  boris.reload();
  EXPECT_EQ(boris.get<std::string>("username"), "changed");
  EXPECT_EQ(boris.get<std::string>("email"), "b@x");
  EXPECT_TRUE(boris.changed().empty());
  ASSERT_NE(boris.included("story"), nullptr);
  EXPECT_EQ(boris.included("story")->get<std::string>("title"), "retitled");
  db().query("DELETE FROM stories", {.silent = true});
  db().query("DELETE FROM users WHERE user_id = 1", {.silent = true});
  EXPECT_THROW(boris.reload(), InstanceError);
}

TEST_F(InstanceTest, IncrementAndDecrementChangeTheRowNotTheInstance) {
  Model& Counter =
      db().define("Counter", {{"hits", {.type = DataTypes::INTEGER, .defaultValue = 0}}});
  Counter.sync();
  Instance c = Counter.create({});
  Counter.create({});
  c.increment("hits", {.by = 10});
  c.decrement("hits", {.by = 3});
  // As Sequelize: the instance keeps its values until reloaded.
  EXPECT_EQ(c.get<int>("hits"), 0);
  EXPECT_EQ(
      db().query("SELECT hits FROM " + quoted(db(), "Counters") + " ORDER BY id", {.silent = true})
          .rows[0][0]
          .value.as<int>(),
      7);
  EXPECT_EQ(
      db().query("SELECT hits FROM " + quoted(db(), "Counters") + " ORDER BY id", {.silent = true})
          .rows[1][0]
          .value.as<int>(),
      0);
  c.reload();
  EXPECT_EQ(c.get<int>("hits"), 7);
}

TEST_F(InstanceTest, ChangedPreviousIsNewRecordAndPlainGet) {
  Instance u = Users().build({{"username", "new"}, {"email", "n@x"}, {"password", "p"}});
  EXPECT_TRUE(u.isNewRecord());
  EXPECT_EQ(u.changed(), (std::vector<std::string>{"username", "email", "password"}));
  u.save();
  EXPECT_FALSE(u.isNewRecord());
  EXPECT_TRUE(u.changed().empty());
  u.set("username", "renamed");
  EXPECT_EQ(u.previous("username").as<std::string>(), "new");
  EXPECT_EQ(u.previous("email").as<std::string>(), "n@x");
  const Value plain =
      Users().findOne({.where = {{"user_id", 1}}, .include = {"story"}})->get({.plain = true});
  ASSERT_EQ(plain.kind(), ValueKind::Object);
  EXPECT_EQ(plain.find("username")->as<std::string>(), "boris");
  EXPECT_EQ(plain.find("story")->kind(), ValueKind::Object);
  EXPECT_EQ(plain.find("story")->find("title")->as<std::string>(), "cheburek");
}

}  // namespace
}  // namespace sequelize::test
