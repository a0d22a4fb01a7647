#include "model/unique_keys.hpp"

#include "sequelize/errors.hpp"

namespace sequelize::detail {

std::vector<std::vector<std::size_t>> uniqueKeys(const Model& model) {
  std::vector<std::vector<std::size_t>> keys;
  std::vector<std::string> names;  // the index name of each key ("" for a single attribute)
  const auto& attrs = model.rawAttributes();
  for (std::size_t i = 0; i < attrs.size(); ++i) {
    const Unique& u = attrs[i].unique;
    if (!u.enabled()) continue;
    if (!u.indexName().empty()) {
      bool joined = false;
      for (std::size_t k = 0; k < keys.size(); ++k) {
        if (names[k] == u.indexName()) {
          keys[k].push_back(i);
          joined = true;
        }
      }
      if (joined) continue;
    }
    keys.push_back({i});
    names.push_back(u.indexName());
  }
  return keys;
}

std::vector<std::size_t> slotsOf(const Model& model, const std::vector<std::string>& names,
                                 const std::string& context) {
  std::vector<std::size_t> slots;
  for (const std::string& name : names) {
    const auto slot = model.attributeIndex(name);
    if (!slot) {
      std::string message = "Unknown attribute \"" + name + "\" in ";
      message += context;
      message += " of model ";
      message += model.name();
      throw Error(message);
    }
    slots.push_back(*slot);
  }
  return slots;
}

}  // namespace sequelize::detail
