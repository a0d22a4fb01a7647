// hasMany definitions: Sequelize v6's default names and rules (has-many.js: the alias is the
// target's plural name, the foreign key camelize(source singular name + "_" + source primary
// key) whatever the alias, ON DELETE SET NULL / CASCADE by the key's nullability, ON UPDATE
// CASCADE), the foreign key attribute added to the target, one attribute per hasMany/belongsTo
// pair, the mistakes refused before anything changes, and the column `sync` creates.
#include "has_many_fixture.hpp"

namespace sequelize::test {
namespace {

class HasManyDefinitionsTest : public DatabaseTest {
 protected:
  Model& define(const char* name, const AttributeDefinitions& attributes,
                ModelOptions options = {}) {
    if (!options.timestamps) options.timestamps = false;
    return db().define(name, attributes, options);
  }
};

// alias | singular | foreign key | column | allowNull | onDelete | onUpdate | referenced
// table.column | source key | key type: one line per association.
std::string describeHasMany(const Association& a) {
  const Attribute* fk = a.target().attribute(a.foreignKey());
  if (fk == nullptr) return a.as() + ": no attribute " + a.foreignKey() + " on the target";
  std::string ref = "-";
  if (fk->hasReferences()) {
    const ModelRef& m = fk->references.model;
    ref = (m.model() != nullptr ? m.model()->tableName() : m.name()) + "." + fk->references.key;
  }
  return a.as() + " | " + a.singularName() + " | " + a.foreignKey() + " | " + fk->field + " | " +
         (fk->allowNull ? "true" : "false") + " | " + fk->onDelete + " | " + fk->onUpdate + " | " +
         ref + " | " + a.sourceKey() + " | " + std::string(fk->type.keyName());
}

// Cells joined as describeHasMany() joins them.
std::string cells(std::initializer_list<std::string_view> parts) {
  std::string out;
  bool first = true;
  for (const std::string_view cell : parts) {
    if (!first) out += " | ";
    first = false;
    out += cell;
  }
  return out;
}

TEST_F(HasManyDefinitionsTest, DefaultsAreSequelizes) {
  std::vector<std::string> got;
  auto show = [&](const Association& a) { got.push_back(describeHasMany(a)); };
  const AttributeDefinitions name{{"name", DataTypes::STRING}};

  // No options: the alias is the target's plural name, the key the source's singular name and
  // primary key, camel-cased (Sequelize's Utils.camelize keeps the first letter as it is).
  show(define("User", name).hasMany(define("Task", name)));
  show(define("Users", name, {.tableName = "users"})
           .hasMany(define("Stories", name, {.tableName = "stories"})));
  // An alias: its singular is derived; the key still comes from the source's name.
  show(define("Writer", name).hasMany(define("Novel", name), {.as = "stories"}));
  show(define("Town", name).hasMany(define("Resident", name), {.as = "people"}));
  // {singular, plural}
  show(define("Narrator", name).hasMany(define("Fable", name), {.as = {"tale", "tales"}}));
  // A named key.
  show(define("Owner", name).hasMany(define("Boat", name), {.foreignKey = "captainId"}));

  // A source whose primary key is a string.
  Model& Team = define("Team", {{"code", {.type = DataTypes::STRING(8), .primaryKey = true}}});
  show(Team.hasMany(define("Player", name),
                    {.foreignKey = ForeignKeyOptions{.name = "teamCode", .allowNull = false}}));
  show(Team.hasMany(define("Fan", name)));
  // `field` alone names the column, not the attribute.
  show(
      Team.hasMany(define("Mascot", name), {.foreignKey = ForeignKeyOptions{.field = "team_ref"}}));
  // A key the target defines itself: its definition wins (its allowNull decides onDelete).
  show(Team.hasMany(
      define("Flag", {{"teamCode", {.type = DataTypes::STRING(8), .allowNull = false}}}),
      {.foreignKey = "teamCode"}));
  show(
      Team.hasMany(define("Kit", {{"teamCode", {.type = DataTypes::STRING(8), .allowNull = true}}}),
                   {.foreignKey = "teamCode"}));
  show(Team.hasMany(define("Song", name), {.constraints = false}));
  show(Team.hasMany(define("Badge", name), {.onDelete = "RESTRICT", .onUpdate = "NO ACTION"}));
  show(Team.hasMany(define("Chant", name), {.onDelete = "cascade"}));

  // sourceKey: the key references it and takes its type; its name still comes from the primary
  // key. keyType replaces the type.
  Model& Company = define("Company", {{"name", {.type = DataTypes::STRING, .unique = true}}});
  show(Company.hasMany(define("Office", name), {.sourceKey = "name"}));
  show(Company.hasMany(define("Logo", name), {.keyType = DataTypes::BIGINT}));

  // Underscored models: the attribute is camel-cased, its column underscored.
  show(define("Person", name, {.underscored = true})
           .hasMany(define("Car", name, {.underscored = true})));
  // Names given to the models.
  show(define("Human", name, {.name = {"person", "people"}})
           .hasMany(define("Pet", name, {.name = {"critter", "critters"}})));
  // A self-association.
  Model& Employee = define("Employee", name);
  show(Employee.hasMany(Employee, {.as = "reports"}));
  // Irregular and lowercase names.
  show(define("Address", name).hasMany(define("Mouse", name)));
  show(define("user_accounts", name).hasMany(define("login_tokens", name)));

  // alias, singular, foreign key, column, allowNull, onDelete, onUpdate, reference, source key,
  // key type
  const std::vector<std::string> sequelize = {
      cells({"Tasks", "Task", "UserId", "UserId", "true", "SET NULL", "CASCADE", "Users.id", "id",
             "INTEGER"}),
      cells({"Stories", "Story", "UserId", "UserId", "true", "SET NULL", "CASCADE", "users.id",
             "id", "INTEGER"}),
      cells({"stories", "story", "WriterId", "WriterId", "true", "SET NULL", "CASCADE",
             "Writers.id", "id", "INTEGER"}),
      cells({"people", "person", "TownId", "TownId", "true", "SET NULL", "CASCADE", "Towns.id",
             "id", "INTEGER"}),
      cells({"tales", "tale", "NarratorId", "NarratorId", "true", "SET NULL", "CASCADE",
             "Narrators.id", "id", "INTEGER"}),
      cells({"Boats", "Boat", "captainId", "captainId", "true", "SET NULL", "CASCADE", "Owners.id",
             "id", "INTEGER"}),
      cells({"Players", "Player", "teamCode", "teamCode", "false", "CASCADE", "CASCADE",
             "Teams.code", "code", "STRING"}),
      cells({"Fans", "Fan", "TeamCode", "TeamCode", "true", "SET NULL", "CASCADE", "Teams.code",
             "code", "STRING"}),
      cells({"Mascots", "Mascot", "TeamCode", "team_ref", "true", "SET NULL", "CASCADE",
             "Teams.code", "code", "STRING"}),
      cells({"Flags", "Flag", "teamCode", "teamCode", "false", "CASCADE", "CASCADE", "Teams.code",
             "code", "STRING"}),
      cells({"Kits", "Kit", "teamCode", "teamCode", "true", "SET NULL", "CASCADE", "Teams.code",
             "code", "STRING"}),
      cells({"Songs", "Song", "TeamCode", "TeamCode", "true", "", "", "-", "code", "STRING"}),
      cells({"Badges", "Badge", "TeamCode", "TeamCode", "true", "RESTRICT", "NO ACTION",
             "Teams.code", "code", "STRING"}),
      cells({"Chants", "Chant", "TeamCode", "TeamCode", "true", "CASCADE", "CASCADE", "Teams.code",
             "code", "STRING"}),
      cells({"Offices", "Office", "CompanyId", "CompanyId", "true", "SET NULL", "CASCADE",
             "Companies.name", "name", "STRING"}),
      cells({"Logos", "Logo", "CompanyId", "CompanyId", "true", "SET NULL", "CASCADE",
             "Companies.id", "id", "BIGINT"}),
      cells({"Cars", "Car", "PersonId", "person_id", "true", "SET NULL", "CASCADE", "people.id",
             "id", "INTEGER"}),
      cells({"critters", "critter", "personId", "personId", "true", "SET NULL", "CASCADE",
             "Humans.id", "id", "INTEGER"}),
      cells({"reports", "report", "EmployeeId", "EmployeeId", "true", "SET NULL", "CASCADE",
             "Employees.id", "id", "INTEGER"}),
      cells({"Mice", "Mouse", "AddressId", "AddressId", "true", "SET NULL", "CASCADE",
             "Addresses.id", "id", "INTEGER"}),
      cells({"login_tokens", "login_token", "userAccountId", "userAccountId", "true", "SET NULL",
             "CASCADE", "user_accounts.id", "id", "INTEGER"}),
  };
  ASSERT_EQ(got.size(), sequelize.size());
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], sequelize[i]) << "case " << i + 1;
}

TEST_F(HasManyDefinitionsTest, TheAssociationDescribesItself) {
  Model& Users = define("User", {{"name", DataTypes::STRING}}, {.tableName = "users"});
  Model& Tasks = define("Task", {{"title", DataTypes::STRING}}, {.tableName = "tasks"});
  Model& Profiles = define("Profile", {{"bio", DataTypes::STRING}}, {.tableName = "profiles"});
  const Association& tasks = Users.hasMany(Tasks, {.as = "tasks"});
  const Association& profile = Users.hasOne(Profiles, {.as = "profile"});
  const Association& owner = Tasks.belongsTo(Users, {.foreignKey = "UserId", .as = "owner"});

  EXPECT_EQ(tasks.associationType(), AssociationType::HasMany);
  EXPECT_EQ(tasks.associationTypeName(), "HasMany");
  EXPECT_TRUE(tasks.isMultiAssociation());
  EXPECT_FALSE(profile.isMultiAssociation());
  EXPECT_FALSE(owner.isMultiAssociation());
  EXPECT_TRUE(tasks.isAliased());
  EXPECT_EQ(tasks.as(), "tasks");
  EXPECT_EQ(tasks.singularName(), "task");
  EXPECT_EQ(&tasks.source(), &Users);
  EXPECT_EQ(&tasks.target(), &Tasks);
  // The key sits on the target and references the source's key.
  EXPECT_EQ(&tasks.keyHolder(), &Tasks);
  EXPECT_EQ(&tasks.keyOwner(), &Users);
  EXPECT_EQ(tasks.foreignKey(), "UserId");
  EXPECT_EQ(tasks.sourceKey(), "id");
  EXPECT_EQ(tasks.referencedKey(), "id");
  EXPECT_EQ(tasks.joinOn().sourceAttribute, "id");
  EXPECT_EQ(tasks.joinOn().nextAttribute, "UserId");
  // Written after its owner in a nested create, the key filled in on each target.
  EXPECT_EQ(tasks.nestedWritePlace(), Association::NestedWritePlace::AfterOwner);
  ASSERT_NE(tasks.keyFilledInTarget(), nullptr);
  EXPECT_EQ(*tasks.keyFilledInTarget(), "UserId");
  EXPECT_EQ(tasks.keyFilledInSource(), nullptr);
  // Sequelize's groups for `include: {all: …}`.
  for (const char* type : {"All", "Many", "Has", "HasMany"}) {
    EXPECT_TRUE(tasks.isOfIncludeType(type)) << type;
  }
  for (const char* type : {"One", "HasOne", "BelongsTo"}) {
    EXPECT_FALSE(tasks.isOfIncludeType(type)) << type;
  }
  // Listed by alias, in definition order.
  std::vector<std::string> aliases;
  for (const Association* a : Users.associations()) aliases.push_back(a->as());
  EXPECT_EQ(aliases, (std::vector<std::string>{"tasks", "profile"}));
  EXPECT_EQ(Users.association("tasks"), &tasks);
  EXPECT_EQ(Users.association("task"), nullptr);  // the singular is no alias
}

TEST_F(HasManyDefinitionsTest, TheForeignKeyIsAddedToTheTargetWithTheSourceKeysType) {
  Model& Teams = define(
      "Team",
      {{"code", {.type = DataTypes::STRING(8), .primaryKey = true}}, {"city", DataTypes::STRING}},
      {.tableName = "teams"});
  Model& Players = define("Player", {{"name", DataTypes::STRING}}, {.tableName = "players"});
  const std::size_t before = Players.rawAttributes().size();
  Teams.hasMany(Players, {.as = "players"});
  ASSERT_EQ(Players.rawAttributes().size(), before + 1);
  const Attribute& fk = Players.rawAttributes().back();
  EXPECT_EQ(fk.name, "TeamCode");
  EXPECT_EQ(fk.type.keyName(), "STRING");
  EXPECT_TRUE(fk.allowNull);
  EXPECT_FALSE(fk.primaryKey);
  EXPECT_FALSE(fk.autoIncrement);
  ASSERT_TRUE(fk.hasReferences());
  EXPECT_EQ(fk.references.key, "code");
  // The source gets no attribute.
  EXPECT_EQ(Teams.rawAttributes().size(), 2u);
  EXPECT_EQ(Teams.attribute("TeamCode"), nullptr);

  // The column holds the source's keys: strings.
  db().sync({.force = true});
  Teams.create({{"code", "abc"}, {"city", "x"}});
  Players.create({{"name", "p"}, {"TeamCode", "abc"}});
  EXPECT_EQ(plainRows(db(), "SELECT `name`, `TeamCode` FROM `players`"),
            std::vector<std::string>{"p|abc"});
}

TEST_F(HasManyDefinitionsTest, SyncCreatesTheForeignKeyColumnAndItsRules) {
  Model& Users = define("User", {{"name", DataTypes::STRING}}, {.tableName = "users"});
  Model& Tasks = define("Task", {{"title", DataTypes::STRING}}, {.tableName = "tasks"});
  Model& Chores = define("Chore", {{"title", DataTypes::STRING}}, {.tableName = "chores"});
  const Association& tasks = Users.hasMany(Tasks);
  const Association& chores = Users.hasMany(
      Chores, {.foreignKey = ForeignKeyOptions{.name = "ownerId", .allowNull = false}});
  EXPECT_EQ(tasks.onDelete(), "SET NULL");
  EXPECT_EQ(tasks.onUpdate(), "CASCADE");
  EXPECT_EQ(chores.onDelete(), "CASCADE");
  EXPECT_EQ(chores.onUpdate(), "CASCADE");
  db().sync({.force = true});

  EXPECT_EQ(columnsOf(db(), "tasks"), (std::vector<std::string>{"id", "title", "UserId"}));
  EXPECT_EQ(columnsOf(db(), "chores"), (std::vector<std::string>{"id", "title", "ownerId"}));
  EXPECT_TRUE(columnAllowsNull(db(), "tasks", "UserId"));
  EXPECT_FALSE(columnAllowsNull(db(), "chores", "ownerId"));
  EXPECT_EQ(foreignKeyCount(db(), "tasks"), 1);
  EXPECT_EQ(foreignKeyCount(db(), "chores"), 1);
  EXPECT_EQ(foreignKeyCount(db(), "users"), 0);

  const Instance ann = Users.create({{"name", "ann"}});
  const Instance bob = Users.create({{"name", "bob"}});
  Tasks.create({{"title", "t1"}, {"UserId", ann.get("id")}});
  Tasks.create({{"title", "t2"}, {"UserId", bob.get("id")}});
  Chores.create({{"title", "c1"}, {"ownerId", ann.get("id")}});
  Chores.create({{"title", "c2"}, {"ownerId", bob.get("id")}});
  const std::string bobId = cellText(bob.get("id"));

  // A key the parent table does not hold is refused.
  EXPECT_THROW(Tasks.create({{"title", "t3"}, {"UserId", 999}}), ForeignKeyConstraintError);
  // ON UPDATE CASCADE: renumbering ann moves her rows along.
  db().query(dialectSql(db(), "UPDATE `users` SET `id` = 10 WHERE `id` = ?"),
             {.bind = {ann.get("id")}, .silent = true});
  EXPECT_EQ(plainRows(db(), "SELECT `title`, `UserId` FROM `tasks` ORDER BY `title`"),
            (std::vector<std::string>{"t1|10", "t2|" + bobId}));
  EXPECT_EQ(plainRows(db(), "SELECT `title`, `ownerId` FROM `chores` ORDER BY `title`"),
            (std::vector<std::string>{"c1|10", "c2|" + bobId}));
  // ON DELETE: SET NULL for the nullable key, CASCADE for the one that may not be null.
  db().query(dialectSql(db(), "DELETE FROM `users` WHERE `id` = 10"), {.silent = true});
  EXPECT_EQ(plainRows(db(), "SELECT `title`, `UserId` FROM `tasks` ORDER BY `title`"),
            (std::vector<std::string>{"t1|null", "t2|" + bobId}));
  EXPECT_EQ(plainRows(db(), "SELECT `title`, `ownerId` FROM `chores` ORDER BY `title`"),
            (std::vector<std::string>{"c2|" + bobId}));
}

TEST_F(HasManyDefinitionsTest, WithoutConstraintsThereIsNoReference) {
  Model& Users = define("User", {{"name", DataTypes::STRING}}, {.tableName = "users"});
  Model& Tasks = define("Task", {{"title", DataTypes::STRING}}, {.tableName = "tasks"});
  const Association& a = Users.hasMany(Tasks, {.as = "tasks", .constraints = false});
  const Attribute* fk = Tasks.attribute("UserId");
  ASSERT_NE(fk, nullptr);
  EXPECT_FALSE(fk->hasReferences());
  EXPECT_EQ(a.onDelete(), "");
  db().sync({.force = true});
  EXPECT_EQ(columnsOf(db(), "tasks"), (std::vector<std::string>{"id", "title", "UserId"}));
  EXPECT_EQ(foreignKeyCount(db(), "tasks"), 0);
  // The key may point at nothing.
  Tasks.create({{"title", "t"}, {"UserId", 999}});
  EXPECT_EQ(plainRows(db(), "SELECT `UserId` FROM `tasks`"), std::vector<std::string>{"999"});
}

TEST_F(HasManyDefinitionsTest, AHasManyBelongsToPairMakesOneAttribute) {
  // A named key.
  Model& Users = define("User", {{"name", DataTypes::STRING}}, {.tableName = "users"});
  Model& Tasks = define("Task", {{"title", DataTypes::STRING}}, {.tableName = "tasks"});
  Users.hasMany(Tasks, {.foreignKey = "ownerId", .as = "tasks"});
  Tasks.belongsTo(Users, {.foreignKey = "ownerId", .as = "owner"});
  // Default keys: hasMany's camelize("User_id") and belongsTo's camelize("User" + "_id") agree.
  Model& Notes = define("Note", {{"text", DataTypes::STRING}}, {.tableName = "notes"});
  Users.hasMany(Notes);
  Notes.belongsTo(Users);
  auto named = [](const Model& m, const std::string& attribute) {
    int n = 0;
    for (const Attribute& a : m.rawAttributes()) n += a.name == attribute ? 1 : 0;
    return n;
  };
  auto references = [](const Model& m) {
    int n = 0;
    for (const Attribute& a : m.rawAttributes()) n += a.hasReferences() ? 1 : 0;
    return n;
  };
  EXPECT_EQ(named(Tasks, "ownerId"), 1);
  EXPECT_EQ(references(Tasks), 1);
  EXPECT_EQ(Tasks.rawAttributes().size(), 3u);  // id, title, ownerId
  EXPECT_EQ(named(Notes, "UserId"), 1);
  EXPECT_EQ(references(Notes), 1);
  EXPECT_EQ(Notes.rawAttributes().size(), 3u);  // id, text, UserId
  db().sync({.force = true});
  EXPECT_EQ(columnsOf(db(), "tasks"), (std::vector<std::string>{"id", "title", "ownerId"}));
  EXPECT_EQ(columnsOf(db(), "notes"), (std::vector<std::string>{"id", "text", "UserId"}));
  EXPECT_EQ(foreignKeyCount(db(), "tasks"), 1);
  EXPECT_EQ(foreignKeyCount(db(), "notes"), 1);
}

TEST_F(HasManyDefinitionsTest, AliasCollisionsAreRefusedAndChangeNothing) {
  Model& Users = define("User", {{"name", DataTypes::STRING}}, {.tableName = "users"});
  Model& Tasks = define("Task", {{"title", DataTypes::STRING}}, {.tableName = "tasks"});
  Model& Chores = define("Chore", {{"title", DataTypes::STRING}}, {.tableName = "chores"});
  Users.hasMany(Tasks, {.as = "tasks"});
  const std::size_t choreAttributes = Chores.rawAttributes().size();
  const std::size_t associations = Users.associations().size();
  const std::string message =
      "You have used the alias tasks in two separate associations. Aliased associations must have "
      "unique aliases.";
  auto expectAliasError = [&](const char* what, auto&& define) {
    try {
      define();
      ADD_FAILURE() << what << ": expected AssociationError";
    } catch (const AssociationError& e) {
      EXPECT_EQ(std::string(e.what()), message) << what;
      EXPECT_EQ(e.name(), "SequelizeAssociationError") << what;
    }
  };
  expectAliasError("hasMany", [&] { Users.hasMany(Chores, {.as = "tasks"}); });
  expectAliasError("hasOne", [&] { Users.hasOne(Chores, {.as = "tasks"}); });
  expectAliasError("belongsTo", [&] { Users.belongsTo(Chores, {.as = "tasks"}); });
  // Sequelize only compares a string `as` (an object {singular, plural} slips through and
  // replaces the first association); the plural is the alias here, and it is taken.
  expectAliasError("{singular, plural}", [&] { Users.hasMany(Chores, {.as = {"task", "tasks"}}); });
  // The same target twice without an alias would take the same name (Sequelize silently replaces
  // the first association).
  Users.hasMany(Chores);
  EXPECT_THROW(Users.hasMany(Chores), AssociationError);
  EXPECT_EQ(Users.associations().size(), associations + 1);

  // Nothing was added by the refused definitions.
  EXPECT_EQ(Chores.rawAttributes().size(), choreAttributes + 1);  // UserId, of the one accepted
  EXPECT_NE(Chores.attribute("UserId"), nullptr);
  EXPECT_EQ(Chores.attribute("taskId"), nullptr);  // the refused hasOne's key
  EXPECT_EQ(Users.attribute("tasksId"), nullptr);  // the refused belongsTo's key
  EXPECT_EQ(&Users.association("tasks")->target(), &Tasks);
  EXPECT_EQ(&Users.association("Chores")->target(), &Chores);
}

TEST_F(HasManyDefinitionsTest, AnAliasNamedLikeASourceAttributeIsRefused) {
  Model& Users = define("User", {{"name", DataTypes::STRING}}, {.tableName = "users"});
  Model& Tasks = define("Task", {{"title", DataTypes::STRING}}, {.tableName = "tasks"});
  const std::size_t taskAttributes = Tasks.rawAttributes().size();
  expectThrowWithMessage<Error>(
      [&] { Users.hasMany(Tasks, {.as = "name"}); },
      "Naming collision between attribute 'name' and association 'name' on model User. To remedy "
      "this, change either foreignKey or as in your association definition");
  EXPECT_EQ(Tasks.rawAttributes().size(), taskAttributes);
  EXPECT_EQ(Tasks.attribute("UserId"), nullptr);
  EXPECT_TRUE(Users.associations().empty());
}

TEST_F(HasManyDefinitionsTest, AnUnknownSourceKeyIsRefused) {
  // Sequelize falls back to the primary key without a word; a typo here is an error.
  Model& Users = define("User", {{"name", DataTypes::STRING}}, {.tableName = "users"});
  Model& Tasks = define("Task", {{"title", DataTypes::STRING}}, {.tableName = "tasks"});
  const std::size_t taskAttributes = Tasks.rawAttributes().size();
  try {
    Users.hasMany(Tasks, {.as = "tasks", .sourceKey = "nmae"});
    FAIL() << "expected sequelize::Error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("nmae"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("sourceKey"), std::string::npos) << e.what();
  }
  EXPECT_EQ(Tasks.rawAttributes().size(), taskAttributes);
  EXPECT_EQ(Users.association("tasks"), nullptr);
  EXPECT_TRUE(statements().empty());
}

}  // namespace
}  // namespace sequelize::test
