#include "operations/persistence.hpp"

#include <algorithm>

#include "connection/query_runner.hpp"
#include "connection/transaction_state.hpp"
#include "model/instance_internals.hpp"
#include "model/model_caches.hpp"
#include "model/timestamps.hpp"
#include "model/type_coercion.hpp"
#include "model/validation.hpp"
#include "query/include_resolver.hpp"
#include "query/statements.hpp"
#include "sequelize/association.hpp"
#include "sequelize/database.hpp"
#include "sequelize/errors.hpp"

namespace sequelize {
namespace detail {
namespace {

IncludeTree toTree(const ResolvedInclude& r) {
  IncludeTree t;
  t.association = r.association;
  for (const ResolvedInclude& c : r.children) t.children.push_back(toTree(c));
  return t;
}

bool contains(const std::vector<std::size_t>& v, std::size_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

bool hasNestedInstances(const Instance& instance) {
  for (const IncludedSlot& s : InstanceAccess::included(instance)) {
    if (s.holdsAny()) return true;
  }
  return false;
}

// Reads RETURNING columns back into the instance (PostgreSQL).
class ReturningConsumer final : public RowConsumer {
 public:
  explicit ReturningConsumer(Instance& instance) : instance_(instance) {}
  void onRow(RowReader& row) override {
    const Model& model = instance_.model();
    for (int c = 0; c < row.columnCount(); ++c) {
      const auto slot = model.fieldIndex(row.columnName(c));
      if (!slot) continue;
      InstanceAccess::setRaw(instance_, *slot, row.read(c, model.rawAttributes()[*slot].type));
    }
  }

 private:
  Instance& instance_;
};

std::vector<std::size_t> fieldsToSave(const Instance& instance, const SaveOptions& options) {
  const Model& model = instance.model();
  std::vector<std::size_t> fields;
  if (!options.fields.empty()) {
    for (const std::string& name : options.fields) {
      const auto slot = model.attributeIndex(name);
      if (!slot) throw Error("Unknown attribute \"" + name + "\" in fields of " + model.name());
      if (!contains(fields, *slot)) fields.push_back(*slot);
    }
  } else if (instance.isNewRecord()) {
    for (std::size_t i = 0; i < model.rawAttributes().size(); ++i) fields.push_back(i);
  } else {
    for (const std::string& name : instance.changed())
      fields.push_back(*model.attributeIndex(name));
    std::sort(fields.begin(), fields.end());
  }
  return fields;
}

void saveOne(Instance& instance, const SaveOptions& options);

void insertRow(Instance& instance, const std::vector<std::size_t>& fields,
               Transaction* transaction) {
  const Model& model = instance.model();
  const Dialect& dialect = model.sequelize().dialect();
  const auto& attrs = model.rawAttributes();
  const Value* slots = InstanceAccess::slots(instance);
  // The text depends only on which columns are written and which one the database generates:
  // it is rendered once per such shape, and the values are bound in column order.
  ShapeKey shape("insert:");
  std::vector<const Value*> params;
  params.reserve(fields.size());
  std::optional<std::size_t> generatedKey;
  for (const std::size_t slot : fields) {
    const Value& v = slots[slot];
    if (v.isUndefined()) continue;
    shape.number(slot);
    if (attrs[slot].autoIncrement && v.isNullish()) {
      shape.push('g');
      generatedKey = slot;
    } else {
      params.push_back(&v);
    }
    shape.push(',');
  }
  const std::shared_ptr<const std::string> sql = ModelCaches::of(model).text(shape, [&] {
    InsertStatement insert;
    insert.table = model.tableName();
    for (const std::size_t slot : fields) {
      const Value& v = slots[slot];
      if (v.isUndefined()) continue;
      const bool generated = attrs[slot].autoIncrement && v.isNullish();
      insert.columns.push_back(InsertColumn{attrs[slot].field, generated ? nullptr : &v});
    }
    for (const Attribute& a : attrs) insert.returning.push_back(a.field);
    BoundStatement stmt;
    StatementBuilder b(dialect, stmt);
    renderInsert(b, insert);
    return std::move(stmt.sql);
  });
  ReturningConsumer returning(instance);
  const bool readsBack = dialect.capabilities().returningOnInsert;
  const ExecResult result =
      model.sequelize().runner().run(transaction, *sql, params, readsBack ? &returning : nullptr);
  if (!readsBack && generatedKey && result.insertId) {
    InstanceAccess::setRaw(instance, *generatedKey, Value(*result.insertId));
  }
}

void updateRow(Instance& instance, const std::vector<std::size_t>& fields,
               Transaction* transaction) {
  const Model& model = instance.model();
  const Dialect& dialect = model.sequelize().dialect();
  const auto& attrs = model.rawAttributes();
  const Value* slots = InstanceAccess::slots(instance);
  UpdateStatement update;
  update.table = model.tableName();
  for (const std::size_t slot : fields) {
    if (slots[slot].isUndefined()) continue;
    update.assignments.push_back(Assignment{attrs[slot].field, &slots[slot]});
  }
  if (update.assignments.empty()) return;
  const std::size_t pk = *model.primaryKeyIndex();
  Condition where;
  where.kind = Condition::Kind::Compare;
  where.column = attrs[pk].field;
  where.op = OpKind::eq;
  where.operands.push_back(slots[pk]);
  update.where = std::move(where);
  BoundStatement stmt;
  StatementBuilder b(dialect, stmt);
  renderUpdate(b, update);
  model.sequelize().runner().run(transaction, stmt.sql, stmt.params, nullptr);
}

void saveOne(Instance& instance, const SaveOptions& options) {
  const Model& model = instance.model();
  const bool isNew = instance.isNewRecord();
  std::vector<std::size_t> fields = fieldsToSave(instance, options);
  const auto pk = model.primaryKeyIndex();
  const auto createdAt = model.createdAtIndex();
  auto updatedAt = model.updatedAtIndex();

  if (updatedAt && !fields.empty() && !contains(fields, *updatedAt)) fields.push_back(*updatedAt);
  if (options.silent && updatedAt) {
    fields.erase(std::remove(fields.begin(), fields.end(), *updatedAt), fields.end());
    updatedAt.reset();
  }
  if (isNew) {
    if (createdAt && !contains(fields, *createdAt)) fields.push_back(*createdAt);
    if (pk && model.rawAttributes()[*pk].defaultValue.has() && !contains(fields, *pk)) {
      fields.insert(fields.begin(), *pk);
    }
  } else if (!pk || InstanceAccess::slots(instance)[*pk].isUndefined()) {
    throw Error(
        "You attempted to save an instance with no primary key, this is not allowed "
        "since it would result in a global update");
  }

  const Date now = timestampNow(model);
  if (updatedAt && contains(fields, *updatedAt)) {
    InstanceAccess::setRaw(instance, *updatedAt, Value(now));
  }
  if (isNew && createdAt && InstanceAccess::slots(instance)[*createdAt].isNullish()) {
    InstanceAccess::setRaw(instance, *createdAt, Value(now));
  }

  if (options.validate) validateInstance(instance, ValidationScope{&fields, nullptr});

  // Targets written before this row (belongsTo parents): their key goes into this row.
  if (isNew && !fields.empty()) {
    for (IncludedSlot& slot : InstanceAccess::included(instance)) {
      const Association& a = *slot.association;
      if (a.nestedWritePlace() != Association::NestedWritePlace::BeforeOwner || !slot.holdsAny())
        continue;
      Instance& parent = *slot.one();
      saveOne(parent, SaveOptions{.transaction = options.transaction, .validate = false});
      const auto fk = model.attributeIndex(*a.keyFilledInSource());
      InstanceAccess::setTracked(instance, *fk, parent.get(a.linkingKey()));
    }
  }

  if (fields.empty()) return;
  if (!isNew && instance.changed().empty()) return;

  // After the validators, as Sequelize checks types when it writes the statement.
  checkColumnValues(instance, fields);
  if (isNew) {
    insertRow(instance, fields, options.transaction);
  } else {
    updateRow(instance, fields, options.transaction);
  }

  // Targets written after this row (hasOne, hasMany children) get its key, then are written,
  // a list in its order.
  if (isNew) {
    for (IncludedSlot& slot : InstanceAccess::included(instance)) {
      const Association& a = *slot.association;
      if (a.nestedWritePlace() != Association::NestedWritePlace::AfterOwner) continue;
      const Value& key = instance.get(a.linkingKey());
      IncludedSlot::forEach(slot, [&](Instance& child) {
        const auto fk = child.model().attributeIndex(*a.keyFilledInTarget());
        InstanceAccess::setRaw(child, *fk, key);
        saveOne(child, SaveOptions{.transaction = options.transaction, .validate = false});
      });
    }
  }
  InstanceAccess::markSaved(instance, fields);
  InstanceAccess::setNewRecord(instance, false);
}

// Validates a whole tree of new instances before anything is written, leaving out the keys the
// associations will fill in.
void prevalidateTree(const Instance& instance, const std::vector<std::size_t>* scopeSlots,
                     const std::vector<std::size_t>& filledLater) {
  validateInstance(instance, ValidationScope{scopeSlots, &filledLater});
  for (const IncludedSlot& slot : InstanceAccess::included(instance)) {
    std::vector<std::size_t> childFilled;
    if (const std::string* key = slot.association->keyFilledInTarget()) {
      childFilled.push_back(*slot.association->target().attributeIndex(*key));
    }
    IncludedSlot::forEach(
        slot, [&](const Instance& child) { prevalidateTree(child, nullptr, childFilled); });
  }
}

}  // namespace

Instance buildInstance(const Model& model, const Values& values, const IncludeList& include,
                       bool isNewRecord) {
  std::vector<IncludeTree> trees;
  for (const ResolvedInclude& r : resolveIncludes(model, include)) trees.push_back(toTree(r));
  return buildInstance(model, values, std::move(trees), isNewRecord);
}

Instance createInstance(const Model& model, const Values& values, const CreateOptions& options) {
  Instance instance = buildInstance(model, values, options.include, true);
  SaveOptions save;
  save.transaction = options.transaction;
  save.fields = options.fields;
  save.validate = options.validate;
  saveInstance(instance, save);
  return instance;
}

void saveInstance(Instance& instance, const SaveOptions& options) {
  if (!instance.isNewRecord() || !hasNestedInstances(instance)) {
    saveOne(instance, options);
    return;
  }
  // A nested write: validate everything first, then write all of it or nothing (a transaction,
  // or a savepoint inside the caller's), unlike Sequelize, which keeps the rows already written.
  if (options.validate) {
    std::vector<std::size_t> scope;
    const std::vector<std::size_t>* scopePtr = nullptr;
    if (!options.fields.empty()) {
      for (const std::string& name : options.fields) {
        if (const auto slot = instance.model().attributeIndex(name)) scope.push_back(*slot);
      }
      scopePtr = &scope;
    }
    prevalidateTree(instance, scopePtr, {});
  }
  Instance snapshot = instance;  // restored if the write fails, so the instance stays unsaved
  try {
    atomically(instance.model().sequelize(), options.transaction, [&](Transaction& t) {
      SaveOptions inner = options;
      inner.transaction = &t;
      // The whole tree was validated above (or validate: false was asked): not again per row.
      inner.validate = false;
      saveOne(instance, inner);
    });
  } catch (...) {
    instance = std::move(snapshot);
    throw;
  }
}

}  // namespace detail

Instance Model::build(const Values& values, const BuildOptions& options) const {
  return detail::buildInstance(*this, values, options.include, options.isNewRecord);
}

Instance Model::create(const Values& values, const CreateOptions& options) const {
  return detail::createInstance(*this, values, options);
}

}  // namespace sequelize
