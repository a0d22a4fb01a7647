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
// buildInstance of a new record whose keys are all attributes: `slots[i]` is the slot of
// `values[i]`, resolved by the caller (bulkCreate resolves the keys its records share once).
// `order`, when given, is the key order this build ends with (that of an earlier record of the
// same keys): shared instead of built key by key.
Instance buildNewRecord(const Model& model, const Values& values,
                        const std::vector<std::size_t>& slots,
                        const std::shared_ptr<const KeyOrder>& order);
Instance createInstance(const Model& model, const Values& values, const CreateOptions& options);
void saveInstance(Instance& instance, const SaveOptions& options);

}  // namespace sequelize::detail
