// bulkCreate: many rows in one multi-row INSERT per chunk (chunks keep each statement below the
// database's bound-parameter limit), all of them or none (a transaction, or a savepoint of the
// caller's, when there is more than one chunk), every value bound.
#include <algorithm>

#include "connection/query_runner.hpp"
#include "connection/transaction_state.hpp"
#include "model/model_caches.hpp"
#include "model/timestamps.hpp"
#include "model/type_coercion.hpp"
#include "model/unique_keys.hpp"
#include "model/validation.hpp"
#include "operations/persistence.hpp"
#include "query/write_statements.hpp"
#include "sequelize/database.hpp"
#include "sequelize/errors.hpp"

namespace sequelize {
namespace {

using detail::InstanceAccess;

// The keys RETURNING reports, in row order.
class ReturnedKeys final : public detail::RowConsumer {
 public:
  explicit ReturnedKeys(const DataType& type) : type_(type) {}
  void expectRows(std::size_t count) override { keys.reserve(count); }
  void onRow(detail::RowReader& row) override { keys.push_back(row.read(0, type_)); }
  std::vector<Value> keys;

 private:
  const DataType& type_;
};

struct BulkPlan {
  std::vector<std::size_t> columns;  // attribute slots, in attribute order
  detail::OnConflict onConflict = detail::OnConflict::None;
  std::vector<std::size_t> conflictSlots;
  std::vector<std::size_t> updateSlots;
  std::optional<std::size_t> key;  // the primary key slot, when there is one
};

// updateOnDuplicate decides collisions on the given attributes, else (as Sequelize) on the
// first unique key, else on the primary key.
std::vector<std::size_t> conflictTarget(const Model& model, const BulkCreateOptions& options) {
  if (!options.conflictAttributes.empty()) {
    return detail::slotsOf(model, options.conflictAttributes, "conflictAttributes");
  }
  const auto keys = detail::uniqueKeys(model);
  if (!keys.empty()) return keys.front();
  if (model.primaryKeyIndex()) return {*model.primaryKeyIndex()};
  return {};
}

bool isGenerated(const Attribute& a, const Value& v) {
  return a.autoIncrement && v.isNullish();
}

// Runs one chunk of rows [begin, end) and fills in the keys the database reports.
void insertChunk(const Model& model, const BulkPlan& plan, std::vector<Instance>& rows,
                 std::size_t begin, std::size_t end, Transaction* transaction) {
  const auto& attrs = model.rawAttributes();
  const detail::Dialect& dialect = model.sequelize().dialect();
  const detail::DialectCapabilities& caps = dialect.capabilities();
  static const Value kNull(nullptr);

  detail::BulkInsertStatement s;
  s.table = model.tableName();
  for (const std::size_t c : plan.columns) s.columns.push_back(attrs[c].field);
  s.onConflict = plan.onConflict;
  for (const std::size_t c : plan.conflictSlots) s.conflictColumns.push_back(attrs[c].field);
  for (const std::size_t c : plan.updateSlots) s.updateColumns.push_back(attrs[c].field);

  std::vector<const Value*> params;
  params.reserve((end - begin) * plan.columns.size());
  // Which columns each row leaves to the database (a generated key): the text depends on it.
  auto generatedIn = [&](std::size_t row, std::size_t column) {
    const std::size_t slot = plan.columns[column];
    return isGenerated(attrs[slot], InstanceAccess::slots(rows[row])[slot]);
  };
  bool uniform = true;  // every row leaves the same columns to the database
  bool allGenerated = plan.key.has_value();
  // The key is read back only when a row leaves it to the database: keys given (a junction's
  // pair, a key chosen by the caller) have nothing to report.
  bool keyLeftToDatabase = false;
  // Only an autoIncrement column can be left to the database; the first row's choice for each
  // column is what the other rows are compared with.
  const std::size_t width = plan.columns.size();
  std::vector<char> generatable(width);
  std::vector<char> firstGenerated(width);
  for (std::size_t c = 0; c < width; ++c) {
    generatable[c] = attrs[plan.columns[c]].autoIncrement ? 1 : 0;
    firstGenerated[c] = generatedIn(begin, c) ? 1 : 0;
  }
  for (std::size_t r = begin; r < end; ++r) {
    const Value* slots = InstanceAccess::slots(rows[r]);
    for (std::size_t c = 0; c < width; ++c) {
      const Value& v = slots[plan.columns[c]];
      const char generated = generatable[c] != 0 && v.isNullish() ? 1 : 0;
      if (generated != firstGenerated[c]) uniform = false;
      if (generated == 0) params.push_back(v.isUndefined() ? &kNull : &v);
    }
    if (plan.key) {
      allGenerated = allGenerated && isGenerated(attrs[*plan.key], slots[*plan.key]);
      keyLeftToDatabase = keyLeftToDatabase || slots[*plan.key].isNullish();
    }
  }
  if (keyLeftToDatabase) s.returning.push_back(attrs[*plan.key].field);

  auto render = [&] {
    for (std::size_t r = begin; r < end; ++r) {
      std::vector<bool> generated(plan.columns.size());
      for (std::size_t c = 0; c < plan.columns.size(); ++c) generated[c] = generatedIn(r, c);
      s.generated.push_back(std::move(generated));
    }
    detail::BoundStatement stmt;
    detail::StatementBuilder b(dialect, stmt);
    detail::renderBulkInsert(b, s);
    return std::move(stmt.sql);
  };
  std::shared_ptr<const std::string> sql;
  if (uniform) {
    // The text depends only on the columns, the row count, what is generated and the clauses.
    detail::ShapeKey key("bulk:");
    key.push(static_cast<char>('0' + static_cast<int>(plan.onConflict)));
    for (const std::size_t c : plan.columns) key.number(c).push(',');
    key.push('|');
    for (const std::size_t c : plan.conflictSlots) key.number(c).push(',');
    key.push('|');
    for (const std::size_t c : plan.updateSlots) key.number(c).push(',');
    key.push('|');
    for (std::size_t c = 0; c < plan.columns.size(); ++c)
      key.push(generatedIn(begin, c) ? 'g' : 'v');
    key.push(keyLeftToDatabase ? 'r' : 'n').push('x').number(end - begin);
    sql = detail::ModelCaches::of(model).text(key, render);
  } else {
    sql = std::make_shared<const std::string>(render());
  }

  const std::size_t count = end - begin;
  if (keyLeftToDatabase && caps.returning) {
    ReturnedKeys returned(attrs[*plan.key].type);
    model.sequelize().runner().run(transaction, *sql, params, &returned);
    // Rows skipped as duplicates return nothing: keys are only known when every row came back.
    if (returned.keys.size() == count) {
      for (std::size_t r = begin; r < end; ++r) {
        InstanceAccess::setRaw(rows[r], *plan.key, std::move(returned.keys[r - begin]));
      }
    }
    return;
  }
  const detail::ExecResult result =
      model.sequelize().runner().run(transaction, *sql, params, nullptr);
  // Without RETURNING the generated keys follow the reported insert id, when every row was
  // inserted and every key generated.
  const bool everyRowInserted = plan.onConflict == detail::OnConflict::None ||
                                (plan.onConflict == detail::OnConflict::Ignore &&
                                 result.affectedRows == static_cast<std::int64_t>(count));
  if (plan.key && allGenerated && everyRowInserted && result.insertId) {
    const std::int64_t first = caps.lastInsertIdIsLastRow
                                   ? *result.insertId - static_cast<std::int64_t>(count) + 1
                                   : *result.insertId;
    for (std::size_t r = begin; r < end; ++r) {
      InstanceAccess::setRaw(rows[r], *plan.key,
                             Value(first + static_cast<std::int64_t>(r - begin)));
    }
  }
}

// Records is `const std::vector<Values>` (values copied) or `std::vector<Values>` (moved).
template <class Records>
std::vector<Instance> bulkCreateRecords(const Model& model, Records& records,
                                        const BulkCreateOptions& options) {
  if (options.ignoreDuplicates && !options.updateOnDuplicate.empty()) {
    throw Error("bulkCreate takes ignoreDuplicates or updateOnDuplicate, not both");
  }
  std::vector<Instance> rows;
  rows.reserve(records.size());
  // The records of a batch usually share their keys: resolved to slots once, reused while the
  // next record has the same keys in the same order. Records with a key that is not an
  // attribute take the general path (and its errors).
  // Records of the same keys (and the same of them undefined) also end with the same key
  // order: the first one's is shared with the others, as the rows of a query share theirs, so
  // the others find every key in place instead of each building a copy.
  const Date now = detail::timestampNow(model);
  const std::optional<std::size_t> createdAt = model.createdAtIndex();
  const std::optional<std::size_t> updatedAt = model.updatedAtIndex();
  const std::optional<std::size_t> pkIndex = model.primaryKeyIndex();
  const std::size_t attributeCount = model.rawAttributes().size();
  // Records after the first of a shape share its order, which has the timestamps' keys.
  auto stampTimes = [&](Instance& row, detail::KeyBookkeeping keys) {
    const Value* slots = InstanceAccess::slots(row);
    if (createdAt && slots[*createdAt].isNullish())
      InstanceAccess::setRaw(row, *createdAt, Value(now), keys);
    if (updatedAt && slots[*updatedAt].isNullish())
      InstanceAccess::setRaw(row, *updatedAt, Value(now), keys);
  };
  detail::NewRecordShape shape;
  for (auto& values : records) {
    const bool allAttributes = shape.adopt(model, values);
    if (!allAttributes) {
      rows.push_back(detail::buildInstance(model, values, IncludeList{}, true));
      stampTimes(rows.back(), detail::KeyBookkeeping::Append);
      continue;
    }
    Instance& row = shape.build(rows, model, std::move(values));
    if (shape.order) {
      stampTimes(row, detail::KeyBookkeeping::InOrder);
    } else {
      stampTimes(row, detail::KeyBookkeeping::Append);
      shape.keepOrderOf(row);
    }
  }

  // The attributes written: those asked for (with the timestamps), or all of them.
  std::vector<std::size_t> fields;
  if (!options.fields.empty()) {
    fields = detail::slotsOf(model, options.fields, "fields of bulkCreate");
    if (createdAt && std::find(fields.begin(), fields.end(), *createdAt) == fields.end())
      fields.push_back(*createdAt);
    if (updatedAt && std::find(fields.begin(), fields.end(), *updatedAt) == fields.end())
      fields.push_back(*updatedAt);
    std::sort(fields.begin(), fields.end());
    fields.erase(std::unique(fields.begin(), fields.end()), fields.end());
  } else {
    for (std::size_t i = 0; i < attributeCount; ++i) fields.push_back(i);
  }

  if (options.validate) {
    std::vector<BulkRecordError> failures;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      try {
        detail::validateInstance(rows[i], detail::ValidationScope{fields, {}});
      } catch (const ValidationError& e) {
        failures.emplace_back(e, i, rows[i].toPlain());
      }
    }
    if (!failures.empty()) throw AggregateError(std::move(failures));
  }
  for (const Instance& row : rows) detail::checkColumnValues(row, fields);
  if (rows.empty()) return rows;

  BulkPlan plan;
  plan.key = pkIndex;
  // A column is written when some row has a value for it (the key always: it may be generated).
  for (const std::size_t slot : fields) {
    const bool anyValue = std::any_of(rows.begin(), rows.end(), [&](const Instance& r) {
      return !InstanceAccess::slots(r)[slot].isUndefined();
    });
    if (anyValue || (pkIndex && slot == *pkIndex)) plan.columns.push_back(slot);
  }
  if (plan.key &&
      std::find(plan.columns.begin(), plan.columns.end(), *plan.key) == plan.columns.end()) {
    plan.key.reset();  // not written (fields without it): nothing to read back
  }
  if (options.ignoreDuplicates) plan.onConflict = detail::OnConflict::Ignore;
  if (!options.updateOnDuplicate.empty()) {
    plan.onConflict = detail::OnConflict::Update;
    plan.updateSlots = detail::slotsOf(model, options.updateOnDuplicate, "updateOnDuplicate");
    plan.conflictSlots = conflictTarget(model, options);
  }

  const detail::DialectCapabilities& caps = model.sequelize().dialect().capabilities();
  const int limit = std::min(caps.maxBoundParameters, caps.bulkInsertParameters);
  const std::size_t perChunk = std::max<std::size_t>(
      1, static_cast<std::size_t>(limit) / std::max<std::size_t>(1, plan.columns.size()));
  auto insertAll = [&](Transaction* transaction) {
    for (std::size_t begin = 0; begin < rows.size(); begin += perChunk) {
      insertChunk(model, plan, rows, begin, std::min(rows.size(), begin + perChunk), transaction);
    }
  };
  if (rows.size() <= perChunk) {
    insertAll(options.transaction);  // one statement is atomic by itself
  } else {
    detail::atomically(model.sequelize(), options.transaction,
                       [&](Transaction& t) { insertAll(&t); });
  }
  for (Instance& row : rows) {
    InstanceAccess::markSaved(row, fields);
    InstanceAccess::setNewRecord(row, false);
  }
  return rows;
}

}  // namespace

std::vector<Instance> Model::bulkCreate(const std::vector<Values>& records,
                                        const BulkCreateOptions& options) const {
  return bulkCreateRecords(*this, records, options);
}

std::vector<Instance> Model::bulkCreate(std::vector<Values>&& records,
                                        const BulkCreateOptions& options) const {
  return bulkCreateRecords(*this, records, options);
}

}  // namespace sequelize
