#pragma once
// hasMany: each target row holds the key (Sequelize's has-many.js). Many targets per source:
// included as a list, and the to-many accessors (get, count, has, set, add, remove, create).
#include "associations/association_support.hpp"

namespace sequelize::detail {

class HasMany final : public Association {
 public:
  HasMany(Model& source, Model& target, const HasManyOptions& options);

  [[nodiscard]] std::string_view associationTypeName() const noexcept override { return "HasMany"; }
  [[nodiscard]] bool isMultiAssociation() const noexcept override { return true; }

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

 protected:
  [[nodiscard]] bool keyOnTarget() const noexcept override { return true; }

 private:
  // Where: the target's foreign key equals the source's key, ANDed with `extra`.
  [[nodiscard]] Where linkedTo(const Value& key, const Where& extra) const;
};

}  // namespace sequelize::detail
