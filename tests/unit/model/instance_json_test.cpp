// toJSON key order: a created instance follows Sequelize's dataValues order (defaults and key
// first, values as given, then updatedAt, createdAt); a fetched one follows the selected
// columns, then the includes. Rows are fed to the hydrator directly: no database.
#include <gtest/gtest.h>

#include "hydration/hydrator.hpp"
#include "query/select_plan.hpp"
#include "unit/fake_row.hpp"
#include "unit/seed_models.hpp"

namespace sequelize::test {
namespace {

using namespace sequelize::detail;

TEST(InstanceJsonTest, BuiltInstanceOrdersKeysAsDataValues) {
  UnitSeed seed;
  const Instance u = seed.Users.build({{"username", "boris"},
                                       {"email", "b@x"},
                                       {"password", "p"},
                                       {"story", {{"title", "t"}, {"content", "c"}}}},
                                      {.include = {"story"}});
  EXPECT_EQ(
      u.toJSON(),
      R"({"user_id":null,"username":"boris","email":"b@x","password":"p","story":{"story_id":null,"title":"t","content":"c"}})");
}

TEST(InstanceJsonTest, FetchedInstanceOrdersKeysAsSelected) {
  UnitSeed seed;
  const SelectPlan plan =
      planSelect(seed.Stories,
                 {.include = {{.association = "author", .attributes = {.exclude = {"password"}}}}});
  Hydrator h(plan);
  const Date d = Date::fromCivil(2026, 11, 24, 10, 0, 0, 0);
  FakeRow matched({1, 2, "t", "c", d, d, 2, "ivan", "i@x", d, d});
  FakeRow missing({2, 3, "t2", "c2", d, d, nullptr, nullptr, nullptr, nullptr, nullptr});
  h.onRow(matched);
  h.onRow(missing);
  ASSERT_EQ(h.results().size(), 2u);
  EXPECT_EQ(
      h.results()[0].toJSON(),
      R"({"story_id":1,"created_by":2,"title":"t","content":"c","created_at":"2026-11-24T10:00:00.000Z","updated_at":"2026-11-24T10:00:00.000Z","author":{"user_id":2,"username":"ivan","email":"i@x","created_at":"2026-11-24T10:00:00.000Z","updated_at":"2026-11-24T10:00:00.000Z"}})");
  EXPECT_EQ(
      h.results()[1].toJSON(),
      R"({"story_id":2,"created_by":3,"title":"t2","content":"c2","created_at":"2026-11-24T10:00:00.000Z","updated_at":"2026-11-24T10:00:00.000Z","author":null})");
  EXPECT_FALSE(h.results()[0].isNewRecord());
}

TEST(InstanceJsonTest, SettingAKeyOnAFetchedRowDoesNotChangeItsSiblings) {
  UnitSeed seed;
  const SelectPlan plan = planSelect(seed.Users, {.attributes = {{"user_id", "username"}}});
  Hydrator h(plan);
  FakeRow a({1, "a"});
  FakeRow b({2, "b"});
  h.onRow(a);
  h.onRow(b);
  h.results()[0].set("email", "new@x");
  EXPECT_EQ(h.results()[0].toJSON(), R"({"user_id":1,"username":"a","email":"new@x"})");
  EXPECT_EQ(h.results()[1].toJSON(), R"({"user_id":2,"username":"b"})");
  EXPECT_EQ(h.results()[0].changed(), std::vector<std::string>{"email"});
}

}  // namespace
}  // namespace sequelize::test
