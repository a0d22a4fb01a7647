#include "server_control.hpp"

#include <chrono>
#include <cstdlib>
#include <thread>

#include "test_database.hpp"

namespace sequelize::test {

bool serverCommand(const std::string& what) {
  const std::string name =
      std::string("SEQUELIZE_TEST_") + (isPostgres() ? "POSTGRES_" : "MARIADB_") + what;
  const char* command = std::getenv(name.c_str());
  if (command == nullptr) return false;
  const std::string quiet = std::string(command) + " >/dev/null 2>&1";
  return std::system(quiet.c_str()) == 0;  // NOLINT(cert-env33-c): the test harness's own script
}

StoppedServer::StoppedServer() : stopped_(serverCommand("STOP")) {}

StoppedServer::~StoppedServer() {
  if (stopped_) start();
}

bool StoppedServer::start() {
  if (!stopped_) return true;
  stopped_ = !serverCommand("START");
  return !stopped_;
}

std::string targetUrlWith(const std::string& params) {
  const std::string& url = target().url;
  return url + (url.find('?') == std::string::npos ? "?" : "&") + params;
}

std::int64_t sessionId(Sequelize& db, Transaction& transaction) {
  const char* sql = isPostgres() ? "SELECT pg_backend_pid() AS id" : "SELECT CONNECTION_ID() AS id";
  const QueryResult r = db.query(sql, {.transaction = &transaction, .silent = true});
  return r.rows.at(0).at(0).value.as<std::int64_t>();
}

void killSession(std::int64_t id) {
  Sequelize admin(target().url);
  if (isPostgres()) {
    admin.query("SELECT pg_terminate_backend($1)", {.bind = {id}, .silent = true});
  } else {
    // KILL takes no placeholder; the id is an integer the server gave us.
    admin.query("KILL CONNECTION " + std::to_string(id), {.silent = true});
  }
  const char* listed =
      isPostgres() ? "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE pid = $1"
                   : "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE ID = ?";
  for (int i = 0; i < 100; ++i) {
    const QueryResult r = admin.query(listed, {.bind = {id}, .silent = true});
    if (r.rows.at(0).at(0).value.as<std::int64_t>() == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  admin.close();
}

}  // namespace sequelize::test
