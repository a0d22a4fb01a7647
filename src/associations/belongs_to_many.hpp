#pragma once
// belongsToMany: each link is a row of a junction model holding both keys (Sequelize's
// belongs-to-many.js). Many targets per source: included as a list, each target carrying its
// junction row under the junction model's name, and the to-many accessors writing junction rows.
#include <memory>
#include <optional>

#include "associations/association_support.hpp"
#include "associations/junction_row.hpp"

namespace sequelize::detail {

class BelongsToMany final : public Association {
 public:
  BelongsToMany(Model& source, Model& target, const BelongsToManyOptions& options);

  [[nodiscard]] std::string_view associationTypeName() const noexcept override {
    return "BelongsToMany";
  }
  [[nodiscard]] bool isMultiAssociation() const noexcept override { return true; }
  // As Sequelize's include `all`: only "All" names it (no other group holds belongsToMany).
  [[nodiscard]] bool isOfIncludeType(std::string_view type) const override { return type == "All"; }
  // The junction holds the key; nothing is filled in on the target itself.
  [[nodiscard]] const Model& keyHolder() const noexcept override { return *junction_; }
  [[nodiscard]] JoinOn joinOn() const noexcept override { return JoinOn{sourceKey_, foreignKey_}; }
  [[nodiscard]] const Through* through() const noexcept override { return &*through_; }
  [[nodiscard]] NestedWritePlace nestedWritePlace() const noexcept override {
    return NestedWritePlace::ThroughJunction;
  }
  [[nodiscard]] const std::string* keyFilledInTarget() const noexcept override { return nullptr; }

  // The junction's column holding the target's key (Sequelize's otherKey).
  [[nodiscard]] const std::string& otherKey() const noexcept { return otherKey_; }
  [[nodiscard]] const Model& junction() const noexcept { return *junction_; }

  [[nodiscard]] std::vector<Instance> getMany(const Instance& source,
                                              const FindOptions& options) const override;
  [[nodiscard]] std::int64_t count(const Instance& source,
                                   const FindOptions& options) const override;
  [[nodiscard]] bool has(const Instance& source, const std::vector<AssociatedValue>& targets,
                         const FindOptions& options) const override;
  void setMany(Instance& source, const std::vector<AssociatedValue>& targets,
               const SetAssociationOptions& options) const override;
  void add(Instance& source, const std::vector<AssociatedValue>& targets,
           const SetAssociationOptions& options) const override;
  void remove(Instance& source, const std::vector<AssociatedValue>& targets,
              const SetAssociationOptions& options) const override;
  Instance create(Instance& source, const Values& values,
                  const CreateOptions& options) const override;

  // The junction rows linking `sourceKey` to each of `targetKeys`, inserted with `through`'s
  // values (one INSERT), or updated where they exist with other values: Sequelize's add, also
  // the last step of a nested create.
  void link(const Value& sourceKey, const std::vector<Value>& targetKeys, const Values& through,
            bool validate, Transaction& transaction) const;

 protected:
  [[nodiscard]] bool keyOnTarget() const noexcept override { return true; }

 private:
  // The INSERT of the `wanted` links not `existing`, then an UPDATE of each `stale` one (whose
  // through values differ): the writing part of add and set, in Sequelize's order.
  void writeLinks(const Value& sourceKey, const std::vector<Value>& wanted,
                  const std::vector<Value>& existing, const std::vector<Value>& stale,
                  const Values& through, bool validate, Transaction& transaction) const;
  // Throws when foreignKey and otherKey name one column.
  void checkDistinctKeys(const std::string& context) const;
  // The junction when it exists already (`through`'s model, or one defined by that name).
  [[nodiscard]] Model* existingJunction(const BelongsToManyOptions& options) const;
  // The junction, defined for the association when it does not exist.
  Model& junctionFor(const BelongsToManyOptions& options);
  // The junction columns this definition removes: a primary key the junction did not choose
  // (its `id`, or keys the other side added) and the other side's provisional other key.
  [[nodiscard]] std::vector<std::string> columnsGivingWay(const Model& junction,
                                                          const BelongsToMany* paired,
                                                          bool rekeyPair) const;
  // Whether the other side of the junction added the column `name`.
  static bool createdByPair(const BelongsToMany* paired, const std::string& name);
  // Another association that uses the junction's `column` as a key, if any.
  [[nodiscard]] const Association* keyUser(const Model& junction, const std::string& column,
                                           const BelongsToMany* paired, bool rekeyPair) const;
  // The key columns on the junction, its primary or unique key, and their constraints.
  void injectKeys(const BelongsToManyOptions& options, const BelongsToMany* paired);
  // The target's findAll options for the targets linked to `key`: an inner join on the junction
  // rows, whose attributes `joinAttributes` selects.
  [[nodiscard]] FindOptions linkedTargets(const Value& key, const FindOptions& options,
                                          const AttributeSelection& joinAttributes) const;

  std::string otherKey_;
  Model* junction_ = nullptr;
  bool createdForeignKey_ = false;  // the key columns this association added to the junction
  bool createdOtherKey_ = false;
  bool otherKeyDefault_ = false;
  bool targetKeyDefault_ = false;
  std::unique_ptr<JunctionRow> row_;
  std::optional<Through> through_;
};

}  // namespace sequelize::detail
