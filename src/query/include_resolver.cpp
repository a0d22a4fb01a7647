#include "query/include_resolver.hpp"

#include <algorithm>
#include <cstddef>
#include <memory_resource>

#include "sequelize/database.hpp"
#include "sequelize/errors.hpp"

namespace sequelize::detail {
namespace {

constexpr const char* kUnexpected =
    "Include unexpected. Element has to be either a Model, an Association or an object.";

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
                              "association (" +
                              candidates.front()->as() + ").");
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

// Sequelize's _transformStringAssociation
const Association& byAlias(const Model& source, const std::string& alias) {
  const Association* a = source.association(alias);
  if (a == nullptr) {
    throw Error("Association with alias \"" + alias + "\" does not exist on " + source.name());
  }
  return *a;
}

// One element of an include list, before `all` is expanded and duplicates are merged.
struct Entry {
  const Association* association = nullptr;
  const IncludeOptions* options = nullptr;
  std::shared_ptr<const IncludeOptions> merged;
};

const Model* namedModel(const Model& source, const ModelRef& ref) {
  if (ref.model() != nullptr) return ref.model();
  if (!ref.name().empty() && source.sequelize().isDefined(ref.name())) {
    return &source.sequelize().model(ref.name());
  }
  return nullptr;
}

Entry conform(const Model& model, const IncludeOptions& o) {
  if (!o.association.empty()) {
    const Association& a = o.association.association() != nullptr
                               ? *o.association.association()
                               : byAlias(model, o.association.alias());
    if (&a.source() != &model) {
      throw EagerLoadingError(a.target().name() + " is not associated to " + model.name() + "!");
    }
    return Entry{&a, &o, nullptr};
  }
  if (const Model* target = namedModel(model, o.model)) {
    return Entry{&includedAssociation(model, *target, o.as), &o, nullptr};
  }
  throw Error(kUnexpected);
}

bool same(const AttributeItem& a, const AttributeItem& b) {
  return a.name == b.name && a.alias == b.alias;
}
bool same(const std::string& a, const std::string& b) {
  return a == b;
}

template <class T>
void appendMissing(std::vector<T>& into, const std::vector<T>& from) {
  for (const T& item : from) {
    if (std::none_of(into.begin(), into.end(), [&](const T& x) { return same(x, item); })) {
      into.push_back(item);
    }
  }
}

// Two includes of the same association become one, as Sequelize's _uniqIncludes: attribute
// lists and nested includes are united, wheres must both hold, a later `required` wins.
std::shared_ptr<const IncludeOptions> mergeOptions(const IncludeOptions* first,
                                                   const IncludeOptions* second) {
  auto out = std::make_shared<IncludeOptions>(first != nullptr ? *first : IncludeOptions{});
  if (second == nullptr) return out;
  appendMissing(out->attributes.only, second->attributes.only);
  appendMissing(out->attributes.include, second->attributes.include);
  appendMissing(out->attributes.exclude, second->attributes.exclude);
  out->where.andAlso(second->where);
  appendMissing(out->through.attributes.only, second->through.attributes.only);
  appendMissing(out->through.attributes.include, second->through.attributes.include);
  appendMissing(out->through.attributes.exclude, second->through.attributes.exclude);
  out->through.attributes.none = out->through.attributes.none && second->through.attributes.none;
  out->through.where.andAlso(second->through.where);
  if (second->required) out->required = second->required;
  for (const Include& child : second->include) out->include.push_back(child);
  return out;
}

bool typeSelected(const IncludeAll& all, const Association& a) {
  if (all.types().empty()) return true;
  return std::any_of(all.types().begin(), all.types().end(),
                     [&](const std::string& t) { return a.isOfIncludeType(t); });
}

void checkAllTypes(const IncludeAll& all) {
  static const char* const kValid[] = {"BelongsTo", "HasOne", "HasMany", "One",
                                       "Has",       "Many",   "All"};
  for (const std::string& t : all.types()) {
    if (std::none_of(std::begin(kValid), std::end(kValid), [&](const char* v) { return t == v; })) {
      throw EagerLoadingError("include all '" + t +
                              "' is not valid - must be BelongsTo, HasOne, HasMany, One, Has, "
                              "Many or All");
    }
  }
}

class Resolver {
 public:
  std::vector<ResolvedInclude> resolve(const Model& model, const IncludeList& includes) {
    path_.push_back(&model);
    std::pmr::vector<Entry> entries(&arena_);
    std::pmr::vector<const IncludeOptions*> alls(&arena_);
    for (const Include& include : includes) {
      const IncludeOptions& o = include.options();
      if (o.all.enabled()) {
        checkAllTypes(o.all);
        alls.push_back(&o);
        continue;
      }
      add(entries, conform(model, o));
    }
    // `all` adds the associations not included yet, after the others (Sequelize's order).
    for (const IncludeOptions* all : alls) {
      for (const Association* a : model.associations()) {
        if (!typeSelected(all->all, *a) || alreadyIncluded(entries, *a)) continue;
        if (all->nested && onPath(&a->target())) continue;
        add(entries, Entry{a, all, nullptr});
      }
    }

    std::vector<ResolvedInclude> out;
    out.reserve(entries.size());
    for (Entry& e : entries) out.push_back(finish(std::move(e)));
    path_.pop_back();
    return out;
  }

 private:
  static void add(std::pmr::vector<Entry>& entries, Entry entry) {
    for (Entry& e : entries) {
      if (e.association == entry.association) {
        e.merged = mergeOptions(e.options, entry.options);
        e.options = e.merged.get();
        return;
      }
    }
    entries.push_back(std::move(entry));
  }

  // Sequelize skips an association of `all` when the list has an include of its model (with
  // its alias, if it was given one).
  static bool alreadyIncluded(const std::pmr::vector<Entry>& entries, const Association& a) {
    return std::any_of(entries.begin(), entries.end(), [&](const Entry& e) {
      return &e.association->target() == &a.target() &&
             (!a.isAliased() || e.association->as() == a.as());
    });
  }

  [[nodiscard]] bool onPath(const Model* model) const {
    return std::find(path_.begin(), path_.end(), model) != path_.end();
  }

  ResolvedInclude finish(Entry e) {
    ResolvedInclude r;
    r.association = e.association;
    r.options = e.options;
    r.merged = std::move(e.merged);
    if (r.options == nullptr) return r;
    const IncludeOptions& o = *r.options;
    // A where on an include makes it required unless told otherwise, as in Sequelize.
    r.required = o.required.value_or(!o.where.empty());
    if (o.all.enabled() && o.nested) {
      // An expanded `all` with `nested` goes on at the next level, with the same options (except
      // on models already above it, so that cycles end).
      IncludeOptions again = o;
      again.include = IncludeList{};
      auto children = std::make_shared<IncludeList>(o.include);
      children->push_back(Include(std::move(again)));
      r.children = resolve(r.association->target(), *children);
      r.keepAlive = std::move(children);
    } else if (!o.include.empty()) {
      r.children = resolve(r.association->target(), o.include);
    }
    return r;
  }

  // The working lists live in a buffer inside the resolver (on the caller's stack) until a
  // large include tree outgrows it: resolving a few includes allocates only its result.
  alignas(std::max_align_t) std::byte buffer_[1024];  // NOLINT(modernize-avoid-c-arrays)
  std::pmr::monotonic_buffer_resource arena_{buffer_, sizeof buffer_};
  std::pmr::vector<const Model*> path_{&arena_};  // the model being resolved and those above it
};

}  // namespace

std::vector<ResolvedInclude> resolveIncludes(const Model& model, const IncludeList& includes) {
  return Resolver().resolve(model, includes);
}

}  // namespace sequelize::detail
