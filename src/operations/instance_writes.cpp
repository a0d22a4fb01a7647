// What an instance does to its own row: update, destroy, reload, increment / decrement,
// validate, and get({plain: true}).
#include <algorithm>

#include "connection/query_runner.hpp"
#include "model/instance_internals.hpp"
#include "model/validation.hpp"
#include "operations/persistence.hpp"
#include "query/statements.hpp"
#include "sequelize/association.hpp"
#include "sequelize/database.hpp"
#include "sequelize/errors.hpp"

namespace sequelize {
namespace {

using detail::InstanceAccess;

// The row's own key, as a where; throws when the instance has none.
Where keyWhere(const Instance& instance, const char* action) {
  const Model& model = instance.model();
  const auto pk = model.primaryKeyIndex();
  if (!pk || InstanceAccess::slots(instance)[*pk].isNullish()) {
    throw InstanceError(std::string("You attempted to ") + action +
                        " an instance with no primary key value");
  }
  return Where::attribute(model.primaryKeyAttribute(),
                          Predicate(InstanceAccess::slots(instance)[*pk]));
}

// The includes an instance was loaded with, nested as they were, for reload.
IncludeList loadedIncludes(const Instance& instance) {
  IncludeList list;
  for (const detail::IncludedSlot& slot : InstanceAccess::included(instance)) {
    // A junction row (a target read through a belongsToMany) is no association of the
    // target's: the belongsToMany's include above reads it again.
    if (instance.model().association(slot.association->as()) != slot.association) continue;
    IncludeOptions o;
    o.association = AssociationRef(*slot.association);
    // A list's nested includes are those of its instances (each was loaded with the same).
    if (slot.holdsAny()) {
      o.include = loadedIncludes(slot.isList() ? slot.list().front() : *slot.one());
    }
    list.push_back(Include(std::move(o)));
  }
  return list;
}

}  // namespace

Instance& Instance::save(const SaveOptions& options) {
  detail::saveInstance(*this, options);
  return *this;
}

Value Instance::get(const GetOptions& /*options*/) const {
  // Without a key, get() returns every value; with or without plain, as one plain object here.
  return toPlain();
}

Instance& Instance::update(const Values& values, const SaveOptions& options) {
  set(values);
  if (isNewRecord_) return save(options);
  // As Sequelize: only the given attributes that actually changed are written.
  SaveOptions narrowed = options;
  if (narrowed.fields.empty()) {
    for (const Field& f : values) {
      if (model_->attribute(f.key) != nullptr && changed(f.key)) narrowed.fields.push_back(f.key);
    }
    if (narrowed.fields.empty()) return *this;
  }
  return save(narrowed);
}

void Instance::destroy(const InstanceOptions& options) {
  DestroyOptions destroy;
  destroy.where = keyWhere(*this, "destroy");
  destroy.transaction = options.transaction;
  model_->destroy(destroy);
}

Instance& Instance::reload(const InstanceOptions& options) {
  FindOptions find;
  find.where = keyWhere(*this, "reload");
  find.include = loadedIncludes(*this);
  find.transaction = options.transaction;
  std::optional<Instance> fresh = model_->findOne(find);
  if (!fresh) {
    throw InstanceError(
        "Instance could not be reloaded because it does not exist anymore (find call returned "
        "null)");
  }
  *this = std::move(*fresh);
  return *this;
}

Instance& Instance::incrementBy(const Values& amounts, const IncrementOptions& options, int sign) {
  IncrementOptions own = options;
  own.where = keyWhere(*this, sign > 0 ? "increment" : "decrement");
  own.where.andAlso(options.where);
  if (sign > 0) {
    model_->increment(amounts, own);
  } else {
    model_->decrement(amounts, own);
  }
  return *this;
}

void Instance::validate() const {
  detail::validateInstance(*this, detail::ValidationScope{});
}

}  // namespace sequelize
