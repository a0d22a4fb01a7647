#pragma once
// SQL text a model renders again and again (the same INSERT, the same find by key, the same
// UPDATE of the same attributes): rendered once per shape and reused, so repeated calls skip
// statement building. The shape key must determine the text completely.
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "sequelize/model.hpp"

namespace sequelize::detail {

struct SelectPlan;

struct ModelCaches {
  std::mutex mutex;
  std::unordered_map<std::string, std::string> sql;  // shape key -> SQL text
  // The plan of a find with every attribute and no include, and its SQL up to WHERE: what
  // findByPk, findOne and most findAlls share, planned once.
  std::shared_ptr<const SelectPlan> plainSelect;
  std::string plainSelectSql;
  // The complete text of findByPk with default options: only its key is bound per call.
  std::shared_ptr<const std::string> findByPkSql;

  // Forgets everything (the model's attributes changed).
  void clear() {
    std::lock_guard lock(mutex);
    sql.clear();
    plainSelect.reset();
    plainSelectSql.clear();
    findByPkSql.reset();
  }

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
