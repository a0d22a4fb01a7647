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

struct Condition {
  enum class Kind : std::uint8_t { And, Or, Not, Compare };
  Kind kind = Kind::And;
  std::string table;  // alias that qualifies the column; empty for a bare column
  std::string column;
  OpKind op = OpKind::eq;
  std::vector<Value> operands;  // one value; IN lists and BETWEEN bounds hold several
  std::vector<Condition> children;
  // Written in parentheses wherever it stands (an explicit Op.and, several operators on one
  // attribute), as Sequelize writes them.
  bool parenthesize = false;

  [[nodiscard]] bool empty() const noexcept { return kind != Kind::Compare && children.empty(); }
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
// Appends the condition; a top-level AND is written without parentheses, as Sequelize does.
void renderCondition(StatementBuilder& b, const Condition& condition, bool topLevel = true);

}  // namespace sequelize::detail
