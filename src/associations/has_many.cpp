// hasMany's definition, as Sequelize's has-many.js: the alias and its singular, the foreign key
// added to the target, the constraint rules.
#include "associations/has_many.hpp"

#include "model/model_builder.hpp"
#include "sequelize/errors.hpp"
#include "support/inflection.hpp"

namespace sequelize::detail {

HasMany::HasMany(Model& source, Model& target, const HasManyOptions& options)
    : Association(AssociationType::HasMany, source, target) {
  ToManyNames names = toManyNames(options.as, target);
  as_ = std::move(names.as);
  singular_ = std::move(names.singular);
  isAliased_ = names.aliased;
  checkAlias(source, as_, isAliased_);

  const ForeignKeyOptions& fk = options.foreignKey.options();
  // As Sequelize: `field` alone names the column, not the attribute.
  foreignKey_ = fk.name;
  if (foreignKey_.empty()) {
    // Sequelize: camelize(source singular name + "_" + source primary key), whatever the alias.
    foreignKey_ = camelize(source.names().singular + "_" + source.primaryKeyAttribute());
  }
  // Sequelize falls back to the primary key for an unknown sourceKey; a typo is refused here.
  checkKeyAttribute(source, options.sourceKey, "sourceKey");
  sourceKey_ = !options.sourceKey.empty() ? options.sourceKey : source.primaryKeyAttribute();
  if (sourceKey_.empty()) throw Error("Model " + source.name() + " has no primary key to refer to");
  targetKey_ = target.primaryKeyAttribute();

  const std::string context = "hasMany " + source.name() + " -> " + target.name();
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
