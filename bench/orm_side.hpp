#pragma once
#include <memory>
#include <string>
#include <vector>

#include "workload.hpp"

namespace bench {

// The sequelize-cpp side on `url`. Creates the tables once; their CREATE TABLE statements are
// returned in *createTables (for a raw SQLite side that needs the same schema).
std::unique_ptr<Side> makeOrmSide(const std::string& url, std::vector<std::string>* createTables);

}  // namespace bench
