#pragma once
// CREATE TABLE for a model, assembled once for every dialect; each column's definition and the
// dialect's clauses come from the dialect.
#include <functional>
#include <string>

#include "dialects/dialect.hpp"
#include "sequelize/model.hpp"

namespace sequelize::detail {

// `referencedTable` maps an attribute's references to the table name it points at.
std::string createTableSql(const Dialect& dialect, const Model& model,
                           const std::function<std::string(const Attribute&)>& referencedTable);

}  // namespace sequelize::detail
