#pragma once
// Where clauses resolved against a model: attribute names become quoted columns, values are
// coerced to the attribute's type and bound. Unknown names are rejected before any SQL exists.
#include <string>
#include <string_view>
#include <vector>

#include "query/statement_builder.hpp"
#include "sequelize/model.hpp"
#include "sequelize/where.hpp"

namespace sequelize::detail {

// A compiled where. Constants are folded when it is compiled (an empty Op.or matches no row, an
// empty Op.and or a where with nothing in it matches every row, NOT swaps the two, AND with a
// "no row" child is "no row", OR with an "every row" child is "every row"): MatchAll and MatchNone
// only ever stand alone, never inside an And, Or or Not.
struct Condition {
  enum class Kind : std::uint8_t { MatchAll, MatchNone, And, Or, Not, Compare };
  Kind kind = Kind::MatchAll;
  std::string table;  // alias that qualifies the column; empty for a bare column
  std::string column;
  OpKind op = OpKind::eq;
  std::vector<Value> operands;  // one value; IN lists and BETWEEN bounds hold several
  std::vector<Condition> children;
  // Written in parentheses wherever it stands (an explicit Op.and, several operators on one
  // attribute), as Sequelize writes them.
  bool parenthesize = false;

  // No condition at all: no WHERE clause, nothing added to a join's ON.
  [[nodiscard]] bool matchesAll() const noexcept { return kind == Kind::MatchAll; }
  [[nodiscard]] bool matchesNone() const noexcept { return kind == Kind::MatchNone; }
};

// Maps a name used in a where clause to its column.
class ColumnResolver {
 public:
  struct Column {
    std::string table;
    std::string column;
    const Attribute* attribute = nullptr;
    const Model* model = nullptr;  // the attribute's
  };
  virtual ~ColumnResolver() = default;
  // Throws sequelize::Error for a name that is not an attribute.
  [[nodiscard]] virtual Column resolve(std::string_view name) const = 0;
};

// Resolves plain attribute names of one model, optionally qualified by a table alias.
class ModelColumnResolver : public ColumnResolver {
 public:
  ModelColumnResolver(const Model& model, std::string tableAlias)
      : model_(model), alias_(std::move(tableAlias)) {}
  [[nodiscard]] Column resolve(std::string_view name) const override;

 private:
  const Model& model_;
  std::string alias_;
};

Condition compileWhere(const Where& where, const ColumnResolver& resolver);
// a AND b, folded as compileWhere folds (either alone when the other matches every row).
Condition conjoin(Condition a, Condition b);
// Appends the condition; a top-level AND is written without parentheses, as Sequelize does.
// MatchNone is Sequelize's `0 = 1`.
void renderCondition(StatementBuilder& b, const Condition& condition, bool topLevel = true);
// Appends " WHERE <condition>", or nothing for a condition that matches every row.
void appendWhereClause(StatementBuilder& b, const Condition& condition);

}  // namespace sequelize::detail
