#pragma once
// Association: a hasOne or belongsTo link between two models, with the names Sequelize derives
// for it (alias, foreign key, source/target keys) and the rules of its foreign key constraint.
#include <string>
#include <string_view>

#include "sequelize/options.hpp"

namespace sequelize {

class Model;

enum class AssociationType : std::uint8_t { HasOne, BelongsTo };

class Association {
 public:
  Association(const Association&) = delete;
  Association& operator=(const Association&) = delete;
  virtual ~Association() = default;

  [[nodiscard]] AssociationType associationType() const noexcept { return type_; }
  // "HasOne" / "BelongsTo", as Sequelize's association.associationType.
  [[nodiscard]] std::string_view associationTypeName() const noexcept;
  [[nodiscard]] const Model& source() const noexcept { return *source_; }
  [[nodiscard]] const Model& target() const noexcept { return *target_; }
  [[nodiscard]] const std::string& as() const noexcept { return as_; }
  [[nodiscard]] bool isAliased() const noexcept { return isAliased_; }
  // The attribute holding the key: on the target for hasOne, on the source for belongsTo.
  [[nodiscard]] const std::string& foreignKey() const noexcept { return foreignKey_; }
  // hasOne: the source attribute the foreign key points at. belongsTo: the target attribute.
  [[nodiscard]] const std::string& sourceKey() const noexcept { return sourceKey_; }
  [[nodiscard]] const std::string& targetKey() const noexcept { return targetKey_; }
  [[nodiscard]] const std::string& onDelete() const noexcept { return onDelete_; }
  [[nodiscard]] const std::string& onUpdate() const noexcept { return onUpdate_; }

  // The model that holds the foreign key column.
  [[nodiscard]] const Model& keyHolder() const noexcept;
  // The model whose key the foreign key references.
  [[nodiscard]] const Model& keyOwner() const noexcept;
  // The referenced attribute on keyOwner(): sourceKey for hasOne, targetKey for belongsTo.
  [[nodiscard]] const std::string& referencedKey() const noexcept;

 protected:
  Association(AssociationType type, Model& source, Model& target) noexcept
      : type_(type), source_(&source), target_(&target) {}

  AssociationType type_;
  Model* source_;
  Model* target_;
  std::string as_;
  bool isAliased_ = false;
  std::string foreignKey_;
  std::string sourceKey_;
  std::string targetKey_;
  std::string onDelete_;
  std::string onUpdate_;
};

}  // namespace sequelize
