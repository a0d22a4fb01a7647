// The hydrator on rows of a three-level to-many join (users → stories → comments), made in the
// test: whatever order the rows come in, each user, story and comment is made once and lands
// under its own parent; a LEFT JOIN miss is an empty list.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "hydration/hydrator.hpp"
#include "query/select_plan.hpp"
#include "sequelize/sequelize.hpp"
#include "unit/fake_row.hpp"

namespace sequelize::test {
namespace {

using namespace sequelize::detail;

struct ThreeLevels {
  Sequelize db{"sqlite::memory:"};
  Model& Users = db.define("Users",
                           {{"user_id", {.type = DataTypes::INTEGER, .primaryKey = true}},
                            {"name", {.type = DataTypes::STRING(32)}}},
                           {.timestamps = false});
  Model& Stories = db.define("Stories",
                             {{"story_id", {.type = DataTypes::INTEGER, .primaryKey = true}},
                              {"title", {.type = DataTypes::STRING(32)}}},
                             {.timestamps = false});
  Model& Comments = db.define("Comments",
                              {{"comment_id", {.type = DataTypes::INTEGER, .primaryKey = true}},
                               {"text", {.type = DataTypes::STRING(32)}}},
                              {.timestamps = false});
  ThreeLevels() {
    Users.hasMany(Stories, {.foreignKey = "user_id", .as = "stories"});
    Stories.hasMany(Comments, {.foreignKey = "story_id", .as = "comments"});
  }
  [[nodiscard]] SelectPlan plan() const {
    return planSelect(Users,
                      {.attributes = {{"user_id", "name"}},
                       .include = {IncludeOptions{
                           .association = "stories",
                           .attributes = {{"story_id", "title"}},
                           .include = {IncludeOptions{.association = "comments",
                                                      .attributes = {{"comment_id", "text"}}}}}}});
  }
};

// One joined row: user, story (0: no story), comment (0: no comment).
FakeRow row(int user, int story, int comment) {
  auto keyOrNull = [](int k) { return k == 0 ? Value(nullptr) : Value(k); };
  auto textOrNull = [](int k, const char* prefix) {
    return k == 0 ? Value(nullptr) : Value(prefix + std::to_string(k));
  };
  return FakeRow({user, "u" + std::to_string(user), keyOrNull(story), textOrNull(story, "s"),
                  keyOrNull(comment), textOrNull(comment, "c")});
}

// user → story → comments, as read back from the instances.
using Tree = std::map<int, std::map<int, std::vector<int>>>;

Tree hydrate(const std::vector<std::tuple<int, int, int>>& rows, std::vector<int>* order) {
  ThreeLevels models;
  const SelectPlan plan = models.plan();
  EXPECT_EQ(plan.columns.size(), 6U);
  Hydrator h(plan);
  for (const auto& [u, s, c] : rows) {
    FakeRow r = row(u, s, c);
    h.onRow(r);
  }
  Tree tree;
  for (const Instance& user : h.results()) {
    const int id = user.get<int>("user_id");
    if (order != nullptr) order->push_back(id);
    EXPECT_EQ(tree.count(id), 0U) << "user " << id << " twice";
    auto& stories = tree[id];
    EXPECT_TRUE(user.included("stories").isList());
    for (const Instance& story : user.included("stories")) {
      const int sid = story.get<int>("story_id");
      EXPECT_EQ(stories.count(sid), 0U) << "story " << sid << " twice";
      EXPECT_EQ(story.get<std::string>("title"), "s" + std::to_string(sid));
      auto& comments = stories[sid];
      for (const Instance& comment : story.included("comments")) {
        comments.push_back(comment.get<int>("comment_id"));
      }
    }
  }
  return tree;
}

const Tree kExpected = {
    {1, {{10, {100, 101}}, {11, {110, 111}}, {12, {120, 121}}}},
    {2, {{20, {200}}}},
    {3, {}},
};

TEST(HydratorListsTest, ThreeLevelsInJoinOrderFoldIntoOneOfEach) {
  std::vector<int> order;
  const Tree tree = hydrate({{1, 10, 100},
                             {1, 10, 101},
                             {1, 11, 110},
                             {1, 11, 111},
                             {1, 12, 120},
                             {1, 12, 121},
                             {2, 20, 200},
                             {3, 0, 0}},
                            &order);
  EXPECT_EQ(tree, kExpected);
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST(HydratorListsTest, InterleavedRowsLandUnderTheirOwnParents) {
  // The same rows in an order no database promises to avoid: parents met again after others.
  std::vector<int> order;
  const Tree tree = hydrate({{1, 12, 121},
                             {2, 20, 200},
                             {1, 10, 100},
                             {3, 0, 0},
                             {1, 11, 111},
                             {1, 10, 101},
                             {1, 12, 120},
                             {1, 11, 110}},
                            &order);
  // Each list in the order its rows came.
  const Tree expected = {
      {1, {{10, {100, 101}}, {11, {111, 110}}, {12, {121, 120}}}},
      {2, {{20, {200}}}},
      {3, {}},
  };
  EXPECT_EQ(tree, expected);
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST(HydratorListsTest, ListsKeepTheOrderRowsBroughtThem) {
  ThreeLevels models;
  const SelectPlan plan = models.plan();
  Hydrator h(plan);
  for (const auto& [u, s, c] :
       std::vector<std::tuple<int, int, int>>{{1, 12, 0}, {1, 10, 0}, {1, 11, 0}, {1, 10, 0}}) {
    FakeRow r = row(u, s, c);
    h.onRow(r);
  }
  ASSERT_EQ(h.results().size(), 1U);
  std::vector<int> stories;
  for (const Instance& s : h.results()[0].included("stories")) {
    stories.push_back(s.get<int>("story_id"));
    EXPECT_TRUE(s.included("comments").empty());
  }
  EXPECT_EQ(stories, (std::vector<int>{12, 10, 11}));
  EXPECT_EQ(h.results()[0].toJSON(),
            R"({"user_id":1,"name":"u1","stories":[{"story_id":12,"title":"s12","comments":[]},)"
            R"({"story_id":10,"title":"s10","comments":[]},)"
            R"({"story_id":11,"title":"s11","comments":[]}]})");
}

TEST(HydratorListsTest, ManyChildrenOutOfOrderUseTheLookUpTable) {
  // 200 stories of one user, descending, then each again with a second comment: every story is
  // found again (not made twice) once the keys stop ascending.
  std::vector<std::tuple<int, int, int>> rows;
  for (int s = 200; s >= 1; --s) rows.emplace_back(1, s, s * 10);
  for (int s = 1; s <= 200; ++s) rows.emplace_back(1, s, s * 10 + 1);
  const Tree tree = hydrate(rows, nullptr);
  ASSERT_EQ(tree.at(1).size(), 200U);
  for (const auto& [story, comments] : tree.at(1)) {
    EXPECT_EQ(comments, (std::vector<int>{story * 10, story * 10 + 1}));
  }
}

}  // namespace
}  // namespace sequelize::test
