// The SQL the PostgreSQL dialect writes, pinned without a server. Expected texts are what
// Sequelize 6.37 sends to PostgreSQL for the same definitions.
#include <gtest/gtest.h>

#include "database/sync_order.hpp"
#include "dialects/postgres/postgres_dialect.hpp"
#include "query/ddl.hpp"
#include "query/select_plan.hpp"
#include "query/statements.hpp"
#include "unit/seed_models.hpp"

namespace sequelize::test {
namespace {

using namespace sequelize::detail;

class PostgresSqlTest : public ::testing::Test {
 protected:
  const Dialect& dialect() { return seed.db.dialect(); }
  std::string createTable(const Model& model) {
    return createTableSql(dialect(), model,
                          [&](const Attribute& a) { return referencedTableName(seed.db, a); });
  }
  std::string select(const Model& model, const FindOptions& options) {
    BoundStatement stmt;
    StatementBuilder b(dialect(), stmt);
    const SelectPlan plan = planSelect(model, options);
    renderSelect(b, plan.statement);
    return stmt.sql;
  }
  UnitSeed seed{"postgres://user:secret@localhost:5432/seed"};
};

TEST_F(PostgresSqlTest, SeedTablesAsSequelizeCreatesThem) {
  EXPECT_EQ(seed.db.getDialect(), "postgres");
  EXPECT_EQ(createTable(seed.Users),
            R"(CREATE TABLE IF NOT EXISTS "users" ("user_id"  SERIAL , "username" VARCHAR(64) )"
            R"(NOT NULL, "email" VARCHAR(255) NOT NULL, "password" VARCHAR(255) NOT NULL, )"
            R"("created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME )"
            R"(ZONE NOT NULL, PRIMARY KEY ("user_id"));)");
  EXPECT_EQ(createTable(seed.Stories),
            R"(CREATE TABLE IF NOT EXISTS "stories" ("story_id"  SERIAL , "created_by" INTEGER )"
            R"(NOT NULL REFERENCES "users" ("user_id") ON DELETE CASCADE ON UPDATE CASCADE, )"
            R"("title" VARCHAR(255) NOT NULL, "content" TEXT NOT NULL, "created_at" TIMESTAMP )"
            R"(WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY )"
            R"(KEY ("story_id"));)");
}

TEST_F(PostgresSqlTest, KeysSerialsUniquesAndDefaults) {
  // The key Sequelize adds is NOT NULL before SERIAL takes its place: one more space.
  Model& Plain = seed.db.define("Plain", {{"x", DataTypes::INTEGER}}, {.timestamps = false});
  EXPECT_EQ(
      createTable(Plain),
      R"(CREATE TABLE IF NOT EXISTS "Plains" ("id"   SERIAL , "x" INTEGER, PRIMARY KEY ("id"));)");
  Model& Small = seed.db.define(
      "Small", {{"sm", {.type = DataTypes::SMALLINT, .primaryKey = true, .autoIncrement = true}}},
      {.timestamps = false});
  EXPECT_EQ(createTable(Small),
            R"(CREATE TABLE IF NOT EXISTS "Smalls" ("sm"  SMALLSERIAL , PRIMARY KEY ("sm"));)");
  Model& Mixed = seed.db.define(
      "A", {{"n", DataTypes::STRING},
            {"k", {.type = DataTypes::BIGINT, .autoIncrement = true, .unique = true}},
            {"p1", {.type = DataTypes::INTEGER, .primaryKey = true}},
            {"p2", {.type = DataTypes::STRING, .primaryKey = true}},
            {"dd", {.type = DataTypes::DATE, .defaultValue = Date{0}}},
            {"dn", {.type = DataTypes::DATE, .defaultValue = DataTypes::NOW}}});
  EXPECT_EQ(createTable(Mixed),
            R"(CREATE TABLE IF NOT EXISTS "As" ("n" VARCHAR(255), "k"  BIGSERIAL UNIQUE, "p1" )"
            R"(INTEGER , "p2" VARCHAR(255) , "dd" TIMESTAMP WITH TIME ZONE DEFAULT '1970-01-01 )"
            R"(00:00:00.000 +00:00', "dn" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH )"
            R"(TIME ZONE NOT NULL, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY )"
            R"(("p1","p2"));)");
  Model& Person = seed.db.define(
      "Person", {{"code", {.type = DataTypes::STRING(8), .primaryKey = true}},
                 {"email", {.type = DataTypes::STRING, .unique = true}},
                 {"a", {.type = DataTypes::STRING, .unique = "ab"}},
                 {"b", {.type = DataTypes::INTEGER, .unique = "ab"}},
                 {"n", {.type = DataTypes::STRING, .allowNull = false}},
                 {"flag", {.type = DataTypes::BOOLEAN, .defaultValue = true}},
                 {"doc", {.type = DataTypes::JSONB, .defaultValue = Json{R"({"a":"it's"})"}}},
                 {"ratio", {.type = DataTypes::DOUBLE, .defaultValue = 0.5}}});
  EXPECT_EQ(
      createTable(Person),
      R"(CREATE TABLE IF NOT EXISTS "People" ("code" VARCHAR(8) , "email" VARCHAR(255) )"
      R"(UNIQUE, "a" VARCHAR(255), "b" INTEGER, "n" VARCHAR(255) NOT NULL, "flag" BOOLEAN )"
      R"(DEFAULT true, "doc" JSONB DEFAULT '{"a":"it''s"}', "ratio" DOUBLE PRECISION )"
      R"(DEFAULT '0.5', "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP )"
      R"(WITH TIME ZONE NOT NULL, UNIQUE ("a", "b"), PRIMARY KEY ("code"));)");
}

TEST_F(PostgresSqlTest, TypeNames) {
  const Dialect& d = dialect();
  EXPECT_EQ(d.typeSql(DataTypes::INTEGER.UNSIGNED().ZEROFILL()), "INTEGER");
  EXPECT_EQ(d.typeSql(DataTypes::INTEGER(11)), "INTEGER");
  EXPECT_EQ(d.typeSql(DataTypes::BIGINT(20).UNSIGNED()), "BIGINT");
  EXPECT_EQ(d.typeSql(DataTypes::TINYINT), "SMALLINT");
  EXPECT_EQ(d.typeSql(DataTypes::MEDIUMINT), "INTEGER");
  EXPECT_EQ(d.typeSql(DataTypes::FLOAT(11, 4)), "FLOAT");
  EXPECT_EQ(d.typeSql(DataTypes::FLOAT.UNSIGNED()), "FLOAT");
  EXPECT_EQ(d.typeSql(DataTypes::REAL(5)), "REAL");
  EXPECT_EQ(d.typeSql(DataTypes::DOUBLE(11, 4)), "DOUBLE PRECISION");
  EXPECT_EQ(d.typeSql(DataTypes::DECIMAL(10, 0)), "DECIMAL(10)");
  EXPECT_EQ(d.typeSql(DataTypes::TEXT("long")), "TEXT");
  EXPECT_EQ(d.typeSql(DataTypes::CHAR(2).BINARY()), "BYTEA");
  EXPECT_EQ(d.typeSql(DataTypes::BLOB("long")), "BYTEA");
  EXPECT_EQ(d.typeSql(DataTypes::TIME), "TIME");
}

TEST_F(PostgresSqlTest, StatementsAsSequelizeSendsThem) {
  const Value a = "x";
  BoundStatement insert;
  StatementBuilder bi(dialect(), insert);
  renderInsert(bi, InsertStatement{
                       "users", {{"user_id", nullptr}, {"username", &a}}, {"user_id", "username"}});
  EXPECT_EQ(
      insert.sql,
      R"(INSERT INTO "users" ("user_id","username") VALUES (DEFAULT,$1) RETURNING "user_id","username";)");
  EXPECT_EQ(select(seed.Users, {.where = {{"username", "x"}}, .limit = 5, .offset = 10}),
            R"(SELECT "user_id", "username", "email", "password", "created_at", "updated_at" FROM )"
            R"("users" AS "Users" WHERE "Users"."username" = $1 LIMIT 5 OFFSET 10;)");
  EXPECT_EQ(select(seed.Users, {.offset = 10}),
            R"(SELECT "user_id", "username", "email", "password", "created_at", "updated_at" FROM )"
            R"("users" AS "Users" OFFSET 10;)");
  EXPECT_EQ(dialect().dropTableSql("users", true), R"(DROP TABLE IF EXISTS "users" CASCADE;)");
  EXPECT_EQ(dialect().dropTableSql("users", false), R"(DROP TABLE IF EXISTS "users";)");
  EXPECT_EQ(dialect().tableExistsSql("Bs", "seed"),
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND "
            "table_name = 'Bs'");
  EXPECT_EQ(dialect().removeConstraintSql("Cars", "Cars_ownerCode_fkey"),
            R"(ALTER TABLE "Cars" DROP CONSTRAINT "Cars_ownerCode_fkey";)");
  EXPECT_EQ(dialect().beginTransactionSql(TransactionType::DEFERRED), "START TRANSACTION;");
  EXPECT_EQ(dialect().isolationLevelSql(IsolationLevel::SERIALIZABLE),
            "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;");
  EXPECT_FALSE(dialect().isolationBeforeBegin());
  EXPECT_EQ(dialect().savepointSql("t-sp-1"), R"(SAVEPOINT "t-sp-1";)");
}

// Up to 1000 values a list binds each one, as Sequelize's shape has it; longer, one array.
TEST_F(PostgresSqlTest, LongListsAreOneArrayParameter) {
  std::vector<Value> thousand;
  thousand.reserve(1000);
  for (int i = 0; i < 1000; ++i) thousand.emplace_back(i);
  std::vector<Value> longer = thousand;
  longer.emplace_back(1000);
  const std::string prefix =
      R"(SELECT "user_id", "username", "email", "password", "created_at", "updated_at" FROM )"
      R"("users" AS "Users" WHERE )";
  const std::string shortList = select(seed.Users, {.where = {{"user_id", Op::in(thousand)}}});
  EXPECT_EQ(shortList.rfind(prefix + R"("Users"."user_id" IN ($1, $2, )", 0), 0u) << shortList;
  EXPECT_NE(shortList.find("$1000);"), std::string::npos);
  EXPECT_EQ(select(seed.Users, {.where = {{"user_id", Op::in(longer)}}}),
            prefix + R"("Users"."user_id" = ANY($1);)");
  EXPECT_EQ(select(seed.Users, {.where = {{"user_id", Op::notIn(longer)}, {"username", "x"}}}),
            prefix + R"("Users"."user_id" <> ALL($1) AND "Users"."username" = $2;)");
  BoundStatement stmt;
  StatementBuilder b(dialect(), stmt);
  const SelectPlan plan = planSelect(seed.Users, {.where = {{"user_id", Op::in(longer)}}});
  renderSelect(b, plan.statement);
  ASSERT_EQ(stmt.params.size(), 1u);
  EXPECT_EQ(stmt.params[0]->text().substr(0, 12), R"({"0","1","2")");
}

TEST_F(PostgresSqlTest, IntrospectionNamesAreLiteralsWithQuotesEscaped) {
  const std::string fk = dialect().foreignKeyReferencesSql("users", "seed");
  EXPECT_TRUE(
      fk.ends_with("WHERE constraint_type = 'FOREIGN KEY' AND tc.table_name = 'users' AND "
                   "tc.table_catalog = 'seed'"))
      << fk;
  // Without a database name (libpq's default database) the catalog is not filtered, as Sequelize.
  EXPECT_TRUE(dialect().foreignKeyReferencesSql("users", "").ends_with("tc.table_name = 'users'"));
  EXPECT_NE(dialect().showIndexesSql("it's").find("t.relname = 'it''s' GROUP BY"),
            std::string::npos);
  std::string quoted;
  dialect().quoteIdentifier(quoted, R"(we"ird)");
  EXPECT_EQ(quoted, R"("we""ird")");
}

}  // namespace
}  // namespace sequelize::test
