#pragma once
// `include` options resolved against a model's associations, as Sequelize's _conformInclude,
// _uniqIncludes, _expandIncludeAll and _getIncludedAssociation do: its errors word for word
// (unknown aliases, models that are not associated, missing or wrong `as`), includes of the
// same association merged into one, `all` expanded. Runs before any SQL is built.
#include <memory>
#include <vector>

#include "sequelize/association.hpp"
#include "sequelize/model.hpp"
#include "sequelize/options.hpp"

namespace sequelize::detail {

struct ResolvedInclude {
  const Association* association = nullptr;
  // The include's own options (attributes, where, …); null for a bare alias, model or
  // association. Points into the caller's options or into `merged`.
  const IncludeOptions* options = nullptr;
  std::shared_ptr<const IncludeOptions> merged;  // when two includes of one association merged
  std::shared_ptr<const void> keepAlive;         // options made while expanding `all`
  bool required = false;  // explicit, or implied by a where (as in Sequelize)
  std::vector<ResolvedInclude> children;
};

std::vector<ResolvedInclude> resolveIncludes(const Model& model, const IncludeList& includes);

}  // namespace sequelize::detail
