#include "hydration/hydrator.hpp"

namespace sequelize::detail {

void Hydrator::onRow(RowReader& row) {
  const std::size_t nodeCount = plan_.nodes.size();
  current_.assign(nodeCount, nullptr);

  const PlanNode& root = plan_.nodes.front();
  results_.push_back(InstanceAccess::make(*root.model, false));
  Instance& rootInstance = results_.back();
  InstanceAccess::shareOrder(rootInstance, root.order);
  current_[0] = &rootInstance;

  // Included instances exist only when their key came back: decide per node first.
  for (std::size_t n = 1; n < nodeCount; ++n) {
    const PlanNode& node = plan_.nodes[n];
    Instance* parent = current_[static_cast<std::size_t>(node.parent)];
    if (parent == nullptr || !node.shown) continue;  // a miss, or joined but not selected
    std::unique_ptr<Instance> child;
    if (!node.keyColumn || !row.read(*node.keyColumn, *plan_.columns[static_cast<std::size_t>(*node.keyColumn)].type).isNullish()) {
      child = std::make_unique<Instance>(InstanceAccess::make(*node.model, false));
      InstanceAccess::shareOrder(*child, node.order);
    }
    Instance* raw = child.get();
    // Slots are in the same order as the parent's Include keys, so the shared order stays valid.
    InstanceAccess::extras(*parent).included.push_back(IncludedSlot{node.association, std::move(child)});
    current_[n] = raw;
  }

  for (std::size_t c = 0; c < plan_.columns.size(); ++c) {
    const ColumnTarget& t = plan_.columns[c];
    Instance* target = current_[static_cast<std::size_t>(t.node)];
    if (target == nullptr || !t.shown) continue;
    if (t.extra < 0) {
      InstanceAccess::slots(*target)[t.slot] = row.read(static_cast<int>(c), *t.type);
      continue;
    }
    // An alias or an expression: kept under its key, in column order (the node's extraKeys).
    Value v = t.type != nullptr ? row.read(static_cast<int>(c), *t.type) : row.readRaw(static_cast<int>(c));
    const PlanNode& node = plan_.nodes[static_cast<std::size_t>(t.node)];
    InstanceAccess::extras(*target).extra.push_back(
        Field{node.extraKeys[static_cast<std::size_t>(t.extra)], std::move(v)});
  }
}

}  // namespace sequelize::detail
