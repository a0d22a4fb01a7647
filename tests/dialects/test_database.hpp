#pragma once
// The database the dialect suite runs against, chosen by SEQUELIZE_TEST_DIALECT:
//   sqlite       sqlite::memory:
//   sqlite_file  a fresh file in a temporary folder
//   postgres     $SEQUELIZE_TEST_POSTGRES_URL
//   mariadb      $SEQUELIZE_TEST_MARIADB_URL
// Every test gets a new Sequelize object on an empty database, with its log captured.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "sequelize/sequelize.hpp"

namespace sequelize::test {

struct Target {
  std::string dialect;  // as above
  std::string url;      // empty: not available here
};

const Target& target();
// An environment variable's value; empty when it is not set.
std::string env(const char* name);
bool isSqlite();
bool isPostgres();
bool isMariadb();

// Drops every table of the target database (servers), or removes the file (SQLite).
void resetDatabase();

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // A Sequelize object on the test database whose log goes into log(). Extra options (pool…)
  // may be given; logging is always captured. `url` replaces the target's URL (extra parameters).
  std::unique_ptr<Sequelize> connect(SequelizeOptions options = {}, const std::string& url = {});
  Sequelize& db() { return *db_; }
  std::vector<std::string>& log() { return *log_; }
  // Statements logged since the last clearLog(), without the "Executing (…): " prefix.
  std::vector<std::string> statements() const;
  void clearLog() { log_->clear(); }

  std::unique_ptr<Sequelize> db_;
  std::shared_ptr<std::vector<std::string>> log_ = std::make_shared<std::vector<std::string>>();
};

// The seed tutorial's two models, as the tutorial defines them.
struct SeedModels {
  Model& Users;
  Model& Stories;
};
SeedModels defineSeedModels(Sequelize& db, bool associate = true);

// Every row of a table, each row as its JSON text, ordered by the given column: the table's
// full content, for comparing before and after.
std::vector<std::string> tableContents(Sequelize& db, const std::string& table,
                                       const std::string& orderBy);
// Number of rows in a table.
std::int64_t countRows(Sequelize& db, const std::string& table);
// A quoted identifier for raw SQL in tests.
std::string quoted(Sequelize& db, const std::string& name);

}  // namespace sequelize::test
