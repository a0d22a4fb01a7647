#pragma once
// Rows to instances, following a SelectPlan: each column goes into its instance's slot, joined
// columns become the included instances nested under their association's alias, and a LEFT JOIN
// miss (no key) becomes null. Every instance of one node shares the node's key order.
#include <vector>

#include "dialects/dialect.hpp"
#include "query/select_plan.hpp"
#include "sequelize/instance.hpp"

namespace sequelize::detail {

class Hydrator final : public RowConsumer {
 public:
  explicit Hydrator(const SelectPlan& plan) : plan_(plan) {}
  void onRow(RowReader& row) override;
  [[nodiscard]] std::vector<Instance>& results() noexcept { return results_; }

 private:
  const SelectPlan& plan_;
  std::vector<Instance> results_;
  std::vector<Instance*> current_;  // per node, the instance being filled for this row
};

}  // namespace sequelize::detail
