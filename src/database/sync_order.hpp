#pragma once
#include <optional>
#include <string>
#include <vector>

#include "sequelize/database.hpp"

namespace sequelize::detail {

// The table an attribute's `references` points at: a model's table, a model name's table, or
// the name taken as a table name.
std::string referencedTableName(const Sequelize& sequelize, const Attribute& attribute);
// Models with dependents first (Sequelize's getModelsTopoSortedByForeignKey); nullopt when the
// foreign keys form a cycle.
std::optional<std::vector<Model*>> modelsInForeignKeyOrder(const Sequelize& sequelize);

}  // namespace sequelize::detail
