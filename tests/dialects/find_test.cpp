// findAll / findOne / findByPk with include in every form: joined rows folded under the alias,
// null where nothing matched.
#include "test_database.hpp"

namespace sequelize::test {
namespace {

class FindTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    models_ = std::make_unique<SeedModels>(defineSeedModels(db()));
    db().sync({.force = true});
    Users().create({{"username", "boris"},
                    {"email", "b@x"},
                    {"password", "kvass"},
                    {"story", {{"title", "t1"}, {"content", "c1"}}}},
                   {.include = {"story"}});
    Users().create({{"username", "ivan"},
                    {"email", "i@x"},
                    {"password", "x"},
                    {"story", {{"title", "t2"}, {"content", "c2"}}}},
                   {.include = {"story"}});
    Users().create({{"username", "olga"}, {"email", "o@x"}, {"password", "y"}});
    clearLog();
  }
  Model& Users() { return models_->Users; }
  Model& Stories() { return models_->Stories; }
  std::unique_ptr<SeedModels> models_;
};

TEST_F(FindTest, IncludeByAliasFoldsJoinedColumnsAndNullsMisses) {
  const auto users = Users().findAll({.include = {"story"}});
  ASSERT_EQ(users.size(), 3u);
  ASSERT_NE(users[0].included("story"), nullptr);
  EXPECT_EQ(users[0].included("story")->get<std::string>("title"), "t1");
  EXPECT_EQ(users[1].included("story")->get<std::string>("title"), "t2");
  EXPECT_EQ(users[2].included("story"), nullptr);  // LEFT OUTER JOIN miss
  EXPECT_EQ(users[0].keys(), (std::vector<std::string>{"user_id", "username", "email", "password",
                                                       "created_at", "updated_at", "story"}));
  const std::string json = toJSON(users);
  EXPECT_NE(json.find(R"("story":null)"), std::string::npos);
  ASSERT_EQ(statements().size(), 1u);
  EXPECT_NE(statements()[0].find("LEFT OUTER JOIN"), std::string::npos);
}

TEST_F(FindTest, IncludeByModelAndAs) {
  const auto stories = Stories().findAll({.include = {{.model = Users(), .as = "author"}}});
  ASSERT_EQ(stories.size(), 2u);
  EXPECT_EQ(stories[1].included("author")->get<std::string>("username"), "ivan");
}

TEST_F(FindTest, IncludeWithExcludedAndListedAttributes) {
  const auto excl = Stories().findAll(
      {.include = {{.association = "author", .attributes = {.exclude = {"password"}}}}});
  ASSERT_EQ(excl.size(), 2u);
  const Instance* author = excl[0].included("author");
  EXPECT_TRUE(author->get("password").isUndefined());
  EXPECT_EQ(author->keys(),
            (std::vector<std::string>{"user_id", "username", "email", "created_at", "updated_at"}));

  const auto listed =
      Stories().findAll({.include = {{.association = "author", .attributes = {{"username"}}}}});
  const Instance* onlyName = listed[0].included("author");
  ASSERT_NE(onlyName, nullptr);
  // The key is read to tell a match from a miss, but not shown.
  EXPECT_EQ(onlyName->keys(), std::vector<std::string>{"username"});
  EXPECT_EQ(onlyName->toJSON(), R"({"username":"boris"})");
}

TEST_F(FindTest, SeveralIncludesAtOnce) {
  Model& Profiles = db().define("Profile", {{"bio", DataTypes::STRING}});
  Users().hasOne(Profiles, {.foreignKey = "user_id", .as = "profile"});
  Profiles.sync({.force = true});
  db().query("INSERT INTO " + quoted(db(), "Profiles") + " (" + quoted(db(), "bio") + ", " +
             quoted(db(), "user_id") + ", " + quoted(db(), "createdAt") + ", " +
             quoted(db(), "updatedAt") +
             ") VALUES ('hi', 2, '2020-01-01 00:00:00', '2020-01-01 00:00:00')");
  // Without ORDER BY a server may return joined rows in any order.
  const auto users =
      Users().findAll({.include = {"story", "profile"}, .order = {{"user_id", "ASC"}}});
  ASSERT_EQ(users.size(), 3u);
  EXPECT_EQ(users[0].included("profile"), nullptr);
  ASSERT_NE(users[1].included("profile"), nullptr);
  EXPECT_EQ(users[1].included("profile")->get<std::string>("bio"), "hi");
  EXPECT_EQ(users[1].included("story")->get<std::string>("title"), "t2");
  EXPECT_EQ(users[1].keys().back(), "profile");
}

TEST_F(FindTest, FindByPkAndFindOne) {
  const auto ivan = Users().findByPk(2);
  ASSERT_TRUE(ivan);
  EXPECT_EQ(ivan->get<std::string>("username"), "ivan");
  EXPECT_FALSE(Users().findByPk(99));
  const auto olga = Users().findOne({.where = {{"username", "olga"}}});
  ASSERT_TRUE(olga);
  EXPECT_EQ(olga->get<int>("user_id"), 3);
  // Values are bound, never written into the SQL.
  for (const std::string& s : statements()) {
    EXPECT_EQ(s.find("olga"), std::string::npos) << s;
  }
}

TEST_F(FindTest, UnknownAliasIsAnErrorBeforeAnySql) {
  try {
    (void)Users().findAll({.include = {"nope"}});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.name(), "Error");
    EXPECT_EQ(std::string(e.what()), "Association with alias \"nope\" does not exist on Users");
  }
  EXPECT_THROW((void)Users().findAll({.where = {{"nope", 1}}}), Error);
  EXPECT_TRUE(statements().empty());
}

TEST_F(FindTest, TextOperatorsMatchWildcardsAndBackslashesLiterally) {
  for (const char* name : {"50%_off\\now", "50xxoff\\now", "plain"}) {
    Users().create({{"username", name}, {"email", "e"}, {"password", "p"}});
  }
  auto names = [&](Where where) {
    std::vector<std::string> out;
    const auto found = Users().findAll({.where = std::move(where), .order = {{"user_id", "ASC"}}});
    out.reserve(found.size());
    for (const Instance& u : found) {
      out.push_back(u.get<std::string>("username"));
    }
    return out;
  };
  const std::vector<std::string> exact{"50%_off\\now"};
  EXPECT_EQ(names({{"username", Op::startsWith("50%_")}}), exact);
  EXPECT_EQ(names({{"username", Op::endsWith("_off\\now")}}), exact);
  EXPECT_EQ(names({{"username", Op::substring("%_off\\")}}), exact);
}

}  // namespace
}  // namespace sequelize::test
