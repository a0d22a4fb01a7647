// Eager loading through a junction (Sequelize's include of a belongsToMany): each target once
// per parent with its junction row under the junction model's name, through attributes and
// where, required, where on the target, nesting with hasMany and belongsTo, order by the
// junction's attribute, limit counting parents; and nested create through a junction, atomic.
#include "belongs_to_many_fixture.hpp"

namespace sequelize::test {
namespace {

class BelongsToManyIncludesTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    m_ = std::make_unique<TagModels>(defineTagModels(db()));
    // ann: alpha (food 3, travel 1), beta (food 2); bob: gamma (family 5, food 4), delta (none).
    Instance ann = m().Users.create({{"username", "ann"}});
    Instance bob = m().Users.create({{"username", "bob"}});
    for (const char* name : {"food", "travel", "family"})
      t_.push_back(m().Tags.create({{"name", name}}));
    for (const auto& [title, author] : std::vector<std::pair<const char*, Instance*>>{
             {"alpha", &ann}, {"beta", &ann}, {"gamma", &bob}, {"delta", &bob}}) {
      s_.push_back(m().Stories.create({{"title", title}, {"authorId", author->get("id")}}));
    }
    s_[0].addAssociation("tags", t_[0], {.through = {{"weight", 3}}});
    s_[0].addAssociation("tags", t_[1], {.through = {{"weight", 1}}});
    s_[1].addAssociation("tags", t_[0], {.through = {{"weight", 2}}});
    s_[2].addAssociation("tags", t_[2], {.through = {{"weight", 5}}});
    s_[2].addAssociation("tags", t_[0], {.through = {{"weight", 4}}});
    clearLog();
  }
  TagModels& m() { return *m_; }

  std::unique_ptr<TagModels> m_;
  std::vector<Instance> s_;
  std::vector<Instance> t_;
};

TEST_F(BelongsToManyIncludesTest, EachTargetOncePerParentWithItsJunctionRow) {
  const auto stories = m().Stories.findAll({.attributes = {{"title"}},
                                            .include = {{.association = "tags",
                                                         .attributes = {{"name"}},
                                                         .through = {.attributes = {{"weight"}}}}},
                                            .order = {{"id", "ASC"}, {"tags", "name", "ASC"}}});
  EXPECT_EQ(toJSON(stories),
            R"([{"title":"alpha","tags":[{"name":"food","StoryTags":{"weight":3}},)"
            R"({"name":"travel","StoryTags":{"weight":1}}]},)"
            R"({"title":"beta","tags":[{"name":"food","StoryTags":{"weight":2}}]},)"
            R"({"title":"gamma","tags":[{"name":"family","StoryTags":{"weight":5}},)"
            R"({"name":"food","StoryTags":{"weight":4}}]},)"
            R"({"title":"delta","tags":[]}])");
  // The same tag under two stories: two instances, each with its own junction row.
  EXPECT_EQ(stories[0].included("tags")[0].included("StoryTags")->get("weight"), Value(3));
  EXPECT_EQ(stories[1].included("tags")[0].included("StoryTags")->get("weight"), Value(2));

  // Sequelize's join: the junction and the target in parentheses, joined to the parent.
  const std::string sql = statements().front();
  EXPECT_NE(sql.find(dialectSql(db(),
                                "LEFT OUTER JOIN ( `story_tags` AS `tags->StoryTags` INNER "
                                "JOIN `tags` AS `tags` ON `tags`.`id` = "
                                "`tags->StoryTags`.`tagId`) ON `Stories`.`id` = "
                                "`tags->StoryTags`.`storyId`")),
            std::string::npos)
      << sql;
}

TEST_F(BelongsToManyIncludesTest, ThroughWhereRequiredAndTargetWhere) {
  auto titles = [](const std::vector<Instance>& stories) {
    std::string out;
    for (const Instance& s : stories) {
      out += cellText(s.get("title")) + ":" + joined(s.included("tags"), "name") + ";";
    }
    return out;
  };
  // through.where keeps every story (an optional include) and only the heavy links.
  EXPECT_EQ(
      titles(m().Stories.findAll(
          {.include = {{.association = "tags", .through = {.where = {{"weight", Op::gte(3)}}}}},
           .order = {{"id", "ASC"}, {"tags", "name", "ASC"}}})),
      "alpha:food;beta:;gamma:family,food;delta:;");
  // required: only stories with such a link.
  EXPECT_EQ(titles(m().Stories.findAll({.include = {{.association = "tags",
                                                     .required = true,
                                                     .through = {.where = {{"weight", 2}}}}},
                                        .order = {{"id", "ASC"}}})),
            "beta:food;");
  // A where on the target makes the include required, as in Sequelize.
  EXPECT_EQ(titles(m().Stories.findAll(
                {.include = {{.association = "tags", .where = {{"name", "travel"}}}},
                 .order = {{"id", "ASC"}}})),
            "alpha:travel;");
  // Ordered by the junction's attribute.
  EXPECT_EQ(titles(m().Stories.findAll({.where = {{"title", "gamma"}},
                                        .include = {{.association = "tags"}},
                                        .order = {{"tags", "StoryTags", "weight", "ASC"}}})),
            "gamma:food,family;");
}

TEST_F(BelongsToManyIncludesTest, NestedWithHasManyAndBelongsTo) {
  EXPECT_EQ(
      toJSON(m().Users.findAll(
          {.attributes = {{"username"}},
           .include = {{.association = "stories",
                        .attributes = {{"title"}},
                        .include = {{.association = "tags",
                                     .attributes = {{"name"}},
                                     .through = {.attributes = {.none = true}}}}}},
           .order = {{"id", "ASC"},
                     {"stories", "id", "ASC"},
                     {"stories", "tags", "name", "ASC"}}})),
      R"([{"username":"ann","stories":[{"title":"alpha","tags":[{"name":"food"},{"name":"travel"}]},)"
      R"({"title":"beta","tags":[{"name":"food"}]}]},)"
      R"({"username":"bob","stories":[{"title":"gamma","tags":[{"name":"family"},{"name":"food"}]},)"
      R"({"title":"delta","tags":[]}]}])");
  // From the other side, and on to each story's author.
  EXPECT_EQ(toJSON(m().Tags.findAll(
                {.where = {{"name", "food"}},
                 .attributes = {{"name"}},
                 .include = {{.association = "stories",
                              .attributes = {{"title"}},
                              .include = {{.association = "author", .attributes = {{"username"}}}},
                              .through = {.attributes = {.none = true}}}},
                 .order = {{"stories", "title", "ASC"}}})),
            R"([{"name":"food","stories":[{"title":"alpha","author":{"username":"ann"}},)"
            R"({"title":"beta","author":{"username":"ann"}},)"
            R"({"title":"gamma","author":{"username":"bob"}}]}])");
}

TEST_F(BelongsToManyIncludesTest, LimitCountsParents) {
  // Two stories, each with all of its tags (not two rows of the join).
  const auto two = m().Stories.findAll({.include = {{.association = "tags"}},
                                        .order = {{"id", "ASC"}, {"tags", "name", "ASC"}},
                                        .limit = 2});
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(joined(two[0].included("tags"), "name"), "food,travel");
  EXPECT_EQ(joined(two[1].included("tags"), "name"), "food");
  // Required: the stories with a heavy link, counted as stories.
  const auto heavy =
      m().Stories.findAll({.include = {{.association = "tags",
                                        .required = true,
                                        .through = {.where = {{"weight", Op::gte(3)}}}}},
                           .order = {{"id", "DESC"}, {"tags", "name", "ASC"}},
                           .limit = 1});
  ASSERT_EQ(heavy.size(), 1u);
  EXPECT_EQ(heavy[0].get("title"), Value("gamma"));
  EXPECT_EQ(joined(heavy[0].included("tags"), "name"), "family,food");
  EXPECT_EQ(m().Stories.count({.include = {{.association = "tags", .required = true}}}), 3);
  // Sequelize reads only hasMany includes separately.
  EXPECT_THROW((void)m().Stories.findAll({.include = {{.association = "tags", .separate = true}}}),
               EagerLoadingError);
}

TEST_F(BelongsToManyIncludesTest, NestedCreateWritesTargetsAndJunctionRowsOrNothing) {
  const Instance story = m().Stories.create(
      {{"title", "epsilon"},
       {"tags", Value(std::vector<Value>{Value{{"name", "drinks"}}, Value{{"name", "sweets"}}})}},
      {.include = {"tags"}});
  EXPECT_EQ(joined(story.included("tags"), "name"), "drinks,sweets");
  for (const Instance& tag : story.included("tags")) EXPECT_FALSE(tag.isNewRecord());
  EXPECT_EQ(plainRows(db(),
                      "SELECT `t`.`name`, `j`.`weight` FROM `story_tags` AS `j` JOIN `tags` AS "
                      "`t` ON `t`.`id` = `j`.`tagId` WHERE `j`.`storyId` = ? ORDER BY `t`.`name`",
                      {story.get("id")}),
            (std::vector<std::string>{"drinks|1", "sweets|1"}));

  // A target may give its junction row's values under the junction model's name.
  const Instance weighted = m().Stories.create(
      {{"title", "eta"},
       {"tags",
        Value(std::vector<Value>{Value{{"name", "fruit"}, {"StoryTags", Value{{"weight", 7}}}},
                                 Value{{"name", "nuts"}}})}},
      {.include = {"tags"}});
  EXPECT_EQ(plainRows(db(),
                      "SELECT `t`.`name`, `j`.`weight` FROM `story_tags` AS `j` JOIN `tags` AS "
                      "`t` ON `t`.`id` = `j`.`tagId` WHERE `j`.`storyId` = ? ORDER BY `t`.`name`",
                      {weighted.get("id")}),
            (std::vector<std::string>{"fruit|7", "nuts|1"}));
  const Instance& fruit = weighted.included("tags")[0];
  ASSERT_NE(fruit.included("StoryTags"), nullptr);
  EXPECT_EQ(fruit.included("StoryTags")->get("storyId"), weighted.get("id"));
  EXPECT_FALSE(fruit.included("StoryTags")->isNewRecord());

  // The second tag collides with an existing name: no story, no tag, no junction row.
  const std::vector<std::string> before = junctionRows(db());
  EXPECT_THROW(
      m().Stories.create(
          {{"title", "zeta"},
           {"tags", Value(std::vector<Value>{Value{{"name", "cakes"}}, Value{{"name", "food"}}})}},
          {.include = {"tags"}}),
      UniqueConstraintError);
  EXPECT_EQ(plainValue(db(), "SELECT COUNT(*) FROM `stories` WHERE `title` = 'zeta'"), "0");
  EXPECT_EQ(plainValue(db(), "SELECT COUNT(*) FROM `tags` WHERE `name` = 'cakes'"), "0");
  EXPECT_EQ(junctionRows(db()), before);
  // A junction row that cannot be written (weight is NOT NULL): nothing of the write stays.
  EXPECT_ANY_THROW(m().Stories.create(
      {{"title", "theta"},
       {"tags", Value(std::vector<Value>{
                    Value{{"name", "seeds"}, {"StoryTags", Value{{"weight", nullptr}}}}})}},
      {.include = {"tags"}}));
  EXPECT_EQ(plainValue(db(), "SELECT COUNT(*) FROM `stories` WHERE `title` = 'theta'"), "0");
  EXPECT_EQ(plainValue(db(), "SELECT COUNT(*) FROM `tags` WHERE `name` = 'seeds'"), "0");
  EXPECT_EQ(junctionRows(db()), before);
}

TEST_F(BelongsToManyIncludesTest, AJunctionHoldingAPairTwiceGivesTheTargetOnce) {
  // A junction keyed by its own id, its pair not made unique: nothing stops a second link of
  // the same story and tag. As Sequelize, the tag still comes once under its story.
  Model& Picks =
      db().define("Picks",
                  {{"id", {.type = DataTypes::INTEGER, .primaryKey = true, .autoIncrement = true}},
                   {"weight", {.type = DataTypes::INTEGER}}},
                  {.tableName = "picks", .timestamps = false});
  m().Stories.belongsToMany(m().Tags,
                            {.through = ThroughModelOptions{.model = Picks, .unique = false},
                             .as = "picks",
                             .foreignKey = "storyId",
                             .otherKey = "tagId"});
  Picks.sync({.force = true});
  for (const auto& [story, tag] :
       std::vector<std::pair<int, int>>{{0, 0}, {0, 1}, {0, 0}, {1, 0}}) {
    (void)db().query(dialectSql(db(),
                                "INSERT INTO `picks` (`storyId`, `tagId`, `weight`) "
                                "VALUES (?, ?, 7)"),
                     {.bind = {s_[static_cast<std::size_t>(story)].get("id"),
                               t_[static_cast<std::size_t>(tag)].get("id")},
                      .silent = true});
  }
  EXPECT_EQ(toJSON(m().Stories.findAll({.where = {{"title", Op::in({"alpha", "beta"})}},
                                        .attributes = {{"title"}},
                                        .include = {{.association = "picks",
                                                     .attributes = {{"name"}},
                                                     .through = {.attributes = {{"weight"}}}}},
                                        .order = {{"id", "ASC"}, {"picks", "name", "ASC"}}})),
            R"([{"title":"alpha","picks":[{"name":"food","Picks":{"weight":7}},)"
            R"({"name":"travel","Picks":{"weight":7}}]},)"
            R"({"title":"beta","picks":[{"name":"food","Picks":{"weight":7}}]}])");
}

TEST_F(BelongsToManyIncludesTest, ATargetListBesideAnotherListFoldsByKey) {
  // Tags and the junction's own rows side by side: each tag comes once per link row and each
  // link once per tag; every one of them is made once.
  m().Stories.hasMany(m().StoryTags, {.foreignKey = "storyId", .as = "links"});
  EXPECT_EQ(toJSON(m().Stories.findAll(
                {.where = {{"title", "alpha"}},
                 .attributes = {{"title"}},
                 .include = {{.association = "tags",
                              .attributes = {{"name"}},
                              .through = {.attributes = {.none = true}}},
                             {.association = "links", .attributes = {{"weight"}}}},
                 .order = {{"tags", "name", "ASC"}, {"links", "weight", "DESC"}}})),
            R"([{"title":"alpha","tags":[{"name":"food"},{"name":"travel"}],)"
            R"("links":[{"weight":3},{"weight":1}]}])");
}

TEST_F(BelongsToManyIncludesTest, SuperManyToMany) {
  // The junction is a model of its own too: it belongs to both sides, and each side has many
  // of its rows (Sequelize's "super many-to-many").
  m().StoryTags.belongsTo(m().Stories, {.foreignKey = "storyId", .as = "story"});
  m().StoryTags.belongsTo(m().Tags, {.foreignKey = "tagId", .as = "tag"});
  m().Stories.hasMany(m().StoryTags, {.foreignKey = "storyId", .as = "links"});
  EXPECT_EQ(toJSON(m().Stories.findAll(
                {.where = {{"title", "alpha"}},
                 .attributes = {{"title"}},
                 .include = {{.association = "links",
                              .attributes = {{"weight"}},
                              .include = {{.association = "tag", .attributes = {{"name"}}}}}},
                 .order = {{"links", "weight", "DESC"}}})),
            R"([{"title":"alpha","links":[{"weight":3,"tag":{"name":"food"}},)"
            R"({"weight":1,"tag":{"name":"travel"}}]}])");
  EXPECT_EQ(toJSON(m().StoryTags.findAll(
                {.attributes = {{"weight"}},
                 .include = {{.association = "story", .attributes = {{"title"}}}},
                 .order = {{"weight", "DESC"}},
                 .limit = 1})),
            R"([{"weight":5,"story":{"title":"gamma"}}])");
  // The many-to-many still reads the same rows.
  EXPECT_EQ(s_[0].countAssociations("tags"), 2);
}

}  // namespace
}  // namespace sequelize::test
