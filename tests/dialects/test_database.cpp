#include "test_database.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <mutex>

#include "dialects/dialect.hpp"
#include "support/json_writer.hpp"

namespace sequelize::test {
namespace {

std::string sqliteFilePath() {
  static const std::string path = [] {
    const auto dir =
        std::filesystem::temp_directory_path() / ("sequelize-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return (dir / "suite.sqlite").string();
  }();
  return path;
}

}  // namespace

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? std::string(v) : std::string();
}

const Target& target() {
  static const Target t = [] {
    Target out;
    out.dialect = env("SEQUELIZE_TEST_DIALECT");
    if (out.dialect.empty()) out.dialect = "sqlite";
    if (out.dialect == "sqlite") out.url = "sqlite::memory:";
    // Threads writing through several connections queue on SQLite's file lock for longer than
    // the 5 s default wait.
    else if (out.dialect == "sqlite_file")
      out.url = "sqlite:" + sqliteFilePath() + "?busy_timeout=60000";
    else if (out.dialect == "postgres")
      out.url = env("SEQUELIZE_TEST_POSTGRES_URL");
    else if (out.dialect == "mariadb")
      out.url = env("SEQUELIZE_TEST_MARIADB_URL");
    return out;
  }();
  return t;
}

bool isSqlite() {
  return target().dialect.starts_with("sqlite");
}
bool isPostgres() {
  return target().dialect == "postgres";
}
bool isMariadb() {
  return target().dialect == "mariadb";
}

void resetDatabase() {
  const Target& t = target();
  if (t.dialect == "sqlite") return;  // every Sequelize object has its own memory database
  if (t.dialect == "sqlite_file") {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::filesystem::remove(sqliteFilePath() + suffix, ec);
    }
    return;
  }
  Sequelize admin(t.url);
  if (t.dialect == "postgres") {
    admin.query("DROP SCHEMA IF EXISTS public CASCADE", {.silent = true});
    admin.query("CREATE SCHEMA public", {.silent = true});
  } else if (t.dialect == "mariadb") {
    admin.query("SET FOREIGN_KEY_CHECKS = 0", {.silent = true});
    const QueryResult tables = admin.query(
        "SELECT TABLE_NAME AS name FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = DATABASE()",
        {.silent = true});
    for (const Values& row : tables.rows) {
      admin.query("DROP TABLE IF EXISTS " + quoted(admin, row.front().value.as<std::string>()),
                  {.silent = true});
    }
    admin.query("SET FOREIGN_KEY_CHECKS = 1", {.silent = true});
  }
  admin.close();
}

void DatabaseTest::SetUp() {
  if (target().url.empty()) GTEST_SKIP() << "no " << target().dialect << " server";
  resetDatabase();
  db_ = connect();
}

void DatabaseTest::TearDown() {
  if (db_) db_->close();
  db_.reset();
}

std::unique_ptr<Sequelize> DatabaseTest::connect(SequelizeOptions options, const std::string& url) {
  auto captured = log_;
  options.logging = [captured](const std::string& line) {
    static std::mutex mutex;
    const std::lock_guard lock(mutex);
    captured->push_back(line);
  };
  return std::make_unique<Sequelize>(url.empty() ? target().url : url, std::move(options));
}

std::vector<std::string> DatabaseTest::statements() const {
  std::vector<std::string> out;
  for (const std::string& line : *log_) {
    const std::size_t p = line.find("): ");
    out.push_back(p == std::string::npos ? line : line.substr(p + 3));
  }
  return out;
}

SeedModels defineSeedModels(Sequelize& db, bool associate) {
  Model& Users = db.define(
      "Users",
      {
          {"user_id",
           {.type = DataTypes::INTEGER.UNSIGNED(), .primaryKey = true, .autoIncrement = true}},
          {"username", {.type = DataTypes::STRING(64), .allowNull = false}},
          {"email", {.type = DataTypes::STRING(255), .allowNull = false}},
          {"password", {.type = DataTypes::STRING(255), .allowNull = false}},
      },
      {.tableName = "users",
       .timestamps = true,
       .createdAt = "created_at",
       .updatedAt = "updated_at"});
  Model& Stories = db.define(
      "Stories",
      {
          {"story_id",
           {.type = DataTypes::INTEGER.UNSIGNED(), .primaryKey = true, .autoIncrement = true}},
          {"created_by",
           {.type = DataTypes::INTEGER.UNSIGNED(),
            .allowNull = false,
            .references = {.model = Users, .key = "user_id"}}},
          {"title", {.type = DataTypes::STRING(255), .allowNull = false}},
          {"content", {.type = DataTypes::TEXT, .allowNull = false}},
      },
      {.tableName = "stories",
       .timestamps = true,
       .createdAt = "created_at",
       .updatedAt = "updated_at"});
  if (associate) {
    Users.hasOne(Stories, {.foreignKey = "created_by", .as = "story"});
    Stories.belongsTo(Users, {.foreignKey = "created_by", .as = "author"});
  }
  return SeedModels{Users, Stories};
}

std::string quoted(Sequelize& db, const std::string& name) {
  std::string out;
  db.dialect().quoteIdentifier(out, name);
  return out;
}

std::vector<std::string> tableContents(Sequelize& db, const std::string& table,
                                       const std::string& orderBy) {
  const QueryResult r = db.query(
      "SELECT * FROM " + quoted(db, table) + " ORDER BY " + quoted(db, orderBy), {.silent = true});
  std::vector<std::string> rows;
  for (const Values& row : r.rows) {
    std::string json;
    detail::appendJsonValue(json, Value(row));
    rows.push_back(std::move(json));
  }
  return rows;
}

std::int64_t countRows(Sequelize& db, const std::string& table) {
  const QueryResult r =
      db.query("SELECT COUNT(*) AS n FROM " + quoted(db, table), {.silent = true});
  return r.rows.at(0).at(0).value.as<std::int64_t>();
}

}  // namespace sequelize::test
