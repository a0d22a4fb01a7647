#include "sequelize/association.hpp"

#include "associations/association_kinds.hpp"
#include "model/model_builder.hpp"
#include "sequelize/errors.hpp"
#include "sequelize/model.hpp"
#include "support/inflection.hpp"

namespace sequelize {

std::string_view Association::associationTypeName() const noexcept {
  return type_ == AssociationType::HasOne ? "HasOne" : "BelongsTo";
}

const Model& Association::keyHolder() const noexcept {
  return type_ == AssociationType::HasOne ? *target_ : *source_;
}

const Model& Association::keyOwner() const noexcept {
  return type_ == AssociationType::HasOne ? *source_ : *target_;
}

const std::string& Association::referencedKey() const noexcept {
  return type_ == AssociationType::HasOne ? sourceKey_ : targetKey_;
}

Association& Model::hasOne(Model& target, const HasOneOptions& options) {
  return addAssociation(std::make_unique<detail::HasOne>(*this, target, options));
}

Association& Model::belongsTo(Model& target, const BelongsToOptions& options) {
  return addAssociation(std::make_unique<detail::BelongsTo>(*this, target, options));
}

namespace detail {

void checkAlias(const Model& source, const std::string& alias, bool explicitAlias) {
  if (source.association(alias) != nullptr) {
    if (explicitAlias) {
      throw AssociationError("You have used the alias " + alias +
                             " in two separate associations. Aliased associations must have "
                             "unique aliases.");
    }
    throw AssociationError("Model " + source.name() + " already has an association named " + alias +
                           "; give this one a different `as`");
  }
}

void checkNamingCollision(const Model& source, const std::string& alias,
                          const std::string& addedToSource) {
  if (source.attribute(alias) != nullptr || alias == addedToSource) {
    throw Error("Naming collision between attribute '" + alias + "' and association '" + alias +
                "' on model " + source.name() +
                ". To remedy this, change either foreignKey or as in your association definition");
  }
}

std::pair<std::string, std::string> injectForeignKey(Model& holder,
                                                     const ForeignKeyRequest& request) {
  const ForeignKeyOptions empty;
  const ForeignKeyOptions& fk = request.options != nullptr ? *request.options : empty;
  const auto existingIndex = holder.attributeIndex(request.name);

  // The attribute the association would add: nullable unless its options say otherwise.
  const bool newAllowNull = fk.allowNull.value_or(true);
  // Explicit rules apply even with constraints: false (Sequelize adds the reference for them);
  // the defaults only with constraints.
  std::string onDelete = request.onDelete;
  std::string onUpdate = request.onUpdate;
  if (request.constraints) {
    // Sequelize looks at the existing definition's allowNull; one that does not say counts as
    // not nullable.
    const bool allowNull =
        existingIndex ? (ModelBuilder::attributeRef(holder, *existingIndex).allowNullGiven &&
                         ModelBuilder::attributeRef(holder, *existingIndex).allowNull)
                      : newAllowNull;
    if (onDelete.empty())
      onDelete = allowNull ? "SET NULL" : (request.hasOne ? "CASCADE" : "NO ACTION");
    if (onUpdate.empty()) onUpdate = "CASCADE";
  }
  const bool addConstraint =
      request.constraints || !request.onDelete.empty() || !request.onUpdate.empty();

  if (existingIndex) {
    Attribute& a = ModelBuilder::attributeRef(holder, *existingIndex);
    if (!a.allowNullGiven && fk.allowNull) {
      a.allowNull = *fk.allowNull;
      a.allowNullGiven = true;
    }
    if (addConstraint) {
      if (!a.hasReferences()) {
        a.references = References{ModelRef(*request.referencedModel), request.referencedField};
      } else if (a.references.key.empty()) {
        a.references.key = request.referencedField;
      }
      if (a.onDelete.empty()) a.onDelete = onDelete;
      if (a.onUpdate.empty()) a.onUpdate = onUpdate;
    }
    std::pair<std::string, std::string> rules{a.onDelete, a.onUpdate};
    ModelBuilder::reindex(holder);
    return rules;
  }

  Attribute a;
  a.name = request.name;
  const bool underscored = holder.options().underscored.value_or(false);
  a.field = !fk.field.empty() ? fk.field : (underscored ? underscore(request.name) : request.name);
  a.type = request.type;
  a.allowNull = newAllowNull;
  a.allowNullGiven = true;
  if (addConstraint) {
    a.references = References{ModelRef(*request.referencedModel), request.referencedField};
    a.onDelete = onDelete;
    a.onUpdate = onUpdate;
  }
  ModelBuilder::addAttribute(holder, a);
  return {onDelete, onUpdate};
}

}  // namespace detail
}  // namespace sequelize
