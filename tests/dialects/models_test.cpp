// Model definitions: every DataType written and read back, attribute and model options.
#include <cmath>
#include <limits>

#include "test_database.hpp"

namespace sequelize::test {
namespace {

class ModelsTest : public DatabaseTest {};

// What a DATE attribute (no precision) holds once stored: MariaDB's DATETIME, as Sequelize
// writes DataTypes.DATE there, keeps whole seconds; SQLite keeps the milliseconds.
Date asStoredInDate(Date d) {
  if (!isMariadb()) return d;
  d.epochMs -= ((d.epochMs % 1000) + 1000) % 1000;
  return d;
}

Model& defineAllTypes(Sequelize& db) {
  return db.define("Thing", {
                                {"i", DataTypes::INTEGER},
                                {"iu", DataTypes::INTEGER.UNSIGNED()},
                                {"big", DataTypes::BIGINT},
                                {"s", DataTypes::STRING},
                                {"s64", DataTypes::STRING(64)},
                                {"t", DataTypes::TEXT},
                                {"bo", DataTypes::BOOLEAN},
                                {"d", DataTypes::DATE},
                                {"donly", DataTypes::DATEONLY},
                                {"f", DataTypes::FLOAT},
                                {"db", DataTypes::DOUBLE},
                                {"dec", DataTypes::DECIMAL(10, 2)},
                                {"u", DataTypes::UUID},
                                {"j", DataTypes::JSON},
                                {"bl", DataTypes::BLOB},
                            });
}

TEST_F(ModelsTest, EveryDataTypeRoundTrips) {
  Model& Thing = defineAllTypes(db());
  db().sync({.force = true});
  const Date when = Date::fromCivil(2020, 1, 2, 3, 4, 5, 678);
  // PostgreSQL has no unsigned integers: Sequelize writes INTEGER.UNSIGNED as INTEGER there, so
  // it holds what a signed INTEGER holds (PostgresTypesTest covers the value that does not fit).
  const std::int64_t unsignedValue = isPostgres() ? 2000000000LL : 4000000000LL;
  const Instance created = Thing.create({{"i", -42},
                                         {"iu", unsignedValue},
                                         {"big", 9007199254740993LL},
                                         {"s", "héllo wörld 😀"},
                                         {"s64", std::string(64, 'x')},
                                         {"t", std::string(65535, 'y')},  // MariaDB's TEXT: 64 KiB
                                         {"bo", true},
                                         {"d", when},
                                         {"donly", "2020-01-02"},
                                         {"f", 1.5},
                                         {"db", 0.1},
                                         {"dec", 10.5},
                                         {"u", "5b8b1f3e-6f3c-4c1e-9a43-0f5e1d7c2b11"},
                                         {"j", Json{R"({"b":1,"a":[1,"x",null],"2":"two"})"}},
                                         {"bl", Blob{0, 1, 2, 255}}});
  const auto rows = Thing.findAll();
  ASSERT_EQ(rows.size(), 1u);
  const Instance& r = rows[0];
  EXPECT_EQ(r.get<int>("i"), -42);
  EXPECT_EQ(r.get<std::int64_t>("iu"), unsignedValue);
  // Exact, beyond 2^53 (a string on PostgreSQL, as Sequelize returns BIGINT there).
  EXPECT_EQ(r.get<std::int64_t>("big"), 9007199254740993LL);
  EXPECT_EQ(r.get<std::string>("s"), "héllo wörld 😀");  // 4-byte UTF-8 included
  EXPECT_EQ(r.get<std::string>("s64"), std::string(64, 'x'));
  EXPECT_EQ(r.get<std::string>("t"), std::string(65535, 'y'));
  EXPECT_EQ(r.get<bool>("bo"), true);
  EXPECT_EQ(r.get<Date>("d"), asStoredInDate(when));
  EXPECT_EQ(r.get<std::string>("donly"), "2020-01-02");
  EXPECT_DOUBLE_EQ(r.get<double>("f"), 1.5);
  EXPECT_DOUBLE_EQ(r.get<double>("db"), 0.1);
  EXPECT_DOUBLE_EQ(r.get<double>("dec"), 10.5);
  EXPECT_EQ(r.get<std::string>("u"), "5b8b1f3e-6f3c-4c1e-9a43-0f5e1d7c2b11");
  // JSON comes back as JSON.parse would give it: integer-like keys first, compact.
  EXPECT_EQ(r.get<Json>("j").text, R"({"2":"two","b":1,"a":[1,"x",null]})");
  EXPECT_EQ(r.get<Blob>("bl"), (Blob{0, 1, 2, 255}));
  EXPECT_EQ(created.get<int>("id"), r.get<int>("id"));
}

TEST_F(ModelsTest, NullValuesRoundTripForEveryType) {
  Model& Thing = defineAllTypes(db());
  db().sync({.force = true});
  Thing.create({{"i", nullptr}, {"s", nullptr}, {"d", nullptr}, {"j", nullptr}, {"bl", nullptr}});
  const auto rows = Thing.findAll();
  ASSERT_EQ(rows.size(), 1u);
  for (const char* key :
       {"i", "iu", "big", "s", "t", "bo", "d", "donly", "f", "dec", "u", "j", "bl"}) {
    EXPECT_TRUE(rows[0].get(key).isNull()) << key;
  }
  EXPECT_EQ(rows[0].get<std::optional<int>>("i"), std::nullopt);
  EXPECT_THROW((void)rows[0].get<int>("i"), TypeError);
}

TEST_F(ModelsTest, SqliteRendersEachTypeAsSequelize) {
  if (!isSqlite()) GTEST_SKIP() << "SQLite's DDL";
  defineAllTypes(db());
  clearLog();
  db().sync({.force = true});
  const auto sql = statements();
  const auto create = std::find_if(
      sql.begin(), sql.end(), [](const std::string& s) { return s.starts_with("CREATE TABLE"); });
  ASSERT_NE(create, sql.end());
  EXPECT_EQ(*create,
            "CREATE TABLE IF NOT EXISTS `Things` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `i` "
            "INTEGER, `iu` INTEGER, `big` BIGINT, `s` VARCHAR(255), `s64` VARCHAR(64), `t` TEXT, "
            "`bo` TINYINT(1), `d` DATETIME, `donly` DATE, `f` FLOAT, `db` DOUBLE PRECISION, `dec` "
            "DECIMAL(10,2), `u` UUID, `j` JSON, `bl` BLOB, `createdAt` DATETIME NOT NULL, "
            "`updatedAt` DATETIME NOT NULL);");
}

TEST_F(ModelsTest, MariadbRendersEachTypeAsSequelize) {
  if (!isMariadb()) GTEST_SKIP() << "MariaDB's DDL";
  defineAllTypes(db());
  db().define("Person", {
                            {"code", {.type = DataTypes::STRING(8), .primaryKey = true}},
                            {"fullName",
                             {.type = DataTypes::STRING, .allowNull = false, .field = "full_name"}},
                            {"status", {.type = DataTypes::STRING, .defaultValue = "it's new"}},
                            {"email", {.type = DataTypes::STRING, .unique = true}},
                            {"visits", {.type = DataTypes::INTEGER, .defaultValue = 0}},
                        });
  clearLog();
  db().sync({.force = true});
  std::vector<std::string> creates;
  for (const std::string& s : statements()) {
    if (s.starts_with("CREATE TABLE")) creates.push_back(s);
  }
  // What Sequelize 6 sends to MariaDB for the same definitions.
  ASSERT_EQ(creates.size(), 2u);
  EXPECT_EQ(creates[0],
            "CREATE TABLE IF NOT EXISTS `Things` (`id` INTEGER NOT NULL auto_increment , `i` "
            "INTEGER, `iu` INTEGER UNSIGNED, `big` BIGINT, `s` VARCHAR(255), `s64` VARCHAR(64), "
            "`t` TEXT, `bo` TINYINT(1), `d` DATETIME, `donly` DATE, `f` FLOAT, `db` DOUBLE "
            "PRECISION, `dec` DECIMAL(10,2), `u` CHAR(36) BINARY, `j` JSON, `bl` BLOB, `createdAt` "
            "DATETIME NOT NULL, `updatedAt` DATETIME NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB;");
  EXPECT_EQ(
      creates[1],
      "CREATE TABLE IF NOT EXISTS `People` (`code` VARCHAR(8) , `full_name` VARCHAR(255) NOT "
      "NULL, `status` VARCHAR(255) DEFAULT 'it\\'s new', `email` VARCHAR(255) UNIQUE, `visits` "
      "INTEGER DEFAULT 0, `createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT NULL, "
      "PRIMARY KEY (`code`)) ENGINE=InnoDB;");
}

TEST_F(ModelsTest, MariadbReadsDecimalsAsExactText) {
  if (!isMariadb()) GTEST_SKIP() << "MariaDB's DECIMAL";
  Model& Price = db().define("Price", {{"amount", DataTypes::DECIMAL(30, 10)}});
  db().sync({.force = true});
  Price.create({{"amount", "12345678901234567890.0123456789"}});
  Price.create({{"amount", 10.5}});
  const auto rows = Price.findAll({.order = {{"id", "ASC"}}});
  ASSERT_EQ(rows.size(), 2u);
  // Every digit kept: a double would have lost the last ten of them.
  EXPECT_EQ(rows[0].get<std::string>("amount"), "12345678901234567890.0123456789");
  EXPECT_EQ(rows[1].get<std::string>("amount"), "10.5000000000");
  EXPECT_DOUBLE_EQ(rows[1].get<double>("amount"), 10.5);
}

TEST_F(ModelsTest, DateWithPrecisionKeepsMilliseconds) {
  Model& Event = db().define("Event", {{"at", DataTypes::DATE(3)}, {"plain", DataTypes::DATE}});
  db().sync({.force = true});
  const Date when = Date::fromCivil(2021, 6, 7, 8, 9, 10, 987);
  Event.create({{"at", when}, {"plain", when}});
  const auto rows = Event.findAll();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].get<Date>("at"), when);
  EXPECT_EQ(rows[0].get<Date>("plain"), asStoredInDate(when));
  // A value compared with the stored one finds it.
  EXPECT_EQ(Event.findAll({.where = {{"at", when}}}).size(), 1u);
}

TEST_F(ModelsTest, AttributeOptions) {
  Model& Person = db().define(
      "Person",
      {
          {"code", {.type = DataTypes::STRING(8), .primaryKey = true}},
          {"fullName", {.type = DataTypes::STRING, .allowNull = false, .field = "full_name"}},
          {"status", {.type = DataTypes::STRING, .defaultValue = "it's new"}},
          {"email", {.type = DataTypes::STRING, .unique = true}},
          {"visits", {.type = DataTypes::INTEGER, .defaultValue = 0}},
      });
  EXPECT_EQ(Person.tableName(), "People");
  EXPECT_EQ(Person.primaryKeyAttribute(), "code");
  EXPECT_EQ(Person.attribute("id"), nullptr);  // an explicit key: no id added
  db().sync({.force = true});
  const Instance p = Person.create({{"code", "A1"}, {"fullName", "Ann"}, {"email", "a@x"}});
  // Defaults come first in the key order, as in Sequelize's dataValues.
  EXPECT_EQ(p.toJSON().substr(0, 40), R"({"status":"it's new","visits":0,"code":")");
  const auto fetched = Person.findByPk("A1");
  ASSERT_TRUE(fetched);
  EXPECT_EQ(fetched->get<std::string>("fullName"), "Ann");
  EXPECT_EQ(fetched->get<std::string>("status"), "it's new");
  EXPECT_EQ(fetched->get<int>("visits"), 0);
  // The column is full_name in the database.
  const QueryResult raw =
      db().query("SELECT " + quoted(db(), "full_name") + " FROM " + quoted(db(), "People"));
  EXPECT_EQ(raw.rows.at(0).at(0).value.as<std::string>(), "Ann");
  // unique is enforced by the database
  try {
    Person.create({{"code", "B2"}, {"fullName", "Bob"}, {"email", "a@x"}});
    FAIL() << "expected UniqueConstraintError";
  } catch (const UniqueConstraintError& e) {
    EXPECT_EQ(e.name(), "SequelizeUniqueConstraintError");
    ASSERT_EQ(e.fields().size(), 1u);
    EXPECT_EQ(e.fields()[0], "email");
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].message, "email must be unique");
    EXPECT_EQ(e.errors()[0].type, "unique violation");
  }
}

TEST_F(ModelsTest, ModelOptions) {
  Model& Frozen = db().define("Person", {{"n", DataTypes::STRING}}, {.freezeTableName = true});
  EXPECT_EQ(Frozen.tableName(), "Person");
  Model& Named = db().define("Thing", {{"n", DataTypes::STRING}}, {.tableName = "my_things"});
  EXPECT_EQ(Named.tableName(), "my_things");
  Model& Plain = db().define("Wolf", {{"n", DataTypes::STRING}});
  EXPECT_EQ(Plain.tableName(), "Wolves");
  Model& NoTs = db().define("Quiet", {{"n", DataTypes::STRING}}, {.timestamps = false});
  EXPECT_EQ(NoTs.rawAttributes().size(), 2u);
  Model& Renamed =
      db().define("Event", {{"n", DataTypes::STRING}}, {.createdAt = "born", .updatedAt = false});
  EXPECT_NE(Renamed.attribute("born"), nullptr);
  EXPECT_EQ(Renamed.attribute("updatedAt"), nullptr);
  Model& Under = db().define("BlogPost", {{"postTitle", DataTypes::STRING}}, {.underscored = true});
  EXPECT_EQ(Under.tableName(), "blog_posts");
  EXPECT_EQ(Under.attribute("postTitle")->field, "post_title");
  EXPECT_EQ(Under.attribute("createdAt")->field, "created_at");
  // The key Sequelize adds comes first, timestamps last.
  EXPECT_EQ(Under.rawAttributes().front().name, "id");
  EXPECT_EQ(Under.rawAttributes().back().name, "updatedAt");
  db().sync({.force = true});
  const Instance e = Renamed.create({{"n", "x"}});
  EXPECT_TRUE(e.get("born").kind() == ValueKind::Date);
  const Instance b = Under.create({{"postTitle", "t"}});
  const auto found = Under.findAll();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].get<std::string>("postTitle"), "t");
  EXPECT_EQ(found[0].get<Date>("createdAt"), asStoredInDate(b.get<Date>("createdAt")));
}

TEST_F(ModelsTest, DefinitionErrors) {
  EXPECT_THROW(db().define("NoType", {{"x", AttributeOptions{.allowNull = false}}}), Error);
  EXPECT_THROW(db().define("BadId", {{"id", DataTypes::INTEGER}}), Error);
  db().define("Once", {{"x", DataTypes::INTEGER}});
  EXPECT_THROW(db().define("Once", {{"x", DataTypes::INTEGER}}), Error);
  try {
    db().define("NoType2", {{"x", AttributeOptions{.allowNull = false}}});
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "Unrecognized datatype for attribute \"NoType2.x\"");
  }
}

}  // namespace
}  // namespace sequelize::test
