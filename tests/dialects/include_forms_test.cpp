// Every form of `include` on one-to-one associations: what comes back, and the SQL Sequelize
// sends for it (values bound instead of inlined).
#include <algorithm>

#include "association_fixture.hpp"

namespace sequelize::test {
namespace {

class IncludeFormsTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    m_ = std::make_unique<BlogModels>(defineBlogModels(db()));
    const Instance news = m().Categories.create({{"name", "news"}});
    const Instance fun = m().Categories.create({{"name", "fun"}});
    const Instance ann = user("ann");
    const Instance bob = user("bob");
    (void)user("cid");
    const Instance dan = user("dan");
    story("Alpha", ann.get("id"), news.get("id"));
    story("Beta", bob.get("id"), nullptr);
    story("Delta", dan.get("id"), fun.get("id"));
    story("Omega", nullptr, news.get("id"));
    const Instance annProfile =
        m().Profiles.create({{"bio", "ann bio"}, {"userId", ann.get("id")}});
    m().Profiles.create({{"bio", "bob bio"}, {"userId", bob.get("id")}});
    m().Avatars.create({{"url", "ann.png"}, {"profileId", annProfile.get("id")}});
    clearLog();
  }

  Instance user(const char* name) { return m().Users.create({{"username", name}}); }
  void story(const char* title, Value author, Value category) {
    m().Stories.create(
        {{"title", title}, {"authorId", std::move(author)}, {"categoryId", std::move(category)}});
  }
  BlogModels& m() { return *m_; }

  // The value at a path of included aliases and an attribute, "" for a null include.
  static std::string at(const Instance& i, std::initializer_list<const char*> path) {
    const Instance* cur = &i;
    const char* last = nullptr;
    for (const char* p : path) {
      if (last != nullptr) {
        cur = cur->included(last);
        if (cur == nullptr) return "";
      }
      last = p;
    }
    return cur->get(last).as<std::optional<std::string>>().value_or("<null>");
  }
  static std::vector<std::string> column(const std::vector<Instance>& rows,
                                         std::initializer_list<const char*> path) {
    std::vector<std::string> out;
    out.reserve(rows.size());
    for (const Instance& r : rows) out.push_back(at(r, path));
    return out;
  }
  static std::vector<Instance> byId(std::vector<Instance> rows) {
    std::sort(rows.begin(), rows.end(), [](const Instance& a, const Instance& b) {
      return a.get<std::int64_t>("id") < b.get<std::int64_t>("id");
    });
    return rows;
  }
  void expectOnlySql(const std::string& backticked) {
    ASSERT_EQ(statements().size(), 1u);
    EXPECT_EQ(statements()[0], dialectSql(db(), backticked));
  }

  std::unique_ptr<BlogModels> m_;
};

constexpr const char* kUsersWithStory =
    "SELECT `Users`.`id`, `Users`.`username`, `story`.`id` AS `story.id`, `story`.`title` AS "
    "`story.title`, `story`.`authorId` AS `story.authorId`, `story`.`categoryId` AS "
    "`story.categoryId` FROM `users` AS `Users` LEFT OUTER JOIN `stories` AS `story` ON "
    "`Users`.`id` = `story`.`authorId`;";

TEST_F(IncludeFormsTest, AliasString) {
  const auto users = byId(m().Users.findAll({.include = {"story"}}));
  EXPECT_EQ(column(users, {"story", "title"}),
            (std::vector<std::string>{"Alpha", "Beta", "", "Delta"}));
  EXPECT_EQ(users[2].included("story"), nullptr);
  EXPECT_EQ(users[0].keys(), (std::vector<std::string>{"id", "username", "story"}));
  expectOnlySql(kUsersWithStory);
}

TEST_F(IncludeFormsTest, ModelWithAs) {
  const auto users = byId(m().Users.findAll({.include = {{.model = m().Stories, .as = "story"}}}));
  EXPECT_EQ(column(users, {"story", "title"}),
            (std::vector<std::string>{"Alpha", "Beta", "", "Delta"}));
  expectOnlySql(kUsersWithStory);
}

TEST_F(IncludeFormsTest, AssociationObject) {
  const Association& story = *m().Users.association("story");
  const auto users = byId(m().Users.findAll({.include = {story}}));
  EXPECT_EQ(column(users, {"story", "title"}),
            (std::vector<std::string>{"Alpha", "Beta", "", "Delta"}));
  const auto viaOptions = byId(m().Users.findAll({.include = {{.association = story}}}));
  EXPECT_EQ(toJSON(viaOptions), toJSON(users));
  ASSERT_EQ(statements().size(), 2u);
  EXPECT_EQ(statements()[0], dialectSql(db(), kUsersWithStory));
  EXPECT_EQ(statements()[1], statements()[0]);
}

TEST_F(IncludeFormsTest, AllIncludesEveryAssociationOfTheModel) {
  const auto users = byId(m().Users.findAll({.include = {{.all = true}}}));
  EXPECT_EQ(users[0].keys(), (std::vector<std::string>{"id", "username", "story", "profile"}));
  EXPECT_EQ(column(users, {"profile", "bio"}),
            (std::vector<std::string>{"ann bio", "bob bio", "", ""}));
  // Only one level without `nested`.
  EXPECT_FALSE(users[0].included("profile")->hasIncluded("avatar"));

  const auto stories = byId(m().Stories.findAll({.include = {{.all = "BelongsTo"}}}));
  EXPECT_EQ(stories[0].keys(), (std::vector<std::string>{"id", "title", "authorId", "categoryId",
                                                         "author", "category"}));
  const auto none = m().Stories.findAll({.include = {{.all = "HasOne"}}});
  EXPECT_EQ(none[0].keys(), (std::vector<std::string>{"id", "title", "authorId", "categoryId"}));
  // An explicit include comes first and is not repeated.
  const auto mixed = byId(m().Users.findAll(
      {.include = {{.all = true}, {.association = "profile", .required = true}}}));
  ASSERT_EQ(mixed.size(), 2u);
  EXPECT_EQ(mixed[0].keys(), (std::vector<std::string>{"id", "username", "profile", "story"}));
}

TEST_F(IncludeFormsTest, AllNestedFollowsEveryLevelOnce) {
  const auto users = byId(m().Users.findAll({.include = {{.all = true, .nested = true}}}));
  EXPECT_EQ(column(users, {"profile", "avatar", "url"}),
            (std::vector<std::string>{"ann.png", "", "", ""}));
  EXPECT_EQ(column(users, {"story", "category", "name"}),
            (std::vector<std::string>{"news", "", "", "fun"}));
  // story -> author would lead back to Users: not followed.
  EXPECT_FALSE(users[0].included("story")->hasIncluded("author"));
  expectOnlySql(
      "SELECT `Users`.`id`, `Users`.`username`, `story`.`id` AS `story.id`, `story`.`title` AS "
      "`story.title`, `story`.`authorId` AS `story.authorId`, `story`.`categoryId` AS "
      "`story.categoryId`, `story->category`.`id` AS `story.category.id`, `story->category`.`name` "
      "AS `story.category.name`, `profile`.`id` AS `profile.id`, `profile`.`bio` AS `profile.bio`, "
      "`profile`.`userId` AS `profile.userId`, `profile->avatar`.`id` AS `profile.avatar.id`, "
      "`profile->avatar`.`url` AS `profile.avatar.url`, `profile->avatar`.`profileId` AS "
      "`profile.avatar.profileId` FROM `users` AS `Users` LEFT OUTER JOIN `stories` AS `story` ON "
      "`Users`.`id` = `story`.`authorId` LEFT OUTER JOIN `Categories` AS `story->category` ON "
      "`story`.`categoryId` = `story->category`.`id` LEFT OUTER JOIN `Profiles` AS `profile` ON "
      "`Users`.`id` = `profile`.`userId` LEFT OUTER JOIN `Avatars` AS `profile->avatar` ON "
      "`profile`.`id` = `profile->avatar`.`profileId`;");
}

TEST_F(IncludeFormsTest, SeveralIncludes) {
  const auto users = byId(m().Users.findAll({.include = {"story", "profile"}}));
  EXPECT_EQ(column(users, {"story", "title"}),
            (std::vector<std::string>{"Alpha", "Beta", "", "Delta"}));
  EXPECT_EQ(column(users, {"profile", "bio"}),
            (std::vector<std::string>{"ann bio", "bob bio", "", ""}));
  EXPECT_EQ(users[3].keys(), (std::vector<std::string>{"id", "username", "story", "profile"}));
}

TEST_F(IncludeFormsTest, NestedThreeLevelsDeep) {
  const auto stories = byId(m().Stories.findAll(
      {.include = {{.association = "author",
                    .include = {{.association = "profile", .include = {"avatar"}}}},
                   {.association = "category"}}}));
  ASSERT_EQ(stories.size(), 4u);
  EXPECT_EQ(column(stories, {"author", "profile", "avatar", "url"}),
            (std::vector<std::string>{"ann.png", "", "", ""}));
  EXPECT_EQ(column(stories, {"author", "profile", "bio"}),
            (std::vector<std::string>{"ann bio", "bob bio", "", ""}));
  EXPECT_EQ(column(stories, {"category", "name"}),
            (std::vector<std::string>{"news", "", "fun", "news"}));
  EXPECT_EQ(
      stories[0].toJSON(),
      R"({"id":1,"title":"Alpha","authorId":1,"categoryId":1,"author":{"id":1,"username":"ann",)"
      R"("profile":{"id":1,"bio":"ann bio","userId":1,"avatar":{"id":1,"url":"ann.png","profileId":1}}},)"
      R"("category":{"id":1,"name":"news"}})");
  expectOnlySql(
      "SELECT `Stories`.`id`, `Stories`.`title`, `Stories`.`authorId`, `Stories`.`categoryId`, "
      "`author`.`id` AS `author.id`, `author`.`username` AS `author.username`, "
      "`author->profile`.`id` "
      "AS `author.profile.id`, `author->profile`.`bio` AS `author.profile.bio`, "
      "`author->profile`.`userId` AS `author.profile.userId`, `author->profile->avatar`.`id` AS "
      "`author.profile.avatar.id`, `author->profile->avatar`.`url` AS `author.profile.avatar.url`, "
      "`author->profile->avatar`.`profileId` AS `author.profile.avatar.profileId`, `category`.`id` "
      "AS "
      "`category.id`, `category`.`name` AS `category.name` FROM `stories` AS `Stories` LEFT OUTER "
      "JOIN `users` AS `author` ON `Stories`.`authorId` = `author`.`id` LEFT OUTER JOIN `Profiles` "
      "AS "
      "`author->profile` ON `author`.`id` = `author->profile`.`userId` LEFT OUTER JOIN `Avatars` "
      "AS "
      "`author->profile->avatar` ON `author->profile`.`id` = `author->profile->avatar`.`profileId` "
      "LEFT OUTER JOIN `Categories` AS `category` ON `Stories`.`categoryId` = `category`.`id`;");
}

TEST_F(IncludeFormsTest, RequiredIsAnInnerJoin) {
  const auto users =
      byId(m().Users.findAll({.include = {{.association = "story", .required = true}}}));
  EXPECT_EQ(column(users, {"username"}), (std::vector<std::string>{"ann", "bob", "dan"}));
  ASSERT_EQ(statements().size(), 1u);
  EXPECT_NE(statements()[0].find(dialectSql(db(), "INNER JOIN `stories` AS `story`")),
            std::string::npos);
}

TEST_F(IncludeFormsTest, WhereOnAnIncludeMakesItRequired) {
  const auto users =
      m().Users.findAll({.include = {{.association = "story", .where = {{"title", "Beta"}}}}});
  EXPECT_EQ(column(users, {"username"}), std::vector<std::string>{"bob"});
  expectOnlySql(
      "SELECT `Users`.`id`, `Users`.`username`, `story`.`id` AS `story.id`, `story`.`title` AS "
      "`story.title`, `story`.`authorId` AS `story.authorId`, `story`.`categoryId` AS "
      "`story.categoryId` FROM `users` AS `Users` INNER JOIN `stories` AS `story` ON `Users`.`id` "
      "= "
      "`story`.`authorId` AND `story`.`title` = ?;");
  // required: false keeps every user; the where only chooses what is attached.
  const auto all = byId(m().Users.findAll(
      {.include = {{.association = "story", .where = {{"title", "Beta"}}, .required = false}}}));
  EXPECT_EQ(column(all, {"story", "title"}), (std::vector<std::string>{"", "Beta", "", ""}));
}

TEST_F(IncludeFormsTest, AttributeListHidesTheKeyItReads) {
  const auto stories = byId(
      m().Stories.findAll({.include = {{.association = "author", .attributes = {{"username"}}}}}));
  ASSERT_NE(stories[0].included("author"), nullptr);
  EXPECT_EQ(stories[0].included("author")->toJSON(), R"({"username":"ann"})");
  EXPECT_EQ(stories[3].included("author"), nullptr);  // the key tells a miss from a match
  expectOnlySql(
      "SELECT `Stories`.`id`, `Stories`.`title`, `Stories`.`authorId`, `Stories`.`categoryId`, "
      "`author`.`id` AS `author.id`, `author`.`username` AS `author.username` FROM `stories` AS "
      "`Stories` LEFT OUTER JOIN `users` AS `author` ON `Stories`.`authorId` = `author`.`id`;");
}

TEST_F(IncludeFormsTest, OrderByAnIncludedAttributeWithAndWithoutLimit) {
  const FindOptions ordered{.include = {{.association = "story", .required = true}},
                            .order = {{"story", "title", "DESC"}}};
  EXPECT_EQ(column(m().Users.findAll(ordered), {"username"}),
            (std::vector<std::string>{"dan", "bob", "ann"}));
  FindOptions limited = ordered;
  limited.limit = 2;
  EXPECT_EQ(column(m().Users.findAll(limited), {"username"}),
            (std::vector<std::string>{"dan", "bob"}));
  limited.offset = 1;
  EXPECT_EQ(column(m().Users.findAll(limited), {"username"}),
            (std::vector<std::string>{"bob", "ann"}));
  // Two levels down.
  const auto stories =
      m().Stories.findAll({.include = {{.association = "author",
                                        .required = true,
                                        .include = {{.association = "profile", .required = true}}}},
                           .order = {{"author", "profile", "bio", "DESC"}}});
  EXPECT_EQ(column(stories, {"title"}), (std::vector<std::string>{"Beta", "Alpha"}));
}

TEST_F(IncludeFormsTest, LimitCountsParentsWhenAHasOneMatchesSeveralRows) {
  // A second story for ann: the hasOne now matches two rows for her.
  const Instance ann = *m().Users.findOne({.where = {{"username", "ann"}}});
  story("Alpha two", ann.get("id"), nullptr);
  clearLog();

  // Without a limit every user comes back once, with the first matching story.
  const auto all = byId(m().Users.findAll({.include = {"story"}}));
  EXPECT_EQ(column(all, {"username"}), (std::vector<std::string>{"ann", "bob", "cid", "dan"}));
  EXPECT_EQ(statements().back(), dialectSql(db(), kUsersWithStory));  // Sequelize's SQL

  // With a limit, two users (Sequelize returns ann twice here).
  const auto two = m().Users.findAll({.include = {"story"}, .order = {"username"}, .limit = 2});
  EXPECT_EQ(column(two, {"username"}), (std::vector<std::string>{"ann", "bob"}));
  EXPECT_EQ(
      statements().back(),
      dialectSql(
          db(),
          "SELECT `Users`.`id`, `Users`.`username`, `Users`.`story.id`, `Users`.`story.title`, "
          "`Users`.`story.authorId`, `Users`.`story.categoryId` FROM (SELECT `Users`.`id`, "
          "`Users`.`username`, `story`.`id` AS `story.id`, `story`.`title` AS `story.title`, "
          "`story`.`authorId` AS `story.authorId`, `story`.`categoryId` AS `story.categoryId`, "
          "ROW_NUMBER() OVER (PARTITION BY `Users`.`id` ORDER BY `Users`.`username`) AS `__row` "
          "FROM `users` AS `Users` LEFT OUTER JOIN `stories` AS `story` ON `Users`.`id` = "
          "`story`.`authorId`) AS `Users` WHERE `Users`.`__row` = 1 ORDER BY `Users`.`username` "
          "LIMIT 2;"));
  // Ordered by the story, each user counts once, with the story that orders first.
  const auto byTitle = m().Users.findAll({.include = {{.association = "story", .required = true}},
                                          .order = {{"story", "title", "DESC"}},
                                          .limit = 3});
  EXPECT_EQ(column(byTitle, {"username"}), (std::vector<std::string>{"dan", "bob", "ann"}));
  EXPECT_EQ(column(byTitle, {"story", "title"}),
            (std::vector<std::string>{"Delta", "Beta", "Alpha two"}));
  // With an offset too.
  const auto page =
      m().Users.findAll({.include = {"story"}, .order = {"username"}, .limit = 2, .offset = 1});
  EXPECT_EQ(column(page, {"username"}), (std::vector<std::string>{"bob", "cid"}));
  // Without the root's key among the attributes (it is read, not shown).
  const auto names = m().Users.findAll(
      {.attributes = {{"username"}}, .include = {"story"}, .order = {"username"}, .limit = 2});
  EXPECT_EQ(names[0].keys(), (std::vector<std::string>{"username", "story"}));
  EXPECT_EQ(column(names, {"username"}), (std::vector<std::string>{"ann", "bob"}));
  // findOne: one row is one whole user; Sequelize's SQL.
  clearLog();
  const auto one = m().Users.findOne({.where = {{"username", "ann"}}, .include = {"story"}});
  ASSERT_TRUE(one);
  EXPECT_EQ(statements().back(),
            dialectSql(db(), std::string(kUsersWithStory)
                                 .replace(std::string(kUsersWithStory).size() - 1, 1,
                                          " WHERE `Users`.`username` = ? LIMIT 1;")));
}

// The numbered query names its own columns (the row number, hidden order terms): aliases the
// user gives them, in any case, and an alias equal to another column's name but for case (one
// name to SQLite and MariaDB) take nothing away: every user comes back, each once, with the
// alias holding its value.
TEST_F(IncludeFormsTest, NumberedRowsKeepAliasesThatMatchTheQuerysOwnNames) {
  const Instance ann = *m().Users.findOne({.where = {{"username", "ann"}}});
  story("Alpha two", ann.get("id"), nullptr);
  const std::vector<std::string> names{"ann", "bob", "cid", "dan"};
  for (const char* alias : {"__row", "__ROW", "__row_1", "__order_0", "__column", "ID"}) {
    SCOPED_TRACE(alias);
    clearLog();
    // Ordered by a column, then by an expression (selected hidden as __order_0).
    const auto byId = m().Users.findAll({.attributes = {{"id", {"username", alias}}},
                                         .include = {"story"},
                                         .order = {"id"},
                                         .limit = 10});
    ASSERT_NE(statements().back().find("ROW_NUMBER"), std::string::npos) << statements().back();
    std::vector<std::string> got;
    got.reserve(byId.size());
    for (const Instance& u : byId) got.push_back(u.get<std::string>(alias));
    EXPECT_EQ(got, names);
    const auto byExpression = m().Users.findAll({.attributes = {{"id", {"username", alias}}},
                                                 .include = {"story"},
                                                 .order = {{fn("LOWER", col("username")), "DESC"}},
                                                 .limit = 3});
    got.clear();
    for (const Instance& u : byExpression) got.push_back(u.get<std::string>(alias));
    EXPECT_EQ(got, (std::vector<std::string>{"dan", "cid", "bob"}));
    // Ordered by the alias itself.
    const auto byAlias = m().Users.findAll({.attributes = {{"id", {"username", alias}}},
                                            .include = {"story"},
                                            .order = {{alias, "DESC"}},
                                            .limit = 2,
                                            .offset = 1});
    got.clear();
    for (const Instance& u : byAlias) got.push_back(u.get<std::string>(alias));
    EXPECT_EQ(got, (std::vector<std::string>{"cid", "bob"}));
  }
}

// The query API's shapes when a hasOne may match several rows and a limit makes the query
// number rows per parent: expressions and aliases in order, grouping, raw rows.
TEST_F(IncludeFormsTest, NumberedRowsWithExpressionsAliasesGroupAndRawRows) {
  const Instance ann = *m().Users.findOne({.where = {{"username", "ann"}}});
  story("Alpha two", ann.get("id"), nullptr);
  clearLog();

  // An expression in order is selected hidden, so the outer query can order by it; each user
  // keeps the story that orders first.
  const auto byLowerTitle =
      m().Users.findAll({.include = {{.association = "story", .required = true}},
                         .order = {{fn("LOWER", col("story.title")), "DESC"}, {"username", "ASC"}},
                         .limit = 3});
  EXPECT_EQ(column(byLowerTitle, {"username"}), (std::vector<std::string>{"dan", "bob", "ann"}));
  EXPECT_EQ(column(byLowerTitle, {"story", "title"}),
            (std::vector<std::string>{"Delta", "Beta", "Alpha two"}));
  EXPECT_EQ(byLowerTitle[0].keys(), (std::vector<std::string>{"id", "username", "story"}));
  const std::string numbered = statements().back();
  EXPECT_NE(numbered.find("LOWER(" + quoted(db(), "story") + "." + quoted(db(), "title") + ") AS " +
                          quoted(db(), "__order_0")),
            std::string::npos)
      << numbered;
  EXPECT_NE(
      numbered.find("ORDER BY " + quoted(db(), "Users") + "." + quoted(db(), "__order_0") +
                    " DESC, " + quoted(db(), "Users") + "." + quoted(db(), "username") + " ASC"),
      std::string::npos)
      << numbered;

  // An attribute selected under an alias is ordered by that alias.
  const auto aliased = m().Users.findAll({.attributes = {{"id", {"username", "name"}}},
                                          .include = {"story"},
                                          .order = {{"name", "DESC"}},
                                          .limit = 2,
                                          .offset = 1});
  ASSERT_EQ(aliased.size(), 2u);
  EXPECT_EQ(aliased[0].get<std::string>("name"), "cid");
  EXPECT_EQ(aliased[1].get<std::string>("name"), "bob");

  // Grouped rows are one per group already: no numbering, and the users' keys are not added
  // to a grouped SELECT.
  clearLog();
  const auto counted =
      m().Users.findAll({.attributes = {{"username", {fn("COUNT", col("story.id")), "stories"}}},
                         .include = {{.association = "story", .attributes = {.none = true}}},
                         .order = {"username"},
                         .limit = 3,
                         .group = {"username"}});
  ASSERT_EQ(counted.size(), 3u);
  EXPECT_EQ(column(counted, {"username"}), (std::vector<std::string>{"ann", "bob", "cid"}));
  EXPECT_EQ(counted[0].get<std::int64_t>("stories"), 2);
  EXPECT_EQ(counted[1].get<std::int64_t>("stories"), 1);
  EXPECT_EQ(counted[2].get<std::int64_t>("stories"), 0);
  EXPECT_EQ(statements().back().find("ROW_NUMBER"), std::string::npos) << statements().back();

  // Raw rows read the same numbered query: one row per user, the hidden key not among them.
  const auto raw = m().Users.findAllRaw(
      {.attributes = {{"username"}}, .include = {"story"}, .order = {"username"}, .limit = 2});
  std::vector<std::vector<std::string>> rawRows;
  for (const Values& row : raw) {
    std::vector<std::string> cells;
    for (const Field& f : row) {
      cells.push_back(f.key + "=" + f.value.as<std::optional<std::string>>().value_or("<null>"));
    }
    rawRows.push_back(std::move(cells));
  }
  ASSERT_EQ(rawRows.size(), 2u);
  EXPECT_EQ(rawRows[0].front(), "username=ann");
  EXPECT_EQ(rawRows[1].front(), "username=bob");
  EXPECT_NE(std::find(rawRows[1].begin(), rawRows[1].end(), "story.title=Beta"), rawRows[1].end());
  for (const auto& cells : rawRows) {
    EXPECT_EQ(std::count_if(cells.begin(), cells.end(),
                            [](const std::string& c) { return c.rfind("id=", 0) == 0; }),
              0)
        << "the users' key is read, not shown";
  }
}

TEST_F(IncludeFormsTest, RequiredIncludeBelowAnOptionalOneKeepsTheParent) {
  const FindOptions options{
      .include = {{.association = "author",
                   .include = {{.association = "profile", .where = {{"bio", "bob bio"}}}}}}};
  const auto stories = byId(m().Stories.findAll(options));
  // Every story stays; only Beta's author has a matching profile.
  EXPECT_EQ(column(stories, {"title"}),
            (std::vector<std::string>{"Alpha", "Beta", "Delta", "Omega"}));
  EXPECT_EQ(column(stories, {"author", "username"}), (std::vector<std::string>{"", "bob", "", ""}));
  expectOnlySql(
      "SELECT `Stories`.`id`, `Stories`.`title`, `Stories`.`authorId`, `Stories`.`categoryId`, "
      "`author`.`id` AS `author.id`, `author`.`username` AS `author.username`, "
      "`author->profile`.`id` "
      "AS `author.profile.id`, `author->profile`.`bio` AS `author.profile.bio`, "
      "`author->profile`.`userId` AS `author.profile.userId` FROM `stories` AS `Stories` LEFT "
      "OUTER "
      "JOIN ( `users` AS `author` INNER JOIN `Profiles` AS `author->profile` ON `author`.`id` = "
      "`author->profile`.`userId` AND `author->profile`.`bio` = ? ) ON `Stories`.`authorId` = "
      "`author`.`id`;");
  // With a limit, still every story counts.
  FindOptions limited = options;
  limited.order = {"title"};
  limited.limit = 3;
  EXPECT_EQ(column(m().Stories.findAll(limited), {"title"}),
            (std::vector<std::string>{"Alpha", "Beta", "Delta"}));
}

TEST_F(IncludeFormsTest, RepeatedIncludesOfOneAssociationMerge) {
  const auto users =
      byId(m().Users.findAll({.include = {{.association = "story"},
                                          {.association = "story", .attributes = {{"title"}}}}}));
  EXPECT_EQ(users[0].included("story")->keys(), std::vector<std::string>{"title"});
  expectOnlySql(
      "SELECT `Users`.`id`, `Users`.`username`, `story`.`id` AS `story.id`, `story`.`title` AS "
      "`story.title` FROM `users` AS `Users` LEFT OUTER JOIN `stories` AS `story` ON `Users`.`id` "
      "= "
      "`story`.`authorId`;");
}

}  // namespace
}  // namespace sequelize::test
