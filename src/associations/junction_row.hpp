#pragma once
// The link from a belongsToMany's target to its junction row (Sequelize's oneFromTarget): a
// one-to-one association aliased as the junction model's name, owned by the belongsToMany and
// registered on no model. Includes reach the target through it, and the hydrator puts the
// junction row into the target's instance by it, where toJSON shows it ("StoryTags": {…}).
#include "associations/association_support.hpp"

namespace sequelize::detail {

class JunctionRow final : public Association {
 public:
  // target.<targetKey> = junction.<otherKey>
  JunctionRow(Model& target, Model& junction, const std::string& targetKey,
              const std::string& otherKey);

  [[nodiscard]] std::string_view associationTypeName() const noexcept override { return "HasOne"; }
  [[nodiscard]] bool isMultiAssociation() const noexcept override { return false; }
  // The junction column holding the target's key and the target's key it holds, when the two
  // sides of a junction pair up.
  void rekey(const std::string& otherKey, const std::string& targetKey) {
    foreignKey_ = otherKey;
    sourceKey_ = targetKey;
  }
  [[nodiscard]] NestedWritePlace nestedWritePlace() const noexcept override {
    return NestedWritePlace::ByOwnersLink;
  }
  // Never nested-written by itself: a junction row is written by its belongsToMany.
  Instance create(Instance& source, const Values& values,
                  const CreateOptions& options) const override;

 protected:
  [[nodiscard]] bool keyOnTarget() const noexcept override { return true; }
};

}  // namespace sequelize::detail
