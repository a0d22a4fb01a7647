#pragma once
// fn / col / unsafeLiteral expressions resolved against the models of a query: col() names
// become quoted columns (unknown names are errors), values become bound parameters, function
// names must be plain identifiers, and literal text is written as given.
#include <memory>
#include <string>
#include <vector>

#include "query/condition.hpp"
#include "query/statement_builder.hpp"
#include "sequelize/expression.hpp"

namespace sequelize::detail {

struct CompiledExpr {
  Expr::Kind kind = Expr::Kind::Literal;
  std::string table;                     // Column: the alias qualifying it (empty: bare)
  std::string column;                    // Column: the column name, or "*"
  const Attribute* attribute = nullptr;  // Column: the attribute it names (null for "*")
  std::string text;                      // Function: the name; Literal: the SQL
  std::vector<CompiledExpr> args;
  Value value;  // Bound
};

CompiledExpr compileExpr(const Expr& expr, const ColumnResolver& resolver);
void renderExpr(StatementBuilder& b, const CompiledExpr& expr);

}  // namespace sequelize::detail
