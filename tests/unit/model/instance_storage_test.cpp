// How an instance holds its values (inside itself for small models, on the heap for larger
// ones), its change tracking past 64 attributes, and its included instances: copies are deep,
// moves keep everything, and a pointer to an included instance stays valid while others are
// added. Nothing here connects to a database.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "hydration/hydrator.hpp"
#include "query/select_plan.hpp"
#include "sequelize/sequelize.hpp"
#include "unit/fake_row.hpp"

namespace sequelize {
namespace {

// A model of `count` string attributes a0 … a<count-1> (and an id) on its own Sequelize object.
struct WideModel {
  explicit WideModel(int count) : db("sqlite::memory:") {
    AttributeDefinitions attributes;
    attributes.push_back(
        {"id", {.type = DataTypes::INTEGER, .primaryKey = true, .autoIncrement = true}});
    for (int i = 0; i < count; ++i) attributes.push_back({name(i), {.type = DataTypes::STRING}});
    model = &db.define("Wide", attributes, {.timestamps = false});
  }
  static std::string name(int i) { return "a" + std::to_string(i); }
  // Short values fit inside a Value, long ones live on the heap: both kinds are checked.
  static std::string value(int i, const std::string& tag) {
    return i % 2 == 0 ? tag + std::to_string(i)
                      : tag + " a value too long to be inline " + std::to_string(i);
  }
  [[nodiscard]] Values values(int count, const std::string& tag) const {
    Values out;
    for (int i = 0; i < count; ++i) out.push_back({name(i), value(i, tag)});
    return out;
  }
  Sequelize db;
  Model* model = nullptr;
};

void expectValues(const Instance& instance, int count, const std::string& tag) {
  for (int i = 0; i < count; ++i) {
    EXPECT_EQ(instance.get<std::string>(WideModel::name(i)), WideModel::value(i, tag)) << i;
  }
}

class InstanceStorageTest : public ::testing::TestWithParam<int> {};

TEST_P(InstanceStorageTest, CopiesAndMovesKeepEveryValue) {
  const int count = GetParam();
  WideModel wide(count);
  Instance original = wide.model->build(wide.values(count, "x"));
  expectValues(original, count, "x");

  Instance copy = original;
  copy.set(WideModel::name(count - 1), "changed in the copy only");
  expectValues(original, count, "x");
  EXPECT_EQ(copy.get<std::string>(WideModel::name(count - 1)), "changed in the copy only");

  Instance moved = std::move(copy);
  EXPECT_EQ(moved.get<std::string>(WideModel::name(count - 1)), "changed in the copy only");
  EXPECT_EQ(moved.get<std::string>(WideModel::name(0)), WideModel::value(0, "x"));

  Instance assigned = wide.model->build(wide.values(count, "y"));
  assigned = original;  // copy-assignment over values of its own
  expectValues(assigned, count, "x");
  assigned = wide.model->build(wide.values(count, "z"));  // move-assignment
  expectValues(assigned, count, "z");

  // A vector that grows moves every instance it holds.
  std::vector<Instance> many;
  for (int k = 0; k < 40; ++k)
    // NOLINTNEXTLINE(performance-inefficient-vector-operation): growing is what is tested
    many.push_back(wide.model->build(wide.values(count, std::to_string(k))));
  for (int k = 0; k < 40; ++k)
    expectValues(many[static_cast<std::size_t>(k)], count, std::to_string(k));
}

TEST_P(InstanceStorageTest, TracksChangesOfEveryAttribute) {
  const int count = GetParam();
  WideModel wide(count);
  // A fetched row: nothing changed yet.
  const detail::SelectPlan plan = detail::planSelect(*wide.model, {});
  detail::Hydrator hydrator(plan);
  std::vector<Value> columns{1};
  for (int i = 0; i < count; ++i) columns.emplace_back(WideModel::value(i, "x"));
  test::FakeRow fetched(columns);
  hydrator.onRow(fetched);
  Instance row = std::move(hydrator.results().front());
  expectValues(row, count, "x");
  EXPECT_TRUE(row.changed().empty());
  const std::string last = WideModel::name(count - 1);
  row.set(last, "new");
  row.set(WideModel::name(0), "first");
  EXPECT_TRUE(row.changed(last));
  EXPECT_TRUE(row.changed(WideModel::name(0)));
  EXPECT_FALSE(count > 2 && row.changed(WideModel::name(1)));
  EXPECT_EQ(row.previous(last).as<std::string>(), WideModel::value(count - 1, "x"));
  EXPECT_EQ(row.changed(), (std::vector<std::string>{WideModel::name(0), last}));
  const Instance copy = row;
  EXPECT_TRUE(copy.changed(last));
  EXPECT_EQ(copy.previous(last).as<std::string>(), WideModel::value(count - 1, "x"));
}

TEST(InstanceStorageTest, RowsAnnouncedByTheDriverAreHeldWithoutSpareRoom) {
  WideModel wide(3);
  const detail::SelectPlan plan = detail::planSelect(*wide.model, {});
  detail::Hydrator hydrator(plan);
  hydrator.expectRows(5);
  for (int id = 1; id <= 5; ++id) {
    test::FakeRow row({id, "a", "b", "c"});
    hydrator.onRow(row);
  }
  EXPECT_EQ(hydrator.results().size(), 5u);
  EXPECT_EQ(hydrator.results().capacity(), 5u);
  EXPECT_EQ(hydrator.results()[4].get<int>("id"), 5);
}

TEST_P(InstanceStorageTest, FetchedRowsBuildTheirValuesInTheirSlots) {
  const int count = GetParam();
  WideModel wide(count);
  // Every attribute but the first string one: that slot is left undefined.
  FindOptions options;
  options.attributes = {.exclude = {WideModel::name(0)}};
  const detail::SelectPlan plan = detail::planSelect(*wide.model, options);
  detail::Hydrator hydrator(plan);
  std::vector<Value> columns{7};
  for (int i = 1; i < count; ++i) columns.emplace_back(WideModel::value(i, "r"));
  test::FakeRow row(columns);
  hydrator.onRow(row);
  // A row whose reading fails halfway: the error comes through, and the half-built instance
  // still holds a value in every slot (destroying it is checked by the sanitizer build).
  test::FakeRow shortRow(std::vector<Value>(columns.begin(), columns.begin() + 1));
  EXPECT_THROW(hydrator.onRow(shortRow), std::out_of_range);
  ASSERT_EQ(hydrator.results().size(), 2u);
  const Instance& fetched = hydrator.results()[0];
  EXPECT_EQ(fetched.get<int>("id"), 7);
  EXPECT_TRUE(fetched.get(WideModel::name(0)).isUndefined());
  for (int i = 1; i < count; ++i) {
    EXPECT_EQ(fetched.get<std::string>(WideModel::name(i)), WideModel::value(i, "r")) << i;
  }
  EXPECT_FALSE(fetched.isNewRecord());
  EXPECT_TRUE(fetched.changed().empty());
  EXPECT_EQ(hydrator.results()[1].get<int>("id"), 7);
  EXPECT_TRUE(hydrator.results()[1].get(WideModel::name(count - 1)).isUndefined());
  const Instance copy = fetched;
  EXPECT_EQ(copy.toJSON(), fetched.toJSON());
}

// Inside the instance (3, 7), at the heap boundary (8, 9) and past 64 tracked bits (70).
INSTANTIATE_TEST_SUITE_P(AttributeCounts, InstanceStorageTest, ::testing::Values(3, 7, 8, 9, 70));

struct Family {
  Family() : db("sqlite::memory:") {
    Users = &db.define("Users", {{"name", {.type = DataTypes::STRING}}});
    Stories = &db.define("Stories", {{"title", {.type = DataTypes::STRING}}});
    Profiles = &db.define("Profiles", {{"bio", {.type = DataTypes::STRING}}});
    Users->hasOne(*Stories, {.as = "story"});
    Users->hasOne(*Profiles, {.as = "profile"});
  }
  Sequelize db;
  Model* Users = nullptr;
  Model* Stories = nullptr;
  Model* Profiles = nullptr;
};

TEST(InstanceIncludedTest, PointersToIncludedInstancesSurviveLaterIncludes) {
  Family f;
  Instance user =
      f.Users->build({{"name", "ivan"}, {"story", {{"title", "first"}}}}, {.include = {"story"}});
  const Instance* story = user.included("story");
  ASSERT_NE(story, nullptr);
  user.set("profile", Value{{"bio", "writes"}});
  EXPECT_EQ(story, user.included("story"));
  EXPECT_EQ(story->get<std::string>("title"), "first");
  EXPECT_EQ(user.included("profile")->get<std::string>("bio"), "writes");
  user.set("profile", nullptr);
  EXPECT_EQ(user.included("profile"), nullptr);
  EXPECT_TRUE(user.hasIncluded("profile"));
  EXPECT_EQ(user.toJSON(),
            R"({"id":null,"name":"ivan","story":{"id":null,"title":"first"},"profile":null})");
}

TEST(InstanceIncludedTest, CopiesOfIncludedInstancesAreDeep) {
  Family f;
  const Instance user =
      f.Users->build({{"name", "ivan"}, {"story", {{"title", "first"}}}}, {.include = {"story"}});
  Instance copy = user;
  copy.included("story")->set("title", "rewritten");
  EXPECT_EQ(user.included("story")->get<std::string>("title"), "first");
  EXPECT_EQ(copy.included("story")->get<std::string>("title"), "rewritten");
  const Instance moved = std::move(copy);
  EXPECT_EQ(moved.included("story")->get<std::string>("title"), "rewritten");
  EXPECT_THROW((void)moved.included("profile"), EagerLoadingError);
}

}  // namespace
}  // namespace sequelize
