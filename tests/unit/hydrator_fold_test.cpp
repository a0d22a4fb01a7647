// A hasOne include may match several rows of one parent: each parent comes back once, with its
// first matching row, whatever order the rows arrive in (ascending keys are recognised without a
// look-up; the first key out of order switches to looking every key up). No database.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "fake_row.hpp"
#include "hydration/hydrator.hpp"
#include "query/select_plan.hpp"
#include "seed_models.hpp"

namespace sequelize::test {
namespace {

using namespace sequelize::detail;

// A joined row of Users LEFT JOIN story: the user's columns, then the story's.
FakeRow joined(int userId, int storyId) {
  const Date d = Date::fromCivil(2026, 12, 3, 10, 0, 0, 0);
  return FakeRow({userId, "user" + std::to_string(userId), "e", "p", d, d, storyId, userId,
                  "story" + std::to_string(storyId), "c", d, d});
}

struct Fed {
  std::vector<int> users;
  std::vector<std::string> stories;
};

Fed feed(const std::vector<std::pair<int, int>>& rows) {
  UnitSeed seed;
  const SelectPlan plan = planSelect(seed.Users, {.include = {"story"}});
  Hydrator h(plan);
  for (const auto& [user, story] : rows) {
    FakeRow row = joined(user, story);
    h.onRow(row);
  }
  Fed out;
  for (const Instance& u : h.results()) {
    out.users.push_back(u.get<int>("user_id"));
    out.stories.push_back(u.included("story")->get<std::string>("title"));
  }
  return out;
}

TEST(HydratorFoldTest, AscendingKeysWithRepeatsNextToEachOther) {
  const Fed fed = feed({{1, 10}, {1, 11}, {2, 20}, {3, 30}, {3, 31}, {3, 32}});
  EXPECT_EQ(fed.users, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(fed.stories, (std::vector<std::string>{"story10", "story20", "story30"}));
}

TEST(HydratorFoldTest, KeysOutOfOrderFindEveryRootSeenBefore) {
  // 3 comes after 5: from there on each key is looked up, the ones seen while ascending too.
  const Fed fed =
      feed({{1, 10}, {2, 20}, {5, 50}, {3, 30}, {2, 21}, {5, 51}, {7, 70}, {1, 11}, {9, 90}});
  EXPECT_EQ(fed.users, (std::vector<int>{1, 2, 5, 3, 7, 9}));
  EXPECT_EQ(fed.stories, (std::vector<std::string>{"story10", "story20", "story50", "story30",
                                                   "story70", "story90"}));
}

TEST(HydratorFoldTest, ManyRootsOutOfOrderGrowTheLookUpTable) {
  // Descending from the start, past the table's first size, then every key again.
  std::vector<std::pair<int, int>> rows;
  for (int u = 300; u >= 1; --u) rows.emplace_back(u, u * 10);
  for (int u = 1; u <= 300; ++u) rows.emplace_back(u, u * 10 + 1);
  const Fed fed = feed(rows);
  ASSERT_EQ(fed.users.size(), 300u);
  EXPECT_EQ(fed.users.front(), 300);
  EXPECT_EQ(fed.users.back(), 1);
  EXPECT_EQ(fed.stories.front(), "story3000");
}

TEST(HydratorFoldTest, AJoinedRowFailingHalfwayLeavesEveryInstanceWhole) {
  UnitSeed seed;
  const SelectPlan plan = planSelect(
      seed.Stories,
      {.include = {{.association = "author", .attributes = {.exclude = {"password"}}}}});
  Hydrator h(plan);
  const Date d = Date::fromCivil(2026, 12, 3, 10, 0, 0, 0);
  // The author's key came back (so the author exists), the row ends before its username.
  FakeRow cut({1, 2, "t", "c", d, d, 2});
  EXPECT_THROW(h.onRow(cut), std::out_of_range);
  FakeRow whole({2, 2, "t2", "c2", d, d, 2, "ivan", "i@x", d, d});
  h.onRow(whole);
  ASSERT_EQ(h.results().size(), 2u);
  const Instance& first = h.results()[0];
  EXPECT_EQ(first.get<std::string>("title"), "t");
  ASSERT_NE(first.included("author"), nullptr);
  EXPECT_TRUE(first.included("author")->get("username").isUndefined());
  EXPECT_EQ(h.results()[1].included("author")->get<std::string>("username"), "ivan");
  const Instance copy = first;
  EXPECT_EQ(copy.toJSON(), first.toJSON());
}

}  // namespace
}  // namespace sequelize::test
