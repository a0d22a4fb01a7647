#pragma once
// Statements of the bulk writers: a multi-row INSERT (with the dialect's way of skipping or
// updating rows that collide with a unique key, and RETURNING where there is one) and an UPDATE
// that adds to columns (increment / decrement). Values are placeholders; the caller binds them
// in the order the statement lists them.
#include <cstddef>
#include <string_view>
#include <vector>

#include "query/condition.hpp"
#include "query/statement_builder.hpp"

namespace sequelize::detail {

enum class OnConflict : std::uint8_t { None, Ignore, Update };

struct BulkInsertStatement {
  std::string_view table;
  std::vector<std::string_view> columns;
  // Per row, per column: true when the value is the auto-increment key left to the database.
  std::vector<std::vector<bool>> generated;
  OnConflict onConflict = OnConflict::None;
  std::vector<std::string_view> conflictColumns;  // ON CONFLICT (…) target, for Update
  std::vector<std::string_view> updateColumns;    // the columns an Update sets
  std::vector<std::string_view> returning;        // RETURNING these where the dialect can
};

// Writes the INSERT with one placeholder per value that is not generated, row by row.
void renderBulkInsert(StatementBuilder& b, const BulkInsertStatement& s);

struct IncrementColumn {
  std::string_view column;
  const Value* amount;  // added (or subtracted) as a bound value
};

struct IncrementStatement {
  std::string_view table;
  std::vector<IncrementColumn> columns;
  bool subtract = false;
  std::vector<std::pair<std::string_view, const Value*>> assignments;  // updatedAt
  Condition where;
};

void renderIncrement(StatementBuilder& b, const IncrementStatement& s);

}  // namespace sequelize::detail
