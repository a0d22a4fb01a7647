// hasOne / belongsTo definitions: Sequelize v6's default names and rules (checked against
// Sequelize itself), one foreign key per hasOne/belongsTo pair, and the database enforcing the
// ON DELETE / ON UPDATE rules it was given.
#include "association_fixture.hpp"

namespace sequelize::test {
namespace {

class AssociationDefinitionsTest : public DatabaseTest {};

// alias | foreign key | column | allowNull | onDelete | onUpdate | referenced table.column |
// source/target key | key type: one line per association, as Sequelize 6.37 reports them.
std::string describe(const Association& a) {
  const Attribute* fk = a.keyHolder().attribute(a.foreignKey());
  std::string ref = "-";
  if (fk->hasReferences()) {
    const ModelRef& m = fk->references.model;
    ref = (m.model() != nullptr ? m.model()->tableName() : m.name()) + "." + fk->references.key;
  }
  return a.as() + " | " + a.foreignKey() + " | " + fk->field + " | " +
         (fk->allowNull ? "true" : "false") + " | " + fk->onDelete + " | " + fk->onUpdate + " | " +
         ref + " | " + a.referencedKey() + " | " + std::string(fk->type.keyName());
}

TEST_F(AssociationDefinitionsTest, DefaultsAreSequelizes) {
  Sequelize& s = db();
  std::vector<std::string> got;
  auto m = [&](const char* name, const AttributeDefinitions& attrs,
               const ModelOptions& o = {}) -> Model& { return s.define(name, attrs, o); };
  auto show = [&](const Association& a) { got.push_back(describe(a)); };
  Model* A = &m("User", {{"name", DataTypes::STRING}});
  Model* B = &m("Profile", {{"bio", DataTypes::STRING}});
  show(A->hasOne(*B));
  show(B->belongsTo(*A));
  A = &m("Users2",
         {{"user_id",
           {.type = DataTypes::INTEGER.UNSIGNED(), .primaryKey = true, .autoIncrement = true}}},
         {.tableName = "u2"});
  B = &m("Stories2", {{"title", DataTypes::STRING}}, {.tableName = "s2"});
  show(A->hasOne(*B));
  show(B->belongsTo(*A));
  A = &m("Person", {{"name", DataTypes::STRING}}, {.underscored = true});
  B = &m("Car", {{"plate", DataTypes::STRING}}, {.underscored = true});
  show(A->hasOne(*B));
  show(B->belongsTo(*A, {.as = "driver"}));
  A = &m("Owner", {{"name", DataTypes::STRING}});
  B = &m("Boat", {{"name", DataTypes::STRING}});
  show(A->hasOne(*B, {.as = "vessels"}));
  show(B->belongsTo(*A, {.as = "Captains"}));
  A = &m("Team", {{"code", {.type = DataTypes::STRING(8), .primaryKey = true}}});
  show(A->hasOne(m("Coach", {{"n", DataTypes::STRING}}),
                 {.foreignKey = ForeignKeyOptions{.name = "teamCode", .allowNull = false}}));
  show(A->hasOne(m("Mascot", {{"n", DataTypes::STRING}}),
                 {.foreignKey = ForeignKeyOptions{.field = "team_ref"}}));
  show(m("Stadium", {{"n", DataTypes::STRING}})
           .belongsTo(*A, {.foreignKey = ForeignKeyOptions{.name = "tc", .allowNull = false}}));
  show(A->hasOne(m("Fan", {{"teamCode", {.type = DataTypes::STRING(8), .allowNull = false}}}),
                 {.foreignKey = "teamCode"}));
  show(A->hasOne(m("Sponsor", {{"teamCode", {.type = DataTypes::STRING(8)}}}),
                 {.foreignKey = "teamCode"}));
  show(A->hasOne(m("Kit", {{"teamCode", {.type = DataTypes::STRING(8), .allowNull = true}}}),
                 {.foreignKey = "teamCode"}));
  show(m("Bus", {{"teamCode", {.type = DataTypes::STRING(8)}}})
           .belongsTo(*A, {.foreignKey = "teamCode"}));
  show(m("Flag", {{"teamCode", {.type = DataTypes::STRING(8), .allowNull = false}}})
           .belongsTo(*A, {.foreignKey = "teamCode"}));
  show(A->hasOne(m("Song", {{"n", DataTypes::STRING}}), {.constraints = false}));
  show(A->hasOne(m("Chant", {{"n", DataTypes::STRING}}),
                 {.onDelete = "CASCADE", .constraints = false}));
  show(m("Badge", {{"n", DataTypes::STRING}})
           .belongsTo(*A, {.onDelete = "RESTRICT", .onUpdate = "NO ACTION"}));
  A = &m("Company", {{"name", {.type = DataTypes::STRING, .unique = true}}});
  show(m("Office", {{"n", DataTypes::STRING}}).belongsTo(*A, {.targetKey = "name"}));
  show(A->hasOne(m("Brand", {{"n", DataTypes::STRING}}), {.sourceKey = "name"}));
  show(A->hasOne(m("Logo", {{"n", DataTypes::STRING}}), {.keyType = DataTypes::BIGINT}));
  A = &m("Employee", {{"n", DataTypes::STRING}});
  show(A->belongsTo(*A, {.as = "manager"}));
  show(A->hasOne(*A, {.as = "assistant"}));
  A = &m("Human", {{"n", DataTypes::STRING}}, {.name = {"person", "people"}});
  B = &m("Pet", {{"n", DataTypes::STRING}}, {.name = {"critter", "critters"}});
  show(A->hasOne(*B));
  show(B->belongsTo(*A));
  A = &m("Address", {{"n", DataTypes::STRING}});
  B = &m("Mouse", {{"n", DataTypes::STRING}});
  show(A->hasOne(*B));
  show(B->belongsTo(*A));
  A = &m("user_accounts", {{"n", DataTypes::STRING}});
  B = &m("login_tokens", {{"n", DataTypes::STRING}});
  show(A->hasOne(*B));
  show(B->belongsTo(*A));

  const std::vector<std::string> sequelize = {
      "Profile | UserId | UserId | true | SET NULL | CASCADE | Users.id | id | INTEGER",
      "User | UserId | UserId | true | SET NULL | CASCADE | Users.id | id | INTEGER",
      std::string("Stories2 | Users2UserId | Users2UserId | true | SET NULL | CASCADE | ") +
          "u2.user_id | user_id | INTEGER",
      std::string("Users2 | Users2UserId | Users2UserId | true | SET NULL | CASCADE | ") +
          "u2.user_id | user_id | INTEGER",
      "Car | PersonId | person_id | true | SET NULL | CASCADE | people.id | id | INTEGER",
      "driver | driverId | driver_id | true | SET NULL | CASCADE | people.id | id | INTEGER",
      "vessels | vesselId | vesselId | true | SET NULL | CASCADE | Owners.id | id | INTEGER",
      "Captains | CaptainsId | CaptainsId | true | SET NULL | CASCADE | Owners.id | id | INTEGER",
      "Coach | teamCode | teamCode | false | CASCADE | CASCADE | Teams.code | code | STRING",
      "Mascot | TeamCode | team_ref | true | SET NULL | CASCADE | Teams.code | code | STRING",
      "Team | tc | tc | false | NO ACTION | CASCADE | Teams.code | code | STRING",
      "Fan | teamCode | teamCode | false | CASCADE | CASCADE | Teams.code | code | STRING",
      "Sponsor | teamCode | teamCode | true | CASCADE | CASCADE | Teams.code | code | STRING",
      "Kit | teamCode | teamCode | true | SET NULL | CASCADE | Teams.code | code | STRING",
      "Team | teamCode | teamCode | true | NO ACTION | CASCADE | Teams.code | code | STRING",
      "Team | teamCode | teamCode | false | NO ACTION | CASCADE | Teams.code | code | STRING",
      "Song | TeamCode | TeamCode | true |  |  | - | code | STRING",
      "Chant | TeamCode | TeamCode | true | CASCADE |  | Teams.code | code | STRING",
      "Team | TeamCode | TeamCode | true | RESTRICT | NO ACTION | Teams.code | code | STRING",
      std::string("Company | CompanyId | CompanyId | true | SET NULL | CASCADE | ") +
          "Companies.name | name | STRING",
      "Brand | CompanyId | CompanyId | true | SET NULL | CASCADE | Companies.name | name | STRING",
      "Logo | CompanyId | CompanyId | true | SET NULL | CASCADE | Companies.id | id | BIGINT",
      "manager | managerId | managerId | true | SET NULL | CASCADE | Employees.id | id | INTEGER",
      std::string("assistant | assistantId | assistantId | true | SET NULL | CASCADE | "
                  "Employees.id | id | ") +
          "INTEGER",
      "critter | HumanId | HumanId | true | SET NULL | CASCADE | Humans.id | id | INTEGER",
      "person | personId | personId | true | SET NULL | CASCADE | Humans.id | id | INTEGER",
      "Mouse | AddressId | AddressId | true | SET NULL | CASCADE | Addresses.id | id | INTEGER",
      "Address | AddressId | AddressId | true | SET NULL | CASCADE | Addresses.id | id | INTEGER",
      std::string("login_token | userAccountId | userAccountId | true | SET NULL | CASCADE | "
                  "user_accounts.id ") +
          "| id | INTEGER",
      std::string("user_account | userAccountId | userAccountId | true | SET NULL | CASCADE | "
                  "user_accounts.id ") +
          "| id | INTEGER",
  };
  ASSERT_EQ(got.size(), sequelize.size());
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], sequelize[i]) << "case " << i + 1;
}

TEST_F(AssociationDefinitionsTest, AssociationsAreListedByAliasInDefinitionOrder) {
  const BlogModels m = defineBlogModels(db());
  std::vector<std::string> aliases;
  for (const Association* a : m.Users.associations()) aliases.push_back(a->as());
  EXPECT_EQ(aliases, (std::vector<std::string>{"story", "profile"}));
  aliases.clear();
  for (const Association* a : m.Stories.associations()) aliases.push_back(a->as());
  EXPECT_EQ(aliases, (std::vector<std::string>{"author", "category"}));
  EXPECT_EQ(m.Stories.association("author")->associationTypeName(), "BelongsTo");
  EXPECT_EQ(&m.Stories.association("author")->target(), &m.Users);
  EXPECT_EQ(m.Users.association("author"), nullptr);
}

TEST_F(AssociationDefinitionsTest, AHasOneBelongsToPairMakesOneForeignKey) {
  // Named key (the tutorial's form) and default key.
  auto [Users, Stories] = defineSeedModels(db());
  Model& User = db().define("User", {{"name", DataTypes::STRING}});
  Model& Profile = db().define("Profile", {{"bio", DataTypes::STRING}});
  User.hasOne(Profile);
  Profile.belongsTo(User);
  int references = 0;
  for (const Attribute& a : Profile.rawAttributes()) references += a.hasReferences() ? 1 : 0;
  EXPECT_EQ(references, 1);
  db().sync({.force = true});
  EXPECT_EQ(foreignKeyCount(db(), "stories"), 1);
  EXPECT_EQ(foreignKeyCount(db(), "Profiles"), 1);
}

// Parent and child tables whose link follows `options`; the child row references parent 1.
class ReferentialActionsTest : public DatabaseTest {
 protected:
  void link(HasOneOptions options, bool keyAllowsNull = true) {
    Parent_ = &db().define("Parent", {{"code", {.type = DataTypes::INTEGER, .primaryKey = true}}},
                           {.timestamps = false});
    Child_ = &db().define("Child",
                          {{"parentCode", {.type = DataTypes::INTEGER, .allowNull = keyAllowsNull}},
                           {"name", DataTypes::STRING}},
                          {.timestamps = false});
    options.foreignKey = "parentCode";
    options.as = "child";
    association_ = &Parent_->hasOne(*Child_, options);
    db().sync({.force = true});
    Parent_->create({{"code", 1}});
    Parent_->create({{"code", 2}});
    Child_->create({{"parentCode", 1}, {"name", "c"}});
  }
  void deleteParent() {
    db().query("DELETE FROM " + quoted(db(), "Parents") + " WHERE " + quoted(db(), "code") + " = " +
                   (isPostgres() ? "$1" : "?"),
               {.bind = {Value(1)}});
  }
  void renumberParent() {
    db().query("UPDATE " + quoted(db(), "Parents") + " SET " + quoted(db(), "code") +
               " = 10 WHERE " + quoted(db(), "code") + " = 1");
  }
  // The child's key, "null", or "gone".
  std::string childKey() {
    const auto rows = db().query("SELECT " + quoted(db(), "parentCode") + " AS k FROM " +
                                     quoted(db(), "Children"),
                                 {.silent = true})
                          .rows;
    if (rows.empty()) return "gone";
    const auto k = rows.at(0).at(0).value.as<std::optional<std::int64_t>>();
    return k ? std::to_string(*k) : "null";
  }
  Model* Parent_ = nullptr;
  Model* Child_ = nullptr;
  const Association* association_ = nullptr;
};

TEST_F(ReferentialActionsTest, NullableKeyDefaultsToSetNullAndCascadeOnUpdate) {
  link({});
  EXPECT_EQ(association_->onDelete(), "SET NULL");
  renumberParent();
  EXPECT_EQ(childKey(), "10");
  db().query("DELETE FROM " + quoted(db(), "Parents"));
  EXPECT_EQ(childKey(), "null");
}

TEST_F(ReferentialActionsTest, NotNullKeyDefaultsToCascade) {
  link({}, false);
  EXPECT_EQ(association_->onDelete(), "CASCADE");
  deleteParent();
  EXPECT_EQ(childKey(), "gone");
  EXPECT_EQ(countRows(db(), "Parents"), 1);
}

TEST_F(ReferentialActionsTest, ExplicitSetNull) {
  link({.onDelete = "set null"});
  EXPECT_EQ(association_->onDelete(), "SET NULL");
  deleteParent();
  EXPECT_EQ(childKey(), "null");
}

TEST_F(ReferentialActionsTest, RestrictRefusesToDeleteOrRenumberTheParent) {
  link({.onDelete = "RESTRICT", .onUpdate = "RESTRICT"});
  EXPECT_THROW(deleteParent(), ForeignKeyConstraintError);
  EXPECT_THROW(renumberParent(), ForeignKeyConstraintError);
  EXPECT_EQ(countRows(db(), "Parents"), 2);
  EXPECT_EQ(childKey(), "1");
}

TEST_F(ReferentialActionsTest, NoActionRefusesToDeleteTheParent) {
  link({.onDelete = "NO ACTION", .onUpdate = "NO ACTION"});
  EXPECT_THROW(deleteParent(), ForeignKeyConstraintError);
  EXPECT_THROW(renumberParent(), ForeignKeyConstraintError);
  EXPECT_EQ(childKey(), "1");
}

TEST_F(ReferentialActionsTest, CascadeDeletesTheChild) {
  link({.onDelete = "CASCADE"});
  deleteParent();
  EXPECT_EQ(childKey(), "gone");
}

TEST_F(ReferentialActionsTest, WithoutConstraintsTheDatabaseLetsTheKeyDangle) {
  link({.constraints = false});
  EXPECT_EQ(foreignKeyCount(db(), "Children"), 0);
  deleteParent();
  EXPECT_EQ(childKey(), "1");
}

TEST_F(ReferentialActionsTest, BelongsToWithANotNullKeyDefaultsToNoAction) {
  Model& Parent =
      db().define("Parent", {{"code", {.type = DataTypes::INTEGER, .primaryKey = true}}},
                  {.timestamps = false});
  Model& Child = db().define("Child", {{"name", DataTypes::STRING}}, {.timestamps = false});
  const Association& a = Child.belongsTo(
      Parent, {.foreignKey = ForeignKeyOptions{.name = "parentCode", .allowNull = false}});
  EXPECT_EQ(a.onDelete(), "NO ACTION");
  EXPECT_EQ(a.onUpdate(), "CASCADE");
  db().sync({.force = true});
  Parent.create({{"code", 1}});
  Child.create({{"parentCode", 1}, {"name", "c"}});
  EXPECT_THROW(db().query("DELETE FROM " + quoted(db(), "Parents")), ForeignKeyConstraintError);
  renumberParent();
  EXPECT_EQ(childKey(), "10");
}

}  // namespace
}  // namespace sequelize::test
