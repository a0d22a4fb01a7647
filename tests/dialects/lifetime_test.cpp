// What outlives a Sequelize object: instances keep their models and can still be read, printed
// and copied, but anything that needs the database throws; transactions still open are rolled
// back when the object goes, and are finished from then on. (Under AddressSanitizer a use of
// freed memory here fails the run.)
#include "test_database.hpp"

namespace sequelize::test {
namespace {

class LifetimeTest : public DatabaseTest {
 protected:
  static void expectRefused(const std::function<void()>& action) {
    try {
      action();
      ADD_FAILURE() << "an operation reached a destroyed Sequelize object";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("destroyed"), std::string::npos) << e.what();
    }
  }
};

TEST_F(LifetimeTest, InstancesOutliveTheirSequelizeObject) {
  std::vector<Instance> found;
  std::optional<Instance> built;
  std::optional<Instance> created;
  {
    auto other = connect();
    const SeedModels models = defineSeedModels(*other);
    other->sync({.force = true});
    created = models.Users.create({{"username", "boris"},
                                   {"email", "b@x"},
                                   {"password", "p"},
                                   {"story", {{"title", "cheburek"}, {"content", "c"}}}},
                                  {.include = {"story"}});
    found = models.Users.findAll({.include = {"story"}});
    built = models.Users.build({{"username", "ivan"}});
    other.reset();
  }
  ASSERT_EQ(found.size(), 1u);
  // Reading, printing and copying need no database.
  EXPECT_EQ(found[0].get<std::string>("username"), "boris");
  EXPECT_EQ(found[0].included("story")->get<std::string>("title"), "cheburek");
  EXPECT_NE(found[0].toJSON().find("\"cheburek\""), std::string::npos);
  const Instance copy = found[0];
  EXPECT_EQ(copy.toJSON(), found[0].toJSON());
  EXPECT_EQ(built->get<std::string>("username"), "ivan");
  built->set("username", "igor");
  EXPECT_EQ(built->changed(), std::vector<std::string>{"username"});
  EXPECT_EQ(created->get<std::string>("email"), "b@x");

  // Everything that needs the database is refused with an error, not a crash.
  expectRefused([&] { built->save(); });
  expectRefused([&] { found[0].update({{"email", "new@x"}}); });
  expectRefused([&] { found[0].reload(); });
  expectRefused([&] { found[0].destroy(); });
  expectRefused([&] { (void)found[0].getAssociated("story"); });
  expectRefused([&] { (void)created->increment("user_id"); });
  expectRefused([&] { (void)found[0].model().count(); });
}

TEST_F(LifetimeTest, OpenTransactionsAreRolledBackWhenTheirSequelizeObjectGoes) {
  std::optional<Transaction> t;
  std::optional<Transaction> savepoint;
  {
    auto other = connect();
    Model& items = other->define("Item", {{"name", DataTypes::STRING}},
                                 {.tableName = "items", .timestamps = false});
    other->sync({.force = true});
    t.emplace(other->transaction());
    items.create({{"name", "uncommitted"}}, {.transaction = &*t});
    savepoint.emplace(other->transaction({.transaction = &*t}));
    other.reset();
  }
  EXPECT_TRUE(t->finished());
  EXPECT_TRUE(savepoint->finished());
  EXPECT_THROW(t->commit(), Error);
  EXPECT_THROW(t->rollback(), Error);
  EXPECT_THROW(savepoint->rollback(), Error);
  EXPECT_FALSE(t->id().empty());
  t.reset();
  savepoint.reset();
  if (target().dialect != "sqlite") {  // an in-memory database ends with its object
    EXPECT_EQ(countRows(db(), "items"), 0);
  }
}

}  // namespace
}  // namespace sequelize::test
