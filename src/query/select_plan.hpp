#pragma once
// findAll options turned into a SELECT and into the map the hydrator follows to put each result
// column into the right slot of the right instance.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/instance_internals.hpp"
#include "query/include_resolver.hpp"
#include "query/statements.hpp"
#include "sequelize/options.hpp"

namespace sequelize::detail {

// The root model or one included association.
struct PlanNode {
  const Model* model = nullptr;
  const Association* association = nullptr;  // null for the root
  int parent = -1;
  std::string tableAlias;        // Users, story, story->author
  std::optional<int> keyColumn;  // result column of the primary key (null: no row)
  std::vector<int> children;
  std::shared_ptr<const KeyOrder> order;  // keys of this node's instances, in toJSON order
};

struct ColumnTarget {
  int node;
  std::uint32_t slot;
  const DataType* type;
  bool shown;  // false for a primary key read only to tell a matched row from a miss
};

struct SelectPlan {
  std::vector<PlanNode> nodes;
  std::vector<ColumnTarget> columns;
  SelectStatement statement;
  // Result columns of the root's primary key when an include can match several rows (a hasOne
  // whose foreign key is not unique): rows repeating a root are folded into the first one.
  // Empty when every row is a different root.
  std::vector<int> rootKeyColumns;
};

// Resolves everything (attributes, includes, where, order) and throws before any SQL exists.
SelectPlan planSelect(const Model& model, const FindOptions& options);

}  // namespace sequelize::detail
