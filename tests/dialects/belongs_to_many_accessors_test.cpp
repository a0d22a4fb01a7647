// belongsToMany's accessors (Sequelize's getTags / countTags / hasTag / hasTags / setTags /
// addTag / addTags / removeTag / removeTags / createTag): what each leaves in the junction,
// read back with plain SQL, and the statements it sends in Sequelize's order (values bound);
// the writers atomic where Sequelize runs separate statements.
#include "belongs_to_many_fixture.hpp"

namespace sequelize::test {
namespace {

class BelongsToManyAccessorsTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    m_ = std::make_unique<TagModels>(defineTagModels(db()));
    for (const char* title : {"alpha", "beta", "gamma"})
      s_.push_back(m().Stories.create({{"title", title}}));
    for (const char* name : {"food", "travel", "family"})
      t_.push_back(m().Tags.create({{"name", name}}));
    clearLog();
  }
  TagModels& m() { return *m_; }
  std::string sql(std::string_view backticked) { return dialectSql(db(), backticked); }
  std::vector<std::string> sent() { return dataStatements(statements()); }
  // "storyId|tagId|weight" with the fixture's keys (stories 1-3, tags 1-3).
  std::string row(std::size_t story, std::size_t tag, int weight) {
    return cellText(s_[story].get("id")) + "|" + cellText(t_[tag].get("id")) + "|" +
           std::to_string(weight);
  }

  std::unique_ptr<TagModels> m_;
  std::vector<Instance> s_;
  std::vector<Instance> t_;
};

TEST_F(BelongsToManyAccessorsTest, AddInsertsTheMissingRowsAndUpdatesThoseWithOtherValues) {
  s_[0].addAssociations("tags", {t_[0], t_[2]}, {.through = {{"weight", 3}}});
  EXPECT_EQ(junctionRows(db()), (std::vector<std::string>{row(0, 0, 3), row(0, 2, 3)}));
  std::vector<std::string> statements = sent();
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0], sql("SELECT `weight`, `storyId`, `tagId` FROM `story_tags` AS "
                               "`StoryTags` WHERE `StoryTags`.`storyId` = ? AND "
                               "`StoryTags`.`tagId` IN (?, ?);"));
  // Both keys given: nothing to read back (no RETURNING, as Sequelize on SQLite and MariaDB).
  EXPECT_EQ(statements[1], sql("INSERT INTO `story_tags` (`weight`,`storyId`,`tagId`) "
                               "VALUES (?,?,?),(?,?,?);"));

  // One already linked with the same values, one new (the default weight): one INSERT.
  clearLog();
  s_[0].addAssociations("tags", {t_[0], t_[1]});
  EXPECT_EQ(junctionRows(db()),
            (std::vector<std::string>{row(0, 0, 3), row(0, 1, 1), row(0, 2, 3)}));
  EXPECT_EQ(sent().size(), 2u);

  // Linked already, with another weight: an UPDATE of that row only.
  clearLog();
  s_[0].addAssociation("tags", t_[2], {.through = {{"weight", 7}}});
  EXPECT_EQ(junctionRows(db()),
            (std::vector<std::string>{row(0, 0, 3), row(0, 1, 1), row(0, 2, 7)}));
  statements = sent();
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[1], sql("UPDATE `story_tags` SET `weight`=? WHERE `storyId` = ? AND "
                               "`tagId` = ?"));

  // Keys work as instances do; nothing to add sends nothing.
  clearLog();
  s_[1].addAssociation("tags", t_[1].get("id"));
  EXPECT_EQ(junctionRows(db()).back(), row(1, 1, 1));
  clearLog();
  s_[1].addAssociations("tags", {});
  EXPECT_TRUE(sent().empty());
}

TEST_F(BelongsToManyAccessorsTest, SetWritesOnlyTheDifferenceAllOrNothing) {
  s_[0].setAssociations("tags", {t_[0], t_[1]}, {.through = {{"weight", 2}}});
  EXPECT_EQ(junctionRows(db()), (std::vector<std::string>{row(0, 0, 2), row(0, 1, 2)}));

  // travel kept (its weight changed), food unlinked, family linked: Sequelize's DELETE, INSERT,
  // UPDATE after the SELECT, in one transaction (its atomicity is checked below).
  clearLog();
  s_[0].setAssociations("tags", {t_[1], t_[2]}, {.through = {{"weight", 4}}});
  EXPECT_EQ(junctionRows(db()), (std::vector<std::string>{row(0, 1, 4), row(0, 2, 4)}));
  const std::vector<std::string> statements = sent();
  ASSERT_EQ(statements.size(), 4u);
  EXPECT_EQ(statements[0], sql("SELECT `weight`, `storyId`, `tagId` FROM `story_tags` AS "
                               "`StoryTags` WHERE `StoryTags`.`storyId` = ?;"));
  EXPECT_EQ(statements[1], sql("DELETE FROM `story_tags` WHERE `storyId` = ? AND `tagId` IN (?)"));
  EXPECT_EQ(statements[2].rfind(sql("INSERT INTO `story_tags`"), 0), 0u) << statements[2];
  EXPECT_EQ(statements[3], sql("UPDATE `story_tags` SET `weight`=? WHERE `storyId` = ? AND "
                               "`tagId` = ?"));

  // A junction row that cannot be written (a weight of null, NOT NULL) after the DELETE: the
  // DELETE is rolled back with it, where Sequelize would have lost the unlinked row.
  clearLog();
  EXPECT_ANY_THROW(s_[0].setAssociations("tags", {t_[0]},
                                         {.through = {{"weight", nullptr}}, .validate = false}));
  EXPECT_EQ(junctionRows(db()), (std::vector<std::string>{row(0, 1, 4), row(0, 2, 4)}));
  const std::vector<std::string> failed = sent();
  ASSERT_GE(failed.size(), 2u);
  EXPECT_EQ(failed[1].rfind("DELETE", 0), 0u) << failed[1];

  // An empty list unlinks everything; other stories keep theirs.
  s_[1].addAssociation("tags", t_[0]);
  s_[0].setAssociations("tags", {});
  EXPECT_EQ(junctionRows(db()), (std::vector<std::string>{row(1, 0, 1)}));
}

TEST_F(BelongsToManyAccessorsTest, RemoveIsOneDelete) {
  s_[0].addAssociations("tags", {t_[0], t_[1], t_[2]});
  s_[1].addAssociations("tags", {t_[0]});
  clearLog();
  s_[0].removeAssociations("tags", {t_[0], t_[2].get("id")});
  EXPECT_EQ(sent(), std::vector<std::string>{
                        sql("DELETE FROM `story_tags` WHERE `storyId` = ? AND `tagId` IN (?, ?)")});
  EXPECT_EQ(junctionRows(db()), (std::vector<std::string>{row(0, 1, 1), row(1, 0, 1)}));
  // The tags themselves stay.
  EXPECT_EQ(plainValue(db(), "SELECT COUNT(*) FROM `tags`"), "3");
}

TEST_F(BelongsToManyAccessorsTest, GetReadsTheTargetsWithTheirJunctionRows) {
  s_[0].addAssociations("tags", {t_[0], t_[2]}, {.through = {{"weight", 3}}});
  s_[0].addAssociation("tags", t_[1], {.through = {{"weight", 5}}});
  s_[1].addAssociation("tags", t_[0], {.through = {{"weight", 9}}});
  clearLog();
  const std::vector<Instance> tags = s_[0].getAssociations("tags", {.order = {{"name", "ASC"}}});
  EXPECT_EQ(toJSON(tags),
            R"([{"id":3,"name":"family","StoryTags":{"weight":3,"storyId":1,"tagId":3}},)"
            R"({"id":1,"name":"food","StoryTags":{"weight":3,"storyId":1,"tagId":1}},)"
            R"({"id":2,"name":"travel","StoryTags":{"weight":5,"storyId":1,"tagId":2}}])");
  EXPECT_EQ(sent(), std::vector<std::string>{
                        sql("SELECT `Tags`.`id`, `Tags`.`name`, `StoryTags`.`weight` AS "
                            "`StoryTags.weight`, `StoryTags`.`storyId` AS `StoryTags.storyId`, "
                            "`StoryTags`.`tagId` AS `StoryTags.tagId` FROM `tags` AS `Tags` INNER "
                            "JOIN `story_tags` AS `StoryTags` ON `Tags`.`id` = `StoryTags`.`tagId` "
                            "AND `StoryTags`.`storyId` = ? ORDER BY `Tags`.`name` ASC;")});
  EXPECT_EQ(tags[1].included("StoryTags")->get("weight"), Value(3));

  // joinTableAttributes, through.where, where and attributes on the target, order by the
  // junction's attribute.
  const auto heavy =
      s_[0].getAssociations("tags", {.where = {{"name", Op::ne("family")}},
                                     .attributes = {{"name"}},
                                     .order = {{"StoryTags", "weight", "DESC"}},
                                     .joinTableAttributes = {{{"weight"}}},
                                     .through = {.where = {{"weight", Op::gte(3)}}}});
  EXPECT_EQ(toJSON(heavy), R"([{"name":"travel","StoryTags":{"weight":5}},)"
                           R"({"name":"food","StoryTags":{"weight":3}}])");
  // No junction attributes: the targets alone.
  EXPECT_EQ(toJSON(s_[1].getAssociations("tags", {.joinTableAttributes = {{.none = true}}})),
            R"([{"id":1,"name":"food"}])");
  // The other side reads the same rows.
  EXPECT_EQ(joined(t_[0].getAssociations("stories", {.order = {{"id", "ASC"}}}), "title"),
            "alpha,beta");
  // An unsaved source has nothing.
  EXPECT_TRUE(m().Stories.build({{"title", "new"}}).getAssociations("tags").empty());
}

TEST_F(BelongsToManyAccessorsTest, CountAndHas) {
  s_[0].addAssociations("tags", {t_[0], t_[2]}, {.through = {{"weight", 3}}});
  s_[1].addAssociation("tags", t_[0], {.through = {{"weight", 4}}});
  clearLog();
  EXPECT_EQ(s_[0].countAssociations("tags"), 2);
  EXPECT_EQ(sent(), std::vector<std::string>{
                        sql("SELECT count(`Tags`.`id`) AS `count` FROM `tags` AS `Tags` INNER JOIN "
                            "`story_tags` AS `StoryTags` ON `Tags`.`id` = `StoryTags`.`tagId` AND "
                            "`StoryTags`.`storyId` = ?;")});
  EXPECT_EQ(s_[1].countAssociations("tags"), 1);
  EXPECT_EQ(s_[2].countAssociations("tags"), 0);
  EXPECT_EQ(s_[0].countAssociations("tags", {.where = {{"name", "food"}}}), 1);
  EXPECT_EQ(s_[0].countAssociations("tags", {.through = {.where = {{"weight", 4}}}}), 0);
  EXPECT_EQ(t_[0].countAssociations("stories"), 2);

  clearLog();
  EXPECT_TRUE(s_[0].hasAssociation("tags", t_[0]));
  EXPECT_EQ(sent(), std::vector<std::string>{
                        sql("SELECT `Tags`.`id` FROM `tags` AS `Tags` INNER JOIN `story_tags` AS "
                            "`StoryTags` ON `Tags`.`id` = `StoryTags`.`tagId` AND "
                            "`StoryTags`.`storyId` = ? WHERE (`Tags`.`id` = ?);")});
  EXPECT_FALSE(s_[0].hasAssociation("tags", t_[1]));
  EXPECT_TRUE(s_[0].hasAssociations("tags", {t_[0], t_[2].get("id")}));
  EXPECT_FALSE(s_[0].hasAssociations("tags", {t_[0], t_[1]}));
  // The same tag twice is one tag.
  EXPECT_TRUE(s_[1].hasAssociations("tags", {t_[0], t_[0]}));
}

TEST_F(BelongsToManyAccessorsTest, CreateWritesTheTargetAndItsJunctionRowOrNeither) {
  const Instance created =
      s_[0].createAssociated("tags", {{"name", "drinks"}}, {.through = {{"weight", 6}}});
  EXPECT_FALSE(created.isNewRecord());
  EXPECT_EQ(plainRows(db(), "SELECT `name` FROM `tags` WHERE `id` = ?", {created.get("id")}),
            std::vector<std::string>{"drinks"});
  EXPECT_EQ(junctionRows(db()), std::vector<std::string>{cellText(s_[0].get("id")) + "|" +
                                                         cellText(created.get("id")) + "|6"});

  // A junction row that cannot be written: the new tag is not kept either.
  EXPECT_ANY_THROW(
      s_[0].createAssociated("tags", {{"name", "sweets"}}, {.through = {{"weight", nullptr}}}));
  EXPECT_EQ(plainValue(db(), "SELECT COUNT(*) FROM `tags` WHERE `name` = 'sweets'"), "0");
  // A tag that cannot be written: no junction row.
  EXPECT_THROW(s_[1].createAssociated("tags", {{"name", "food"}}), UniqueConstraintError);
  EXPECT_EQ(junctionRows(db()).size(), 1u);
}

TEST_F(BelongsToManyAccessorsTest, DeletingEitherSideRemovesItsJunctionRows) {
  s_[0].addAssociations("tags", {t_[0], t_[1]});
  s_[1].addAssociations("tags", {t_[0], t_[2]});
  s_[0].destroy();
  EXPECT_EQ(junctionRows(db()), (std::vector<std::string>{row(1, 0, 1), row(1, 2, 1)}));
  t_[2].destroy();
  EXPECT_EQ(junctionRows(db()), (std::vector<std::string>{row(1, 0, 1)}));
}

TEST_F(BelongsToManyAccessorsTest, SyncCreatesTheJunctionAfterBothSidesAndDropsItFirst) {
  clearLog();
  db().sync({.force = true});
  std::vector<std::string> creates;
  std::vector<std::string> drops;
  for (const std::string& s : statements()) {
    if (s.rfind("CREATE TABLE", 0) == 0) creates.push_back(s.substr(0, s.find(" (")));
    if (s.rfind("DROP TABLE", 0) == 0 && drops.empty()) drops.push_back(s);
  }
  EXPECT_EQ(creates, (std::vector<std::string>{sql("CREATE TABLE IF NOT EXISTS `users`"),
                                               sql("CREATE TABLE IF NOT EXISTS `stories`"),
                                               sql("CREATE TABLE IF NOT EXISTS `tags`"),
                                               sql("CREATE TABLE IF NOT EXISTS `story_tags`")}));
  ASSERT_FALSE(drops.empty());
  EXPECT_NE(drops[0].find("story_tags"), std::string::npos) << drops[0];
}

TEST_F(BelongsToManyAccessorsTest, SelfAssociationLinksRowsOfOneTable) {
  Model& people = db().define("People", {{"name", DataTypes::STRING}},
                              {.tableName = "people", .timestamps = false});
  people.belongsToMany(people, {.through = "Friendships",
                                .as = "friends",
                                .foreignKey = "personId",
                                .otherKey = "friendId",
                                .timestamps = false});
  db().sync({.force = true});
  Instance ann = people.create({{"name", "ann"}});
  const Instance bob = people.create({{"name", "bob"}});
  const Instance cid = people.create({{"name", "cid"}});
  ann.addAssociations("friends", {bob, cid});
  EXPECT_EQ(plainRows(db(), "SELECT `personId`, `friendId` FROM `Friendships` ORDER BY `friendId`"),
            (std::vector<std::string>{cellText(ann.get("id")) + "|" + cellText(bob.get("id")),
                                      cellText(ann.get("id")) + "|" + cellText(cid.get("id"))}));
  EXPECT_EQ(joined(ann.getAssociations("friends", {.order = {{"name", "ASC"}}}), "name"),
            "bob,cid");
  // One way only, as the junction says.
  EXPECT_TRUE(bob.getAssociations("friends").empty());
  EXPECT_EQ(toJSON(people.findAll({.attributes = {{"name"}},
                                   .include = {{.association = "friends",
                                                .attributes = {{"name"}},
                                                .through = {.attributes = {.none = true}}}},
                                   .order = {{"name", "ASC"}, {"friends", "name", "ASC"}}})),
            R"([{"name":"ann","friends":[{"name":"bob"},{"name":"cid"}]},)"
            R"({"name":"bob","friends":[]},{"name":"cid","friends":[]}])");
}

TEST_F(BelongsToManyAccessorsTest, ReloadReadsTheTargetsAndTheirJunctionRowsAgain) {
  s_[0].addAssociation("tags", t_[0], {.through = {{"weight", 2}}});
  std::optional<Instance> story = m().Stories.findOne(
      {.where = {{"id", s_[0].get("id")}}, .include = {{.association = "tags"}}});
  ASSERT_TRUE(story);
  (void)db().query(dialectSql(db(), "UPDATE `story_tags` SET `weight` = 6"), {.silent = true});
  ASSERT_EQ(story->included("tags").size(), 1u) << story->toJSON();
  ASSERT_NE(story->included("tags")[0].included("StoryTags"), nullptr) << story->toJSON();
  story->reload();
  ASSERT_EQ(story->included("tags").size(), 1u);
  ASSERT_NE(story->included("tags")[0].included("StoryTags"), nullptr) << story->toJSON();
  EXPECT_EQ(story->included("tags")[0].included("StoryTags")->get("weight"), Value(6));
}

TEST_F(BelongsToManyAccessorsTest, HasCountsEachTargetOnceWhateverTheJunctionHolds) {
  // A junction with a key of its own and no unique key may link one pair twice.
  Model& links = db().define(
      "Links", {{"id", {.type = DataTypes::INTEGER, .primaryKey = true, .autoIncrement = true}}},
      {.tableName = "links", .timestamps = false});
  m().Stories.belongsToMany(m().Tags,
                            {.through = ThroughModelOptions{.model = links, .unique = false},
                             .as = "labels",
                             .foreignKey = "storyId",
                             .otherKey = "tagId"});
  links.sync();
  (void)links.create({{"storyId", s_[0].get("id")}, {"tagId", t_[0].get("id")}});
  (void)links.create({{"storyId", s_[0].get("id")}, {"tagId", t_[0].get("id")}});
  EXPECT_TRUE(s_[0].hasAssociation("labels", t_[0]));
  EXPECT_FALSE(s_[0].hasAssociations("labels", {t_[0], t_[1]}));
}

}  // namespace
}  // namespace sequelize::test
