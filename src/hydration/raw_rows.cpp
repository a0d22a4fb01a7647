#include "hydration/raw_rows.hpp"

namespace sequelize::detail {

void RawRowCollector::onRow(RowReader& row) {
  const std::size_t count = plan_.columns.size();
  auto read = [&](std::size_t c) {
    const ColumnTarget& t = plan_.columns[c];
    return t.type != nullptr ? row.read(static_cast<int>(c), *t.type)
                             : row.readRaw(static_cast<int>(c));
  };
  if (!nest_) {
    Values values;
    values.reserve(count);
    for (std::size_t c = 0; c < count; ++c) {
      const ColumnTarget& t = plan_.columns[c];
      if (!t.shown) continue;
      const PlanNode& node = plan_.nodes[static_cast<std::size_t>(t.node)];
      values.push_back(Field{node.keyPrefix + plan_.columnKeys[c], read(c)});
    }
    results_.push_back(std::move(values));
    return;
  }
  // Nested: each include's values become an object under its alias, inside its parent's.
  nodeValues_.assign(plan_.nodes.size(), Values{});
  for (std::size_t c = 0; c < count; ++c) {
    const ColumnTarget& t = plan_.columns[c];
    if (!t.shown) continue;
    nodeValues_[static_cast<std::size_t>(t.node)].push_back(Field{plan_.columnKeys[c], read(c)});
  }
  results_.push_back(nested(0));
}

Values RawRowCollector::nested(int node) {
  Values out = std::move(nodeValues_[static_cast<std::size_t>(node)]);
  for (const int child : plan_.nodes[static_cast<std::size_t>(node)].children) {
    const PlanNode& c = plan_.nodes[static_cast<std::size_t>(child)];
    if (!c.shown) continue;
    out.push_back(Field{c.association->as(), Value(nested(child))});
  }
  return out;
}

}  // namespace sequelize::detail
