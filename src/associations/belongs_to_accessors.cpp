// belongsTo's get / set / create, as Sequelize's belongs-to.js: the source row holds the key.
#include "associations/belongs_to.hpp"
#include "connection/transaction_state.hpp"
#include "sequelize/database.hpp"
#include "sequelize/errors.hpp"

namespace sequelize::detail {

std::optional<Instance> BelongsTo::getOne(const Instance& source,
                                          const FindOptions& options) const {
  const Value& key = source.get(foreignKey_);
  // No key, no parent (Sequelize's findByPk says the same without a query).
  if (key.isNullish()) return std::nullopt;
  if (targetKey_ == target_->primaryKeyAttribute() && options.where.empty()) {
    return target_->findByPk(key, options);
  }
  // As Sequelize: the key ANDed with the caller's where, and no LIMIT.
  FindOptions find = options;
  find.where = Op::and_({Where::attribute(targetKey_, Predicate(key)), options.where});
  find.limit.reset();
  std::vector<Instance> rows = target_->findAll(find);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

void BelongsTo::setOne(Instance& source, const AssociatedValue& value,
                       const SetAssociationOptions& options) const {
  Value key = value.key();
  if (value.instance() != nullptr) {
    key = value.instance()->get(targetKey_);
    // Sequelize would store undefined and save nothing: the link would silently not happen.
    if (key.isNullish()) {
      throw Error("setAssociated(\"" + as_ + "\"): the " + target_->name() + " instance has no " +
                  targetKey_ + " yet; save it first, or use createAssociated");
    }
  }
  source.set(foreignKey_, std::move(key));
  if (!options.save) return;
  source.save(SaveOptions{.transaction = options.transaction,
                          .fields = {foreignKey_},
                          .validate = options.validate,
                          .silent = options.silent});
}

Instance BelongsTo::create(Instance& source, const Values& values,
                           const CreateOptions& options) const {
  // The target's INSERT and the source's UPDATE: all or nothing (Sequelize keeps the target
  // when the update fails). The source is restored when anything fails.
  Instance before = source;
  try {
    return atomically(source_->sequelize(), options.transaction, [&](Transaction& t) {
      CreateOptions create = options;
      create.transaction = &t;
      Instance created = target_->create(values, create);
      setOne(source, AssociatedValue(created),
             SetAssociationOptions{.transaction = &t, .validate = options.validate});
      return created;
    });
  } catch (...) {
    source = std::move(before);
    throw;
  }
}

}  // namespace sequelize::detail
