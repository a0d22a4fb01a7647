// count, max, min and sum: one SELECT of one aggregate, with the where and includes of a find.
#include "connection/query_runner.hpp"
#include "query/select_plan.hpp"
#include "sequelize/database.hpp"
#include "sequelize/errors.hpp"

namespace sequelize {
namespace {

// Keeps the first column of the first row, read as `type` (or as the driver reports it).
class FirstValue final : public detail::RowConsumer {
 public:
  explicit FirstValue(const DataType* type) : type_(type) {}
  void onRow(detail::RowReader& row) override {
    if (seen_) return;
    seen_ = true;
    value_ = type_ != nullptr ? row.read(0, *type_) : row.readRaw(0);
  }
  Value& value() noexcept { return value_; }

 private:
  const DataType* type_;
  bool seen_ = false;
  Value value_;
};

// Runs `plan` with its columns replaced by one aggregate named `alias`.
Value runAggregate(const Model& model, detail::SelectPlan& plan, const Expr& aggregate,
                   const std::string& alias, const DataType* type, Transaction* transaction,
                   bool silent) {
  const detail::PlanColumnResolver resolver(plan, false);
  detail::SelectColumn column;
  column.expr =
      std::make_shared<const detail::CompiledExpr>(detail::compileExpr(aggregate, resolver));
  column.as = alias;
  plan.statement.columns = {std::move(column)};
  plan.statement.order.clear();
  plan.statement.limit.reset();
  plan.statement.offset.reset();
  detail::BoundStatement stmt;
  detail::StatementBuilder builder(model.sequelize().dialect(), stmt);
  detail::renderSelect(builder, plan.statement);
  FirstValue first(type);
  model.sequelize().runner().run(transaction, stmt.sql, stmt.params, &first, silent);
  return std::move(first.value());
}

}  // namespace

std::int64_t Model::count(const CountOptions& options) const {
  FindOptions find;
  find.where = options.where;
  find.include = options.include;
  detail::SelectPlan plan = detail::planSelect(*this, find);
  // As Sequelize: count(*), count(col) or count(DISTINCT(col)). With includes a parent joined
  // to several rows is still one row: its key is counted DISTINCT.
  Expr target = unsafeLiteral("*");
  bool distinct = options.distinct;
  if (!options.col.empty()) {
    target = col(options.col);
  } else if (plan.nodes.size() > 1 && pkIndex_) {
    target = col(primaryKeyAttribute());
    distinct = true;
  } else if (distinct && pkIndex_) {
    target = col(primaryKeyAttribute());
  }
  const Expr counted = distinct ? fn("count", fn("DISTINCT", target)) : fn("count", target);
  static const DataType kCountType = DataTypes::BIGINT;
  const Value n =
      runAggregate(*this, plan, counted, "count", &kCountType, options.transaction, options.silent);
  return n.isNullish() ? 0 : n.as<std::int64_t>();
}

Value Model::aggregate(std::string_view function, std::string_view attributeName,
                       const AggregateOptions& options) const {
  const Attribute* attr = attribute(attributeName);
  if (attr == nullptr) {
    throw Error("Unknown attribute \"" + std::string(attributeName) + "\" in " +
                std::string(function) + " of model " + name_);
  }
  FindOptions find;
  find.where = options.where;
  find.include = options.include;
  detail::SelectPlan plan = detail::planSelect(*this, find);
  return runAggregate(*this, plan, fn(std::string(function), col(std::string(attributeName))),
                      std::string(function), &attr->type, options.transaction, options.silent);
}

Value Model::max(std::string_view attribute, const AggregateOptions& options) const {
  return aggregate("max", attribute, options);
}

Value Model::min(std::string_view attribute, const AggregateOptions& options) const {
  return aggregate("min", attribute, options);
}

Value Model::sum(std::string_view attribute, const AggregateOptions& options) const {
  return aggregate("sum", attribute, options);
}

}  // namespace sequelize
