#include "query/include_resolver.hpp"

#include "sequelize/errors.hpp"

namespace sequelize::detail {
namespace {

std::vector<const Association*> associationsTo(const Model& source, const Model& target) {
  std::vector<const Association*> out;
  for (const Association* a : source.associations()) {
    if (&a->target() == &target) out.push_back(a);
  }
  return out;
}

// Sequelize's association.verifyAssociationAlias
bool aliasMatches(const Association& a, const std::string& alias) {
  if (!alias.empty()) return a.as() == alias;
  return !a.isAliased();
}

// Sequelize's Model._getIncludedAssociation
const Association& includedAssociation(const Model& source, const Model& target,
                                       const std::string& alias) {
  const std::vector<const Association*> candidates = associationsTo(source, target);
  if (candidates.empty()) {
    throw EagerLoadingError(target.name() + " is not associated to " + source.name() + "!");
  }
  for (const Association* a : candidates) {
    if (aliasMatches(*a, alias)) return *a;
  }
  if (candidates.size() == 1) {
    if (!alias.empty()) {
      throw EagerLoadingError(target.name() + " is associated to " + source.name() +
                              " using an alias. You've included an alias (" + alias +
                              "), but it does not match the alias(es) defined in your "
                              "association (" + candidates.front()->as() + ").");
    }
    throw EagerLoadingError(target.name() + " is associated to " + source.name() +
                            " using an alias. You must use the 'as' keyword to specify the alias "
                            "within your include statement.");
  }
  throw EagerLoadingError(target.name() + " is associated to " + source.name() +
                          " multiple times. To identify the correct association, you must use the "
                          "'as' keyword to specify the alias of the association you want to "
                          "include.");
}

const Association& byAlias(const Model& source, const std::string& alias) {
  const Association* a = source.association(alias);
  if (a == nullptr) {
    throw Error("Association with alias \"" + alias + "\" does not exist on " + source.name());
  }
  return *a;
}

void resolveInto(const Model& model, const Include& include, std::vector<ResolvedInclude>& out);

ResolvedInclude resolveOne(const Association& association,
                           const IncludeOptions* options) {
  ResolvedInclude r;
  r.association = &association;
  r.options = options;
  if (options != nullptr) {
    // A where on an include makes it required unless told otherwise, as in Sequelize.
    r.required = options->required.value_or(!options->where.empty());
    for (const Include& child : options->include) resolveInto(association.target(), child, r.children);
  }
  return r;
}

void resolveInto(const Model& model, const Include& include, std::vector<ResolvedInclude>& out) {
  const IncludeOptions& o = include.options();
  if (o.all) {
    for (const Association* a : model.associations()) out.push_back(resolveOne(*a, nullptr));
    return;
  }
  if (!o.association.empty()) {
    const Association& a = o.association.association() != nullptr ? *o.association.association()
                                                                   : byAlias(model, o.association.alias());
    if (&a.source() != &model) {
      throw EagerLoadingError(a.target().name() + " is not associated to " + model.name() + "!");
    }
    out.push_back(resolveOne(a, &o));
    return;
  }
  if (o.model.model() != nullptr) {
    out.push_back(resolveOne(includedAssociation(model, *o.model.model(), o.as), &o));
    return;
  }
  if (!o.model.name().empty()) {
    throw Error("Include unexpected. Element has to be either a Model, an Association or an object.");
  }
  throw Error("Include unexpected. Element has to be either a Model, an Association or an object.");
}

}  // namespace

std::vector<ResolvedInclude> resolveIncludes(const Model& model,
                                             const IncludeList& includes) {
  std::vector<ResolvedInclude> out;
  for (const Include& include : includes) resolveInto(model, include, out);
  // The same association twice is a mistake (often a brace typo): say so rather than guess.
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (std::size_t j = i + 1; j < out.size(); ++j) {
      if (out[i].association == out[j].association) {
        throw Error("Association \"" + out[i].association->as() + "\" of " + model.name() +
                    " is included twice");
      }
    }
  }
  return out;
}

}  // namespace sequelize::detail
