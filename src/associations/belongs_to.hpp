#pragma once
// belongsTo: the source row holds the key (Sequelize's belongs-to.js). One target per source.
#include "associations/association_support.hpp"

namespace sequelize::detail {

class BelongsTo final : public Association {
 public:
  BelongsTo(Model& source, Model& target, const BelongsToOptions& options);

  [[nodiscard]] std::string_view associationTypeName() const noexcept override {
    return "BelongsTo";
  }
  [[nodiscard]] bool isMultiAssociation() const noexcept override { return false; }

  [[nodiscard]] std::optional<Instance> getOne(const Instance& source,
                                               const FindOptions& options) const override;
  void setOne(Instance& source, const AssociatedValue& value,
              const SetAssociationOptions& options) const override;
  Instance create(Instance& source, const Values& values,
                  const CreateOptions& options) const override;

 protected:
  [[nodiscard]] bool keyOnTarget() const noexcept override { return false; }
};

}  // namespace sequelize::detail
