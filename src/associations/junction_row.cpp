#include "associations/junction_row.hpp"

#include "sequelize/errors.hpp"

namespace sequelize::detail {

JunctionRow::JunctionRow(Model& target, Model& junction, const std::string& targetKey,
                         const std::string& otherKey)
    : Association(AssociationType::HasOne, target, junction) {
  as_ = junction.name();
  singular_ = as_;
  foreignKey_ = otherKey;
  sourceKey_ = targetKey;
  targetKey_ = junction.primaryKeyAttribute();
}

Instance JunctionRow::create(Instance& /*source*/, const Values& /*values*/,
                             const CreateOptions& /*options*/) const {
  throw Error("A junction row (" + as_ +
              ") is written by its belongsToMany association: use addAssociations or "
              "setAssociations");
}

}  // namespace sequelize::detail
