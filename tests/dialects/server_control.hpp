#pragma once
// Stopping, starting and killing the test servers (scripts/test-servers.sh exports the commands),
// and killing one session, for the fault-injection tests.
#include <string>

#include "sequelize/sequelize.hpp"

namespace sequelize::test {

// Runs $SEQUELIZE_TEST_<POSTGRES|MARIADB>_<what> (STOP, START, RESTART, KILL) for the target
// server; false when the variable is missing or the command failed.
bool serverCommand(const std::string& what);

// Stops the target server and starts it again when it goes out of scope, whatever happens in
// between, so a failing test cannot leave the server down.
class StoppedServer {
 public:
  StoppedServer();
  ~StoppedServer();
  StoppedServer(const StoppedServer&) = delete;
  StoppedServer& operator=(const StoppedServer&) = delete;
  [[nodiscard]] bool stopped() const noexcept { return stopped_; }
  // Starts the server now; true when it is up.
  bool start();

 private:
  bool stopped_ = false;
};

// The target URL with extra query parameters ("connect_timeout=2").
std::string targetUrlWith(const std::string& params);

// The server's id of the session a statement in `transaction` runs on (pg_backend_pid(),
// CONNECTION_ID()).
std::int64_t sessionId(Sequelize& db, Transaction& transaction);

// Ends that session from another connection (pg_terminate_backend, KILL) and waits until the
// server no longer lists it.
void killSession(std::int64_t id);

}  // namespace sequelize::test
