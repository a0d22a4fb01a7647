#pragma once
// Building instances in memory: defaults and values in Sequelize's key order, nested values of
// included associations, and the shared shape of bulkCreate's records. No I/O: the operations
// layer writes what is built here.
#include <memory>
#include <vector>

#include "model/instance_internals.hpp"
#include "sequelize/instance.hpp"

namespace sequelize::detail {

// A new or loaded instance of `model` from `values`, with includes already resolved (as
// nested values of an included association are).
Instance buildInstance(const Model& model, const Values& values, std::vector<IncludeTree> includes,
                       bool isNewRecord);
// What the records of a bulkCreate with the same keys (and the same of them undefined) have in
// common, worked out once for all of them.
struct NewRecordShape {
  std::vector<std::size_t> slots;  // per value, the slot of its key
  std::vector<bool> given;         // per attribute: set by a value (defaults skip it)
  // The key order such a record ends with, taken from the first one built: the others share
  // it instead of building their own key by key.
  std::shared_ptr<const KeyOrder> order;
};
// buildInstance of a new record whose keys are all attributes, as `shape` describes them, into
// `instance`: a new record of the model just constructed (in place, where the caller keeps it)
// with the shape's key order when it has one.
void buildNewRecord(Instance& instance, const Values& values, const NewRecordShape& shape);
// The same, moving the values out of `values`.
void buildNewRecord(Instance& instance, Values&& values, const NewRecordShape& shape);
}  // namespace sequelize::detail
