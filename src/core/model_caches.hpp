#pragma once
// SQL text a model renders again and again (the same INSERT, the same find by key, the same
// UPDATE of the same attributes): rendered once per shape and reused, so repeated calls skip
// statement building. The shape key must determine the text completely.
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "sequelize/model.hpp"

namespace sequelize::detail {

struct ModelCaches {
  std::mutex mutex;
  std::unordered_map<std::string, std::string> sql;  // shape key -> SQL text

  static ModelCaches& of(const Model& model) { return *model.caches_; }

  // The text cached under `key`, rendered by `render()` the first time.
  template <class Render>
  std::string text(const std::string& key, Render&& render) {
    {
      std::lock_guard lock(mutex);
      if (auto it = sql.find(key); it != sql.end()) return it->second;
    }
    std::string rendered = std::forward<Render>(render)();
    std::lock_guard lock(mutex);
    return sql.emplace(key, std::move(rendered)).first->second;
  }
};

}  // namespace sequelize::detail
