// The MariaDB dialect without a server: its SQL text (pinned to what Sequelize 6 sends), its URL
// parameters and the class each server error number becomes.
#include <gtest/gtest.h>

#include <errmsg.h>
#include <mysqld_error.h>

#include "connection/url.hpp"
#include "database/sync_order.hpp"
#include "dialects/mariadb/mariadb_dialect.hpp"
#include "dialects/mariadb/mariadb_errors.hpp"
#include "dialects/mariadb/mariadb_settings.hpp"
#include "query/ddl.hpp"
#include "query/select_plan.hpp"
#include "query/statements.hpp"
#include "unit/seed_models.hpp"

namespace sequelize::test {
namespace {

using namespace sequelize::detail;

MariaDbDialect dialectFor(std::string_view url) {
  return MariaDbDialect(parseUrl(url));
}

class MariaDbSqlTest : public ::testing::Test {
 protected:
  std::string createTable(const Model& model) const {
    return createTableSql(dialect, model,
                          [&](const Attribute& a) { return referencedTableName(seed.db, a); });
  }
  UnitSeed seed;
  MariaDbDialect dialect = dialectFor("mariadb://u:p@localhost/seed");
};

TEST_F(MariaDbSqlTest, CreateTableAsSequelizeForMariadb) {
  EXPECT_EQ(createTable(seed.Users),
            "CREATE TABLE IF NOT EXISTS `users` (`user_id` INTEGER UNSIGNED auto_increment , "
            "`username` VARCHAR(64) NOT NULL, `email` VARCHAR(255) NOT NULL, `password` "
            "VARCHAR(255) NOT NULL, `created_at` DATETIME NOT NULL, `updated_at` DATETIME NOT "
            "NULL, PRIMARY KEY (`user_id`)) ENGINE=InnoDB;");
  EXPECT_EQ(createTable(seed.Stories),
            "CREATE TABLE IF NOT EXISTS `stories` (`story_id` INTEGER UNSIGNED auto_increment , "
            "`created_by` INTEGER UNSIGNED NOT NULL, `title` VARCHAR(255) NOT NULL, `content` "
            "TEXT NOT NULL, `created_at` DATETIME NOT NULL, `updated_at` DATETIME NOT NULL, "
            "PRIMARY KEY (`story_id`), FOREIGN KEY (`created_by`) REFERENCES `users` (`user_id`) "
            "ON DELETE CASCADE ON UPDATE CASCADE) ENGINE=InnoDB;");
}

TEST_F(MariaDbSqlTest, TypesAsSequelizeWritesThem) {
  using namespace DataTypes;
  const std::vector<std::pair<DataType, std::string>> cases = {
      {STRING, "VARCHAR(255)"},
      {STRING(64).BINARY(), "VARCHAR(64) BINARY"},
      {CHAR(2), "CHAR(2)"},
      {TEXT, "TEXT"},
      {TEXT("tiny"), "TINYTEXT"},
      {TEXT("long"), "LONGTEXT"},
      {TINYINT, "TINYINT"},
      {SMALLINT.UNSIGNED(), "SMALLINT UNSIGNED"},
      {MEDIUMINT, "MEDIUMINT"},
      {INTEGER(11).UNSIGNED().ZEROFILL(), "INTEGER(11) UNSIGNED ZEROFILL"},
      {BIGINT, "BIGINT"},
      {FLOAT(11, 4), "FLOAT(11,4)"},
      {REAL, "REAL"},
      {DOUBLE, "DOUBLE PRECISION"},
      {DOUBLE(11, 4), "DOUBLE PRECISION(11,4)"},
      {DECIMAL, "DECIMAL"},
      {DECIMAL(10, 2).UNSIGNED(), "DECIMAL(10,2) UNSIGNED"},
      {DECIMAL(10, 0), "DECIMAL(10)"},
      {BOOLEAN, "TINYINT(1)"},
      {DATE, "DATETIME"},
      {DATE(3), "DATETIME(3)"},
      {DATEONLY, "DATE"},
      {TIME, "TIME"},
      {UUID, "CHAR(36) BINARY"},
      {JSON, "JSON"},
      {BLOB, "BLOB"},
      {BLOB("medium"), "MEDIUMBLOB"},
  };
  for (const auto& [type, sql] : cases) EXPECT_EQ(dialect.typeSql(type), sql) << sql;
  EXPECT_THROW((void)dialect.typeSql(JSONB), Error);
}

TEST_F(MariaDbSqlTest, DefaultsAreEscapedForMariadbsStringSyntax) {
  Model& Defaults = seed.db.define(
      "Defaults",
      {{"s", {.type = DataTypes::STRING, .defaultValue = "it's a \\ \"x\"\n"}},
       {"b", {.type = DataTypes::BOOLEAN, .defaultValue = true}},
       {"d", {.type = DataTypes::DATE, .defaultValue = Date::fromCivil(2020, 1, 2, 3, 4, 5, 678)}},
       {"t", {.type = DataTypes::TEXT, .defaultValue = "no default on TEXT"}},
       {"bin", {.type = DataTypes::STRING.BINARY(), .defaultValue = "nor on BINARY"}},
       {"u", {.type = DataTypes::UUID, .defaultValue = DataTypes::UUIDV4}},
       {"c", {.type = DataTypes::INTEGER, .comment = "what's this"}}},
      {.timestamps = false});
  EXPECT_EQ(createTable(Defaults),
            "CREATE TABLE IF NOT EXISTS `Defaults` (`id` INTEGER NOT NULL auto_increment , `s` "
            "VARCHAR(255) DEFAULT 'it\\'s a \\\\ \\\"x\\\"\\n', `b` TINYINT(1) DEFAULT true, `d` "
            "DATETIME DEFAULT '2020-01-02 03:04:05.678', `t` TEXT, `bin` VARCHAR(255) BINARY, `u` "
            "CHAR(36) BINARY, `c` INTEGER COMMENT 'what\\'s this', PRIMARY KEY (`id`)) "
            "ENGINE=InnoDB;");
}

TEST_F(MariaDbSqlTest, NameLiteralsEscapeBackslashesAndQuotes) {
  std::string out;
  dialect.quoteNameLiteral(out, std::string("a'b\\c\"d\0e", 9));
  EXPECT_EQ(out, "'a\\'b\\\\c\\\"d\\0e'");
  // A trailing backslash must not swallow the closing quote.
  EXPECT_EQ(dialect.tableExistsSql("x\\", "db"),
            "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE' AND "
            "TABLE_NAME = 'x\\\\' AND TABLE_SCHEMA = 'db'");
}

TEST_F(MariaDbSqlTest, IntrospectionAndTransactionStatements) {
  EXPECT_EQ(dialect.showIndexesSql("users"), "SHOW INDEX FROM `users`");
  EXPECT_EQ(dialect.removeConstraintSql("stories", "stories_ibfk_1"),
            "ALTER TABLE `stories` DROP FOREIGN KEY `stories_ibfk_1`;");
  EXPECT_EQ(dialect.foreignKeyReferencesSql("users", "seed"),
            "SELECT CONSTRAINT_NAME as constraint_name,CONSTRAINT_NAME as constraintName,"
            "CONSTRAINT_SCHEMA as constraintSchema,CONSTRAINT_SCHEMA as constraintCatalog,"
            "TABLE_NAME as tableName,TABLE_SCHEMA as tableSchema,TABLE_SCHEMA as tableCatalog,"
            "COLUMN_NAME as columnName,REFERENCED_TABLE_SCHEMA as referencedTableSchema,"
            "REFERENCED_TABLE_SCHEMA as referencedTableCatalog,REFERENCED_TABLE_NAME as "
            "referencedTableName,REFERENCED_COLUMN_NAME as referencedColumnName FROM "
            "INFORMATION_SCHEMA.KEY_COLUMN_USAGE where TABLE_NAME = 'users' AND "
            "CONSTRAINT_NAME!='PRIMARY' AND CONSTRAINT_SCHEMA='seed' AND REFERENCED_TABLE_NAME "
            "IS NOT NULL;");
  EXPECT_TRUE(dialect.isolationBeforeBegin());
  EXPECT_EQ(dialect.isolationLevelSql(IsolationLevel::READ_COMMITTED),
            "SET TRANSACTION ISOLATION LEVEL READ COMMITTED;");
  EXPECT_EQ(dialect.beginTransactionSql(TransactionType::DEFERRED), "START TRANSACTION;");
  EXPECT_EQ(dialect.savepointSql("t-sp-1"), "SAVEPOINT `t-sp-1`;");
}

TEST_F(MariaDbSqlTest, WhereLikeAndLimitUseQuestionMarks) {
  Sequelize db("mysql://u:p@localhost/db");  // never connects: nothing here runs
  EXPECT_EQ(db.getDialect(), "mariadb");
  Model& Users = db.define("User", {{"name", DataTypes::STRING}});
  const SelectPlan plan = planSelect(
      Users, {.where = {{"name", Op::startsWith("50%_off\\")}}, .limit = 10, .offset = 20});
  BoundStatement stmt;
  StatementBuilder b(db.dialect(), stmt);
  renderSelect(b, plan.statement);
  EXPECT_EQ(stmt.sql,
            "SELECT `id`, `name`, `createdAt`, `updatedAt` FROM `Users` AS `User` WHERE "
            "`User`.`name` LIKE ? ESCAPE '\\\\' LIMIT 20, 10;");
  ASSERT_EQ(stmt.params.size(), 1u);
  EXPECT_EQ(stmt.params[0]->as<std::string>(), "50\\%\\_off\\\\%");
}

TEST(MariaDbSettingsTest, UrlFormsAndDefaults) {
  const MariaDbSettings s =
      readMariaDbSettings(parseUrl("mysql://ann:p%40ss@db.example:3307/shop"));
  EXPECT_EQ(s.host, "db.example");
  EXPECT_EQ(s.port, 3307u);
  EXPECT_EQ(s.user, "ann");
  EXPECT_EQ(s.password, "p@ss");
  EXPECT_EQ(s.database, "shop");
  EXPECT_EQ(s.charset, "utf8mb4");
  EXPECT_FALSE(s.connectTimeoutSeconds);
  EXPECT_EQ(s.sslMode, MariaDbSslMode::Disabled);
  EXPECT_EQ(readMariaDbSettings(parseUrl("mariadb://u@h/d")).port, 3306u);
}

TEST(MariaDbSettingsTest, Parameters) {
  const MariaDbSettings s = readMariaDbSettings(
      parseUrl("mariadb://u:p@h/d?connectTimeout=1500&charset=latin1&socketPath=/run/my.sock"
               "&ssl-mode=verify_identity&ssl-ca=/ca.pem&ssl-cert=/c.pem&ssl-key=/k.pem"));
  EXPECT_EQ(s.connectTimeoutSeconds, 2u);  // milliseconds, rounded up to the driver's seconds
  EXPECT_EQ(s.charset, "latin1");
  EXPECT_EQ(s.socketPath, "/run/my.sock");
  EXPECT_EQ(s.sslMode, MariaDbSslMode::VerifyIdentity);
  EXPECT_EQ(s.sslCa, "/ca.pem");
  EXPECT_EQ(s.sslCert, "/c.pem");
  EXPECT_EQ(s.sslKey, "/k.pem");
  // A CA without a mode means checking against it; a client certificate alone only asks for TLS.
  EXPECT_EQ(readMariaDbSettings(parseUrl("mariadb://h/d?ssl-ca=/ca.pem")).sslMode,
            MariaDbSslMode::VerifyCa);
  EXPECT_EQ(readMariaDbSettings(parseUrl("mariadb://h/d?ssl-cert=/c.pem&ssl-key=/k.pem")).sslMode,
            MariaDbSslMode::Required);
  EXPECT_EQ(readMariaDbSettings(parseUrl("mariadb://h/d?ssl-mode=REQUIRED")).sslMode,
            MariaDbSslMode::Required);
}

TEST(MariaDbSettingsTest, BadParametersAreErrorsBeforeConnecting) {
  auto message = [](std::string_view url) {
    try {
      Sequelize db(url);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message("mariadb://u:p@h/d?connect_timeout=5"),
            "Invalid database URL: unknown parameter \"connect_timeout\" for mariadb (accepted: "
            "connectTimeout, charset, socketPath, ssl-mode, ssl-ca, ssl-capath, ssl-cert, ssl-key, "
            "ssl-cipher, ssl-crl, ssl-crlpath)");
  EXPECT_EQ(message("mariadb://u:p@h/d?ssl-mode=maybe"),
            "Invalid database URL: ssl-mode must be DISABLED, REQUIRED, VERIFY_CA or "
            "VERIFY_IDENTITY, not \"maybe\"");
  EXPECT_EQ(message("mariadb://u:p@h/d?connectTimeout=soon"),
            "Invalid database URL: connectTimeout must be a number of milliseconds from 1 to "
            "86400000, not \"soon\"");
  EXPECT_EQ(message("mariadb://u:p@h/d?charset=utf8';--"),
            "Invalid database URL: charset must be a character set name such as utf8mb4, not "
            "\"utf8';--\"");
  EXPECT_EQ(message("mariadb://u:p@h/d?ssl-mode=DISABLED&ssl-ca=/ca.pem"),
            "Invalid database URL: ssl-mode=DISABLED contradicts the ssl-* files given");
  EXPECT_TRUE(
      message("mariadb://u:p@h/d?ssl-verify=1")
          .starts_with("Invalid database URL: unknown parameter \"ssl-verify\" for mariadb"));
}

// Each error number becomes one class, whatever its message says.
MariaDbFailure failure(unsigned int number, std::string message = "m") {
  return MariaDbFailure{number, "HY000", std::move(message)};
}

template <class E>
E statementError(const MariaDbFailure& f) {
  const Value v = 1;
  const Value* params[] = {&v};
  try {
    throwMariaDbStatementError(f, "INSERT …", params);
  } catch (const E& e) {
    return e;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "error " << f.number << " became " << e.what();
  }
  throw std::logic_error("unreachable");
}

TEST(MariaDbErrorsTest, DuplicateEntryIsAUniqueConstraintErrorWithItsField) {
  const auto e = statementError<UniqueConstraintError>(
      failure(ER_DUP_ENTRY, "Duplicate entry 'it's for key 'x'' for key 'email'"));
  EXPECT_EQ(e.name(), "SequelizeUniqueConstraintError");
  EXPECT_EQ(std::string(e.what()), "Validation error");
  ASSERT_EQ(e.fields(), std::vector<std::string>{"email"});
  ASSERT_EQ(e.errors().size(), 1u);
  EXPECT_EQ(e.errors()[0].message, "email must be unique");
  EXPECT_EQ(e.errors()[0].type, "unique violation");
  EXPECT_EQ(e.errors()[0].path, "email");
  EXPECT_EQ(e.errors()[0].value.as<std::string>(), "it's for key 'x'");
  EXPECT_EQ(e.errors()[0].validatorKey, "not_unique");
  EXPECT_EQ(e.code(), "1062");
  EXPECT_EQ(e.sql(), "INSERT …");
}

TEST(MariaDbErrorsTest, ForeignKeyErrorsSayWhichSide) {
  const std::string detail =
      " (`db`.`Cs`, CONSTRAINT `Cs_ibfk_1` FOREIGN KEY (`PId`, `QId`) REFERENCES `Ps` (`id`, "
      "`q`) ON DELETE SET NULL)";
  const auto child = statementError<ForeignKeyConstraintError>(
      failure(ER_NO_REFERENCED_ROW_2,
              "Cannot add or update a child row: a foreign key constraint fails" + detail));
  EXPECT_EQ(child.reltype(), "child");
  EXPECT_EQ(child.table(), "Ps");
  EXPECT_EQ(child.fields(), (std::vector<std::string>{"PId", "QId"}));
  EXPECT_EQ(child.details().errnoValue, 1452);
  const auto parent = statementError<ForeignKeyConstraintError>(
      failure(ER_ROW_IS_REFERENCED_2,
              "Cannot delete or update a parent row: a foreign key constraint fails" + detail));
  EXPECT_EQ(parent.reltype(), "parent");
  EXPECT_EQ(parent.name(), "SequelizeForeignKeyConstraintError");
}

TEST(MariaDbErrorsTest, NotNullDeadlockAndLockTimeout) {
  const auto notNull = statementError<DatabaseError>(failure(ER_BAD_NULL_ERROR));
  EXPECT_EQ(notNull.name(), "SequelizeDatabaseError");
  EXPECT_FALSE(notNull.isRetryable());
  EXPECT_TRUE(statementError<DatabaseError>(failure(ER_LOCK_DEADLOCK)).isRetryable());
  EXPECT_TRUE(statementError<DatabaseError>(failure(ER_LOCK_WAIT_TIMEOUT)).isRetryable());
  EXPECT_FALSE(statementError<DatabaseError>(failure(1146)).isRetryable());  // no such table
  EXPECT_EQ(statementError<TimeoutError>(failure(ER_STATEMENT_TIMEOUT)).name(),
            "SequelizeTimeoutError");
}

TEST(MariaDbErrorsTest, LostConnectionsAreConnectionErrors) {
  for (const int n : {CR_CONNECTION_ERROR, CR_CONN_HOST_ERROR, CR_SERVER_GONE_ERROR, CR_SERVER_LOST,
                      ER_CONNECTION_KILLED}) {
    EXPECT_TRUE(isConnectionLoss(static_cast<unsigned int>(n))) << n;
    EXPECT_EQ(statementError<ConnectionError>(failure(static_cast<unsigned int>(n), "gone")).name(),
              "SequelizeConnectionError");
  }
  EXPECT_FALSE(isConnectionLoss(ER_DUP_ENTRY));
}

TEST(MariaDbErrorsTest, ConnectFailures) {
  auto name = [](unsigned int number) {
    try {
      throwMariaDbConnectError(failure(number, "text"));
    } catch (const Error& e) {
      return std::string(e.name());
    }
    return std::string("none");
  };
  EXPECT_EQ(name(ER_ACCESS_DENIED_ERROR), "SequelizeAccessDeniedError");
  EXPECT_EQ(name(ER_BAD_DB_ERROR), "SequelizeConnectionError");
  EXPECT_EQ(name(CR_CONN_HOST_ERROR), "SequelizeConnectionError");
  EXPECT_EQ(name(CR_UNKNOWN_HOST), "SequelizeHostNotFoundError");
}

}  // namespace
}  // namespace sequelize::test
