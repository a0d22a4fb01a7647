#include "query/join_multiplicity.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "model/unique_keys.hpp"
#include "sequelize/model.hpp"

namespace sequelize::detail {

namespace {

bool isUniqueAlone(const Model& model, const Attribute& a) {
  std::size_t primaryKeys = 0;
  for (const Attribute& other : model.rawAttributes()) primaryKeys += other.primaryKey ? 1 : 0;
  if (a.primaryKey) return primaryKeys == 1;
  if (!a.unique.enabled()) return false;
  if (a.unique.indexName().empty()) return true;
  // A named unique index shared with other columns is unique only in combination.
  return std::none_of(model.rawAttributes().begin(), model.rawAttributes().end(),
                      [&](const Attribute& other) {
                        return &other != &a && other.unique.indexName() == a.unique.indexName();
                      });
}

// Whether the attributes at `slots` are all among `names` (and there is at least one).
bool within(const Model& model, const std::vector<std::size_t>& slots, const std::string& first,
            const std::string& second) {
  if (slots.empty()) return false;
  return std::all_of(slots.begin(), slots.end(), [&](std::size_t slot) {
    const std::string& name = model.rawAttributes()[slot].name;
    return name == first || name == second;
  });
}

}  // namespace

bool mayMatchSeveral(const Association& association) {
  if (association.isMultiAssociation()) return true;
  const Model& model = association.target();
  const Attribute* a = model.attribute(association.joinOn().nextAttribute);
  return a == nullptr || !isUniqueAlone(model, *a);
}

bool mayRepeatTargets(const Association& association) {
  const Association::Through* through = association.through();
  if (through == nullptr) return false;
  const Model& junction = through->model;
  std::vector<std::size_t> primaryKey;
  const auto& attrs = junction.rawAttributes();
  for (std::size_t i = 0; i < attrs.size(); ++i) {
    if (attrs[i].primaryKey) primaryKey.push_back(i);
  }
  if (within(junction, primaryKey, through->foreignKey, through->otherKey)) return false;
  const std::vector<std::vector<std::size_t>> unique = uniqueKeys(junction);
  return std::none_of(unique.begin(), unique.end(), [&](const std::vector<std::size_t>& key) {
    return within(junction, key, through->foreignKey, through->otherKey);
  });
}

void markNodesMetAgain(SelectPlan& plan) {
  const std::size_t count = plan.nodes.size();
  std::vector<char> onPath(count, 0);
  for (std::size_t n = 0; n < count; ++n) {
    std::fill(onPath.begin(), onPath.end(), 0);
    bool again = false;
    for (int p = static_cast<int>(n); p >= 0; p = plan.nodes[static_cast<std::size_t>(p)].parent) {
      onPath[static_cast<std::size_t>(p)] = 1;
      again = again || plan.nodes[static_cast<std::size_t>(p)].repeatsTargets;
    }
    for (std::size_t m = 0; m < count && !again; ++m) {
      again = plan.nodes[m].multiplies && onPath[m] == 0;
    }
    plan.nodes[n].metAgain = again;
  }
}

}  // namespace sequelize::detail
