// create / build / save, nested create with include, and its atomicity.
#include "test_database.hpp"

namespace sequelize::test {
namespace {

class CreateTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    models_ = std::make_unique<SeedModels>(defineSeedModels(db()));
    db().sync({.force = true});
    clearLog();
  }
  Model& Users() { return models_->Users; }
  Model& Stories() { return models_->Stories; }
  std::unique_ptr<SeedModels> models_;
};

TEST_F(CreateTest, NestedCreateWithAliasString) {
  const Instance boris = Users().create({{"username", "boris"},
                                         {"email", "b@x"},
                                         {"password", "p"},
                                         {"story", {{"title", "t"}, {"content", "c"}}}},
                                        {.include = {"story"}});
  const Instance* story = boris.included("story");
  ASSERT_NE(story, nullptr);
  EXPECT_EQ(story->get<std::int64_t>("created_by"), boris.get<std::int64_t>("user_id"));
  EXPECT_FALSE(story->isNewRecord());
  EXPECT_FALSE(boris.isNewRecord());
  EXPECT_EQ(countRows(db(), "stories"), 1);
  // created_by is filled from the parent's key, and the keys are in Sequelize's order.
  EXPECT_EQ(boris.keys(), (std::vector<std::string>{"user_id", "username", "email", "password",
                                                    "story", "updated_at", "created_at"}));
  EXPECT_EQ(story->keys(), (std::vector<std::string>{"story_id", "title", "content", "created_by",
                                                     "updated_at", "created_at"}));
}

TEST_F(CreateTest, NestedCreateWithModelAndAs) {
  const Instance u = Users().create({{"username", "u"},
                                     {"email", "u@x"},
                                     {"password", "p"},
                                     {"story", {{"title", "t"}, {"content", "c"}}}},
                                    {.include = {{.model = Stories(), .as = "story"}}});
  ASSERT_NE(u.included("story"), nullptr);
  EXPECT_EQ(countRows(db(), "stories"), 1);
}

TEST_F(CreateTest, NestedCreateThroughBelongsToWritesTheParentFirst) {
  const Instance s =
      Stories().create({{"title", "t"},
                        {"content", "c"},
                        {"author", {{"username", "w"}, {"email", "w@x"}, {"password", "p"}}}},
                       {.include = {"author"}});
  const auto sql = statements();
  ASSERT_EQ(sql.size(), 2u);
  EXPECT_TRUE(sql[0].starts_with("INSERT INTO " + quoted(db(), "users"))) << sql[0];
  EXPECT_TRUE(sql[1].starts_with("INSERT INTO " + quoted(db(), "stories"))) << sql[1];
  EXPECT_EQ(s.get<std::int64_t>("created_by"), s.included("author")->get<std::int64_t>("user_id"));
}

TEST_F(CreateTest, ChildWithExplicitForeignKey) {
  const Instance u = Users().create({{"username", "i"}, {"email", "i@x"}, {"password", "x"}});
  const Instance s =
      Stories().create({{"created_by", u.get("user_id")}, {"title", "t2"}, {"content", "c2"}});
  EXPECT_EQ(s.keys(), (std::vector<std::string>{"story_id", "created_by", "title", "content",
                                                "updated_at", "created_at"}));
  EXPECT_EQ(s.get<int>("story_id"), 1);
}

TEST_F(CreateTest, BuildThenSave) {
  Instance u = Users().build({{"username", "b"}, {"email", "b@x"}, {"password", "p"}});
  EXPECT_TRUE(u.isNewRecord());
  EXPECT_EQ(u.changed(), (std::vector<std::string>{"username", "email", "password"}));
  EXPECT_EQ(countRows(db(), "users"), 0);
  u.save();
  EXPECT_FALSE(u.isNewRecord());
  EXPECT_TRUE(u.changed().empty());
  EXPECT_EQ(countRows(db(), "users"), 1);
  u.set("username", "renamed");
  EXPECT_EQ(u.changed(), std::vector<std::string>{"username"});
  EXPECT_EQ(u.previous("username").as<std::string>(), "b");
  clearLog();
  u.save();
  ASSERT_EQ(statements().size(), 1u);
  EXPECT_TRUE(statements()[0].starts_with("UPDATE ")) << statements()[0];
  EXPECT_EQ(Users().findByPk(u.get("user_id"))->get<std::string>("username"), "renamed");
}

TEST_F(CreateTest, NestedCreateIsAtomicWhenTheChildFailsInTheDatabase) {
  // A unique title: the second story collides after its user row was written.
  db().query("CREATE UNIQUE INDEX stories_title_unique ON " + quoted(db(), "stories") + " (" +
             quoted(db(), "title") + ")");
  Users().create({{"username", "a"},
                  {"email", "a@x"},
                  {"password", "p"},
                  {"story", {{"title", "same"}, {"content", "c"}}}},
                 {.include = {"story"}});
  const auto usersBefore = tableContents(db(), "users", "user_id");
  const auto storiesBefore = tableContents(db(), "stories", "story_id");
  EXPECT_THROW(Users().create({{"username", "b"},
                               {"email", "b@x"},
                               {"password", "p"},
                               {"story", {{"title", "same"}, {"content", "c"}}}},
                              {.include = {"story"}}),
               UniqueConstraintError);
  // Sequelize would keep user "b"; nothing of the failed create stays here.
  EXPECT_EQ(tableContents(db(), "users", "user_id"), usersBefore);
  EXPECT_EQ(tableContents(db(), "stories", "story_id"), storiesBefore);
  // The connection is usable afterwards.
  Users().create({{"username", "c"}, {"email", "c@x"}, {"password", "p"}});
  EXPECT_EQ(countRows(db(), "users"), 2);
}

TEST_F(CreateTest, NestedCreateFailingValidationSendsNothing) {
  try {
    Users().create(
        {{"username", "a"}, {"email", "a@x"}, {"password", "p"}, {"story", {{"title", "t"}}}},
        {.include = {"story"}});
    FAIL() << "expected ValidationError";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].message, "Stories.content cannot be null");
  }
  EXPECT_TRUE(statements().empty());
  EXPECT_EQ(countRows(db(), "users"), 0);
}

TEST_F(CreateTest, NestedCreateInsideACallersTransactionUsesASavepoint) {
  db().query("CREATE UNIQUE INDEX stories_title_unique ON " + quoted(db(), "stories") + " (" +
             quoted(db(), "title") + ")");
  Transaction t = db().transaction();
  Users().create({{"username", "a"},
                  {"email", "a@x"},
                  {"password", "p"},
                  {"story", {{"title", "same"}, {"content", "c"}}}},
                 {.include = {"story"}, .transaction = &t});
  EXPECT_THROW(Users().create({{"username", "b"},
                               {"email", "b@x"},
                               {"password", "p"},
                               {"story", {{"title", "same"}, {"content", "c"}}}},
                              {.include = {"story"}, .transaction = &t}),
               UniqueConstraintError);
  // The caller's transaction survives the failed nested create and keeps its earlier work.
  t.commit();
  EXPECT_EQ(countRows(db(), "users"), 1);
  EXPECT_EQ(countRows(db(), "stories"), 1);
}

TEST_F(CreateTest, UnknownKeysAreErrorsNotSilentlyDropped) {
  EXPECT_THROW(Users().create({{"usrname", "typo"}, {"email", "a"}, {"password", "b"}}), Error);
  // An association's values without include: an error naming the fix.
  try {
    Users().create(
        {{"username", "a"}, {"email", "a"}, {"password", "b"}, {"story", {{"title", "t"}}}});
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("include"), std::string::npos) << e.what();
  }
  EXPECT_EQ(countRows(db(), "users"), 0);
}

}  // namespace
}  // namespace sequelize::test

namespace sequelize::test {
namespace {

// Each set of given attributes is an INSERT of its own shape (32 of them, found by slot mask),
// and `fields` in an order of their own (found by text key): each writes exactly its columns.
TEST_F(CreateTest, EverySetOfGivenAttributesWritesExactlyThoseColumns) {
  const std::vector<std::string> columns = {"a", "b", "c", "d", "e"};
  AttributeDefinitions attributes;
  for (const std::string& c : columns) attributes.push_back({c, DataTypes::INTEGER});
  Model& Sparse = db().define("Sparse", attributes, {.timestamps = false});
  Sparse.sync({.force = true});
  std::vector<std::string> expected;
  for (int mask = 0; mask < 32; ++mask) {
    Values values;
    std::string row = "{\"id\":" + std::to_string(mask + 1);
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const bool given = ((mask >> c) & 1) != 0;
      if (given) values.push_back({columns[c], mask * 10 + static_cast<int>(c)});
      row += ",\"" + columns[c] +
             "\":" + (given ? std::to_string(mask * 10 + static_cast<int>(c)) : "null");
    }
    expected.push_back(row + "}");
    Sparse.create(values);
  }
  // The last columns first: a statement of its own, not one of the ascending shapes above.
  Sparse.create({{"a", 1}, {"b", 2}, {"e", 5}}, {.fields = {"e", "b", "a"}});
  expected.push_back(R"({"id":33,"a":1,"b":2,"c":null,"d":null,"e":5})");
  EXPECT_EQ(tableContents(db(), "Sparses", "id"), expected);
}

}  // namespace
}  // namespace sequelize::test
