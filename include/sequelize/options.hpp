#pragma once
// The option structs of the public API, filled with designated initialisers:
//   db.define("Users", {...}, {.tableName = "users", .createdAt = "created_at"});
//   Users.findAll({.include = {"story"}, .limit = 10});
// Fields left unset keep Sequelize's defaults.
#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "sequelize/association_options.hpp"
#include "sequelize/data_types.hpp"
#include "sequelize/expression.hpp"
#include "sequelize/model_ref.hpp"
#include "sequelize/validation.hpp"
#include "sequelize/value.hpp"
#include "sequelize/where.hpp"

namespace sequelize {

class Model;
class Association;
class Transaction;
class Instance;

// ---------------------------------------------------------------------------------------------
// Attribute definitions

// A default value: a constant, or DataTypes::NOW / UUIDV4 / UUIDV1 for a fresh one per row.
class DefaultValue {
 public:
  DefaultValue() = default;
  template <class T, std::enable_if_t<std::constructible_from<Value, T&&> &&
                                          !std::same_as<std::remove_cvref_t<T>, DefaultValue>,
                                      int> = 0>
  DefaultValue(T&& value) : value_(std::forward<T>(value)), set_(true) {}  // NOLINT
  DefaultValue(DataType generator);  // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool has() const noexcept { return set_; }
  [[nodiscard]] bool isGenerated() const noexcept { return generator_.has_value(); }
  [[nodiscard]] std::optional<TypeKey> generator() const noexcept { return generator_; }
  [[nodiscard]] const Value& constant() const noexcept { return value_; }
  // The value for a new row: the constant, or a fresh timestamp / UUID.
  [[nodiscard]] Value produce() const;

 private:
  Value value_;
  std::optional<TypeKey> generator_;
  bool set_ = false;
};

// `unique: true` or `unique: "index_name"` (columns sharing a name form one composite index).
class Unique {
 public:
  Unique() = default;
  Unique(bool unique) : unique_(unique) {}                  // NOLINT(google-explicit-constructor)
  Unique(const char* name) : unique_(true), name_(name) {}  // NOLINT(google-explicit-constructor)
  Unique(std::string name) : unique_(true), name_(std::move(name)) {}  // NOLINT

  [[nodiscard]] bool enabled() const noexcept { return unique_; }
  [[nodiscard]] const std::string& indexName() const noexcept { return name_; }

 private:
  bool unique_ = false;
  std::string name_;
};

struct References {
  ModelRef model;   // a model, a model name, or a table name; empty: no reference
  std::string key;  // the referenced column; "id" when empty
};

struct AttributeOptions {
  std::optional<DataType> type;
  std::optional<bool> allowNull;
  DefaultValue defaultValue;
  bool primaryKey = false;
  bool autoIncrement = false;
  Unique unique;
  References references;
  std::string field;  // column name, when it differs from the attribute name
  std::string onDelete;
  std::string onUpdate;
  std::string comment;
  Validate validate;
};

// {"username", {.type = DataTypes::STRING(64), .allowNull = false}} or {"bio", DataTypes::TEXT}
struct AttributeDefinition {
  AttributeDefinition(std::string attributeName, AttributeOptions attributeOptions)
      : name(std::move(attributeName)), options(std::move(attributeOptions)) {}
  // A template, so that a braced {…} always means AttributeOptions.
  template <class T>
  requires std::same_as<std::remove_cvref_t<T>, DataType> AttributeDefinition(
      std::string attributeName, T&& type)
      : name(std::move(attributeName)) {
    options.type = type;
  }
  std::string name;
  AttributeOptions options;
};
using AttributeDefinitions = std::vector<AttributeDefinition>;

// ---------------------------------------------------------------------------------------------
// Model options

// `createdAt: "created_at"` renames the timestamp; `createdAt: false` disables it.
class TimestampAttribute {
 public:
  TimestampAttribute(bool enabled) : enabled_(enabled) {}  // NOLINT(google-explicit-constructor)
  TimestampAttribute(const char* name) : name_(name) {}    // NOLINT(google-explicit-constructor)
  TimestampAttribute(std::string name) : name_(std::move(name)) {}  // NOLINT

  [[nodiscard]] bool enabled() const noexcept { return enabled_; }
  [[nodiscard]] const std::string& name() const noexcept { return name_; }

 private:
  bool enabled_ = true;
  std::string name_;
};

struct ModelName {
  std::string singular;
  std::string plural;
};

struct ModelOptions {
  std::optional<std::string> tableName;
  std::optional<bool> freezeTableName;
  std::optional<bool> timestamps;
  std::optional<TimestampAttribute> createdAt;
  std::optional<TimestampAttribute> updatedAt;
  std::optional<bool> underscored;
  ModelName name;  // empty: singular and plural of the model name
  std::optional<bool> omitNull;
  // Model-wide validators: {{"bothOrNone", [](const Instance& i) { ... }}}
  std::vector<ModelCheck> validate;

  // Fills every unset field of *this from `defaults` (the Sequelize instance's `define`).
  [[nodiscard]] ModelOptions mergedOver(const ModelOptions& defaults) const;
};

// ---------------------------------------------------------------------------------------------
// Selecting attributes

// An attribute to select: a name, {name, alias}, or {expression, alias}:
//   "username"   {"username", "name"}   {fn("COUNT", col("story.story_id")), "stories"}
struct AttributeItem {
  AttributeItem(const char* attributeName) : name(attributeName) {}             // NOLINT
  AttributeItem(std::string attributeName) : name(std::move(attributeName)) {}  // NOLINT
  AttributeItem(std::string attributeName, std::string as)
      : name(std::move(attributeName)), alias(std::move(as)) {}
  AttributeItem(Expr expression, std::string as)
      : alias(std::move(as)), expr(std::move(expression)) {}
  std::string name;  // empty for an expression
  std::string alias;
  std::optional<Expr> expr;
};

// Sequelize's `attributes`:
//   ["a", "b"]                     .attributes = {{"a", "b"}}
//   {exclude: ["password"]}        .attributes = {.exclude = {"password"}}
//   {include: [...]}               .attributes = {.include = {...}}
//   []                             .attributes = {.none = true}   (an include read for a join
//                                                                  or an aggregate only)
// An aggregate on purpose: designated initialisers are only reliable on aggregates.
struct AttributeSelection {
  std::vector<AttributeItem> only;     // exactly these, in this order (empty: all)
  std::vector<AttributeItem> include;  // all, plus these
  std::vector<std::string> exclude;    // all, minus these
  bool none = false;                   // no attribute at all

  [[nodiscard]] bool isAll() const noexcept { return only.empty() && !none; }
};

// ---------------------------------------------------------------------------------------------
// Includes

// `association: "author"` or an Association object.
class AssociationRef {
 public:
  AssociationRef() = default;
  AssociationRef(const char* alias) : alias_(alias) {}  // NOLINT(google-explicit-constructor)
  AssociationRef(std::string alias) : alias_(std::move(alias)) {}  // NOLINT
  AssociationRef(const Association& association)  // NOLINT(google-explicit-constructor)
      : association_(&association) {}

  [[nodiscard]] bool empty() const noexcept { return association_ == nullptr && alias_.empty(); }
  [[nodiscard]] const Association* association() const noexcept { return association_; }
  [[nodiscard]] const std::string& alias() const noexcept { return alias_; }

 private:
  const Association* association_ = nullptr;
  std::string alias_;
};

// ---------------------------------------------------------------------------------------------
// Ordering

// {"user_id", "DESC"}, {"story", "title", "ASC"} (an include's attribute), or "username".
class OrderItem {
 public:
  OrderItem(const char* attribute) : path_{attribute} {}  // NOLINT(google-explicit-constructor)
  OrderItem(std::string attribute) : path_{std::move(attribute)} {}  // NOLINT
  OrderItem(std::initializer_list<std::string> parts);
  // {fn("COUNT", col("story.story_id")), "DESC"}, or an expression alone.
  OrderItem(Expr expression, std::string direction = {});  // NOLINT(google-explicit-constructor)

  // Association aliases, then the attribute (empty for an expression).
  [[nodiscard]] const std::vector<std::string>& path() const noexcept { return path_; }
  [[nodiscard]] const std::string& direction() const noexcept { return direction_; }
  [[nodiscard]] const std::optional<Expr>& expression() const noexcept { return expr_; }

 private:
  std::vector<std::string> path_;
  std::string direction_;
  std::optional<Expr> expr_;
};

struct IncludeOptions;

// One element of `include`: an alias string, a model, an association, or options.
class Include {
 public:
  Include(const char* alias);               // NOLINT(google-explicit-constructor)
  Include(std::string alias);               // NOLINT(google-explicit-constructor)
  Include(Model& model);                    // NOLINT(google-explicit-constructor)
  Include(const Association& association);  // NOLINT(google-explicit-constructor)
  explicit Include(IncludeOptions options);

  [[nodiscard]] const IncludeOptions& options() const noexcept { return *options_; }

 private:
  std::shared_ptr<const IncludeOptions> options_;
};

// What `include` takes: {"story", "author"}, {Stories}, or {{.association = "author", …}, …}.
// (Lists of names/models and lists of option objects are separate forms.)
class IncludeList {
 public:
  IncludeList() = default;
  IncludeList(std::initializer_list<Include> items) : items_(items) {}
  IncludeList(std::initializer_list<IncludeOptions> items);
  IncludeList(std::vector<Include> items) : items_(std::move(items)) {}  // NOLINT

  [[nodiscard]] bool empty() const noexcept { return items_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }
  [[nodiscard]] auto begin() const noexcept { return items_.begin(); }
  [[nodiscard]] auto end() const noexcept { return items_.end(); }
  void push_back(Include include) { items_.push_back(std::move(include)); }

 private:
  std::vector<Include> items_;
};

// Sequelize's `all`: `.all = true` includes every association of the model; a type ("HasOne",
// "BelongsTo", "One", "Has", "All"), or a list of them, includes those of that type only.
class IncludeAll {
 public:
  IncludeAll() = default;
  // Templates, so that neither a pointer nor a braced list converts to them by accident.
  template <class T>
  requires std::same_as<T, bool> IncludeAll(T all)
      : all_(all) {}  // NOLINT(google-explicit-constructor)
  template <class T, std::enable_if_t<std::convertible_to<T, std::string_view> &&
                                          !std::same_as<std::remove_cvref_t<T>, bool>,
                                      int> = 0>
  IncludeAll(T&& type) : all_(true), types_{std::string(std::string_view(type))} {}  // NOLINT
  IncludeAll(std::initializer_list<std::string_view> types) : all_(true) {
    for (const std::string_view t : types) types_.emplace_back(t);
  }

  [[nodiscard]] bool enabled() const noexcept { return all_; }
  // Empty: every type.
  [[nodiscard]] const std::vector<std::string>& types() const noexcept { return types_; }

 private:
  bool all_ = false;
  std::vector<std::string> types_;
};

// belongsToMany: what an include reads of each junction row, and which rows it joins
// (Sequelize's `through: {attributes, where}`). `.attributes = {.none = true}` reads none.
struct ThroughOptions {
  AttributeSelection attributes;
  Where where;
};

struct IncludeOptions {
  ModelRef model;
  std::string as;
  AssociationRef association;
  AttributeSelection attributes;
  Where where;
  std::optional<bool> required;
  IncludeList include;
  IncludeAll all;       // include every association of the model (of the given types)
  bool nested = false;  // with `all`: the associations of those models too, recursively
  // A to-many include read by a query of its own (one per level, for every parent at once)
  // instead of a join, as Sequelize's separate: no join explosion, and `order` applies to it.
  bool separate = false;
  std::vector<OrderItem> order;  // separate only: the order of each parent's list
  // At most this many in each parent's list (the first by `order`); as in Sequelize, an include
  // with a limit is read separately.
  std::optional<std::int64_t> limit;
  ThroughOptions through;  // an include through a junction (belongsToMany)
};

// ---------------------------------------------------------------------------------------------
// Query options

struct FindOptions {
  Where where;
  AttributeSelection attributes;
  IncludeList include;
  std::vector<OrderItem> order;
  std::optional<std::int64_t> limit;
  std::optional<std::int64_t> offset;
  Transaction* transaction = nullptr;
  // Run the statement without logging it (per-query `logging: false`).
  bool silent = false;
  // GROUP BY these attributes ("created_by", or "story.title" for an include's).
  std::vector<std::string> group;
  // findAllRaw only: nest "story.title" keys as {"story": {"title": …}} (Sequelize's nest).
  bool nest = false;
  // belongsToMany's getAssociations: the junction attributes read with each target (default:
  // all), shown under the junction model's name; and `through.where`, which junction rows link.
  std::optional<AttributeSelection> joinTableAttributes;
  ThroughOptions through;
};

// Model.count: rows matching `where`; with include, parents are counted once each.
struct CountOptions {
  Where where;
  IncludeList include;
  // COUNT(DISTINCT col) when set with distinct; COUNT(col) when set alone.
  std::string col;
  bool distinct = false;
  Transaction* transaction = nullptr;
  bool silent = false;
};

// Model.max / min / sum.
struct AggregateOptions {
  Where where;
  IncludeList include;
  Transaction* transaction = nullptr;
  bool silent = false;
};

struct FindOrCreateOptions {
  Where where;      // what to find; its plain equalities are also the new row's values
  Values defaults;  // further values for the new row
  Transaction* transaction = nullptr;
};

struct BulkCreateOptions {
  std::vector<std::string> fields;  // only these attributes are written (empty: all)
  bool validate = false;            // as Sequelize: bulkCreate does not validate unless asked
  bool ignoreDuplicates = false;    // skip rows that collide with a unique key
  // On a unique-key collision, update these attributes of the existing row instead.
  std::vector<std::string> updateOnDuplicate;
  // The unique key that decides a collision for updateOnDuplicate (default: the primary key
  // or the unique attribute Sequelize would pick).
  std::vector<std::string> conflictAttributes;
  Transaction* transaction = nullptr;
};

// Model.update: `where` is required; write `.where = Where::allRows()` to update every row.
struct UpdateOptions {
  Where where;
  std::vector<std::string> fields;  // only these of the values are written (empty: all)
  bool validate = true;
  bool silent = false;  // do not touch updatedAt
  Transaction* transaction = nullptr;
};

// Model.destroy: `where` is required unless `truncate` empties the whole table;
// `.where = Where::allRows()` deletes every row with DELETE.
struct DestroyOptions {
  Where where;
  bool truncate = false;
  bool cascade = false;  // TRUNCATE … CASCADE where the database has it
  Transaction* transaction = nullptr;
};

// increment / decrement: by `by` (1 unless given), for the rows matching `where`.
struct IncrementOptions {
  Where where;
  Value by = 1;
  bool silent = false;  // do not touch updatedAt
  Transaction* transaction = nullptr;
};

struct UpsertOptions {
  std::vector<std::string> fields;  // attributes updated on a collision (empty: those given)
  bool validate = true;
  // The unique key that decides a collision (default: as Sequelize picks it).
  std::vector<std::string> conflictFields;
  Transaction* transaction = nullptr;
};

// Instance.reload / Instance.destroy.
struct InstanceOptions {
  Transaction* transaction = nullptr;
};

// Instance.get({plain: true})
struct GetOptions {
  bool plain = false;
};

struct CreateOptions {
  IncludeList include;
  Transaction* transaction = nullptr;
  std::vector<std::string> fields;  // only these attributes are written (empty: all)
  bool validate = true;
  // belongsToMany's createAssociated: values of the junction row that links the new target.
  Values through;
};

// Options of Instance::setAssociated (Sequelize's setStory / setAuthor).
struct SetAssociationOptions {
  Transaction* transaction = nullptr;
  // belongsToMany: values of the junction rows written (Sequelize's through: {weight: 3}).
  Values through;
  // belongsTo only: false changes the foreign key without saving (changed() then names it).
  bool save = true;
  bool validate = true;
  bool silent = false;  // do not touch updatedAt
};

struct BuildOptions {
  IncludeList include;
  bool isNewRecord = true;
};

struct SaveOptions {
  Transaction* transaction = nullptr;
  std::vector<std::string> fields;
  bool validate = true;
  bool silent = false;  // do not touch updatedAt
};

// Sequelize.query: SQL written by the caller, with values bound to its placeholders ($1 / ?).
struct QueryOptions {
  std::vector<Value> bind;
  Transaction* transaction = nullptr;
  bool silent = false;  // not logged
};

struct QueryResult {
  std::vector<Values> rows;  // one object per row, keys in column order
  std::int64_t affectedRows = 0;
  std::optional<std::int64_t> insertId;
};

struct SyncOptions {
  bool force = false;
};

struct DropOptions {
  bool cascade = false;
};

// ---------------------------------------------------------------------------------------------
// The Sequelize object

struct PoolOptions {
  int max = 5;
  int min = 0;
  std::chrono::milliseconds idle{10'000};
  std::chrono::milliseconds acquire{60'000};
};

using LogFunction = std::function<void(const std::string&)>;

// Sequelize's `retry`: a statement that fails with a transient error (ConnectionError, SQLite
// busy, a deadlock or serialization failure: isRetryable()) is tried again, up to `max` more times,
// waiting 100 ms × 1.1^attempt between tries. Only statements that are safe to repeat are
// retried, which is narrower than Sequelize (which retries whatever matches):
//   - never a statement inside a transaction (the transaction is what must be retried);
//   - a statement that was never sent (no connection could be opened) or that the database
//     refused before it ran (SQLite busy, a deadlock victim: rolled back whole);
//   - a read (SELECT) that failed before any row arrived, also when the connection was lost;
//   - never a write whose connection was lost while it ran: it may have been applied.
// `match` narrows it further: when not empty, the error's name (SequelizeConnectionError…) must
// equal one of the strings, or its message contain one.
struct RetryOptions {
  int max = 0;
  std::vector<std::string> match;
};

struct SequelizeOptions {
  // Receives every statement as "Executing (<connection>): <sql>". Unset: nothing is logged.
  LogFunction logging;
  // Defaults for every model's options.
  ModelOptions define;
  PoolOptions pool;
  RetryOptions retry;
};

}  // namespace sequelize
