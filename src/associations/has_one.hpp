#pragma once
// hasOne: the target row holds the key (Sequelize's has-one.js). One target per source.
#include "associations/association_support.hpp"

namespace sequelize::detail {

class HasOne final : public Association {
 public:
  HasOne(Model& source, Model& target, const HasOneOptions& options);

  [[nodiscard]] std::string_view associationTypeName() const noexcept override { return "HasOne"; }
  [[nodiscard]] bool isMultiAssociation() const noexcept override { return false; }

  [[nodiscard]] std::optional<Instance> getOne(const Instance& source,
                                               const FindOptions& options) const override;
  void setOne(Instance& source, const AssociatedValue& value,
              const SetAssociationOptions& options) const override;
  Instance create(Instance& source, const Values& values,
                  const CreateOptions& options) const override;

 protected:
  [[nodiscard]] bool keyOnTarget() const noexcept override { return true; }
};

}  // namespace sequelize::detail
