// hasMany's accessors, as Sequelize's has-many.js: the same statements in the same order, with
// set made atomic (Sequelize runs its two UPDATEs as separate statements).
#include <algorithm>

#include "associations/has_many.hpp"
#include "connection/transaction_state.hpp"
#include "sequelize/database.hpp"
#include "sequelize/errors.hpp"

namespace sequelize::detail {

Where HasMany::linkedTo(const Value& key, const Where& extra) const {
  Where byKey = Where::attribute(foreignKey_, Predicate(key));
  return extra.empty() ? byKey : Op::and_({std::move(byKey), extra});
}

std::vector<Instance> HasMany::getMany(const Instance& source, const FindOptions& options) const {
  const Value& key = source.get(sourceKey_);
  // Sequelize would look for targets whose key IS NULL (rows that belong to nobody).
  if (key.isNullish()) return {};
  FindOptions find = options;
  find.where = linkedTo(key, options.where);
  return target_->findAll(find);
}

std::int64_t HasMany::count(const Instance& source, const FindOptions& options) const {
  const Value& key = source.get(sourceKey_);
  if (key.isNullish()) return 0;
  // Sequelize: SELECT COUNT(Target.pk) AS count … WHERE fk = key.
  FindOptions find = options;
  find.where = linkedTo(key, options.where);
  find.attributes = AttributeSelection{
      {AttributeItem{fn("COUNT", col(target_->name() + "." + targetKey_)), "count"}}};
  find.order.clear();
  const std::vector<Values> rows = target_->findAllRaw(find);
  if (rows.empty()) return 0;
  const Value* count = fieldOf(rows.front(), "count");
  return count == nullptr ? 0 : count->as<std::int64_t>();
}

bool HasMany::has(const Instance& source, const std::vector<AssociatedValue>& targets,
                  const FindOptions& options) const {
  std::vector<Value> keys = targetKeys(*this, targets, "hasAssociations");
  const Value& key = source.get(sourceKey_);
  if (key.isNullish() || keys.empty()) return keys.empty();
  // Sequelize: the targets' keys ORed, ANDed with the link, selecting the primary key only.
  FindOptions find = options;
  Where wanted = anyOfKeys(targetKey_, keys);
  find.where = linkedTo(key, options.where.empty() ? std::move(wanted)
                                                   : Op::and_({std::move(wanted), options.where}));
  find.attributes = AttributeSelection{{AttributeItem{targetKey_}}};
  std::vector<Value> distinct;
  for (Value& k : keys) {
    if (!listed(distinct, k)) distinct.push_back(std::move(k));
  }
  return target_->findAllRaw(find).size() == distinct.size();
}

void HasMany::setMany(Instance& source, const std::vector<AssociatedValue>& targets,
                      const SetAssociationOptions& options) const {
  const Value key = savedSourceKey(*this, source, "setAssociations");
  const std::vector<Value> wanted = targetKeys(*this, targets, "setAssociations");
  // The current targets, then the obsolete ones unlinked and the new ones linked: one
  // transaction (a savepoint inside the caller's), where Sequelize runs them one by one.
  atomically(source_->sequelize(), options.transaction, [&](Transaction& t) {
    FindOptions current{.where = linkedTo(key, {}), .transaction = &t};
    current.attributes = AttributeSelection{{AttributeItem{targetKey_}}};
    std::vector<Value> old;
    for (const Values& row : target_->findAllRaw(current)) {
      if (const Value* k = fieldOf(row, targetKey_)) old.push_back(*k);
    }
    std::vector<Value> obsolete;
    for (const Value& k : old) {
      if (!listed(wanted, k)) obsolete.push_back(k);
    }
    std::vector<Value> added;
    for (const Value& k : wanted) {
      if (!listed(old, k) && !listed(added, k)) added.push_back(k);
    }
    const UpdateOptions base{
        .validate = options.validate, .silent = options.silent, .transaction = &t};
    if (!obsolete.empty()) {
      UpdateOptions unlink = base;
      // Sequelize's object form, {fk: key, pk: [...]}: written without parentheses.
      unlink.where =
          Where{{foreignKey_, Predicate(key)}, {targetKey_, Op::in(std::move(obsolete))}};
      target_->update({{foreignKey_, nullptr}}, unlink);
    }
    if (!added.empty()) {
      UpdateOptions link = base;
      link.where = Where::attribute(targetKey_, Op::in(std::move(added)));
      target_->update({{foreignKey_, key}}, link);
    }
  });
}

void HasMany::add(Instance& source, const std::vector<AssociatedValue>& targets,
                  const SetAssociationOptions& options) const {
  const Value key = savedSourceKey(*this, source, "addAssociations");
  std::vector<Value> keys = targetKeys(*this, targets, "addAssociations");
  if (keys.empty()) return;
  target_->update({{foreignKey_, key}},
                  UpdateOptions{.where = Where::attribute(targetKey_, Op::in(std::move(keys))),
                                .validate = options.validate,
                                .silent = options.silent,
                                .transaction = options.transaction});
}

void HasMany::remove(Instance& source, const std::vector<AssociatedValue>& targets,
                     const SetAssociationOptions& options) const {
  const Value key = savedSourceKey(*this, source, "removeAssociations");
  std::vector<Value> keys = targetKeys(*this, targets, "removeAssociations");
  if (keys.empty()) return;
  target_->update({{foreignKey_, nullptr}},
                  // Sequelize's object form, {fk: key, pk: [...]}: written without parentheses.
                  UpdateOptions{.where = Where{{foreignKey_, Predicate(key)},
                                               {targetKey_, Op::in(std::move(keys))}},
                                .validate = options.validate,
                                .silent = options.silent,
                                .transaction = options.transaction});
}

Instance HasMany::create(Instance& source, const Values& values,
                         const CreateOptions& options) const {
  const Value key = savedSourceKey(*this, source, "createAssociated");
  Values withKey = values;
  const auto given = std::find_if(withKey.begin(), withKey.end(),
                                  [&](const Field& f) { return f.key == foreignKey_; });
  if (given != withKey.end()) {
    given->value = key;
  } else {
    withKey.push_back(Field{foreignKey_, key});
  }
  CreateOptions create = options;
  if (!create.fields.empty()) create.fields.push_back(foreignKey_);
  return target_->create(withKey, create);
}

}  // namespace sequelize::detail
