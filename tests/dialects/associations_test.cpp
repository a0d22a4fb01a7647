// hasOne / belongsTo: Sequelize's default names and rules, explicit options, and the constraint
// the database enforces.
#include "test_database.hpp"

namespace sequelize::test {
namespace {

class AssociationsTest : public DatabaseTest {};

TEST_F(AssociationsTest, DefaultsMatchSequelize) {
  Model& User = db().define("User", {{"name", DataTypes::STRING}}, {.underscored = true});
  Model& Profile = db().define("Profile", {{"bio", DataTypes::STRING}}, {.underscored = true});
  Model& Members = db().define("Members", {{"username", DataTypes::STRING}});
  Model& Stories = db().define("Stories", {{"title", DataTypes::STRING}});
  const Association& userProfile = User.hasOne(Profile);
  const Association& profileUser = Profile.belongsTo(User);
  const Association& memberStory = Members.hasOne(Stories);
  const Association& storyMember = Stories.belongsTo(Members);

  EXPECT_EQ(userProfile.as(), "Profile");
  EXPECT_EQ(userProfile.foreignKey(), "UserId");
  EXPECT_EQ(profileUser.as(), "User");
  EXPECT_EQ(profileUser.foreignKey(), "UserId");
  EXPECT_EQ(memberStory.as(), "Story");
  EXPECT_EQ(memberStory.foreignKey(), "MemberId");
  EXPECT_EQ(memberStory.onDelete(), "SET NULL");
  EXPECT_EQ(memberStory.onUpdate(), "CASCADE");
  EXPECT_EQ(storyMember.as(), "Member");
  EXPECT_EQ(storyMember.onDelete(), "SET NULL");
  EXPECT_EQ(memberStory.associationTypeName(), "HasOne");
  EXPECT_EQ(storyMember.associationTypeName(), "BelongsTo");

  // The foreign key is added after the timestamps, underscored where the model is.
  const auto& attrs = Profile.rawAttributes();
  ASSERT_EQ(attrs.size(), 5u);
  EXPECT_EQ(attrs.back().name, "UserId");
  EXPECT_EQ(attrs.back().field, "user_id");
  EXPECT_TRUE(attrs.back().allowNull);
  // One foreign key for the hasOne/belongsTo pair.
  int keys = 0;
  for (const Attribute& a : Stories.rawAttributes()) keys += a.hasReferences() ? 1 : 0;
  EXPECT_EQ(keys, 1);

  if (isSqlite()) {
    clearLog();
    db().sync({.force = true});
    const auto sql = statements();
    EXPECT_NE(std::find(sql.begin(), sql.end(),
                        "CREATE TABLE IF NOT EXISTS `profiles` (`id` INTEGER PRIMARY KEY "
                        "AUTOINCREMENT, `bio` VARCHAR(255), `created_at` DATETIME NOT NULL, "
                        "`updated_at` DATETIME NOT NULL, `user_id` INTEGER REFERENCES `users` "
                        "(`id`) ON DELETE SET NULL ON UPDATE CASCADE);"),
              sql.end());
  }
}

TEST_F(AssociationsTest, ExplicitOptionsAndNonNullKeys) {
  Model& Owner = db().define("Owner", {{"code", {.type = DataTypes::STRING(8), .primaryKey = true}},
                                       {"name", DataTypes::STRING}});
  Model& Car = db().define("Car", {{"ownerCode", {.type = DataTypes::STRING(8), .allowNull = false}},
                                   {"plate", DataTypes::STRING}});
  const Association& has = Owner.hasOne(Car, {.foreignKey = "ownerCode", .as = "car"});
  EXPECT_EQ(has.onDelete(), "CASCADE");  // a key that may not be null cascades
  EXPECT_EQ(has.sourceKey(), "code");
  Model& Garage = db().define("Garage", {{"ownerName", DataTypes::STRING}});
  const Association& belongs = Garage.belongsTo(
      Owner, {.foreignKey = ForeignKeyOptions{.name = "ownerName", .allowNull = false},
              .as = "keeper", .targetKey = "name", .onDelete = "restrict", .onUpdate = "no action"});
  EXPECT_EQ(belongs.onDelete(), "RESTRICT");
  EXPECT_EQ(belongs.onUpdate(), "NO ACTION");
  EXPECT_EQ(belongs.targetKey(), "name");
  EXPECT_FALSE(Garage.attribute("ownerName")->allowNull);

  EXPECT_THROW(Garage.belongsTo(Owner, {.as = "x", .targetKey = "missing"}), Error);
  EXPECT_THROW(Garage.belongsTo(Owner, {.as = "y", .onDelete = "DROP TABLE x"}), Error);
}

TEST_F(AssociationsTest, ConstraintsFalseAddsNoReference) {
  Model& A = db().define("A", {{"n", DataTypes::STRING}});
  Model& B = db().define("B", {{"n", DataTypes::STRING}});
  A.hasOne(B, {.constraints = false});
  EXPECT_FALSE(B.attribute("AId")->hasReferences());
}

TEST_F(AssociationsTest, AliasMistakesAreReported) {
  Model& A = db().define("A", {{"n", DataTypes::STRING}});
  Model& B = db().define("B", {{"n", DataTypes::STRING}});
  A.hasOne(B, {.as = "b"});
  try {
    A.belongsTo(B, {.as = "b"});
    FAIL();
  } catch (const AssociationError& e) {
    EXPECT_EQ(std::string(e.what()),
              "You have used the alias b in two separate associations. Aliased associations must "
              "have unique aliases.");
  }
  try {
    A.hasOne(B, {.as = "n"});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "Naming collision between attribute 'n' and association 'n' on model A. To remedy "
              "this, change either foreignKey or as in your association definition");
  }
}

TEST_F(AssociationsTest, DatabaseCascadesAsDeclared) {
  auto [Users, Stories] = defineSeedModels(db());
  db().sync({.force = true});
  Users.create({{"username", "a"}, {"email", "a@x"}, {"password", "p"},
                {"story", {{"title", "t"}, {"content", "c"}}}},
               {.include = {"story"}});
  EXPECT_EQ(countRows(db(), "stories"), 1);
  db().query("DELETE FROM " + quoted(db(), "users"));
  EXPECT_EQ(countRows(db(), "stories"), 0);  // ON DELETE CASCADE
}

}  // namespace
}  // namespace sequelize::test
