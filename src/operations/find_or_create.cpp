// findOrCreate: a find and, when nothing is found, a create, in one transaction (a savepoint of
// the caller's). A row that someone else created between the two is found, not duplicated.
#include <algorithm>

#include "connection/transaction_state.hpp"
#include "sequelize/database.hpp"
#include "sequelize/errors.hpp"

namespace sequelize {
namespace {

bool isPlainEquality(const Where& node) {
  if (node.kind() != Where::Kind::Attribute || node.ops().size() != 1) return false;
  const OpValue& op = node.ops().front();
  return op.op == OpKind::eq && op.operand.kind() != ValueKind::Array &&
         !node.attributeName().starts_with('$');
}

// The new row's values: the defaults, then where's plain equalities for keys the defaults
// leave out (Sequelize's Utils.defaults(defaults, where)).
Values valuesToCreate(const FindOrCreateOptions& options) {
  Values values = options.defaults;
  auto add = [&](const Where& node) {
    if (!isPlainEquality(node)) return;
    const bool given = std::any_of(values.begin(), values.end(),
                                   [&](const Field& f) { return f.key == node.attributeName(); });
    if (!given) values.push_back(Field{node.attributeName(), node.ops().front().operand});
  };
  const Where& where = options.where;
  if (where.kind() == Where::Kind::Attribute) add(where);
  if (where.kind() == Where::Kind::And) {
    for (const Where& child : where.children()) add(child);
  }
  return values;
}

}  // namespace

std::pair<Instance, bool> Model::findOrCreate(const FindOrCreateOptions& options) const {
  if (options.where.empty()) {
    throw Error("Missing where attribute in the options parameter passed to findOrCreate.");
  }
  const Values values = valuesToCreate(options);
  const bool internal = options.transaction == nullptr;
  // As Sequelize, a transaction of its own (logged as such), or a savepoint in the caller's.
  // On SQLite it starts IMMEDIATE: two findOrCreates on one file wait for each other instead of
  // both reading "nothing there" and failing to upgrade their locks.
  TransactionOptions begin;
  begin.transaction = options.transaction;
  if (internal) begin.type = TransactionType::IMMEDIATE;
  Transaction t = detail::TransactionAccess::begin(sequelize(), begin, true);
  FindOptions find;
  find.where = options.where;
  find.transaction = &t;
  if (std::optional<Instance> found = findOne(find)) {
    t.commit();
    return {std::move(*found), false};
  }
  try {
    // Its own savepoint: a failed INSERT must not spoil the transaction (PostgreSQL).
    Instance created = detail::atomically(sequelize(), &t, [&](Transaction& inner) {
      return create(values, CreateOptions{.transaction = &inner});
    });
    t.commit();
    return {std::move(created), true};
  } catch (const UniqueConstraintError&) {
    // Someone else created a matching row meanwhile. Our own transaction holds nothing else,
    // so it ends and the row is read as committed; in the caller's it is read there.
    Transaction* findIn = &t;
    if (internal) {
      t.rollback();
      findIn = nullptr;
    }
    find.transaction = findIn;
    if (std::optional<Instance> found = findOne(find)) {
      if (!internal) t.commit();
      return {std::move(*found), false};
    }
    throw;
  }
}

}  // namespace sequelize
