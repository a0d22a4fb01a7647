#include "operations/persistence.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <optional>
#include <span>

#include "connection/query_runner.hpp"
#include "connection/transaction_state.hpp"
#include "model/instance_internals.hpp"
#include "model/instance_undo.hpp"
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
  // A target linked through a junction may carry its junction row's values, under the
  // junction model's name (Sequelize's `{name: "x", StoryTags: {weight: 3}}`).
  if (const Association::Through* through = r.association->through()) {
    t.children.push_back(IncludeTree{&through->row, {}});
  }
  return t;
}

bool contains(std::span<const std::size_t> v, std::size_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// Slots 0, 1, 2, …: what a new record's INSERT writes when it writes every attribute (the
// usual case), without building that list for every row.
constexpr std::size_t kEverySlotLimit = 256;
std::span<const std::size_t> everySlot(std::size_t count) {
  static const std::array<std::size_t, kEverySlotLimit> kSlots = [] {
    std::array<std::size_t, kEverySlotLimit> slots{};
    std::iota(slots.begin(), slots.end(), std::size_t{0});
    return slots;
  }();
  return {kSlots.data(), count};
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
  ReturningConsumer(Instance& instance, InstanceUndoLog* undo) : instance_(instance), undo_(undo) {}
  void onRow(RowReader& row) override {
    const Model& model = instance_.model();
    for (int c = 0; c < row.columnCount(); ++c) {
      const auto slot = model.fieldIndex(row.columnName(c));
      if (!slot) continue;
      setRawUndoably(undo_, instance_, *slot, row.read(c, model.rawAttributes()[*slot].type));
    }
  }

 private:
  Instance& instance_;
  InstanceUndoLog* undo_;
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
    // Room for the timestamps saveOne may add.
    fields.reserve(model.rawAttributes().size() + 2);
    for (std::size_t i = 0; i < model.rawAttributes().size(); ++i) fields.push_back(i);
  } else {
    for (const std::string& name : instance.changed())
      fields.push_back(*model.attributeIndex(name));
    std::sort(fields.begin(), fields.end());
  }
  return fields;
}

void insertRow(Instance& instance, std::span<const std::size_t> fields, Transaction* transaction,
               InstanceUndoLog* undo) {
  const Model& model = instance.model();
  const Dialect& dialect = model.sequelize().dialect();
  const auto& attrs = model.rawAttributes();
  const Value* slots = InstanceAccess::slots(instance);
  // The bound values, on the stack for up to 64 columns: no allocation per row.
  std::array<const Value*, 64> inlineParams;  // NOLINT: written before it is read
  std::vector<const Value*> heapParams;
  const Value** params = inlineParams.data();
  if (fields.size() > inlineParams.size()) {
    heapParams.resize(fields.size());
    params = heapParams.data();
  }
  std::size_t paramCount = 0;
  std::optional<std::size_t> generatedKey;
  const auto byDatabase = [&](std::size_t slot) {
    return attrs[slot].autoIncrement && slots[slot].isNullish();
  };
  // The text depends only on which columns are written, in which order, and which ones the
  // database generates: it is rendered once per such shape, and the values are bound in column
  // order. The shape is two masks of slots while they ascend and are below 64 (every new
  // record's INSERT unless `fields` are given out of order or the model has more than 64
  // attributes), a text key otherwise.
  ModelCaches::InsertShape byMask{0, 0};
  bool ascending = true;
  std::size_t next = 0;  // the lowest slot that keeps the slots ascending
  for (const std::size_t slot : fields) {
    const Value& v = slots[slot];
    if (v.isUndefined()) continue;
    ascending &= slot < 64 && slot >= next;
    next = slot + 1;
    const std::uint64_t bit = slot < 64 ? std::uint64_t{1} << slot : 0;
    byMask.written |= bit;
    if (byDatabase(slot)) {
      byMask.generated |= bit;
      generatedKey = slot;
    } else {
      params[paramCount++] = &v;
    }
  }
  auto render = [&] {
    InsertStatement insert;
    insert.table = model.tableName();
    for (const std::size_t slot : fields) {
      if (slots[slot].isUndefined()) continue;
      insert.columns.push_back(
          InsertColumn{attrs[slot].field, byDatabase(slot) ? nullptr : &slots[slot]});
    }
    for (const Attribute& a : attrs) insert.returning.push_back(a.field);
    BoundStatement stmt;
    StatementBuilder b(dialect, stmt);
    renderInsert(b, insert);
    return std::move(stmt.sql);
  };
  ModelCaches& caches = ModelCaches::of(model);
  std::shared_ptr<const std::string> sql;
  if (ascending) {
    sql = caches.text(byMask, render);
  } else {
    ShapeKey shape("insert:");
    for (const std::size_t slot : fields) {
      if (slots[slot].isUndefined()) continue;
      shape.number(slot);
      if (byDatabase(slot)) shape.push('g');
      shape.push(',');
    }
    sql = caches.text(shape, render);
  }
  ReturningConsumer returning(instance, undo);
  const bool readsBack = dialect.capabilities().returningOnInsert;
  const ExecResult result = model.sequelize().runner().run(
      transaction, *sql, std::span(params, paramCount), readsBack ? &returning : nullptr);
  if (!readsBack && generatedKey && result.insertId) {
    setRawUndoably(undo, instance, *generatedKey, Value(*result.insertId));
  }
}

void updateRow(Instance& instance, std::span<const std::size_t> fields, Transaction* transaction) {
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

void saveOne(Instance& instance, const SaveOptions& options, InstanceUndoLog* undo,
             const Date& now);

// A belongsToMany's targets of a new row: each written, then its junction row (as Sequelize:
// one INSERT each, holding the two keys and the values the target's nested junction row gave).
void saveThroughJunction(const Instance& owner, IncludedSlot& slot, Transaction* transaction,
                         InstanceUndoLog* undo, const Date& now) {
  const Association& a = *slot.association;
  const Association::Through& through = *a.through();
  const Value& key = owner.get(a.sourceKey());
  const std::size_t foreignKey = *through.model.attributeIndex(through.foreignKey);
  const std::size_t otherKey = *through.model.attributeIndex(through.otherKey);
  IncludedSlot::forEach(slot, [&](Instance& target) {
    rememberInstance(undo, target);
    if (target.isNewRecord()) {
      saveOne(target, SaveOptions{.transaction = transaction, .validate = false}, undo, now);
    }
    // The junction row the nested values gave, or one of defaults.
    Instance* given = nullptr;
    for (IncludedSlot& s : InstanceAccess::included(target)) {
      if (s.association == &through.row && s.one()) given = &*s.one();
    }
    std::optional<Instance> made;
    if (given == nullptr) made.emplace(buildInstance(through.model, {}, IncludeList{}, true));
    Instance& row = given != nullptr ? *given : *made;
    // Only a row of the tree is put back on a failure; a row made here goes with the failure.
    InstanceUndoLog* rowUndo = given != nullptr ? undo : nullptr;
    rememberInstance(rowUndo, row);
    setRawUndoably(rowUndo, row, foreignKey, key);
    setRawUndoably(rowUndo, row, otherKey, target.get(a.targetKey()));
    // Saved here, so that it carries the same time as the rest of the write.
    saveOne(row, SaveOptions{.transaction = transaction}, rowUndo, now);
  });
}

// Writes one row and, for a new record, the included instances it was built with. With an undo
// log, every change to an instance is remembered first (the caller remembers `instance`
// itself before calling), so that a failed nested write can put the tree back. `now` is the
// time the write stamps: one for every row of a nested write, as bulkCreate's rows share one.
void saveOne(Instance& instance, const SaveOptions& options, InstanceUndoLog* undo,
             const Date& now) {
  const Model& model = instance.model();
  const bool isNew = instance.isNewRecord();
  const auto pk = model.primaryKeyIndex();
  const auto createdAt = model.createdAtIndex();
  auto updatedAt = model.updatedAtIndex();
  const std::size_t attributeCount = model.rawAttributes().size();

  std::span<const std::size_t> fields;
  std::vector<std::size_t> chosen;  // the fields when they are not simply every attribute
  if (isNew && options.fields.empty() && !options.silent && attributeCount <= kEverySlotLimit) {
    // Every attribute, the timestamps and the key among them.
    fields = everySlot(attributeCount);
  } else {
    chosen = fieldsToSave(instance, options);
    if (updatedAt && !chosen.empty() && !contains(chosen, *updatedAt)) chosen.push_back(*updatedAt);
    if (options.silent && updatedAt) {
      chosen.erase(std::remove(chosen.begin(), chosen.end(), *updatedAt), chosen.end());
      updatedAt.reset();
    }
    if (isNew) {
      if (createdAt && !contains(chosen, *createdAt)) chosen.push_back(*createdAt);
      if (pk && model.rawAttributes()[*pk].defaultValue.has() && !contains(chosen, *pk)) {
        chosen.insert(chosen.begin(), *pk);
      }
    }
    fields = chosen;
  }
  if (!isNew && (!pk || InstanceAccess::slots(instance)[*pk].isUndefined())) {
    throw Error(
        "You attempted to save an instance with no primary key, this is not allowed "
        "since it would result in a global update");
  }

  if (updatedAt && contains(fields, *updatedAt)) {
    setRawUndoably(undo, instance, *updatedAt, Value(now));
  }
  if (isNew && createdAt && InstanceAccess::slots(instance)[*createdAt].isNullish()) {
    setRawUndoably(undo, instance, *createdAt, Value(now));
  }

  if (options.validate) validateInstance(instance, ValidationScope{fields, {}});

  // Targets written before this row (belongsTo parents): their key goes into this row.
  if (isNew && !fields.empty()) {
    for (IncludedSlot& slot : InstanceAccess::included(instance)) {
      const Association& a = *slot.association;
      if (a.nestedWritePlace() != Association::NestedWritePlace::BeforeOwner || !slot.holdsAny())
        continue;
      Instance& parent = *slot.one();
      rememberInstance(undo, parent);
      saveOne(parent, SaveOptions{.transaction = options.transaction, .validate = false}, undo,
              now);
      const auto fk = model.attributeIndex(*a.keyFilledInSource());
      rememberSlot(undo, instance, *fk);
      InstanceAccess::setTracked(instance, *fk, parent.get(a.linkingKey()));
    }
  }

  if (fields.empty()) return;
  if (!isNew && instance.changed().empty()) return;

  // After the validators, as Sequelize checks types when it writes the statement.
  checkColumnValues(instance, fields);
  if (isNew) {
    insertRow(instance, fields, options.transaction, undo);
  } else {
    updateRow(instance, fields, options.transaction);
  }

  // Targets written after this row, in the order of the includes, a list in its order:
  // hasOne / hasMany children get its key, then are written; belongsToMany targets are written,
  // then a junction row links each of them to this row.
  if (isNew) {
    for (IncludedSlot& slot : InstanceAccess::included(instance)) {
      const Association& a = *slot.association;
      if (a.nestedWritePlace() == Association::NestedWritePlace::ThroughJunction) {
        saveThroughJunction(instance, slot, options.transaction, undo, now);
        continue;
      }
      if (a.nestedWritePlace() != Association::NestedWritePlace::AfterOwner) continue;
      const Value& key = instance.get(a.linkingKey());
      const std::size_t fk = *a.target().attributeIndex(*a.keyFilledInTarget());
      // Items of a list built with one shared key order (the same keys) end their save with
      // the same keys too: the order the first of them ends with is given to the others
      // beforehand, so that they find their keys in place instead of each copying the shared
      // order to append to it.
      const KeyOrder* builtWith = nullptr;
      std::shared_ptr<const KeyOrder> savedWith;
      IncludedSlot::forEach(slot, [&](Instance& child) {
        const KeyOrder* before = InstanceAccess::order(child);
        const bool likePrevious = savedWith && before != nullptr && before == builtWith;
        rememberInstance(undo, child);
        if (likePrevious) InstanceAccess::shareOrder(child, savedWith);
        setRawUndoably(undo, child, fk, key);
        saveOne(child, SaveOptions{.transaction = options.transaction, .validate = false}, undo,
                now);
        if (!likePrevious) {
          builtWith = before;
          savedWith = InstanceAccess::sharedOrder(child);
        }
      });
    }
  }
  InstanceAccess::markSaved(instance, fields);
  InstanceAccess::setNewRecord(instance, false);
}

// Validates a whole tree of new instances before anything is written, leaving out the keys the
// associations will fill in.
void prevalidateTree(const Instance& instance,
                     std::optional<std::span<const std::size_t>> scopeSlots,
                     std::span<const std::size_t> filledLater) {
  validateInstance(instance, ValidationScope{scopeSlots, filledLater});
  for (const IncludedSlot& slot : InstanceAccess::included(instance)) {
    // A junction row is validated when it is written, its two keys known.
    if (slot.association->nestedWritePlace() == Association::NestedWritePlace::ByOwnersLink)
      continue;
    std::size_t childFilled = 0;
    std::span<const std::size_t> childFilledLater;
    if (const std::string* key = slot.association->keyFilledInTarget()) {
      childFilled = *slot.association->target().attributeIndex(*key);
      childFilledLater = std::span(&childFilled, 1);
    }
    IncludedSlot::forEach(slot, [&](const Instance& child) {
      prevalidateTree(child, std::nullopt, childFilledLater);
    });
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
    saveOne(instance, options, nullptr, timestampNow(instance.model()));
    return;
  }
  // A nested write: validate everything first, then write all of it or nothing (a transaction,
  // or a savepoint inside the caller's), unlike Sequelize, which keeps the rows already written.
  if (options.validate) {
    std::vector<std::size_t> scope;
    std::optional<std::span<const std::size_t>> scopeSlots;
    if (!options.fields.empty()) {
      for (const std::string& name : options.fields) {
        if (const auto slot = instance.model().attributeIndex(name)) scope.push_back(*slot);
      }
      scopeSlots = scope;
    }
    prevalidateTree(instance, scopeSlots, {});
  }
  // What the write changes on the tree is undone if it fails, so the instances stay unsaved.
  InstanceUndoLog undo;
  try {
    atomically(instance.model().sequelize(), options.transaction, [&](Transaction& t) {
      SaveOptions inner = options;
      inner.transaction = &t;
      // The whole tree was validated above (or validate: false was asked): not again per row.
      inner.validate = false;
      rememberInstance(&undo, instance);
      saveOne(instance, inner, &undo, timestampNow(instance.model()));
    });
  } catch (...) {
    undo.undo();
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
