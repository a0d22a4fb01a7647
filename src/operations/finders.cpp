// The static finders: options -> SelectPlan -> SQL -> rows -> instances (or plain rows).
//
// A find over every attribute without include, group or order (findByPk, findOne by a where,
// most findAlls) uses the model's cached plain plan: only its WHERE and LIMIT are rendered per
// call, the rest of the text and the column map are made once.
#include <algorithm>
#include <span>
#include <unordered_map>

#include "connection/query_runner.hpp"
#include "hydration/child_index.hpp"
#include "hydration/hydrator.hpp"
#include "hydration/raw_rows.hpp"
#include "model/instance_internals.hpp"
#include "model/model_caches.hpp"
#include "model/type_coercion.hpp"
#include "query/include_resolver.hpp"
#include "query/select_plan.hpp"
#include "sequelize/database.hpp"
#include "sequelize/errors.hpp"

namespace sequelize {
namespace {

bool usesPlainPlan(const FindOptions& o) {
  const AttributeSelection& a = o.attributes;
  return o.include.empty() && a.isAll() && a.include.empty() && a.exclude.empty() &&
         o.group.empty() && o.order.empty();
}

// Room reserved for the clauses a find appends to the model's plain SELECT.
constexpr std::size_t kClauseRoom = 160;

std::shared_ptr<const detail::SelectPlan> plainPlan(const Model& model, std::string& prefix) {
  detail::ModelCaches& caches = detail::ModelCaches::of(model);
  {
    std::lock_guard lock(caches.mutex);
    if (caches.plainSelect) {
      // With room for the WHERE and LIMIT that follow, so that appending them moves nothing.
      prefix.reserve(caches.plainSelectSql.size() + kClauseRoom);
      prefix.append(caches.plainSelectSql);
      return caches.plainSelect;
    }
  }
  auto plan = std::make_shared<const detail::SelectPlan>(detail::planSelect(model, FindOptions{}));
  detail::BoundStatement stmt;
  detail::StatementBuilder b(model.sequelize().dialect(), stmt);
  detail::renderSelect(b, plan->statement);
  stmt.sql.pop_back();  // the ';'
  std::lock_guard lock(caches.mutex);
  caches.plainSelect = plan;
  caches.plainSelectSql = stmt.sql;
  prefix = std::move(stmt.sql);
  return plan;
}

// A find ready to run: its plan (the model's cached one, or its own) and its statement, whose
// placeholders point into `where`. Filled in place: it must not move once prepared.
struct PreparedFind {
  std::shared_ptr<const detail::SelectPlan> cached;
  detail::SelectPlan own;
  detail::Condition where;
  detail::BoundStatement stmt;
  [[nodiscard]] const detail::SelectPlan& plan() const { return cached ? *cached : own; }
};

// Prepares a find with `where` and `limit` in place of the options' own (and, for a to-many
// include's limit, at most so many rows per key).
void prepareFind(PreparedFind& out, const Model& model, const FindOptions& options,
                 const Where& where, std::optional<std::int64_t> limit,
                 const detail::RowsPerKey* perKey = nullptr) {
  const detail::Dialect& dialect = model.sequelize().dialect();
  if (perKey == nullptr && usesPlainPlan(options)) {
    if ((limit && *limit < 0) || (options.offset && *options.offset < 0)) {
      throw RangeError("limit and offset must not be negative");
    }
    out.cached = plainPlan(model, out.stmt.sql);
    out.stmt.params.reserve(8);
    const detail::PlanColumnResolver resolver(*out.cached, true);
    out.where = detail::compileWhere(where, resolver);
    detail::StatementBuilder b(dialect, out.stmt);
    detail::appendWhereClause(b, out.where);
    dialect.appendLimitOffset(out.stmt.sql, limit, options.offset);
    b.raw(";");
    return;
  }
  FindOptions adjusted = options;
  adjusted.where = where;
  adjusted.limit = limit;
  out.own = detail::planSelect(model, adjusted, perKey);
  detail::StatementBuilder builder(dialect, out.stmt);
  detail::renderSelect(builder, out.own.statement);
}

// Adds `name` to an attribute list that names attributes but not it (the key a separate
// include or its parents are matched by, which Sequelize selects too).
void selectAlso(AttributeSelection& selection, const std::string& name) {
  if (selection.none) {
    selection.none = false;
    selection.only = {AttributeItem(name)};
    return;
  }
  if (selection.isAll()) {
    std::erase(selection.exclude, name);
    return;
  }
  for (const AttributeItem& item : selection.only) {
    if (item.alias.empty() && !item.expr && item.name == name) return;
  }
  selection.only.emplace_back(name);
}

std::vector<Instance> findInstances(const Model& model, const FindOptions& options,
                                    const Where& where, std::optional<std::int64_t> limit,
                                    const detail::RowsPerKey* perKey = nullptr);

// Whether an include is read by a query of its own: separate, or given a limit (which Sequelize
// makes separate).
bool isSeparate(const IncludeOptions& o) {
  return o.separate || o.limit.has_value();
}

// Sequelize's separate: a to-many include read by a query of its own, for every parent at once
// (`WHERE fk IN (parent keys)`, the include's where, attributes, order and nested includes),
// its rows handed out to their parents' lists in the order they came.
void loadSeparately(std::span<Instance* const> parents, const detail::ResolvedInclude& include,
                    const FindOptions& options) {
  const Association& a = *include.association;
  // Parents by the hash of their key (several parents may share one key).
  std::unordered_map<std::size_t, std::vector<std::size_t>> byKey;
  std::vector<Value> keys;
  for (std::size_t p = 0; p < parents.size(); ++p) {
    const Value& key = parents[p]->get(a.sourceKey());
    if (key.isNullish()) continue;
    std::vector<std::size_t>& same = byKey[detail::hashKeyValue(key)];
    const bool seen = std::any_of(same.begin(), same.end(), [&](std::size_t q) {
      return parents[q]->get(a.sourceKey()) == key;
    });
    if (!seen) keys.push_back(key);
    same.push_back(p);
  }
  std::vector<Instance> children;
  if (!keys.empty()) {
    FindOptions find;
    const IncludeOptions* own = include.options;
    Where linked = Where::attribute(a.foreignKey(), Op::in(std::move(keys)));
    find.where = own != nullptr && !own->where.empty() ? Op::and_({std::move(linked), own->where})
                                                       : std::move(linked);
    if (own != nullptr) {
      find.attributes = own->attributes;
      find.include = own->include;
      find.order = own->order;
    }
    selectAlso(find.attributes, a.foreignKey());
    find.transaction = options.transaction;
    find.silent = options.silent;
    // A limit is each parent's: at most so many rows per foreign key value, by one query.
    std::optional<detail::RowsPerKey> perKey;
    if (own != nullptr && own->limit) perKey = detail::RowsPerKey{a.foreignKey(), *own->limit};
    children =
        findInstances(a.target(), find, find.where, std::nullopt, perKey ? &*perKey : nullptr);
  }
  std::vector<std::vector<Instance>> lists(parents.size());
  for (Instance& child : children) {
    const Value& fk = child.get(a.foreignKey());
    const auto found = byKey.find(detail::hashKeyValue(fk));
    if (found == byKey.end()) continue;
    // Copied to every parent with that key but the last, which takes it.
    std::size_t last = parents.size();
    for (const std::size_t p : found->second) {
      if (!(parents[p]->get(a.sourceKey()) == fk)) continue;
      if (last != parents.size()) lists[last].push_back(child);
      last = p;
    }
    if (last != parents.size()) lists[last].push_back(std::move(child));
  }
  for (std::size_t p = 0; p < parents.size(); ++p) {
    detail::InstanceAccess::setIncludedList(*parents[p], a, std::move(lists[p]));
  }
}

// A separate include: the associations from the root down to the instances it is loaded for
// (none for one of the root), and the include.
struct SeparateInclude {
  std::vector<const Association*> path;
  detail::ResolvedInclude include;
};

bool hasSeparate(const IncludeList& list) {
  return std::any_of(list.begin(), list.end(), [](const Include& item) {
    return isSeparate(item.options()) || hasSeparate(item.options().include);
  });
}

// `list` (includes of `model`, at the level `path` leads to) without its separate includes, at
// any depth of the joined ones: each is recorded in `found` (when given) with its path, checked
// before any SQL, and the level above it (`attributes`, that level's selection) selects the key
// its rows are matched by, as Sequelize adds it.
IncludeList withoutSeparates(const Model& model, const IncludeList& list,
                             AttributeSelection& attributes, std::vector<const Association*>& path,
                             std::vector<SeparateInclude>* found) {
  IncludeList out;
  for (const Include& item : list) {
    const IncludeOptions& o = item.options();
    if (isSeparate(o)) {
      if (o.limit && *o.limit < 0) throw RangeError("limit and offset must not be negative");
      for (detail::ResolvedInclude& r : detail::resolveIncludes(model, IncludeList{item})) {
        // Read by the target's foreign key: a to-many association whose target holds it (not
        // one through a junction), as Sequelize allows it for HasMany only.
        if (!r.association->isMultiAssociation() || r.association->through() != nullptr) {
          throw EagerLoadingError("Only HasMany associations support include.separate");
        }
        selectAlso(attributes, r.association->sourceKey());
        if (found != nullptr) found->push_back(SeparateInclude{path, std::move(r)});
      }
      continue;
    }
    if (!hasSeparate(o.include)) {
      out.push_back(item);
      continue;
    }
    if (o.all.enabled()) {
      throw EagerLoadingError(
          "A separate include (or one with a limit) inside include all is not "
          "supported: include that association by name");
    }
    const Association& a = *detail::resolveIncludes(model, IncludeList{item}).front().association;
    IncludeOptions joined = o;
    path.push_back(&a);
    joined.include = withoutSeparates(a.target(), o.include, joined.attributes, path, found);
    path.pop_back();
    out.push_back(Include(std::move(joined)));
  }
  return out;
}

// The instances a separate include is loaded for: those reached from the roots through its
// path's associations, in order.
std::vector<Instance*> instancesAlong(std::vector<Instance>& roots,
                                      const std::vector<const Association*>& path) {
  std::vector<Instance*> level;
  level.reserve(roots.size());
  for (Instance& root : roots) level.push_back(&root);
  for (const Association* a : path) {
    std::vector<Instance*> next;
    for (Instance* parent : level) {
      for (detail::IncludedSlot& slot : detail::InstanceAccess::included(*parent)) {
        if (slot.association != a) continue;
        detail::IncludedSlot::forEach(slot, [&](Instance& i) { next.push_back(&i); });
      }
    }
    level = std::move(next);
  }
  return level;
}

std::vector<Instance> findInstances(const Model& model, const FindOptions& options,
                                    const Where& where, std::optional<std::int64_t> limit,
                                    const detail::RowsPerKey* perKey) {
  // Separate includes leave the join, at any depth; the key their rows are matched by is
  // selected for them.
  std::vector<SeparateInclude> separate;
  FindOptions joined;
  const FindOptions* effective = &options;
  if (hasSeparate(options.include)) {
    joined = options;
    std::vector<const Association*> path;
    joined.include = withoutSeparates(model, options.include, joined.attributes, path, &separate);
    effective = &joined;
  }
  PreparedFind find;
  prepareFind(find, model, *effective, where, limit, perKey);
  detail::Hydrator hydrator(find.plan());
  model.sequelize().runner().run(options.transaction, find.stmt.sql, find.stmt.params, &hydrator,
                                 options.silent);
  std::vector<Instance> results = std::move(hydrator.results());
  // Each for every instance at its level, whatever their parents.
  for (const SeparateInclude& include : separate) {
    loadSeparately(instancesAlong(results, include.path), include.include, options);
  }
  return results;
}

}  // namespace

std::vector<Instance> Model::findAll(const FindOptions& options) const {
  return findInstances(*this, options, options.where, options.limit);
}

std::vector<Values> Model::findAllRaw(const FindOptions& options) const {
  PreparedFind find;
  prepareFind(find, *this, options, options.where, options.limit);
  detail::RawRowCollector rows(find.plan(), options.nest);
  sequelize().runner().run(options.transaction, find.stmt.sql, find.stmt.params, &rows,
                           options.silent);
  return std::move(rows.results());
}

std::optional<Instance> Model::findOne(const FindOptions& options) const {
  // As Sequelize: LIMIT 1 unless the where is on the primary key.
  bool onKey = false;
  if (!options.limit && pkIndex_) {
    const Where& w = options.where;
    auto isKeyEquality = [&](const Where& node) {
      return node.kind() == Where::Kind::Attribute &&
             node.attributeName() == primaryKeyAttribute() && node.ops().size() == 1 &&
             node.ops().front().op == OpKind::eq &&
             node.ops().front().operand.kind() != ValueKind::Array;
    };
    if (isKeyEquality(w)) onKey = true;
    if (w.kind() == Where::Kind::And) {
      for (const Where& c : w.children()) onKey = onKey || isKeyEquality(c);
    }
  }
  std::optional<std::int64_t> limit = options.limit;
  if (!limit && !onKey) limit = 1;
  std::vector<Instance> rows = findInstances(*this, options, options.where, limit);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::optional<Instance> Model::findByPk(const Value& key, const FindOptions& options) const {
  if (key.isNullish()) return std::nullopt;
  if (!pkIndex_) throw Error("Model " + name_ + " has no primary key");
  if (usesPlainPlan(options) && !options.limit && !options.offset &&
      key.kind() != ValueKind::Array && key.kind() != ValueKind::Object) {
    // The common call: the text is the same for every non-null key, so it is rendered once
    // (by the general path below) and a call only binds its key.
    const Value bound =
        detail::coerceOperand(attributes_[*pkIndex_], key, detail::columnLimits(*this));
    if (!bound.isNullish()) {
      detail::ModelCaches& caches = detail::ModelCaches::of(*this);
      std::shared_ptr<const detail::SelectPlan> plan;
      std::shared_ptr<const std::string> sql;
      {
        std::lock_guard lock(caches.mutex);
        plan = caches.plainSelect;
        sql = caches.findByPkSql;
      }
      if (!plan || !sql) {
        PreparedFind find;
        prepareFind(find, *this, FindOptions{},
                    Where::attribute(primaryKeyAttribute(), Predicate(bound)), std::nullopt);
        plan = find.cached;
        sql = std::make_shared<const std::string>(std::move(find.stmt.sql));
        std::lock_guard lock(caches.mutex);
        caches.findByPkSql = sql;
      }
      const Value* params[] = {&bound};
      detail::Hydrator hydrator(*plan);
      sequelize().runner().run(options.transaction, *sql, params, &hydrator, options.silent);
      std::vector<Instance>& rows = hydrator.results();
      if (rows.empty()) return std::nullopt;
      return std::move(rows.front());
    }
  }
  const Where byKey = Where::attribute(primaryKeyAttribute(), Predicate(key));
  std::vector<Instance> rows = findInstances(*this, options, byKey, options.limit);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

FindAndCountAllResult Model::findAndCountAll(const FindOptions& options) const {
  FindAndCountAllResult result;
  // Separate includes are read after the parents and never drop one: not in the count.
  AttributeSelection unused;
  std::vector<const Association*> path;
  const IncludeList joined = withoutSeparates(*this, options.include, unused, path, nullptr);
  result.count = count(CountOptions{.where = options.where,
                                    .include = joined,
                                    .transaction = options.transaction,
                                    .silent = options.silent});
  result.rows = findAll(options);
  return result;
}

}  // namespace sequelize
