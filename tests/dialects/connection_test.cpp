// Connecting: URLs, logging in Sequelize's format, model option defaults, bad input.
#include <filesystem>

#include "test_database.hpp"

namespace sequelize::test {
namespace {

class ConnectionTest : public DatabaseTest {};

TEST_F(ConnectionTest, LogsEveryStatementAsSequelizeFormatsIt) {
  db().authenticate();
  ASSERT_EQ(log().size(), 1u);
  EXPECT_EQ(log()[0], "Executing (default): SELECT 1+1 AS result");
}

TEST_F(ConnectionTest, LoggingOffLogsNothingAndStillRuns) {
  Sequelize quiet(target().url);
  quiet.authenticate();
  const QueryResult r = quiet.query("SELECT 1+1 AS result");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][0].key, "result");
  EXPECT_EQ(r.rows[0][0].value.as<int>(), 2);
}

TEST_F(ConnectionTest, DefineDefaultsApplyToEveryModel) {
  auto configured = connect({.define = {.timestamps = false, .underscored = true}});
  Model& Account = configured->define("AccountHolder", {{"fullName", DataTypes::STRING}});
  EXPECT_EQ(Account.tableName(), "account_holders");
  EXPECT_EQ(Account.attribute("fullName")->field, "full_name");
  EXPECT_EQ(Account.attribute("createdAt"), nullptr);
  // A model's own options win over the defaults.
  Model& Logged = configured->define("Logged", {{"x", DataTypes::INTEGER}}, {.timestamps = true});
  EXPECT_NE(Logged.attribute("createdAt"), nullptr);
  EXPECT_EQ(Logged.attribute("createdAt")->field, "created_at");
}

TEST(ConnectionUrlTest, SqliteFileIsCreatedWhenMissingRelativeAndAbsolute) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("sequelize-url-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto absolute = dir / "absolute.db";
  {
    Sequelize db("sqlite:" + absolute.string());
    db.authenticate();
  }
  EXPECT_TRUE(std::filesystem::exists(absolute));

  const auto previous = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  {
    Sequelize db("sqlite:relative.db");
    Model& Note = db.define("Note", {{"text", DataTypes::STRING}});
    db.sync();
    Note.create({{"text", "kept"}});
  }
  {
    Sequelize again("sqlite:relative.db");
    Model& Note = again.define("Note", {{"text", DataTypes::STRING}});
    const auto notes = Note.findAll();
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0].get<std::string>("text"), "kept");
  }
  std::filesystem::current_path(previous);
  EXPECT_TRUE(std::filesystem::exists(dir / "relative.db"));
  std::filesystem::remove_all(dir);
}

TEST(ConnectionUrlTest, UnopenableFileIsAConnectionError) {
  Sequelize db("sqlite:/nonexistent-directory/for/sure/x.db");
  try {
    db.authenticate();
    FAIL() << "expected ConnectionError";
  } catch (const ConnectionError& e) {
    EXPECT_EQ(e.name(), "SequelizeConnectionError");
    EXPECT_NE(std::string(e.what()).find("SQLITE_CANTOPEN"), std::string::npos) << e.what();
  }
}

TEST(ConnectionUrlTest, MalformedAndUnknownUrlsAreClearErrors) {
  try {
    Sequelize db("not a url");
    FAIL() << "expected Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.name(), "Error");
    EXPECT_NE(std::string(e.what()).find("Invalid database URL"), std::string::npos);
  }
  try {
    Sequelize db("oracle://u:p@h/db");
    FAIL() << "expected Error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "The dialect oracle is not supported. Supported dialects: mariadb, mysql, postgres "
              "and sqlite.");
  }
}

}  // namespace
}  // namespace sequelize::test
