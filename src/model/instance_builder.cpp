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
    const Association* assoc = model.association(f.key);
    // An undefined attribute is not set; an undefined association value is `{}` written in
    // C++ (an empty object or list), which Instance::set takes as such.
    if (f.value.isUndefined() && (assoc == nullptr || model.attribute(f.key))) continue;
    if (assoc != nullptr && !model.attribute(f.key)) {
      const InstanceExtras* ex = InstanceAccess::extrasIfAny(instance);
      const bool included = ex != nullptr && std::any_of(ex->includes.begin(), ex->includes.end(),
                                                         [&](const IncludeTree& t) {
                                                           return t.association == assoc;
                                                         });
      if (!included) {
        throw Error("\"" + f.key + "\" is an association of " + model.name() +
                    ": pass include: [\"" + f.key + "\"] to create it along with the " +
                    model.name() + " row");
      }
    }
    instance.set(f.key, f.value);
  }
  return instance;
}

namespace {

// buildNewRecord for records given as const Values (copied from) or Values (moved from).
template <class Record>
void buildNewRecordFrom(Instance& instance, Record& values, const NewRecordShape& shape) {
  const Model& model = instance.model();
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
}

}  // namespace

void buildNewRecord(Instance& instance, const Values& values, const NewRecordShape& shape) {
  buildNewRecordFrom(instance, values, shape);
}

void buildNewRecord(Instance& instance, Values&& values, const NewRecordShape& shape) {
  buildNewRecordFrom(instance, values, shape);
}

}  // namespace sequelize::detail
