#pragma once
// Association: a link between two models (hasOne, belongsTo, hasMany, belongsToMany), with the
// names Sequelize derives for it (alias, foreign key, source/target keys) and the rules of its
// foreign key constraint. Each kind is a class of its own (src/associations/): what differs by kind
// — its cardinality, its join, its place in a nested write, its accessors — is a virtual member
// here, so that the rest of the library never asks which kind it holds.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sequelize/instance.hpp"
#include "sequelize/options.hpp"

namespace sequelize {

class Model;

enum class AssociationType : std::uint8_t { HasOne, BelongsTo, HasMany, BelongsToMany };

class Association {
 public:
  Association(const Association&) = delete;
  Association& operator=(const Association&) = delete;
  virtual ~Association() = default;

  [[nodiscard]] AssociationType associationType() const noexcept { return type_; }
  // "HasOne" / "BelongsTo" / "HasMany" / "BelongsToMany", as Sequelize's associationType.
  [[nodiscard]] virtual std::string_view associationTypeName() const noexcept = 0;
  // Whether one source row may have several targets (Sequelize's isMultiAssociation): its
  // included value is a list, its accessors are the to-many ones.
  [[nodiscard]] virtual bool isMultiAssociation() const noexcept = 0;
  [[nodiscard]] const Model& source() const noexcept { return *source_; }
  [[nodiscard]] const Model& target() const noexcept { return *target_; }
  // The alias: the key of the included value in toJSON, and the name accessors take. For a
  // to-many association, its plural name.
  [[nodiscard]] const std::string& as() const noexcept { return as_; }
  // The singular name of one target (Sequelize's options.name.singular): "story" for "stories".
  [[nodiscard]] const std::string& singularName() const noexcept { return singular_; }
  [[nodiscard]] bool isAliased() const noexcept { return isAliased_; }
  // The attribute holding the key: on the target for hasOne / hasMany, on the source for
  // belongsTo.
  [[nodiscard]] const std::string& foreignKey() const noexcept { return foreignKey_; }
  // hasOne / hasMany: the source attribute the foreign key points at. belongsTo: the source's
  // primary key.
  [[nodiscard]] const std::string& sourceKey() const noexcept { return sourceKey_; }
  // belongsTo: the target attribute the foreign key points at; otherwise the target's primary key.
  [[nodiscard]] const std::string& targetKey() const noexcept { return targetKey_; }
  [[nodiscard]] const std::string& onDelete() const noexcept { return onDelete_; }
  [[nodiscard]] const std::string& onUpdate() const noexcept { return onUpdate_; }

  // The model that holds the foreign key column (the junction, for belongsToMany).
  [[nodiscard]] virtual const Model& keyHolder() const noexcept {
    return keyOnTarget() ? *target_ : *source_;
  }
  // The model whose key the foreign key references.
  [[nodiscard]] const Model& keyOwner() const noexcept {
    return keyOnTarget() ? *source_ : *target_;
  }
  // The referenced attribute on keyOwner().
  [[nodiscard]] const std::string& referencedKey() const noexcept {
    return keyOnTarget() ? sourceKey_ : targetKey_;
  }

  // The join of an include, first step: source.<sourceAttribute> = next.<nextAttribute>, where
  // `next` is the target, or the junction when the association goes through one (through()).
  struct JoinOn {
    const std::string& sourceAttribute;
    const std::string& nextAttribute;
  };
  [[nodiscard]] virtual JoinOn joinOn() const noexcept {
    return keyOnTarget() ? JoinOn{sourceKey_, foreignKey_} : JoinOn{foreignKey_, targetKey_};
  }
  // A junction between source and target (belongsToMany): each link is a row of `model`, whose
  // `foreignKey` holds the source's key and `otherKey` the target's. `row` is the one-to-one
  // association from the target to its junction row (aliased as the junction model's name): an
  // include reaches the target through it, and a target read through the junction holds its
  // row there, as Sequelize shows it (`"StoryTags": {"weight": 3}`).
  struct Through {
    const Model& model;
    const Association& row;
    const std::string& foreignKey;
    const std::string& otherKey;
  };
  // Null when the source joins the target directly.
  [[nodiscard]] virtual const Through* through() const noexcept { return nullptr; }
  // Whether this association is among those `include: {all: type}` names ("All", "One", "Has",
  // "Many" or a kind's name), as Sequelize groups them.
  [[nodiscard]] virtual bool isOfIncludeType(std::string_view type) const;

  // ---- Nested writes (create with include), used by the library's save.
  enum class NestedWritePlace : std::uint8_t {
    BeforeOwner,  // the target row is written first; its key goes into the owner (belongsTo)
    AfterOwner,   // the owner is written first; its key goes into each target (hasOne, hasMany)
    // Owner and target are written first, then a junction row holding both keys (belongsToMany)
    ThroughJunction,
    // Written by the association that links its owner, never by itself: a belongsToMany
    // target's junction row (its values given as `{"StoryTags", {{"weight", 3}}}` in a nested
    // target), written with the two keys once both rows exist.
    ByOwnersLink,
  };
  [[nodiscard]] virtual NestedWritePlace nestedWritePlace() const noexcept {
    return keyOnTarget() ? NestedWritePlace::AfterOwner : NestedWritePlace::BeforeOwner;
  }
  // The attribute the nested write fills in on the target (its foreign key), or none: the
  // target's validation skips its notNull check, as the owner provides it.
  [[nodiscard]] virtual const std::string* keyFilledInTarget() const noexcept {
    return keyOnTarget() ? &foreignKey_ : nullptr;
  }
  // The attribute the nested write fills in on the owner (belongsTo's foreign key), or none.
  [[nodiscard]] const std::string* keyFilledInSource() const noexcept {
    return keyOnTarget() ? nullptr : &foreignKey_;
  }
  // The value that links: the owner's key for a target (AfterOwner), the target's key for the
  // owner (BeforeOwner).
  [[nodiscard]] const std::string& linkingKey() const noexcept {
    return keyOnTarget() ? sourceKey_ : targetKey_;
  }

  // ---- Accessors, behind Instance's getAssociated / getAssociations / … Each kind overrides
  // those of its cardinality; the others throw sequelize::Error naming the ones to use.
  [[nodiscard]] virtual std::optional<Instance> getOne(const Instance& source,
                                                       const FindOptions& options) const;
  virtual void setOne(Instance& source, const AssociatedValue& value,
                      const SetAssociationOptions& options) const;
  [[nodiscard]] virtual std::vector<Instance> getMany(const Instance& source,
                                                      const FindOptions& options) const;
  [[nodiscard]] virtual std::int64_t count(const Instance& source,
                                           const FindOptions& options) const;
  [[nodiscard]] virtual bool has(const Instance& source,
                                 const std::vector<AssociatedValue>& targets,
                                 const FindOptions& options) const;
  virtual void setMany(Instance& source, const std::vector<AssociatedValue>& targets,
                       const SetAssociationOptions& options) const;
  virtual void add(Instance& source, const std::vector<AssociatedValue>& targets,
                   const SetAssociationOptions& options) const;
  virtual void remove(Instance& source, const std::vector<AssociatedValue>& targets,
                      const SetAssociationOptions& options) const;
  // A target row created linked to `source`.
  virtual Instance create(Instance& source, const Values& values,
                          const CreateOptions& options) const = 0;

 protected:
  Association(AssociationType type, Model& source, Model& target) noexcept
      : type_(type), source_(&source), target_(&target) {}
  // Whether the foreign key column sits on the target (hasOne, hasMany) or on the source
  // (belongsTo).
  [[nodiscard]] virtual bool keyOnTarget() const noexcept = 0;

  AssociationType type_;
  Model* source_;
  Model* target_;
  std::string as_;
  std::string singular_;
  bool isAliased_ = false;
  std::string foreignKey_;
  std::string sourceKey_;
  std::string targetKey_;
  std::string onDelete_;
  std::string onUpdate_;
};

}  // namespace sequelize
