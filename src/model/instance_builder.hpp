#pragma once
// Building instances in memory: defaults and values in Sequelize's key order, nested values of
// included associations, and the shared shape of bulkCreate's records. No I/O: the operations
// layer writes what is built here.
#include <memory>
#include <string_view>
#include <vector>

#include "model/instance_internals.hpp"
#include "sequelize/instance.hpp"
#include "support/inline_vector.hpp"

namespace sequelize::detail {

// A new or loaded instance of `model` from `values`, with includes already resolved (as
// nested values of an included association are).
Instance buildInstance(const Model& model, const Values& values, std::vector<IncludeTree> includes,
                       bool isNewRecord);
// What the records of a bulkCreate (or the items of a nested list) with the same keys (and the
// same of them undefined) have in common, worked out once for all of them.
struct NewRecordShape {
  // Inline for the usual few keys and attributes: a nested list or a bulkCreate works its
  // shape out without allocating.
  InlineVector<std::size_t, 16> slots;  // per value, the slot of its key
  InlineVector<bool, 32> given;         // per attribute: set by a value (defaults skip it)
  // The key order such a record ends with, taken from the first one built: the others share
  // it instead of building their own key by key.
  std::shared_ptr<const KeyOrder> order;
  bool allAttributes = false;  // every key an attribute: records of this shape may use it

  // Makes this the shape of `values`, unless it already is (the previous record had the same
  // keys, the same of them undefined). Returns allAttributes.
  bool adopt(const Model& model, const Values& values);
  // buildInstance of a new record whose keys are all attributes, as this shape describes them,
  // constructed at the end of `out` (where the caller keeps it) with the shape's key order when
  // it has one; `values` copied from, or moved from when given as an rvalue.
  Instance& build(std::vector<Instance>& out, const Model& model, const Values& values) const;
  Instance& build(std::vector<Instance>& out, const Model& model, Values&& values) const;
  // Takes `built`'s key order as the shape's, if it has none yet: the records after it share it.
  void keepOrderOf(const Instance& built);

 private:
  const Values* resolvedFor_ = nullptr;
};

// Sets an association's instance (or, to-many, its list) on `instance` from nested values: an
// object, a list of objects, null or undefined (as Instance::set takes them), each built with
// the includes `instance` was built with for that association.
void setNestedValues(Instance& instance, const Association& association, std::string_view key,
                     const Value& value);
}  // namespace sequelize::detail
