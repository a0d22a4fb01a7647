#pragma once
// The raw baselines, one per database, each written directly against the C API.
#include <memory>
#include <string>
#include <vector>

#include "workload.hpp"

namespace bench {

struct ServerAddress {
  std::string host;
  int port = 0;
  std::string user;
  std::string password;
  std::string database;
};

// `ddl`: the CREATE TABLE statements the ORM side sent, so both sides use the same schema.
std::unique_ptr<Side> makeRawSqlite(const std::string& path, std::vector<std::string> ddl);
std::unique_ptr<Side> makeRawPostgres(const ServerAddress& address);
std::unique_ptr<Side> makeRawMariadb(const ServerAddress& address);

}  // namespace bench
