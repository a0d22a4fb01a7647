// Which plan nodes a later row can bring again (PlanNode::metAgain): only those does the hydrator
// look up by key. A node is met again when an include outside its path from the root multiplies
// the rows, or a join on that path can repeat its target (a junction without a unique pair).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "query/select_plan.hpp"
#include "sequelize/sequelize.hpp"

namespace sequelize::test {
namespace {

using namespace sequelize::detail;

struct Models {
  Sequelize db{"sqlite::memory:"};
  Model& Users =
      db.define("Users", {{"name", {.type = DataTypes::STRING(32)}}}, {.timestamps = false});
  Model& Stories =
      db.define("Stories", {{"title", {.type = DataTypes::STRING(32)}}}, {.timestamps = false});
  Model& Comments =
      db.define("Comments", {{"text", {.type = DataTypes::STRING(32)}}}, {.timestamps = false});
  Model& Tags =
      db.define("Tags", {{"name", {.type = DataTypes::STRING(32)}}}, {.timestamps = false});
  // A junction with a key of its own, the pair not made unique (through.unique: false):
  // nothing stops it from holding a pair twice.
  Model& Loose =
      db.define("Loose",
                {{"id", {.type = DataTypes::INTEGER, .primaryKey = true, .autoIncrement = true}},
                 {"weight", {.type = DataTypes::INTEGER}}},
                {.timestamps = false});
  // The same with the pair made unique, as Sequelize does by default (Keyed_StoryId_TagId_unique).
  Model& Keyed = db.define(
      "Keyed", {{"id", {.type = DataTypes::INTEGER, .primaryKey = true, .autoIncrement = true}}},
      {.timestamps = false});
  Models() {
    Users.hasMany(Stories, {.foreignKey = "userId", .as = "stories"});
    Users.hasMany(Comments, {.foreignKey = "userId", .as = "comments"});
    Stories.hasMany(Comments, {.foreignKey = "storyId", .as = "replies"});
    Stories.belongsTo(Users, {.foreignKey = "userId", .as = "author"});
    Stories.belongsToMany(Tags, {.through = "StoryTags", .as = "tags"});
    Stories.belongsToMany(
        Tags, {.through = ThroughModelOptions{.model = Loose, .unique = false}, .as = "looseTags"});
    Stories.belongsToMany(Tags, {.through = Keyed, .as = "keyedTags"});
  }
};

// The aliases of the nodes a later row can bring again, root first ("" for the root).
std::vector<std::string> metAgain(const SelectPlan& plan) {
  std::vector<std::string> out;
  for (const PlanNode& node : plan.nodes) {
    if (!node.metAgain) continue;
    out.push_back(node.association == nullptr ? "" : node.association->as());
  }
  return out;
}

TEST(JoinMultiplicityTest, TheOnlyListIsNeverMetAgainItsParentIs) {
  Models m;
  EXPECT_EQ(metAgain(planSelect(m.Users, {.include = {{.association = "stories"}}})),
            (std::vector<std::string>{""}));
  // A one-to-one below the list comes with its list's row.
  EXPECT_EQ(metAgain(planSelect(m.Users, {.include = {{.association = "stories",
                                                       .include = {{.association = "author"}}}}})),
            (std::vector<std::string>{""}));
}

TEST(JoinMultiplicityTest, AListBelowOrBesideMultipliesTheOthers) {
  Models m;
  // Users → stories → replies: each story comes once per reply; each reply once.
  EXPECT_EQ(metAgain(planSelect(m.Users, {.include = {{.association = "stories",
                                                       .include = {{.association = "replies"}}}}})),
            (std::vector<std::string>{"", "stories"}));
  // Two lists side by side: each comes once per row of the other.
  EXPECT_EQ(metAgain(planSelect(
                m.Users, {.include = {{.association = "stories"}, {.association = "comments"}}})),
            (std::vector<std::string>{"", "stories", "comments"}));
}

TEST(JoinMultiplicityTest, AJunctionThatMayHoldAPairTwiceRepeatsItsTargets) {
  Models m;
  // The defined junction's primary key is the pair: each tag once per story, and its junction
  // row with it.
  EXPECT_EQ(metAgain(planSelect(m.Stories, {.include = {{.association = "tags"}}})),
            (std::vector<std::string>{""}));
  // A junction keyed by its own id, the pair unique as well: the same.
  EXPECT_EQ(metAgain(planSelect(m.Stories, {.include = {{.association = "keyedTags"}}})),
            (std::vector<std::string>{""}));
  // A junction keyed by its own id may link a story to a tag twice: the tag comes again, and
  // so does anything below it.
  EXPECT_EQ(metAgain(planSelect(m.Stories, {.include = {{.association = "looseTags"}}})),
            (std::vector<std::string>{"", "looseTags", "Loose"}));
}

}  // namespace
}  // namespace sequelize::test
