#include "model/instance_builder.hpp"

#include <algorithm>

#include "model/instance_internals.hpp"
#include "sequelize/association.hpp"
#include "sequelize/errors.hpp"

namespace sequelize::detail {

Instance buildInstance(const Model& model, const Values& values, std::vector<IncludeTree> includes,
                       bool isNewRecord) {
  Instance instance = InstanceAccess::make(model, isNewRecord);
  if (!includes.empty()) InstanceAccess::extras(instance).includes = std::move(includes);
  if (isNewRecord) {
    // Sequelize's _initValues: defaults first (attribute order), then a null primary key,
    // for every key the values leave out.
    auto given = [&](const std::string& name) {
      return std::any_of(values.begin(), values.end(),
                         [&](const Field& f) { return f.key == name && !f.value.isUndefined(); });
    };
    const auto& attrs = model.rawAttributes();
    for (std::size_t i = 0; i < attrs.size(); ++i) {
      if (attrs[i].defaultValue.has() && !given(attrs[i].name)) {
        InstanceAccess::setRaw(instance, i, attrs[i].defaultValue.produce());
      }
    }
    if (const auto pk = model.primaryKeyIndex();
        pk && !attrs[*pk].defaultValue.has() && !given(attrs[*pk].name)) {
      InstanceAccess::setRaw(instance, *pk, Value(nullptr));
    }
  }
  for (const Field& f : values) {
    // An attribute's name wins over an association's alias (Instance::set's order).
    const auto slot = model.attributeIndex(f.key);
    if (slot) {
      if (!f.value.isUndefined()) InstanceAccess::setAttribute(instance, *slot, f.value);
      continue;
    }
    const Association* assoc = model.association(f.key);
    // An association of the include tree the model does not list: a belongsToMany target's
    // junction row, under the junction model's name.
    if (const InstanceExtras* ex = InstanceAccess::extrasIfAny(instance); assoc == nullptr && ex) {
      for (const IncludeTree& t : ex->includes) {
        if (t.association->as() == f.key) assoc = t.association;
      }
    }
    if (assoc == nullptr) {
      if (f.value.isUndefined()) continue;  // as Instance::set, which would refuse the key
      instance.set(f.key, f.value);         // throws: neither attribute nor association
      continue;
    }
    // An undefined association value is `{}` written in C++ (an empty object or list).
    const InstanceExtras* ex = InstanceAccess::extrasIfAny(instance);
    const bool included =
        ex != nullptr && std::any_of(ex->includes.begin(), ex->includes.end(),
                                     [&](const IncludeTree& t) { return t.association == assoc; });
    if (!included) {
      throw Error("\"" + f.key + "\" is an association of " + model.name() + ": pass include: [\"" +
                  f.key + "\"] to create it along with the " + model.name() + " row");
    }
    setNestedValues(instance, *assoc, f.key, f.value);
  }
  return instance;
}

namespace {

// Whether two records have the same keys in the same order, the same of them undefined. A record
// whose values were moved out still answers: a moved value is null, never undefined.
bool sameKeys(const Values& a, const Values& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (a[k].key != b[k].key || a[k].value.isUndefined() != b[k].value.isUndefined()) return false;
  }
  return true;
}

const std::vector<IncludeTree>& nestedIncludes(const Instance& instance,
                                               const Association& association) {
  static const std::vector<IncludeTree> kNone;
  if (const InstanceExtras* ex = InstanceAccess::extrasIfAny(instance)) {
    for (const IncludeTree& tree : ex->includes) {
      if (tree.association == &association) return tree.children;
    }
  }
  return kNone;
}

[[noreturn]] void throwNotObjects(const Instance& instance, const Association& association,
                                  std::string_view key) {
  throw TypeError("The value for association \"" + std::string(key) + "\" of " +
                  instance.model().name() + " must be " +
                  (association.isMultiAssociation() ? "a list of objects" : "an object") +
                  " of its attributes");
}

// The instances of a to-many association's nested list. Items of the same keys share one
// resolved shape and one key order, as bulkCreate's records do.
std::vector<Instance> buildList(const Instance& owner, const Association& association,
                                std::string_view key, const std::vector<Value>& items) {
  const Model& target = association.target();
  const std::vector<IncludeTree>& nested = nestedIncludes(owner, association);
  const bool isNew = owner.isNewRecord();
  std::vector<Instance> list;
  list.reserve(items.size());
  NewRecordShape shape;
  for (const Value& item : items) {
    if (item.kind() != ValueKind::Object) throwNotObjects(owner, association, key);
    if (!isNew || !shape.adopt(target, item.object())) {
      list.push_back(buildInstance(target, item.object(), nested, isNew));
      continue;
    }
    Instance& built = shape.build(list, target, item.object());
    if (!nested.empty()) InstanceAccess::extras(built).includes = nested;
    shape.keepOrderOf(built);
  }
  return list;
}

}  // namespace

bool NewRecordShape::adopt(const Model& model, const Values& values) {
  if (resolvedFor_ != nullptr && sameKeys(*resolvedFor_, values)) return allAttributes;
  resolvedFor_ = &values;
  order.reset();
  slots.clear();
  given.assign(model.rawAttributes().size(), false);
  allAttributes = true;
  for (const Field& f : values) {
    const auto slot = model.attributeIndex(f.key);
    if (!slot) {
      allAttributes = false;
      break;
    }
    slots.push_back(*slot);
    if (!f.value.isUndefined()) given[*slot] = true;
  }
  return allAttributes;
}

void setNestedValues(Instance& instance, const Association& association, std::string_view key,
                     const Value& value) {
  if (association.isMultiAssociation()) {
    // `{"stories", {}}`: an empty brace is an empty list here.
    if (value.isUndefined() || (value.kind() == ValueKind::Object && value.object().empty())) {
      InstanceAccess::setIncludedList(instance, association, {});
      return;
    }
    if (value.kind() != ValueKind::Array) throwNotObjects(instance, association, key);
    InstanceAccess::setIncludedList(instance, association,
                                    buildList(instance, association, key, value.items()));
    return;
  }
  if (value.isNull()) {
    InstanceAccess::setIncluded(instance, association, std::nullopt);
    return;
  }
  // An undefined value (a key left unset) is an empty object too: a row of defaults, as
  // `{profile: {}}` in Sequelize; never silently no row.
  if (value.isUndefined()) {
    InstanceAccess::setIncluded(
        instance, association,
        buildInstance(association.target(), Values{}, nestedIncludes(instance, association),
                      instance.isNewRecord()));
    return;
  }
  if (value.kind() != ValueKind::Object) throwNotObjects(instance, association, key);
  InstanceAccess::setIncluded(
      instance, association,
      buildInstance(association.target(), value.object(), nestedIncludes(instance, association),
                    instance.isNewRecord()));
}

namespace {

// NewRecordShape::build for records given as const Values (copied from) or Values (moved from).
template <class Record>
Instance& buildNewRecord(std::vector<Instance>& out, const Model& model, Record& values,
                         const NewRecordShape& shape) {
  Instance& instance = out.emplace_back(InstanceAccess::key(), model, true,
                                        shape.order ? shape.order : KeyOrder::emptyFor(model));
  // With the shape's order shared, every key this build sets is already in it.
  const KeyBookkeeping keys = shape.order ? KeyBookkeeping::InOrder : KeyBookkeeping::Append;
  const auto& attrs = model.rawAttributes();
  // The same steps as buildInstance, with the names already resolved: defaults and a null
  // primary key for what the values leave out, then the values in their order.
  for (std::size_t i = 0; i < attrs.size(); ++i) {
    if (attrs[i].defaultValue.has() && !shape.given[i]) {
      InstanceAccess::setRaw(instance, i, attrs[i].defaultValue.produce(), keys);
    }
  }
  if (const auto pk = model.primaryKeyIndex();
      pk && !attrs[*pk].defaultValue.has() && !shape.given[*pk]) {
    InstanceAccess::setRaw(instance, *pk, Value(nullptr), keys);
  }
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (values[k].value.isUndefined()) continue;
    // Moved out of the record, or copied when Record is const.
    InstanceAccess::setAttribute(instance, shape.slots[k], std::move(values[k].value), keys);
  }
  return instance;
}

}  // namespace

Instance& NewRecordShape::build(std::vector<Instance>& out, const Model& model,
                                const Values& values) const {
  return buildNewRecord(out, model, values, *this);
}

Instance& NewRecordShape::build(std::vector<Instance>& out, const Model& model,
                                Values&& values) const {
  return buildNewRecord(out, model, values, *this);
}

void NewRecordShape::keepOrderOf(const Instance& built) {
  if (!order) order = InstanceAccess::sharedOrder(built);
}

}  // namespace sequelize::detail
