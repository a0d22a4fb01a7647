#include "associations/has_one.hpp"
#include "model/model_builder.hpp"
#include "sequelize/errors.hpp"
#include "support/inflection.hpp"

namespace sequelize::detail {

HasOne::HasOne(Model& source, Model& target, const HasOneOptions& options)
    : Association(AssociationType::HasOne, source, target) {
  isAliased_ = !options.as.empty();
  as_ = isAliased_ ? options.as : target.names().singular;
  singular_ = as_;
  checkAlias(source, as_, isAliased_);

  const ForeignKeyOptions& fk = options.foreignKey.options();
  // As Sequelize: `field` alone names the column, not the attribute.
  foreignKey_ = fk.name;
  if (foreignKey_.empty()) {
    // Sequelize: camelize(singular(as || source name) + "_" + source primary key)
    foreignKey_ = camelize(singularize(isAliased_ ? options.as : source.name()) + "_" +
                           source.primaryKeyAttribute());
  }
  if (!options.sourceKey.empty() && source.attribute(options.sourceKey) == nullptr) {
    throw Error("Unknown attribute \"" + options.sourceKey +
                "\" passed as sourceKey, define this attribute on model \"" + source.name() +
                "\" first");
  }
  sourceKey_ = !options.sourceKey.empty() ? options.sourceKey : source.primaryKeyAttribute();
  if (sourceKey_.empty()) throw Error("Model " + source.name() + " has no primary key to refer to");
  targetKey_ = target.primaryKeyAttribute();

  const std::string context = "hasOne " + source.name() + " -> " + target.name();
  ForeignKeyRequest request;
  request.name = foreignKey_;
  request.options = &fk;
  request.type = options.keyType ? *options.keyType : source.attribute(sourceKey_)->type;
  request.constraints = options.constraints.value_or(true);
  if (!options.onDelete.empty())
    request.onDelete = normalizeReferentialAction(options.onDelete, context);
  if (!options.onUpdate.empty())
    request.onUpdate = normalizeReferentialAction(options.onUpdate, context);
  request.cascadeWhenRequired = true;
  request.referencedModel = &source;
  request.referencedField = source.attribute(sourceKey_)->field;
  // Checked before the key is added, so that a failed definition leaves both models unchanged.
  checkNamingCollision(source, as_, &target == &source ? foreignKey_ : std::string());
  std::tie(onDelete_, onUpdate_) = injectForeignKey(target, request);
}

}  // namespace sequelize::detail
