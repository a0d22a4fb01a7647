#pragma once
// `include` options resolved against a model's associations, with Sequelize's errors (word for
// word) for unknown aliases, models that are not associated, missing or wrong `as`. Runs before
// any SQL is built.
#include <vector>

#include "sequelize/association.hpp"
#include "sequelize/model.hpp"
#include "sequelize/options.hpp"

namespace sequelize::detail {

struct ResolvedInclude {
  const Association* association = nullptr;
  const IncludeOptions* options = nullptr;  // the include's own options (attributes, where…)
  bool required = false;
  std::vector<ResolvedInclude> children;
};

std::vector<ResolvedInclude> resolveIncludes(const Model& model,
                                             const IncludeList& includes);

}  // namespace sequelize::detail
