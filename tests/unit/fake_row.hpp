#pragma once
// A result row made of ready values, for feeding the hydrator without a database.
#include <string_view>
#include <utility>
#include <vector>

#include "dialects/dialect.hpp"

namespace sequelize::test {

class FakeRow final : public detail::RowReader {
 public:
  explicit FakeRow(std::vector<Value> values) : values_(std::move(values)) {}
  [[nodiscard]] int columnCount() const override { return static_cast<int>(values_.size()); }
  [[nodiscard]] std::string_view columnName(int /*column*/) const override { return {}; }
  Value read(int column, const DataType& /*type*/) override {
    return values_.at(static_cast<std::size_t>(column));
  }
  Value readRaw(int column) override { return values_.at(static_cast<std::size_t>(column)); }

 private:
  std::vector<Value> values_;
};

}  // namespace sequelize::test
