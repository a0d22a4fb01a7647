// create with include through hasMany: a list of objects under the alias writes one row per
// item after its owner, each with the owner's key, at any depth and beside one-to-one
// associations (belongsTo parents first); the whole tree is atomic, validated before anything
// is sent, and a value that is not a list is refused.
#include <algorithm>
#include <chrono>
#include <thread>

#include "has_many_fixture.hpp"

namespace sequelize::test {
namespace {

class HasManyNestedCreateTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    m_ = std::make_unique<HasManyModels>(defineHasManyModels(db()));
    clearLog();
  }
  HasManyModels& m() { return *m_; }
  // The tables the statements inserted into, in order.
  std::vector<std::string> insertedTables() {
    std::vector<std::string> out;
    for (const std::string& s : statements()) {
      for (const char* table : {"users", "stories", "comments", "profiles", "categories"}) {
        if (s.starts_with("INSERT INTO " + quoted(db(), table) + " ")) out.emplace_back(table);
      }
    }
    return out;
  }
  // Every row of every table, for comparing before and after.
  std::vector<std::string> everyTable() {
    std::vector<std::string> out;
    for (const char* table : {"users", "stories", "comments", "profiles", "categories"}) {
      for (std::string& row : tableContents(db(), table, "id")) out.push_back(table + (": " + row));
    }
    return out;
  }
  static std::size_t firstOf(const std::vector<std::string>& tables, const std::string& table) {
    return static_cast<std::size_t>(std::find(tables.begin(), tables.end(), table) -
                                    tables.begin());
  }
  static std::size_t lastOf(const std::vector<std::string>& tables, const std::string& table) {
    const auto it = std::find(tables.rbegin(), tables.rend(), table);
    return it == tables.rend() ? tables.size() : static_cast<std::size_t>(tables.rend() - it) - 1;
  }
  // {"title": title}
  static Value titled(const char* title) { return Value{{"title", title}}; }

  std::unique_ptr<HasManyModels> m_;
};

TEST_F(HasManyNestedCreateTest, EveryItemIsWrittenWithTheOwnersKey) {
  const Instance user = m().Users.create(
      {{"username", "ann"},
       {"stories", Value(std::vector<Value>{Value{{"title", "a"}}, Value{{"title", "b"}}})}},
      {.include = {"stories"}});
  // The owner first, then its stories.
  const auto tables = insertedTables();
  ASSERT_GE(tables.size(), 2u) << ::testing::PrintToString(statements());
  EXPECT_EQ(tables.front(), "users");
  EXPECT_TRUE(std::all_of(tables.begin() + 1, tables.end(), [](const std::string& t) {
    return t == "stories";
  })) << ::testing::PrintToString(tables);
  const std::string id = cellText(user.get("id"));
  EXPECT_EQ(plainRows(db(), "SELECT `title`, `authorId` FROM `stories` ORDER BY `title`"),
            (std::vector<std::string>{"a|" + id, "b|" + id}));
  EXPECT_EQ(plainRows(db(), "SELECT `username` FROM `users`"), std::vector<std::string>{"ann"});

  // The instance holds the list as given, each item saved and linked.
  EXPECT_EQ(user.keys(), (std::vector<std::string>{"id", "username", "stories"}));
  const auto stories = user.included("stories");
  ASSERT_TRUE(stories.isList());
  ASSERT_EQ(stories.size(), 2u);
  EXPECT_EQ(joined(stories, "title"), "a,b");
  for (const Instance& s : stories) {
    EXPECT_FALSE(s.isNewRecord());
    EXPECT_EQ(s.get("authorId"), user.get("id"));
    EXPECT_FALSE(s.get("id").isNullish());
    EXPECT_EQ(plainValue(db(), "SELECT `title` FROM `stories` WHERE `id` = ?", {s.get("id")}),
              s.get<std::string>("title"));
    // Sequelize's key order: the values given, then the key filled in.
    const std::vector<std::string> keys = s.keys();
    ASSERT_GE(keys.size(), 3u);
    EXPECT_EQ(std::vector<std::string>(keys.begin(), keys.begin() + 3),
              (std::vector<std::string>{"id", "title", "authorId"}));
  }
  // What was written reads back the same through the include.
  const auto read = m().Users.findAll(
      {.include = {"stories"}, .order = {{"id", "ASC"}, {"stories", "title", "ASC"}}});
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(joined(read[0].included("stories"), "title"), "a,b");
}

TEST_F(HasManyNestedCreateTest, ListsInsideListsAreWrittenAtEveryDepth) {
  const Instance user = m().Users.create(
      {{"username", "ann"},
       {"stories",
        Value::array(
            {Value{{"title", "a"},
                   {"comments", Value::array({Value{{"body", "a1"}}, Value{{"body", "a2"}}})}},
             Value{{"title", "b"}, {"comments", Value::array({Value{{"body", "b1"}}})}},
             Value{{"title", "c"}, {"comments", Value::array({})}}})}},
      {.include = {{.association = "stories", .include = {"comments"}}}});
  const auto tables = insertedTables();
  EXPECT_EQ(tables.front(), "users");
  // Each story before its comments.
  EXPECT_LT(firstOf(tables, "stories"), firstOf(tables, "comments"));
  const std::string id = cellText(user.get("id"));
  EXPECT_EQ(plainRows(db(), "SELECT `title`, `authorId` FROM `stories` ORDER BY `title`"),
            (std::vector<std::string>{"a|" + id, "b|" + id, "c|" + id}));
  EXPECT_EQ(plainRows(db(),
                      "SELECT `s`.`title`, `c`.`body` FROM `comments` AS `c` JOIN `stories` AS `s` "
                      "ON `s`.`id` = `c`.`storyId` ORDER BY `c`.`body`"),
            (std::vector<std::string>{"a|a1", "a|a2", "b|b1"}));
  // In memory, the same tree.
  const auto stories = user.included("stories");
  ASSERT_EQ(stories.size(), 3u);
  EXPECT_EQ(joined(stories[0].included("comments"), "body"), "a1,a2");
  EXPECT_EQ(joined(stories[1].included("comments"), "body"), "b1");
  EXPECT_TRUE(stories[2].included("comments").empty());
  for (const Instance& s : stories) {
    for (const Instance& c : s.included("comments")) {
      EXPECT_EQ(c.get("storyId"), s.get("id"));
      EXPECT_FALSE(c.isNewRecord());
    }
  }
}

TEST_F(HasManyNestedCreateTest, BelongsToParentsBeforeTheRowAndListsAfterIt) {
  const Instance story = m().Stories.create(
      {{"title", "t"},
       {"author", {{"username", "ann"}}},
       {"category", {{"name", "news"}}},
       {"comments", Value::array({Value{{"body", "c1"}}, Value{{"body", "c2"}}})}},
      {.include = {"author", "category", "comments"}});
  const auto tables = insertedTables();
  EXPECT_LT(lastOf(tables, "users"), firstOf(tables, "stories"))
      << ::testing::PrintToString(tables);
  EXPECT_LT(lastOf(tables, "categories"), firstOf(tables, "stories"));
  EXPECT_EQ(firstOf(tables, "stories"), lastOf(tables, "stories"));  // one story
  EXPECT_LT(lastOf(tables, "stories"), firstOf(tables, "comments"));
  EXPECT_EQ(plainRows(db(),
                      "SELECT `s`.`title`, `u`.`username`, `c`.`name` FROM `stories` AS `s` JOIN "
                      "`users` AS `u` ON `u`.`id` = `s`.`authorId` JOIN `categories` AS `c` ON "
                      "`c`.`id` = `s`.`categoryId`"),
            std::vector<std::string>{"t|ann|news"});
  EXPECT_EQ(plainRows(db(),
                      "SELECT `c`.`body`, `s`.`title` FROM `comments` AS `c` JOIN `stories` AS `s` "
                      "ON `s`.`id` = `c`.`storyId` ORDER BY `c`.`body`"),
            (std::vector<std::string>{"c1|t", "c2|t"}));
  EXPECT_EQ(story.get("authorId"), story.included("author")->get("id"));
  EXPECT_EQ(joined(story.included("comments"), "storyId"),
            cellText(story.get("id")) + "," + cellText(story.get("id")));

  // A user with a hasOne and a list whose items have a belongsTo of their own.
  clearLog();
  const Instance bob = m().Users.create(
      {{"username", "bob"},
       {"profile", {{"bio", "b"}}},
       {"stories", Value::array({Value{{"title", "s1"}, {"category", {{"name", "fun"}}}},
                                 Value{{"title", "s2"}}})}},
      {.include = {{.association = "profile"},
                   {.association = "stories", .include = {"category"}}}});
  const auto more = insertedTables();
  EXPECT_EQ(more.front(), "users");
  EXPECT_LT(firstOf(more, "categories"), firstOf(more, "stories"))
      << ::testing::PrintToString(more);
  EXPECT_LT(firstOf(more, "users"), firstOf(more, "profiles"));
  const std::string bobId = cellText(bob.get("id"));
  EXPECT_EQ(
      plainRows(db(),
                "SELECT `s`.`title`, `s`.`authorId`, `c`.`name` FROM `stories` AS `s` LEFT "
                "JOIN `categories` AS `c` ON `c`.`id` = `s`.`categoryId` WHERE `s`.`authorId` "
                "= ? ORDER BY `s`.`title`",
                {bob.get("id")}),
      (std::vector<std::string>{"s1|" + bobId + "|fun", "s2|" + bobId + "|null"}));
  EXPECT_EQ(plainRows(db(), "SELECT `bio`, `userId` FROM `profiles`"),
            std::vector<std::string>{"b|" + bobId});
}

TEST_F(HasManyNestedCreateTest, AnEmptyListCreatesOnlyTheParent) {
  const Instance user = m().Users.create(
      {{"username", "ann"}, {"stories", Value(std::vector<Value>{})}}, {.include = {"stories"}});
  EXPECT_EQ(insertedTables(), std::vector<std::string>{"users"});
  EXPECT_EQ(countRows(db(), "users"), 1);
  EXPECT_EQ(countRows(db(), "stories"), 0);
  EXPECT_TRUE(user.included("stories").isList());
  EXPECT_TRUE(user.included("stories").empty());
  EXPECT_EQ(user.toJSON(), R"({"id":1,"username":"ann","stories":[]})");
}

TEST_F(HasManyNestedCreateTest, AnEmptyBraceForAHasOneCreatesARowOfDefaults) {
  // Sequelize's {profile: {}}: a profile with its defaults, linked.
  const Instance user =
      m().Users.create({{"username", "cid"}, {"profile", {}}}, {.include = {"profile"}});
  EXPECT_EQ(insertedTables(), (std::vector<std::string>{"users", "profiles"}));
  EXPECT_EQ(plainRows(db(), "SELECT `bio`, `userId` FROM `profiles`"),
            std::vector<std::string>{"null|" + cellText(user.get("id"))});
  ASSERT_NE(user.included("profile"), nullptr);
  EXPECT_FALSE(user.included("profile")->isNewRecord());
}

TEST_F(HasManyNestedCreateTest, AnEmptyObjectForAHasOneCreatesARowOfDefaults) {
  const Instance user = m().Users.create({{"username", "cid"}, {"profile", Value(Values{})}},
                                         {.include = {"profile"}});
  EXPECT_EQ(plainRows(db(), "SELECT `bio`, `userId` FROM `profiles`"),
            std::vector<std::string>{"null|" + cellText(user.get("id"))});
}

TEST_F(HasManyNestedCreateTest, NullForAHasOneCreatesNoRow) {
  // Sequelize's {profile: null}.
  const Instance user =
      m().Users.create({{"username", "cid"}, {"profile", nullptr}}, {.include = {"profile"}});
  EXPECT_EQ(insertedTables(), std::vector<std::string>{"users"});
  EXPECT_EQ(countRows(db(), "profiles"), 0);
  EXPECT_EQ(user.included("profile"), nullptr);
}

TEST_F(HasManyNestedCreateTest, AKeyThatMayNotBeNullIsFilledIn) {
  Model& Owners = db().define("Owner", {{"name", DataTypes::STRING}},
                              {.tableName = "owners", .timestamps = false});
  Model& Pets =
      db().define("Pet", {{"name", DataTypes::STRING}}, {.tableName = "pets", .timestamps = false});
  Owners.hasMany(
      Pets, {.foreignKey = ForeignKeyOptions{.name = "ownerId", .allowNull = false}, .as = "pets"});
  Owners.sync();
  Pets.sync();
  const Instance owner = Owners.create(
      {{"name", "o"}, {"pets", Value::array({Value{{"name", "p1"}}, Value{{"name", "p2"}}})}},
      {.include = {"pets"}});
  const std::string id = cellText(owner.get("id"));
  EXPECT_EQ(plainRows(db(), "SELECT `name`, `ownerId` FROM `pets` ORDER BY `name`"),
            (std::vector<std::string>{"p1|" + id, "p2|" + id}));
}

TEST_F(HasManyNestedCreateTest, AnInvalidSecondItemIsRefusedBeforeAnySql) {
  try {
    m().Users.create(
        {{"username", "ann"}, {"stories", Value::array({titled("ok"), Value{{"title", nullptr}}})}},
        {.include = {"stories"}});
    FAIL() << "expected ValidationError";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].message, "Stories.title cannot be null");
  }
  EXPECT_TRUE(statements().empty()) << ::testing::PrintToString(statements());
  EXPECT_TRUE(everyTable().empty());
}

TEST_F(HasManyNestedCreateTest, ADatabaseFailureInTheSecondItemLeavesNoRows) {
  m().Stories.create({{"title", "taken"}});
  db().query(dialectSql(db(), "CREATE UNIQUE INDEX `stories_title_unique` ON `stories` (`title`)"),
             {.silent = true});
  const auto before = everyTable();
  const Values failing = {{"username", "ann"},
                          {"stories", Value::array({titled("fresh"), titled("taken")})}};
  // The user and the first story are written, then the second INSERT fails. Sequelize keeps the
  // rows written before the failure.
  EXPECT_THROW(m().Users.create(failing, {.include = {"stories"}}), UniqueConstraintError);
  EXPECT_EQ(everyTable(), before);

  // Inside a caller's transaction: a savepoint, rolled back; the transaction goes on.
  Transaction t = db().transaction();
  m().Users.create({{"username", "kept"}}, {.transaction = &t});
  EXPECT_THROW(m().Users.create(failing, {.include = {"stories"}, .transaction = &t}),
               UniqueConstraintError);
  m().Users.create({{"username", "after"}}, {.transaction = &t});
  EXPECT_EQ(plainRows(db(), "SELECT `title` FROM `stories` ORDER BY `id`", {}, &t),
            std::vector<std::string>{"taken"});
  t.commit();
  EXPECT_EQ(plainRows(db(), "SELECT `username` FROM `users` ORDER BY `id`"),
            (std::vector<std::string>{"kept", "after"}));
  EXPECT_EQ(plainRows(db(), "SELECT `title`, `authorId` FROM `stories` ORDER BY `id`"),
            std::vector<std::string>{"taken|null"});
}

TEST_F(HasManyNestedCreateTest, AFailedSaveLeavesTheBuiltTreeAsItWasAndItCanBeSavedAgain) {
  m().Stories.create({{"title", "taken"}});
  db().query(dialectSql(db(), "CREATE UNIQUE INDEX `stories_title_unique` ON `stories` (`title`)"),
             {.silent = true});
  Instance user = m().Users.build({{"username", "ann"},
                                   {"stories", Value::array({titled("fresh"), titled("taken")})},
                                   {"profile", Value{{"bio", "b"}}}},
                                  {.include = {"stories", "profile"}});
  const std::string built = user.toJSON();
  const auto builtChanged = user.changed();
  EXPECT_THROW(user.save(), UniqueConstraintError);
  // No key, timestamp or foreign key of the failed write stays on any instance of the tree.
  EXPECT_EQ(user.toJSON(), built);
  EXPECT_EQ(user.changed(), builtChanged);
  EXPECT_TRUE(user.isNewRecord());
  for (const Instance& s : user.included("stories")) {
    EXPECT_TRUE(s.isNewRecord());
    EXPECT_TRUE(s.get("authorId").isUndefined());
  }
  EXPECT_TRUE(user.included("profile")->isNewRecord());

  // Once the conflict is gone the same instance writes the whole tree.
  db().query(dialectSql(db(), "DELETE FROM `stories`"), {.silent = true});
  user.save();
  EXPECT_FALSE(user.isNewRecord());
  EXPECT_TRUE(user.changed().empty());
  const std::string id = user.get<std::string>("id");
  EXPECT_EQ(plainRows(db(), "SELECT `title`, `authorId` FROM `stories` ORDER BY `id`"),
            (std::vector<std::string>{"fresh|" + id, "taken|" + id}));
  EXPECT_EQ(plainRows(db(), "SELECT `username` FROM `users`"), std::vector<std::string>{"ann"});
}

TEST_F(HasManyNestedCreateTest, AValueThatIsNotAListIsATypeError) {
  // Sequelize wraps a lone object in a list; here the alias of a hasMany takes a list only.
  EXPECT_THROW(
      m().Users.create({{"username", "x"}, {"stories", titled("a")}}, {.include = {"stories"}}),
      TypeError);
  EXPECT_THROW(m().Users.create({{"username", "x"}, {"stories", "a"}}, {.include = {"stories"}}),
               TypeError);
  EXPECT_THROW(m().Users.create({{"username", "x"}, {"stories", 1}}, {.include = {"stories"}}),
               TypeError);
  // Items of the list must be objects.
  EXPECT_THROW(m().Users.create({{"username", "x"}, {"stories", Value::array({"a"})}},
                                {.include = {"stories"}}),
               TypeError);
  EXPECT_THROW((void)m().Users.build({{"username", "x"}, {"stories", titled("a")}},
                                     {.include = {"stories"}}),
               TypeError);
  EXPECT_TRUE(statements().empty());
  EXPECT_EQ(countRows(db(), "users"), 0);
  EXPECT_EQ(countRows(db(), "stories"), 0);
}

TEST_F(HasManyNestedCreateTest, AListOfAnAssociationNotIncludedIsRefused) {
  // Sequelize drops it silently; only the user would be written.
  EXPECT_THROW(m().Users.create({{"username", "x"}, {"stories", Value::array({titled("a")})}}),
               Error);
  EXPECT_TRUE(statements().empty());
  EXPECT_EQ(countRows(db(), "users"), 0);
}

TEST_F(HasManyNestedCreateTest, EveryRowOfOneNestedWriteCarriesTheSameTimestamps) {
  // Sequelize reads the clock once per row; one write stamps all its rows with one time, as
  // its bulkCreate does. The log function makes each item's INSERT take a few milliseconds,
  // so that a clock read per row would show.
  const auto slowItems = [](const std::string& line) {
    if (line.find("INSERT INTO") != std::string::npos && line.find("items") != std::string::npos) {
      std::this_thread::sleep_for(std::chrono::milliseconds(3));
    }
  };
  Sequelize slow(target().url, {.logging = slowItems});
  Model& Owners = slow.define("Owner", {{"name", DataTypes::STRING}}, {.tableName = "owners"});
  Model& Items = slow.define("Item", {{"label", DataTypes::STRING}}, {.tableName = "items"});
  Owners.hasMany(Items, {.foreignKey = "ownerId", .as = "items"});
  slow.sync({.force = true});
  const Instance owner = Owners.create(
      {{"name", "o"},
       {"items",
        Value::array({Value{{"label", "a"}}, Value{{"label", "b"}}, Value{{"label", "c"}}})}},
      {.include = {"items"}});
  EXPECT_EQ(plainRows(slow,
                      "SELECT COUNT(*), COUNT(DISTINCT `createdAt`), "
                      "COUNT(DISTINCT `updatedAt`) FROM `items`"),
            std::vector<std::string>{"3|1|1"});
  const std::string ownerStamps =
      plainRows(slow, "SELECT `createdAt`, `updatedAt` FROM `owners`").at(0);
  EXPECT_EQ(plainRows(slow, "SELECT DISTINCT `createdAt`, `updatedAt` FROM `items`"),
            std::vector<std::string>{ownerStamps});
  // The instances hold what was written.
  for (const Instance& item : owner.included("items")) {
    EXPECT_EQ(item.get("createdAt"), owner.get("createdAt"));
    EXPECT_EQ(item.get("updatedAt"), owner.get("updatedAt"));
  }
}

}  // namespace
}  // namespace sequelize::test
