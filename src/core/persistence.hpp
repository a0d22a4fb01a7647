#pragma once
// Writing instances: build (defaults and values in Sequelize's key order), save (INSERT of a new
// record, UPDATE of the changed attributes otherwise, timestamps, validation) and the nested
// writes of create with include, which are atomic.
#include <vector>

#include "core/instance_internals.hpp"
#include "sequelize/instance.hpp"
#include "sequelize/options.hpp"

namespace sequelize::detail {

Instance buildInstance(const Model& model, const Values& values, const IncludeList& include,
                       bool isNewRecord);
// The same, with includes already resolved (nested values of an included association).
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
Instance createInstance(const Model& model, const Values& values, const CreateOptions& options);
void saveInstance(Instance& instance, const SaveOptions& options);

}  // namespace sequelize::detail
