// The SQL each statement kind renders to, pinned without a database.
#include <gtest/gtest.h>

#include "database/sync_order.hpp"
#include "dialects/sqlite/sqlite_dialect.hpp"
#include "query/ddl.hpp"
#include "query/select_plan.hpp"
#include "query/statements.hpp"
#include "unit/seed_models.hpp"

namespace sequelize::test {
namespace {

using namespace sequelize::detail;

class SqlRenderTest : public ::testing::Test {
 protected:
  std::string select(const Model& model, const FindOptions& options,
                     BoundStatement* out = nullptr) {
    BoundStatement local;
    BoundStatement& stmt = out != nullptr ? *out : local;
    StatementBuilder b(seed.db.dialect(), stmt);
    // The bound values point into the plan: it must outlive the statement.
    plans.push_back(std::make_unique<SelectPlan>(planSelect(model, options)));
    renderSelect(b, plans.back()->statement);
    return stmt.sql;
  }
  UnitSeed seed;
  std::vector<std::unique_ptr<SelectPlan>> plans;
};

TEST_F(SqlRenderTest, SelectWithoutInclude) {
  EXPECT_EQ(select(seed.Users, {}),
            "SELECT `user_id`, `username`, `email`, `password`, `created_at`, `updated_at` FROM "
            "`users` AS `Users`;");
}

TEST_F(SqlRenderTest, SelectWithIncludeAsSequelize) {
  EXPECT_EQ(select(seed.Users, {.include = {"story"}}),
            "SELECT `Users`.`user_id`, `Users`.`username`, `Users`.`email`, `Users`.`password`, "
            "`Users`.`created_at`, `Users`.`updated_at`, `story`.`story_id` AS `story.story_id`, "
            "`story`.`created_by` AS `story.created_by`, `story`.`title` AS `story.title`, "
            "`story`.`content` AS `story.content`, `story`.`created_at` AS `story.created_at`, "
            "`story`.`updated_at` AS `story.updated_at` FROM `users` AS `Users` LEFT OUTER JOIN "
            "`stories` AS `story` ON `Users`.`user_id` = `story`.`created_by`;");
  EXPECT_EQ(
      select(seed.Stories,
             {.include = {{.association = "author", .attributes = {.exclude = {"password"}}}}}),
      "SELECT `Stories`.`story_id`, `Stories`.`created_by`, `Stories`.`title`, "
      "`Stories`.`content`, `Stories`.`created_at`, `Stories`.`updated_at`, "
      "`author`.`user_id` AS `author.user_id`, `author`.`username` AS `author.username`, "
      "`author`.`email` AS `author.email`, `author`.`created_at` AS `author.created_at`, "
      "`author`.`updated_at` AS `author.updated_at` FROM `stories` AS `Stories` LEFT OUTER "
      "JOIN `users` AS `author` ON `Stories`.`created_by` = `author`.`user_id`;");
}

TEST_F(SqlRenderTest, WhereOrderLimitBindEveryValue) {
  BoundStatement stmt;
  EXPECT_EQ(select(seed.Users,
                   {.where = {{"username", Op::like("user1%")}, {"user_id", Op::lte(5000)}},
                    .order = {{"user_id", "DESC"}},
                    .limit = 100},
                   &stmt),
            "SELECT `user_id`, `username`, `email`, `password`, `created_at`, `updated_at` FROM "
            "`users` AS `Users` WHERE `Users`.`username` LIKE $1 AND `Users`.`user_id` <= $2 "
            "ORDER BY `Users`.`user_id` DESC LIMIT 100;");
  ASSERT_EQ(stmt.params.size(), 2u);
  EXPECT_EQ(stmt.params[0]->as<std::string>(), "user1%");
  EXPECT_EQ(stmt.params[1]->as<int>(), 5000);
}

// Empty groups fold to constants: "no row" is Sequelize's `0 = 1`, "every row" no WHERE.
TEST_F(SqlRenderTest, EmptyGroupsAreConstants) {
  const std::string from =
      "SELECT `user_id`, `username`, `email`, `password`, `created_at`, `updated_at` FROM "
      "`users` AS `Users`";
  EXPECT_EQ(select(seed.Users, {.where = Op::or_({})}), from + " WHERE 0 = 1;");
  EXPECT_EQ(select(seed.Users, {.where = Op::notWhere(Where())}), from + " WHERE 0 = 1;");
  EXPECT_EQ(select(seed.Users, {.where = Op::and_({{{"username", "a"}}, Op::or_({})})}),
            from + " WHERE 0 = 1;");
  EXPECT_EQ(select(seed.Users, {.where = Op::notWhere(Op::or_({}))}), from + ";");
  EXPECT_EQ(select(seed.Users, {.where = Op::or_({{{"username", "a"}}, Where()})}), from + ";");
  EXPECT_EQ(select(seed.Users, {.where = {{"username", Op::notIn({})}}}), from + ";");
  EXPECT_EQ(select(seed.Users, {.where = Op::or_({{{"username", "a"}}, Op::or_({})})}),
            from + " WHERE (`Users`.`username` = $1);");
  EXPECT_EQ(select(seed.Users, {.where = Op::notWhere({{"username", "a"}, Op::notWhere(Where())})}),
            from + ";");  // NOT (a AND no row)
  EXPECT_EQ(
      select(seed.Users, {.where = Op::notWhere({{"username", "a"}, Op::notWhere(Op::or_({}))})}),
      from + " WHERE NOT (`Users`.`username` = $1);");
  EXPECT_EQ(select(seed.Users, {.where = {{"username", Op::in({})}}}),
            from + " WHERE `Users`.`username` IN (NULL);");
  // In an include's where, as Sequelize writes it: ` AND 0 = 1` in the ON.
  const std::string joined =
      select(seed.Users, {.include = {{.association = "story", .where = Op::or_({})}}});
  EXPECT_NE(joined.find("INNER JOIN `stories` AS `story` ON `Users`.`user_id` = "
                        "`story`.`created_by` AND 0 = 1;"),
            std::string::npos)
      << joined;
}

// The numbered query of a limited hasOne include adds columns of its own; their names never
// take one the user gave.
TEST_F(SqlRenderTest, NumberedQueryNamesAvoidTheUsersAliases) {
  const std::string sql =
      select(seed.Users, {.attributes = {{"user_id", {"username", "__row"}, {"email", "__ROW_1"}}},
                          .include = {{.association = "story", .attributes = {{"title"}}}},
                          .order = {{fn("lower", col("username")), "DESC"}},
                          .limit = 2});
  EXPECT_NE(sql.find("`Users`.`username` AS `__row`, `Users`.`email` AS `__ROW_1`"),
            std::string::npos)
      << sql;
  EXPECT_NE(sql.find(") AS `__row_2` FROM"), std::string::npos) << sql;
  EXPECT_NE(sql.find("WHERE `Users`.`__row_2` = 1 ORDER BY `Users`.`__order_0` DESC"),
            std::string::npos)
      << sql;
  // A name given twice (but for case) is numbered under another name and read back as given.
  const std::string twice = select(
      seed.Users,
      {.attributes = {{"user_id", {"username", "USER_ID"}}}, .include = {"story"}, .limit = 2});
  EXPECT_NE(twice.find("SELECT `Users`.`user_id`, `Users`.`__column` AS `USER_ID`, "),
            std::string::npos)
      << twice;
  EXPECT_NE(twice.find("`Users`.`username` AS `__column`, "), std::string::npos) << twice;
}

TEST_F(SqlRenderTest, HostileNamesAreQuotedOrRejected) {
  Model& Odd =
      seed.db.define("Odd`Name", {{"we`ird", DataTypes::STRING}}, {.freezeTableName = true});
  EXPECT_EQ(select(Odd, {}),
            "SELECT `id`, `we``ird`, `createdAt`, `updatedAt` FROM `Odd``Name` AS `Odd``Name`;");
  EXPECT_THROW(select(seed.Users, {.where = {{"1=1; DROP TABLE users; --", 1}}}), Error);
  EXPECT_THROW(select(seed.Users, {.order = {{"user_id; DROP TABLE x", "ASC"}}}), Error);
  EXPECT_THROW(select(seed.Users, {.attributes = {{"nope"}}}), Error);
}

TEST_F(SqlRenderTest, InsertUpdateDelete) {
  const SqliteDialect& dialect = static_cast<const SqliteDialect&>(seed.db.dialect());
  const Value a = "x";
  const Value b = 5;
  BoundStatement insert;
  StatementBuilder bi(dialect, insert);
  renderInsert(bi, InsertStatement{
                       "users", {{"user_id", nullptr}, {"username", &a}}, {"user_id", "username"}});
  EXPECT_EQ(insert.sql, "INSERT INTO `users` (`user_id`,`username`) VALUES (NULL,$1);");

  BoundStatement update;
  StatementBuilder bu(dialect, update);
  Condition where;
  where.kind = Condition::Kind::Compare;
  where.column = "user_id";
  where.operands.push_back(b);
  renderUpdate(bu, UpdateStatement{"users", {{"username", &a}}, where});
  EXPECT_EQ(update.sql, "UPDATE `users` SET `username`=$1 WHERE `user_id` = $2");

  BoundStatement del;
  StatementBuilder bd(dialect, del);
  renderDelete(bd, DeleteStatement{"users", where});
  EXPECT_EQ(del.sql, "DELETE FROM `users` WHERE `user_id` = $1");
}

TEST_F(SqlRenderTest, CreateTableAsSequelizeForSqlite) {
  auto refTable = [&](const Attribute& a) { return referencedTableName(seed.db, a); };
  EXPECT_EQ(
      createTableSql(seed.db.dialect(), seed.Users, refTable),
      "CREATE TABLE IF NOT EXISTS `users` (`user_id` INTEGER PRIMARY KEY AUTOINCREMENT, "
      "`username` VARCHAR(64) NOT NULL, `email` VARCHAR(255) NOT NULL, `password` "
      "VARCHAR(255) NOT NULL, `created_at` DATETIME NOT NULL, `updated_at` DATETIME NOT NULL);");
  // references: {model: "Users"} names the model; the table is users.
  EXPECT_EQ(createTableSql(seed.db.dialect(), seed.Stories, refTable),
            "CREATE TABLE IF NOT EXISTS `stories` (`story_id` INTEGER PRIMARY KEY AUTOINCREMENT, "
            "`created_by` INTEGER NOT NULL REFERENCES `users` (`user_id`) ON DELETE CASCADE ON "
            "UPDATE CASCADE, `title` VARCHAR(255) NOT NULL, `content` TEXT NOT NULL, "
            "`created_at` DATETIME NOT NULL, `updated_at` DATETIME NOT NULL);");
  Model& Defaults =
      seed.db.define("Defaults",
                     {{"s", {.type = DataTypes::STRING, .defaultValue = "it's"}},
                      {"b", {.type = DataTypes::BOOLEAN, .defaultValue = false}},
                      {"u", {.type = DataTypes::UUID, .defaultValue = DataTypes::UUIDV4}}},
                     {.timestamps = false});
  EXPECT_EQ(createTableSql(seed.db.dialect(), Defaults, refTable),
            "CREATE TABLE IF NOT EXISTS `Defaults` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `s` "
            "VARCHAR(255) DEFAULT 'it''s', `b` TINYINT(1) DEFAULT 0, `u` UUID);");
}

TEST_F(SqlRenderTest, NamedUniqueIndexAsSequelizeWritesItForSqlite) {
  Model& Person = seed.db.define("Person",
                                 {{"a", {.type = DataTypes::STRING, .unique = "ab"}},
                                  {"b", {.type = DataTypes::INTEGER, .unique = "ab"}}},
                                 {.timestamps = false});
  EXPECT_EQ(
      createTableSql(seed.db.dialect(), Person, [](const Attribute&) { return std::string(); }),
      "CREATE TABLE IF NOT EXISTS `People` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `a` "
      "VARCHAR(255), `b` INTEGER, UNIQUE (`a`, `b`));");
}

TEST_F(SqlRenderTest, ForeignKeyOrderPutsDependentsFirst) {
  const auto order = modelsInForeignKeyOrder(seed.db);
  ASSERT_TRUE(order);
  ASSERT_EQ(order->size(), 2u);
  EXPECT_EQ((*order)[0]->name(), "Stories");
  EXPECT_EQ((*order)[1]->name(), "Users");
}

TEST_F(SqlRenderTest, IncludeMistakesUseSequelizesMessages) {
  Model& Lonely = seed.db.define("Lonely", {{"x", DataTypes::INTEGER}});
  auto message = [&](const FindOptions& o) {
    try {
      select(seed.Users, o);
    } catch (const Error& e) {
      return std::string(e.name()) + ": " + e.what();
    }
    return std::string("no error");
  };
  EXPECT_EQ(message({.include = {"nope"}}),
            "Error: Association with alias \"nope\" does not exist on Users");
  EXPECT_EQ(message({.include = {Lonely}}),
            "SequelizeEagerLoadingError: Lonely is not associated to Users!");
  EXPECT_EQ(
      message({.include = {seed.Stories}}),
      "SequelizeEagerLoadingError: Stories is associated to Users using an alias. You must use "
      "the 'as' keyword to specify the alias within your include statement.");
  EXPECT_EQ(message({.include = {{.model = seed.Stories, .as = "tale"}}}),
            "SequelizeEagerLoadingError: Stories is associated to Users using an alias. You've "
            "included an alias (tale), but it does not match the alias(es) defined in your "
            "association (story).");
}

}  // namespace
}  // namespace sequelize::test
