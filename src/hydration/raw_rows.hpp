#pragma once
// Rows as plain objects (Sequelize's raw: true), following a SelectPlan: keys are attribute
// names or aliases, "story.title" for an include's columns, or with `nest` one object per
// include. Values are read with the attribute's type, so they keep it.
#include <vector>

#include "dialects/dialect.hpp"
#include "query/select_plan.hpp"

namespace sequelize::detail {

class RawRowCollector final : public RowConsumer {
 public:
  RawRowCollector(const SelectPlan& plan, bool nest) : plan_(plan), nest_(nest) {}
  void expectRows(std::size_t count) override { results_.reserve(count); }
  void onRow(RowReader& row) override;
  [[nodiscard]] std::vector<Values>& results() noexcept { return results_; }

 private:
  Values nested(int node);

  const SelectPlan& plan_;
  bool nest_;
  std::vector<Values> results_;
  std::vector<Values> nodeValues_;  // per node, while nesting one row
};

}  // namespace sequelize::detail
