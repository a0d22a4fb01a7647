#pragma once
// SQL text a model renders again and again (the same INSERT, the same find by key): rendered
// once per shape and reused, so repeated calls skip statement building.
#include <mutex>
#include <string>
#include <unordered_map>

namespace sequelize::detail {

struct ModelCaches {
  std::mutex mutex;
  std::unordered_map<std::string, std::string> sql;  // shape key -> SQL text
};

}  // namespace sequelize::detail
