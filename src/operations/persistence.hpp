#pragma once
// Writing instances: build (defaults and values in Sequelize's key order), save (INSERT of a new
// record, UPDATE of the changed attributes otherwise, timestamps, validation) and the nested
// writes of create with include, which are atomic.
#include <vector>

#include "model/instance_builder.hpp"
#include "model/instance_internals.hpp"
#include "sequelize/instance.hpp"
#include "sequelize/options.hpp"

namespace sequelize::detail {

Instance buildInstance(const Model& model, const Values& values, const IncludeList& include,
                       bool isNewRecord);
Instance createInstance(const Model& model, const Values& values, const CreateOptions& options);
void saveInstance(Instance& instance, const SaveOptions& options);

}  // namespace sequelize::detail
