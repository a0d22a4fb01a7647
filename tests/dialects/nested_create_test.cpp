// create with include several levels deep, through hasOne and belongsTo: parents are inserted
// before the rows that point at them, keys are filled in, and the whole tree is atomic and
// validated before anything is sent.
#include "association_fixture.hpp"

namespace sequelize::test {
namespace {

class NestedCreateTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    m_ = std::make_unique<BlogModels>(defineBlogModels(db()));
    clearLog();
  }
  BlogModels& m() { return *m_; }
  // The tables the statements inserted into, in order.
  std::vector<std::string> insertedTables() {
    std::vector<std::string> out;
    for (const std::string& s : statements()) {
      for (const char* table : {"users", "stories", "Profiles", "Avatars", "Categories"}) {
        if (s.starts_with("INSERT INTO " + quoted(db(), table) + " ")) out.emplace_back(table);
      }
    }
    return out;
  }
  std::vector<std::string> everyTable() {
    std::vector<std::string> out;
    for (const char* table : {"users", "stories", "Profiles", "Avatars", "Categories"}) {
      for (std::string& row : tableContents(db(), table, "id")) out.push_back(table + (": " + row));
    }
    return out;
  }
  const IncludeList deepStory_ = {
      {.association = "author", .include = {{.association = "profile", .include = {"avatar"}}}},
      {.association = "category"}};
  const Values deepStoryValues_ = {
      {"title", "deep"},
      {"author",
       {{"username", "ann"}, {"profile", {{"bio", "hi"}, {"avatar", {{"url", "a.png"}}}}}}},
      {"category", {{"name", "news"}}}};
  std::unique_ptr<BlogModels> m_;
};

TEST_F(NestedCreateTest, ThroughBelongsToSeveralLevelsDeep) {
  const Instance story = m().Stories.create(deepStoryValues_, {.include = deepStory_});
  // Each parent before the row that references it; the story, which references two, last.
  EXPECT_EQ(insertedTables(),
            (std::vector<std::string>{"users", "Profiles", "Avatars", "Categories", "stories"}));
  const Instance* author = story.included("author");
  ASSERT_NE(author, nullptr);
  const Instance* profile = author->included("profile");
  ASSERT_NE(profile, nullptr);
  const Instance* avatar = profile->included("avatar");
  ASSERT_NE(avatar, nullptr);
  EXPECT_EQ(story.get("authorId"), author->get("id"));
  EXPECT_EQ(story.get("categoryId"), story.included("category")->get("id"));
  EXPECT_EQ(profile->get("userId"), author->get("id"));
  EXPECT_EQ(avatar->get("profileId"), profile->get("id"));
  EXPECT_FALSE(avatar->isNewRecord());
  // Sequelize's key order: the nested objects where they were given, the keys filled in after.
  EXPECT_EQ(story.keys(), (std::vector<std::string>{"id", "title", "author", "category", "authorId",
                                                    "categoryId"}));
  EXPECT_EQ(profile->keys(), (std::vector<std::string>{"id", "bio", "avatar", "userId"}));

  // What was written reads back the same through the same include.
  const auto read = m().Stories.findByPk(story.get("id"), {.include = deepStory_});
  ASSERT_TRUE(read);
  EXPECT_EQ(
      read->toJSON(),
      R"({"id":1,"title":"deep","authorId":1,"categoryId":1,"author":{"id":1,"username":"ann",)"
      R"("profile":{"id":1,"bio":"hi","userId":1,"avatar":{"id":1,"url":"a.png","profileId":1}}},)"
      R"("category":{"id":1,"name":"news"}})");
}

TEST_F(NestedCreateTest, ThroughHasOneWithABelongsToInside) {
  const Instance user = m().Users.create(
      {{"username", "bob"},
       {"story", {{"title", "t"}, {"category", {{"name", "fun"}}}}},
       {"profile", {{"bio", "b"}}}},
      {.include = {{.association = "story", .include = {"category"}}, {.association = "profile"}}});
  EXPECT_EQ(insertedTables(),
            (std::vector<std::string>{"users", "Categories", "stories", "Profiles"}));
  const Instance* story = user.included("story");
  EXPECT_EQ(story->get("authorId"), user.get("id"));
  EXPECT_EQ(story->get("categoryId"), story->included("category")->get("id"));
  EXPECT_EQ(user.included("profile")->get("userId"), user.get("id"));
  const auto read = m().Users.findAll(
      {.include = {{.association = "story", .include = {"category"}}, {.association = "profile"}}});
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(read[0].included("story")->included("category")->get<std::string>("name"), "fun");
}

TEST_F(NestedCreateTest, AFailureAtTheDeepestLevelLeavesNothing) {
  m().Stories.create(deepStoryValues_, {.include = deepStory_});
  db().query("CREATE UNIQUE INDEX avatars_url_unique ON " + quoted(db(), "Avatars") + " (" +
             quoted(db(), "url") + ")");
  const auto before = everyTable();
  // The same avatar url again: users, Profiles and Categories rows are written, then the
  // Avatars INSERT fails. Sequelize keeps the rows written before the failure.
  EXPECT_THROW(m().Stories.create(deepStoryValues_, {.include = deepStory_}),
               UniqueConstraintError);
  EXPECT_EQ(everyTable(), before);
  // Inside a caller's transaction: a savepoint; the transaction keeps its own work.
  Transaction t = db().transaction();
  m().Users.create({{"username", "kept"}}, {.transaction = &t});
  EXPECT_THROW(m().Stories.create(deepStoryValues_, {.include = deepStory_, .transaction = &t}),
               UniqueConstraintError);
  t.commit();
  EXPECT_EQ(countRows(db(), "users"), 2);
  EXPECT_EQ(countRows(db(), "Avatars"), 1);
}

TEST_F(NestedCreateTest, TheWholeTreeIsValidatedFirst) {
  Values values = deepStoryValues_;
  values[1] =
      Field{"author",
            {{"username", nullptr}, {"profile", {{"bio", "hi"}, {"avatar", {{"url", "a.png"}}}}}}};
  try {
    m().Stories.create(values, {.include = deepStory_});
    FAIL() << "expected ValidationError";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].message, "Users.username cannot be null");
  }
  EXPECT_TRUE(statements().empty());
  EXPECT_TRUE(everyTable().empty());
}

TEST_F(NestedCreateTest, ValuesOfAnAssociationNotIncludedAreRefused) {
  // Sequelize drops them silently; only the story would be written.
  EXPECT_THROW(m().Stories.create({{"title", "t"}, {"author", {{"username", "x"}}}}), Error);
  EXPECT_THROW(m().Stories.create(deepStoryValues_, {.include = {"author"}}), Error);
  EXPECT_TRUE(statements().empty());
}

}  // namespace
}  // namespace sequelize::test
