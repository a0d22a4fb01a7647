#include "associations/belongs_to.hpp"
#include "model/model_builder.hpp"
#include "sequelize/errors.hpp"
#include "support/inflection.hpp"

namespace sequelize::detail {

BelongsTo::BelongsTo(Model& source, Model& target, const BelongsToOptions& options)
    : Association(AssociationType::BelongsTo, source, target) {
  isAliased_ = !options.as.empty();
  as_ = isAliased_ ? options.as : target.names().singular;
  singular_ = as_;
  checkAlias(source, as_, isAliased_);

  const ForeignKeyOptions& fk = options.foreignKey.options();
  // As Sequelize: `field` alone names the column, not the attribute.
  foreignKey_ = fk.name;
  if (foreignKey_.empty()) {
    // Sequelize: camelize(as + "_" + target primary key)
    foreignKey_ = camelize(as_ + "_" + target.primaryKeyAttribute());
  }
  if (!options.targetKey.empty() && target.attribute(options.targetKey) == nullptr) {
    throw Error("Unknown attribute \"" + options.targetKey +
                "\" passed as targetKey, define this attribute on model \"" + target.name() +
                "\" first");
  }
  targetKey_ = !options.targetKey.empty() ? options.targetKey : target.primaryKeyAttribute();
  if (targetKey_.empty()) throw Error("Model " + target.name() + " has no primary key to refer to");
  sourceKey_ = source.primaryKeyAttribute();

  const std::string context = "belongsTo " + source.name() + " -> " + target.name();
  ForeignKeyRequest request;
  request.name = foreignKey_;
  request.options = &fk;
  request.type = options.keyType ? *options.keyType : target.attribute(targetKey_)->type;
  request.constraints = options.constraints.value_or(true);
  if (!options.onDelete.empty())
    request.onDelete = normalizeReferentialAction(options.onDelete, context);
  if (!options.onUpdate.empty())
    request.onUpdate = normalizeReferentialAction(options.onUpdate, context);
  request.cascadeWhenRequired = false;
  request.referencedModel = &target;
  request.referencedField = target.attribute(targetKey_)->field;
  // Checked before the key is added, so that a failed definition leaves the model unchanged.
  checkNamingCollision(source, as_, foreignKey_);
  std::tie(onDelete_, onUpdate_) = injectForeignKey(source, request);
}

}  // namespace sequelize::detail
