#include "sequelize/association.hpp"

#include <algorithm>

#include "associations/belongs_to.hpp"
#include "associations/belongs_to_many.hpp"
#include "associations/has_many.hpp"
#include "associations/has_one.hpp"
#include "model/model_builder.hpp"
#include "sequelize/errors.hpp"
#include "sequelize/model.hpp"
#include "support/inflection.hpp"

namespace sequelize {

bool Association::isOfIncludeType(std::string_view type) const {
  // Sequelize's groups: One = single associations, Has = those whose target holds the key,
  // Many = to-many ones.
  if (type == "All") return true;
  if (type == "One") return !isMultiAssociation();
  if (type == "Has") return keyOnTarget();
  if (type == "Many") return isMultiAssociation();
  return type == associationTypeName();
}

namespace {

[[noreturn]] void wrongCardinality(const Association& a, const char* accessor) {
  const bool many = a.isMultiAssociation();
  throw Error(std::string(accessor) + "(\"" + a.as() + "\"): " + a.source().name() + "." + a.as() +
              " is a " + std::string(a.associationTypeName()) + " association; use " +
              (many ? "getAssociations, countAssociations, hasAssociations, setAssociations, "
                      "addAssociations or removeAssociations"
                    : "getAssociated or setAssociated"));
}

}  // namespace

std::optional<Instance> Association::getOne(const Instance& /*source*/,
                                            const FindOptions& /*options*/) const {
  wrongCardinality(*this, "getAssociated");
}
void Association::setOne(Instance& /*source*/, const AssociatedValue& /*value*/,
                         const SetAssociationOptions& /*options*/) const {
  wrongCardinality(*this, "setAssociated");
}
std::vector<Instance> Association::getMany(const Instance& /*source*/,
                                           const FindOptions& /*options*/) const {
  wrongCardinality(*this, "getAssociations");
}
std::int64_t Association::count(const Instance& /*source*/, const FindOptions& /*options*/) const {
  wrongCardinality(*this, "countAssociations");
}
bool Association::has(const Instance& /*source*/, const std::vector<AssociatedValue>& /*targets*/,
                      const FindOptions& /*options*/) const {
  wrongCardinality(*this, "hasAssociations");
}
void Association::setMany(Instance& /*source*/, const std::vector<AssociatedValue>& /*targets*/,
                          const SetAssociationOptions& /*options*/) const {
  wrongCardinality(*this, "setAssociations");
}
void Association::add(Instance& /*source*/, const std::vector<AssociatedValue>& /*targets*/,
                      const SetAssociationOptions& /*options*/) const {
  wrongCardinality(*this, "addAssociations");
}
void Association::remove(Instance& /*source*/, const std::vector<AssociatedValue>& /*targets*/,
                         const SetAssociationOptions& /*options*/) const {
  wrongCardinality(*this, "removeAssociations");
}

Association& Model::hasOne(Model& target, const HasOneOptions& options) {
  return addAssociation(std::make_unique<detail::HasOne>(*this, target, options));
}

Association& Model::belongsTo(Model& target, const BelongsToOptions& options) {
  return addAssociation(std::make_unique<detail::BelongsTo>(*this, target, options));
}

Association& Model::hasMany(Model& target, const HasManyOptions& options) {
  return addAssociation(std::make_unique<detail::HasMany>(*this, target, options));
}

Association& Model::belongsToMany(Model& target, const BelongsToManyOptions& options) {
  return addAssociation(std::make_unique<detail::BelongsToMany>(*this, target, options));
}

namespace detail {

const Value* fieldOf(const Values& row, std::string_view key) {
  for (const Field& f : row) {
    if (f.key == key) return &f.value;
  }
  return nullptr;
}

bool listed(const std::vector<Value>& values, const Value& v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

const Value& savedSourceKey(const Association& association, const Instance& source,
                            const char* accessor) {
  const Value& key = source.get(association.sourceKey());
  if (key.isNullish()) {
    throw Error(std::string(accessor) + "(\"" + association.as() + "\"): this " +
                association.source().name() + " instance has no " + association.sourceKey() +
                " yet; save it first");
  }
  return key;
}

Where anyOfKeys(const std::string& attribute, const std::vector<Value>& keys) {
  std::vector<Where> anyOf;
  anyOf.reserve(keys.size());
  for (const Value& k : keys) anyOf.push_back(Where::attribute(attribute, Predicate(k)));
  return Op::or_(std::move(anyOf));
}

ToManyNames toManyNames(const AssociationAlias& alias, const Model& target) {
  if (alias.empty()) return {target.names().plural, target.names().singular, false};
  return {alias.plural(), alias.singular().empty() ? singularize(alias.plural()) : alias.singular(),
          true};
}

void checkKeyAttribute(const Model& model, const std::string& name, const char* option) {
  if (!name.empty() && model.attribute(name) == nullptr) {
    throw Error("Unknown attribute \"" + name + "\" passed as " + option +
                ", define this attribute on model \"" + model.name() + "\" first");
  }
}

std::vector<Value> targetKeys(const Association& association,
                              const std::vector<AssociatedValue>& targets, const char* accessor) {
  const std::string& pk = association.targetKey();
  std::vector<Value> keys;
  keys.reserve(targets.size());
  for (const AssociatedValue& t : targets) {
    checkTargetInstance(association, t);
    Value key = t.instance() != nullptr ? t.instance()->get(pk) : t.key();
    if (key.isNullish()) {
      throw Error(std::string(accessor) + "(\"" + association.as() + "\"): a " +
                  association.target().name() + " without " + pk +
                  " (an unsaved instance, or null) cannot be linked; save it first");
    }
    keys.push_back(std::move(key));
  }
  return keys;
}

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
      onDelete = allowNull ? "SET NULL" : (request.cascadeWhenRequired ? "CASCADE" : "NO ACTION");
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
