// Static writers over many rows: update, destroy and increment / decrement, each one statement
// whose where is required (Where::allRows() says "every row" on purpose).
#include <algorithm>

#include "connection/query_runner.hpp"
#include "model/instance_internals.hpp"
#include "model/timestamps.hpp"
#include "model/type_coercion.hpp"
#include "model/validation.hpp"
#include "query/statements.hpp"
#include "query/write_statements.hpp"
#include "sequelize/database.hpp"
#include "sequelize/errors.hpp"

namespace sequelize {
namespace {

using detail::InstanceAccess;

// WHERE of UPDATE and DELETE: bare column names, as Sequelize writes them there.
detail::Condition compileBareWhere(const Model& model, const Where& where) {
  const detail::ModelColumnResolver resolver(model, "");
  return detail::compileWhere(where, resolver);
}

// The where of update, destroy and increment, compiled; refused when it would touch every row
// without saying so (Where::allRows()). What counts is what the where compiles to: a where
// whose groups are all empty (an Op.notIn of nothing, NOT of an empty Op.or) matches every row
// as surely as no where at all, and one that matches no row (an empty Op.or) is a where.
detail::Condition requiredWhere(const Model& model, const Where& where,
                                const std::string& operation, const std::string& missingMessage) {
  detail::Condition compiled = compileBareWhere(model, where);
  if (compiled.matchesAll() && !where.isAllRows()) {
    if (where.empty()) throw Error(missingMessage);
    throw Error("The where passed to " + operation +
                " matches every row: none of its conditions restricts the rows. Use "
                "Where::allRows() to " +
                operation + " every row.");
  }
  return compiled;
}

std::int64_t run(const Model& model, detail::BoundStatement& stmt, Transaction* transaction) {
  return model.sequelize().runner().run(transaction, stmt.sql, stmt.params, nullptr).affectedRows;
}

}  // namespace

std::int64_t Model::update(const Values& values, const UpdateOptions& options) const {
  detail::UpdateStatement update;
  update.where = requiredWhere(*this, options.where, "update",
                               "Missing where attribute in the options parameter passed to "
                               "update. Use Where::allRows() to update every row.");
  // The values, coerced as set() coerces them; unknown names are errors.
  Values given;
  for (const Field& f : values) {
    if (f.value.isUndefined()) continue;
    if (attribute(f.key) == nullptr) {
      throw Error("Unknown attribute \"" + f.key + "\" in values of update of model " + name_);
    }
    if (!options.fields.empty() &&
        std::find(options.fields.begin(), options.fields.end(), f.key) == options.fields.end()) {
      continue;
    }
    given.push_back(f);
  }
  for (const std::string& name : options.fields) {
    if (attribute(name) == nullptr) {
      throw Error("Unknown attribute \"" + name + "\" in fields of update of model " + name_);
    }
  }
  // A row holding just these values, each coerced to its attribute's type.
  Instance row = InstanceAccess::make(*this, false);
  std::vector<std::size_t> slots;
  for (const Field& f : given) {
    const std::size_t slot = *attributeIndex(f.key);
    InstanceAccess::setTracked(row, slot, f.value);
    if (std::find(slots.begin(), slots.end(), slot) == slots.end()) slots.push_back(slot);
  }
  if (updatedAt_ && !options.silent) {
    InstanceAccess::setRaw(row, *updatedAt_, Value(detail::timestampNow(*this)));
    if (std::find(slots.begin(), slots.end(), *updatedAt_) == slots.end())
      slots.push_back(*updatedAt_);
  }
  if (slots.empty()) return 0;
  // As Sequelize: only the attributes being written are validated (model validators too).
  if (options.validate) detail::validateInstance(row, detail::ValidationScope{slots, {}});
  detail::checkColumnValues(row, slots);

  const Value* rowValues = InstanceAccess::slots(row);
  update.table = tableName_;
  for (const std::size_t slot : slots) {
    update.assignments.push_back(detail::Assignment{attributes_[slot].field, &rowValues[slot]});
  }
  detail::BoundStatement stmt;
  detail::StatementBuilder b(sequelize().dialect(), stmt);
  detail::renderUpdate(b, update);
  return run(*this, stmt, options.transaction);
}

std::int64_t Model::destroy(const DestroyOptions& options) const {
  const detail::Dialect& dialect = sequelize().dialect();
  detail::BoundStatement stmt;
  if (options.truncate) {
    // TRUNCATE commits an open transaction on some databases: there, DELETE keeps it whole.
    if (options.transaction != nullptr && dialect.capabilities().truncateEndsTransaction) {
      detail::StatementBuilder b(dialect, stmt);
      detail::renderDelete(b, detail::DeleteStatement{tableName_, {}});
    } else {
      stmt.sql = dialect.truncateTableSql(tableName_, options.cascade);
    }
    return run(*this, stmt, options.transaction);
  }
  // The statement holds the values its placeholders point at: it lives until the run.
  const detail::DeleteStatement del{
      tableName_, requiredWhere(*this, options.where, "destroy",
                                "Missing where or truncate attribute in the options parameter of "
                                "model.destroy.")};
  detail::StatementBuilder b(dialect, stmt);
  detail::renderDelete(b, del);
  return run(*this, stmt, options.transaction);
}

std::int64_t Model::incrementBy(const Values& amounts, const IncrementOptions& options,
                                int sign) const {
  const std::string operation = sign > 0 ? "increment" : "decrement";
  detail::IncrementStatement s;
  s.where = requiredWhere(*this, options.where, operation,
                          "Missing where attribute in the options parameter passed to " +
                              operation + ". Use Where::allRows() to change every row.");
  s.table = tableName_;
  s.subtract = sign < 0;
  std::vector<Value> coerced;
  coerced.reserve(amounts.size());
  for (const Field& f : amounts) {
    const Attribute* a = attribute(f.key);
    if (a == nullptr) {
      throw Error("Unknown attribute \"" + f.key + "\" in increment of model " + name_);
    }
    if (!f.value.isNumber()) {
      throw Error("The amount to increment \"" + f.key + "\" by must be a number");
    }
    // Checked as a value of the column: 2.5 would be rounded into an INTEGER.
    coerced.push_back(detail::coerceOperand(*a, f.value, detail::columnLimits(*this)));
  }
  for (std::size_t i = 0; i < amounts.size(); ++i) {
    s.columns.push_back(detail::IncrementColumn{attribute(amounts[i].key)->field, &coerced[i]});
  }
  const Value now(detail::timestampNow(*this));
  if (updatedAt_ && !options.silent)
    s.assignments.emplace_back(attributes_[*updatedAt_].field, &now);
  detail::BoundStatement stmt;
  detail::StatementBuilder b(sequelize().dialect(), stmt);
  detail::renderIncrement(b, s);
  return run(*this, stmt, options.transaction);
}

}  // namespace sequelize
