// hasOne's get / set / create, as Sequelize's has-one.js: the target row holds the key.
#include <algorithm>

#include "associations/has_one.hpp"
#include "connection/transaction_state.hpp"
#include "sequelize/database.hpp"
#include "sequelize/errors.hpp"

namespace sequelize::detail {
std::optional<Instance> HasOne::getOne(const Instance& source, const FindOptions& options) const {
  const Value& key = source.get(sourceKey_);
  // Sequelize would look for targets whose key IS NULL (rows that belong to nobody).
  if (key.isNullish()) return std::nullopt;
  FindOptions find = options;
  Where byKey = Where::attribute(foreignKey_, Predicate(key));
  find.where =
      options.where.empty() ? std::move(byKey) : Op::and_({std::move(byKey), options.where});
  return target_->findOne(find);
}

void HasOne::setOne(Instance& source, const AssociatedValue& value,
                    const SetAssociationOptions& options) const {
  const Value key = savedSourceKey(*this, source, "setAssociated");
  const std::string& targetKey = target_->primaryKeyAttribute();
  // Two UPDATEs (unlink the old target, link the new one): all or nothing.
  atomically(source_->sequelize(), options.transaction, [&](Transaction& t) {
    std::optional<Instance> old = getOne(source, FindOptions{.transaction = &t});
    bool alreadyAssociated = false;
    if (old && !value.isNull()) {
      const Value& wanted =
          value.instance() != nullptr ? value.instance()->get(targetKey) : value.key();
      alreadyAssociated = old->get(targetKey) == wanted;
    }
    const SaveOptions save{
        .transaction = &t, .validate = options.validate, .silent = options.silent};
    if (old && !alreadyAssociated) {
      old->set(foreignKey_, nullptr);
      SaveOptions unlink = save;
      unlink.fields = {foreignKey_};
      old->save(unlink);
    }
    if (value.isNull() || alreadyAssociated) return;
    if (value.mutableInstance() != nullptr) {
      value.mutableInstance()->set(foreignKey_, key);
      value.mutableInstance()->save(save);
    } else if (value.instance() != nullptr) {
      Instance copy = *value.instance();
      copy.set(foreignKey_, key);
      copy.save(save);
    } else {
      // A primary key: the row is updated without being read, as Sequelize does.
      Instance byKey = target_->build({{targetKey, value.key()}}, {.isNewRecord = false});
      byKey.set(foreignKey_, key);
      byKey.save(save);
    }
  });
}

Instance HasOne::create(Instance& source, const Values& values,
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
