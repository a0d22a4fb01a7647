// Runs the database suite against the dialect named by SEQUELIZE_TEST_DIALECT. Without a server
// URL the suite is skipped ("SKIPPED:" tells CTest so), except in CI, where that is a failure.
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "test_database.hpp"

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  const auto& t = sequelize::test::target();
  if (t.url.empty()) {
    const char* ci = std::getenv("CI");
    if (ci != nullptr && std::string(ci) != "" && std::string(ci) != "false") {
      std::cerr << "No URL for dialect " << t.dialect
                << " in CI: run the suite through scripts/test.sh, which starts the servers\n";
      return 1;
    }
    std::cout << "SKIPPED: no URL for dialect " << t.dialect
              << " (set it, or run scripts/test.sh)\n";
    return 0;
  }
  std::cout << "Dialect suite on " << t.dialect << "\n";
  const int rc = RUN_ALL_TESTS();
  // The suite leaves the database as empty as it found it: whatever runs on it next (the
  // benchmark's smoke run) must not meet its tables, whose foreign keys (a junction's, to
  // `stories`) would stop that program dropping its own.
  try {
    sequelize::test::resetDatabase();
  } catch (const std::exception& e) {
    std::cerr << "Could not empty the test database: " << e.what() << "\n";
    return 1;
  }
  return rc;
}
