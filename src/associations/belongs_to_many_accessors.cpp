// belongsToMany's accessors, as Sequelize's belongs-to-many.js: get, count and has read the
// targets joined to the source's junction rows; add, set and remove write junction rows, with
// the same statements in the same order. Every writer is atomic (one transaction, or a savepoint
// of the caller's), where Sequelize sends set's DELETE, INSERT and UPDATEs one by one.
#include <algorithm>

#include "associations/belongs_to_many.hpp"
#include "connection/transaction_state.hpp"
#include "sequelize/database.hpp"
#include "sequelize/errors.hpp"

namespace sequelize::detail {
namespace {

std::vector<Value> distinct(std::vector<Value> values) {
  std::vector<Value> out;
  out.reserve(values.size());
  for (Value& v : values) {
    if (!listed(out, v)) out.push_back(std::move(v));
  }
  return out;
}

// `through` without the two key columns: the values a junction row takes besides its keys.
Values withoutKeys(const Values& through, const std::string& foreignKey,
                   const std::string& otherKey) {
  Values out = through;
  std::erase_if(out, [&](const Field& f) { return f.key == foreignKey || f.key == otherKey; });
  return out;
}

// Whether the junction row `row` holds other values than `through` gives.
bool differs(const Values& row, const Values& through) {
  return std::any_of(through.begin(), through.end(), [&](const Field& f) {
    const Value* current = fieldOf(row, f.key);
    return current == nullptr || !(*current == f.value);
  });
}

}  // namespace

FindOptions BelongsToMany::linkedTargets(const Value& key, const FindOptions& options,
                                         const AttributeSelection& joinAttributes) const {
  FindOptions find = options;
  find.joinTableAttributes.reset();
  find.through = {};
  // As Sequelize: the target joined to its junction row, the source's key (and through.where)
  // in the join's ON.
  IncludeOptions link;
  link.association = AssociationRef(*row_);
  link.attributes = joinAttributes;
  link.required = true;
  Where byKey = Where::attribute(foreignKey_, Predicate(key));
  link.where = options.through.where.empty() ? std::move(byKey)
                                             : Op::and_({std::move(byKey), options.through.where});
  find.include.push_back(Include(std::move(link)));
  return find;
}

std::vector<Instance> BelongsToMany::getMany(const Instance& source,
                                             const FindOptions& options) const {
  const Value& key = source.get(sourceKey_);
  if (key.isNullish()) return {};
  const AttributeSelection& join =
      options.joinTableAttributes ? *options.joinTableAttributes : options.through.attributes;
  return target_->findAll(linkedTargets(key, options, join));
}

std::int64_t BelongsToMany::count(const Instance& source, const FindOptions& options) const {
  const Value& key = source.get(sourceKey_);
  if (key.isNullish()) return 0;
  // Sequelize: SELECT COUNT(Target.key) AS count FROM target INNER JOIN junction ON ….
  const FindOptions linked = linkedTargets(key, options, AttributeSelection{.none = true});
  return target_->count(CountOptions{.where = linked.where,
                                     .include = linked.include,
                                     .col = target_->name() + "." + targetKey_,
                                     .transaction = options.transaction,
                                     .silent = options.silent});
}

bool BelongsToMany::has(const Instance& source, const std::vector<AssociatedValue>& targets,
                        const FindOptions& options) const {
  std::vector<Value> keys = targetKeys(*this, targets, "hasAssociations");
  const Value& key = source.get(sourceKey_);
  if (key.isNullish() || keys.empty()) return keys.empty();
  // Sequelize: the targets' keys ORed, selecting the target's key only.
  FindOptions find = linkedTargets(key, options, AttributeSelection{.none = true});
  Where wanted = anyOfKeys(targetKey_, keys);
  find.where =
      options.where.empty() ? std::move(wanted) : Op::and_({std::move(wanted), options.where});
  find.attributes = AttributeSelection{{AttributeItem{targetKey_}}};
  find.order.clear();
  // Every key asked for among those that came back (a junction without a unique key may hold
  // a link twice).
  std::vector<Value> found;
  for (const Values& row : target_->findAllRaw(find)) {
    if (const Value* k = fieldOf(row, targetKey_)) found.push_back(*k);
  }
  return std::all_of(keys.begin(), keys.end(), [&](const Value& k) { return listed(found, k); });
}

void BelongsToMany::link(const Value& sourceKey, const std::vector<Value>& targetKeys,
                         const Values& givenThrough, bool validate,
                         Transaction& transaction) const {
  if (targetKeys.empty()) return;
  const Values through = withoutKeys(givenThrough, foreignKey_, otherKey_);
  // The rows that exist already, then one INSERT of the missing ones and an UPDATE of each
  // existing one whose through values differ.
  FindOptions current{
      .where = Where{{foreignKey_, Predicate(sourceKey)}, {otherKey_, Op::in(targetKeys)}},
      .transaction = &transaction};
  const std::vector<Values> rows = junction_->findAllRaw(current);
  std::vector<Value> existing;
  std::vector<Value> stale;
  for (const Values& row : rows) {
    const Value* k = fieldOf(row, otherKey_);
    if (k == nullptr) continue;
    existing.push_back(*k);
    if (differs(row, through)) stale.push_back(*k);
  }
  writeLinks(sourceKey, distinct(targetKeys), existing, stale, through, validate, transaction);
}

void BelongsToMany::writeLinks(const Value& sourceKey, const std::vector<Value>& wanted,
                               const std::vector<Value>& existing, const std::vector<Value>& stale,
                               const Values& through, bool validate,
                               Transaction& transaction) const {
  std::vector<Values> records;
  for (const Value& k : wanted) {
    if (listed(existing, k)) continue;
    Values record = through;
    record.push_back(Field{foreignKey_, sourceKey});
    record.push_back(Field{otherKey_, k});
    records.push_back(std::move(record));
  }
  if (!records.empty()) {
    junction_->bulkCreate(std::move(records),
                          BulkCreateOptions{.validate = validate, .transaction = &transaction});
  }
  for (const Value& k : stale) {
    junction_->update(through, UpdateOptions{.where = Where{{foreignKey_, Predicate(sourceKey)},
                                                            {otherKey_, Predicate(k)}},
                                             .validate = validate,
                                             .transaction = &transaction});
  }
}

void BelongsToMany::add(Instance& source, const std::vector<AssociatedValue>& targets,
                        const SetAssociationOptions& options) const {
  const Value key = savedSourceKey(*this, source, "addAssociations");
  const std::vector<Value> keys = targetKeys(*this, targets, "addAssociations");
  if (keys.empty()) return;
  atomically(source_->sequelize(), options.transaction,
             [&](Transaction& t) { link(key, keys, options.through, options.validate, t); });
}

void BelongsToMany::setMany(Instance& source, const std::vector<AssociatedValue>& targets,
                            const SetAssociationOptions& options) const {
  const Value key = savedSourceKey(*this, source, "setAssociations");
  const std::vector<Value> wanted = distinct(targetKeys(*this, targets, "setAssociations"));
  const Values through = withoutKeys(options.through, foreignKey_, otherKey_);
  atomically(source_->sequelize(), options.transaction, [&](Transaction& t) {
    // The source's junction rows, then (in Sequelize's order) the obsolete ones deleted, the
    // new ones inserted, and the kept ones given other through values updated.
    FindOptions current{.where = Where::attribute(foreignKey_, Predicate(key)), .transaction = &t};
    std::vector<Value> kept;
    std::vector<Value> obsolete;
    std::vector<Value> stale;
    for (const Values& row : junction_->findAllRaw(current)) {
      const Value* k = fieldOf(row, otherKey_);
      if (k == nullptr) continue;
      if (!listed(wanted, *k)) {
        obsolete.push_back(*k);
        continue;
      }
      kept.push_back(*k);
      if (differs(row, through)) stale.push_back(*k);
    }
    if (!obsolete.empty()) {
      junction_->destroy(DestroyOptions{
          .where = Where{{foreignKey_, Predicate(key)}, {otherKey_, Op::in(std::move(obsolete))}},
          .transaction = &t});
    }
    writeLinks(key, wanted, kept, stale, through, options.validate, t);
  });
}

void BelongsToMany::remove(Instance& source, const std::vector<AssociatedValue>& targets,
                           const SetAssociationOptions& options) const {
  const Value key = savedSourceKey(*this, source, "removeAssociations");
  std::vector<Value> keys = targetKeys(*this, targets, "removeAssociations");
  if (keys.empty()) return;
  // Sequelize: one DELETE, no SELECT before it.
  junction_->destroy(DestroyOptions{
      .where = Where{{foreignKey_, Predicate(key)}, {otherKey_, Op::in(std::move(keys))}},
      .transaction = options.transaction});
}

Instance BelongsToMany::create(Instance& source, const Values& values,
                               const CreateOptions& options) const {
  const Value key = savedSourceKey(*this, source, "createAssociated");
  // The target row, then its junction row: both or neither.
  return atomically(source_->sequelize(), options.transaction, [&](Transaction& t) {
    CreateOptions create = options;
    create.transaction = &t;
    create.through.clear();
    Instance created = target_->create(values, create);
    link(key, {created.get(targetKey_)}, options.through, options.validate, t);
    return created;
  });
}

}  // namespace sequelize::detail
