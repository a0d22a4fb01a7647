#pragma once
// The options of hasOne, belongsTo, hasMany and belongsToMany, filled with designated
// initialisers: Users.hasMany(Stories, {.foreignKey = "created_by", .as = "stories"}).
#include <concepts>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "sequelize/data_types.hpp"
#include "sequelize/model_ref.hpp"

namespace sequelize {

struct ForeignKeyOptions {
  std::string name;   // the attribute name
  std::string field;  // the column name
  std::optional<bool> allowNull;
};

// `.foreignKey = "created_by"` or `.foreignKey = ForeignKeyOptions{.name = "created_by",
// .allowNull = false}`.
class ForeignKey {
 public:
  ForeignKey() = default;
  // A template, so that a braced {…} can only mean ForeignKeyOptions.
  template <class T, std::enable_if_t<std::convertible_to<T, std::string_view>, int> = 0>
  ForeignKey(T&& name) {  // NOLINT(google-explicit-constructor)
    options_.name = std::string(std::string_view(name));
  }
  ForeignKey(ForeignKeyOptions options) : options_(std::move(options)) {}  // NOLINT

  [[nodiscard]] bool empty() const noexcept {
    return options_.name.empty() && options_.field.empty() && !options_.allowNull;
  }
  [[nodiscard]] const ForeignKeyOptions& options() const noexcept { return options_; }

 private:
  ForeignKeyOptions options_;
};

// Field order follows the tutorial's spelling: {.foreignKey = "created_by", .as = "story"}.
struct HasOneOptions {
  ForeignKey foreignKey;
  std::string as;
  std::string sourceKey;
  std::string onDelete;  // CASCADE, SET NULL, RESTRICT, NO ACTION, SET DEFAULT
  std::string onUpdate;
  std::optional<bool> constraints;
  std::optional<DataType> keyType;
};

// A to-many alias: `.as = "stories"` (the singular derived, "story"), or
// `.as = {"story", "stories"}` (Sequelize's {singular, plural}).
class AssociationAlias {
 public:
  AssociationAlias() = default;
  template <class T, std::enable_if_t<std::convertible_to<T, std::string_view>, int> = 0>
  AssociationAlias(T&& plural)  // NOLINT(google-explicit-constructor)
      : plural_(std::string_view(plural)) {}
  AssociationAlias(std::string singular, std::string plural)
      : singular_(std::move(singular)), plural_(std::move(plural)) {}

  [[nodiscard]] bool empty() const noexcept { return plural_.empty(); }
  [[nodiscard]] const std::string& plural() const noexcept { return plural_; }
  // Empty when only the plural was given.
  [[nodiscard]] const std::string& singular() const noexcept { return singular_; }

 private:
  std::string singular_;
  std::string plural_;
};

struct HasManyOptions {
  ForeignKey foreignKey;
  AssociationAlias as;
  std::string sourceKey;
  std::string onDelete;  // CASCADE, SET NULL, RESTRICT, NO ACTION, SET DEFAULT
  std::string onUpdate;
  std::optional<bool> constraints;
  std::optional<DataType> keyType;
};

struct BelongsToOptions {
  ForeignKey foreignKey;
  std::string as;
  std::string targetKey;
  std::string onDelete;
  std::string onUpdate;
  std::optional<bool> constraints;
  std::optional<DataType> keyType;
};

// belongsToMany's junction: `.through = "StoryTags"` (a model of that name: the one defined
// so, or one the association defines, with Sequelize's columns), `.through = StoryTags` (a model
// of yours, used with its own attributes), or `.through = {.model = StoryTags, .unique = false}`
// (Sequelize's through.unique: false, no unique key over the two key columns).
struct ThroughModelOptions {
  ModelRef model;
  bool unique = true;
};

class ThroughModel {
 public:
  ThroughModel() = default;
  template <class T, std::enable_if_t<std::convertible_to<T, std::string_view>, int> = 0>
  ThroughModel(T&& name) {  // NOLINT(google-explicit-constructor)
    options_.model = ModelRef(std::string(std::string_view(name)));
  }
  ThroughModel(Model& model) { options_.model = ModelRef(model); }             // NOLINT
  ThroughModel(ThroughModelOptions options) : options_(std::move(options)) {}  // NOLINT
  ThroughModel(std::nullptr_t) = delete;  // as Sequelize refuses `through: null`

  [[nodiscard]] bool empty() const noexcept { return options_.model.empty(); }
  [[nodiscard]] const ThroughModelOptions& options() const noexcept { return options_; }

 private:
  ThroughModelOptions options_;
};

struct BelongsToManyOptions {
  ThroughModel through;  // required
  AssociationAlias as;
  ForeignKey foreignKey;  // the junction's column holding the source's key
  ForeignKey otherKey;    // the junction's column holding the target's key
  std::string sourceKey;
  std::string targetKey;
  // The name of the unique key over the two columns, when the junction has a primary key of
  // its own (default: <table>_<foreignKey>_<otherKey>_unique).
  std::string uniqueKey;
  std::string onDelete;  // both key columns; default CASCADE
  std::string onUpdate;
  std::optional<bool> constraints;
  std::optional<bool> timestamps;  // of a junction the association defines
};

}  // namespace sequelize
