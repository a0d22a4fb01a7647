// upsert: INSERT, or UPDATE of the row with the same primary or unique key, in one statement
// (ON CONFLICT … DO UPDATE, or ON DUPLICATE KEY UPDATE), with Sequelize's choice of key.
#include <algorithm>

#include "connection/query_runner.hpp"
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

bool contains(const std::vector<std::size_t>& v, std::size_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// Reads the row RETURNING reports back into the instance.
class ReturnedRow final : public detail::RowConsumer {
 public:
  explicit ReturnedRow(Instance& instance) : instance_(instance) {}
  void onRow(detail::RowReader& row) override {
    const Model& model = instance_.model();
    for (int c = 0; c < row.columnCount(); ++c) {
      const auto slot = model.fieldIndex(row.columnName(c));
      if (slot)
        InstanceAccess::setRaw(instance_, *slot, row.read(c, model.rawAttributes()[*slot].type));
    }
    seen = true;
  }
  bool seen = false;

 private:
  Instance& instance_;
};

// Sequelize's upsert keys: the first unique key holding an updated attribute, else the primary
// key (always the primary key when it is among the updated attributes).
std::vector<std::size_t> conflictKey(const Model& model, const std::vector<std::size_t>& updated) {
  std::vector<std::size_t> key;
  const auto pk = model.primaryKeyIndex();
  for (const std::size_t slot : updated) {
    for (const auto& unique : detail::uniqueKeys(model)) {
      if (contains(unique, slot)) {
        key = unique;
        break;
      }
    }
    if (!key.empty()) break;
  }
  if (pk && (key.empty() || contains(updated, *pk))) key = {*pk};
  return key;
}

// Whether the row was inserted, from MariaDB's affected-row count, which its connections report
// with CLIENT_FOUND_ROWS (as Sequelize's connector does): INSERT IGNORE counts 1 for an insert
// and 0 for a duplicate; ON DUPLICATE KEY UPDATE counts 1 for an insert, 2 for an update and 1
// for a duplicate left as it was. Sequelize takes every 1 for an insert; here an insert is told
// from an unchanged duplicate by the auto-increment id it reports, and without an
// auto-increment column that 1 is left unknown.
std::optional<bool> createdByCount(const Model& model, detail::OnConflict onConflict,
                                   const detail::ExecResult& result) {
  if (onConflict == detail::OnConflict::Ignore) return result.affectedRows == 1;
  if (result.affectedRows != 1) return false;
  const auto& attributes = model.rawAttributes();
  const bool hasAutoIncrement = std::any_of(attributes.begin(), attributes.end(),
                                            [](const Attribute& a) { return a.autoIncrement; });
  if (hasAutoIncrement) return result.insertId.has_value();
  return std::nullopt;
}

}  // namespace

std::pair<Instance, std::optional<bool>> Model::upsert(const Values& values,
                                                       const UpsertOptions& options) const {
  Instance row = detail::buildInstance(*this, values, IncludeList{}, true);
  const Value* slots = InstanceAccess::slots(row);
  // The attributes given (Sequelize's changed()) are the ones a collision updates.
  std::vector<std::size_t> given;
  for (const std::string& name : row.changed()) given.push_back(*attributeIndex(name));
  std::vector<std::size_t> updated =
      options.fields.empty() ? given : detail::slotsOf(*this, options.fields, "fields of upsert");
  if (!options.fields.empty()) {
    updated.erase(std::remove_if(updated.begin(), updated.end(),
                                 [&](std::size_t s) { return !contains(given, s); }),
                  updated.end());
  }
  if (options.validate) detail::validateInstance(row, detail::ValidationScope{given, {}});

  const Value now(detail::timestampNow(*this));
  if (createdAt_ && slots[*createdAt_].isNullish()) InstanceAccess::setRaw(row, *createdAt_, now);
  if (updatedAt_ && slots[*updatedAt_].isNullish()) InstanceAccess::setRaw(row, *updatedAt_, now);
  if (updatedAt_ && !contains(updated, *updatedAt_)) updated.push_back(*updatedAt_);

  // Without a key of its own the row's key is the database's to make: left out entirely.
  const bool hasKey = pkIndex_ && !slots[*pkIndex_].isNullish();
  std::vector<std::size_t> inserted;
  for (std::size_t i = 0; i < attributes_.size(); ++i) {
    if (slots[i].isUndefined()) continue;
    if (pkIndex_ && i == *pkIndex_ && !hasKey) continue;
    inserted.push_back(i);
  }
  detail::checkColumnValues(row, inserted);
  if (pkIndex_ && !hasKey) {
    updated.erase(std::remove(updated.begin(), updated.end(), *pkIndex_), updated.end());
  }

  detail::BulkInsertStatement s;
  s.table = tableName_;
  std::vector<const Value*> params;
  for (const std::size_t slot : inserted) {
    s.columns.push_back(attributes_[slot].field);
    params.push_back(&slots[slot]);
  }
  s.generated.emplace_back(inserted.size(), false);
  std::vector<std::size_t> key =
      options.conflictFields.empty()
          ? conflictKey(*this, updated)
          : detail::slotsOf(*this, options.conflictFields, "conflictFields");
  for (const std::size_t slot : key) s.conflictColumns.push_back(attributes_[slot].field);
  for (const std::size_t slot : updated) s.updateColumns.push_back(attributes_[slot].field);
  s.onConflict = updated.empty() ? detail::OnConflict::Ignore : detail::OnConflict::Update;
  for (const Attribute& a : attributes_) s.returning.push_back(a.field);

  detail::BoundStatement stmt;
  detail::StatementBuilder b(sequelize().dialect(), stmt);
  detail::renderBulkInsert(b, s);
  stmt.params = std::move(params);

  const detail::DialectCapabilities& caps = sequelize().dialect().capabilities();
  ReturnedRow returned(row);
  const detail::ExecResult result = sequelize().runner().run(
      options.transaction, stmt.sql, stmt.params, caps.returning ? &returned : nullptr);
  std::optional<bool> created;
  if (caps.upsertAffectedRowsTellCreated) created = createdByCount(*this, s.onConflict, result);
  if (created.value_or(false) && pkIndex_ && !hasKey && result.insertId) {
    InstanceAccess::setRaw(row, *pkIndex_, Value(*result.insertId));
  }
  InstanceAccess::setNewRecord(row, false);
  std::vector<std::size_t> all(attributes_.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  InstanceAccess::markSaved(row, all);
  return {std::move(row), created};
}

}  // namespace sequelize
