// The hydrator on rows made in the test, no database: a hasOne include may match several rows
// of one parent, and each parent comes back once, with its first matching row, whatever order
// the rows arrive in (ascending keys are recognised without a look-up; the first key out of
// order switches to looking every key up); results of unknown size are gathered in chunks and
// come back whole and in order; a row that fails halfway leaves no instance half-built.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "hydration/hydrator.hpp"
#include "query/select_plan.hpp"
#include "unit/fake_row.hpp"
#include "unit/seed_models.hpp"

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

TEST(HydratorTest, ResultsOfUnknownSizeComeBackWholeAndInOrder) {
  UnitSeed seed;
  const SelectPlan plain = planSelect(seed.Users, {.attributes = {{"user_id", "username"}}});
  const SelectPlan withStoryPlan = planSelect(seed.Users, {.include = {"story"}});
  // Past the rows kept directly and across several chunks; with and without a row count.
  for (const bool told : {false, true}) {
    constexpr int kRows = 9000;
    Hydrator flat(plain);
    Hydrator nested(withStoryPlan);
    if (told) {
      flat.expectRows(kRows);
      nested.expectRows(kRows);
    }
    for (int i = 1; i <= kRows; ++i) {
      FakeRow row({i, "user" + std::to_string(i)});
      flat.onRow(row);
      FakeRow joinedRow = joined(i, i * 10);
      nested.onRow(joinedRow);
    }
    const std::vector<Instance>& users = flat.results();
    ASSERT_EQ(users.size(), static_cast<std::size_t>(kRows)) << told;
    const std::vector<Instance>& withStory = nested.results();
    ASSERT_EQ(withStory.size(), static_cast<std::size_t>(kRows)) << told;
    for (int i = 1; i <= kRows; ++i) {
      const auto at = static_cast<std::size_t>(i - 1);
      ASSERT_EQ(users[at].get<std::string>("username"), "user" + std::to_string(i)) << told;
      ASSERT_EQ(withStory[at].included("story")->get<int>("story_id"), i * 10) << told;
    }
    // Asking again joins nothing twice: the same rows, in the same order.
    EXPECT_EQ(flat.results().size(), static_cast<std::size_t>(kRows));
    EXPECT_EQ(flat.results().back().get<std::string>("username"), "user" + std::to_string(kRows));
  }
}

TEST(HydratorFoldTest, AJoinedRowFailingHalfwayLeavesEveryInstanceWhole) {
  UnitSeed seed;
  const SelectPlan plan =
      planSelect(seed.Stories,
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
