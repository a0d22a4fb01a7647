// The static finders: options -> SelectPlan -> SQL -> rows -> instances (or plain rows).
#include "core/query_runner.hpp"
#include "hydration/hydrator.hpp"
#include "hydration/raw_rows.hpp"
#include "query/select_plan.hpp"
#include "sequelize/database.hpp"
#include "sequelize/errors.hpp"

namespace sequelize {

std::vector<Instance> Model::findAll(const FindOptions& options) const {
  const detail::SelectPlan plan = detail::planSelect(*this, options);
  detail::BoundStatement stmt;
  detail::StatementBuilder builder(sequelize_->dialect(), stmt);
  detail::renderSelect(builder, plan.statement);
  detail::Hydrator hydrator(plan);
  sequelize_->runner().run(options.transaction, stmt.sql, stmt.params, &hydrator, options.silent);
  return std::move(hydrator.results());
}

std::vector<Values> Model::findAllRaw(const FindOptions& options) const {
  const detail::SelectPlan plan = detail::planSelect(*this, options);
  detail::BoundStatement stmt;
  detail::StatementBuilder builder(sequelize_->dialect(), stmt);
  detail::renderSelect(builder, plan.statement);
  detail::RawRowCollector rows(plan, options.nest);
  sequelize_->runner().run(options.transaction, stmt.sql, stmt.params, &rows, options.silent);
  return std::move(rows.results());
}

std::optional<Instance> Model::findOne(const FindOptions& options) const {
  FindOptions limited = options;
  // As Sequelize: LIMIT 1 unless the where is on the primary key.
  bool onKey = false;
  if (!options.limit && pkIndex_) {
    const Where& w = options.where;
    auto isKeyEquality = [&](const Where& node) {
      return node.kind() == Where::Kind::Attribute && node.attributeName() == primaryKeyAttribute() &&
             node.ops().size() == 1 && node.ops().front().op == OpKind::eq &&
             node.ops().front().operand.kind() != ValueKind::Array;
    };
    if (isKeyEquality(w)) onKey = true;
    if (w.kind() == Where::Kind::And) {
      for (const Where& c : w.children()) onKey = onKey || isKeyEquality(c);
    }
  }
  if (!options.limit && !onKey) limited.limit = 1;
  std::vector<Instance> rows = findAll(limited);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::optional<Instance> Model::findByPk(const Value& key, const FindOptions& options) const {
  if (key.isNullish()) return std::nullopt;
  if (!pkIndex_) throw Error("Model " + name_ + " has no primary key");
  FindOptions byKey = options;
  byKey.where = Where::attribute(primaryKeyAttribute(), Predicate(key));
  return findOne(byKey);
}

FindAndCountAllResult Model::findAndCountAll(const FindOptions& options) const {
  FindAndCountAllResult result;
  result.count = count(CountOptions{.where = options.where,
                                    .include = options.include,
                                    .transaction = options.transaction,
                                    .silent = options.silent});
  result.rows = findAll(options);
  return result;
}

}  // namespace sequelize
