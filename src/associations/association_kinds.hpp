#pragma once
// The two one-to-one association kinds. Each derives its names from Sequelize's rules when
// they are not given, and adds (or completes) the foreign key attribute on the model that
// holds it.
#include <optional>
#include <string_view>

#include "sequelize/association.hpp"
#include "sequelize/instance.hpp"
#include "sequelize/model.hpp"

namespace sequelize::detail {

// The accessors follow Sequelize's has-one.js / belongs-to.js: the same statements in the same
// order, with the multi-statement ones made atomic.
class HasOne final : public Association {
 public:
  HasOne(Model& source, Model& target, const HasOneOptions& options);

  [[nodiscard]] std::optional<Instance> get(const Instance& source,
                                            const FindOptions& options) const;
  void set(const Instance& source, const AssociatedValue& value,
           const SetAssociationOptions& options) const;
  Instance create(const Instance& source, const Values& values, const CreateOptions& options) const;
};

class BelongsTo final : public Association {
 public:
  BelongsTo(Model& source, Model& target, const BelongsToOptions& options);

  [[nodiscard]] std::optional<Instance> get(const Instance& source,
                                            const FindOptions& options) const;
  void set(Instance& source, const AssociatedValue& value,
           const SetAssociationOptions& options) const;
  Instance create(Instance& source, const Values& values, const CreateOptions& options) const;
};

// The association an accessor names; throws sequelize::Error for an unknown alias.
const Association& accessedAssociation(const Instance& source, std::string_view alias);
// Throws when `value` holds an instance of another model than the association's target.
void checkTargetInstance(const Association& association, const AssociatedValue& value);

// What an association asks of its foreign key attribute.
struct ForeignKeyRequest {
  std::string name;
  const ForeignKeyOptions* options = nullptr;
  DataType type{TypeKey::INTEGER};
  bool constraints = true;
  std::string onDelete;  // explicit, normalised; empty: the default for the association kind
  std::string onUpdate;
  bool hasOne = true;  // hasOne: CASCADE when not nullable; belongsTo: NO ACTION
  const Model* referencedModel = nullptr;  // the key owner
  std::string referencedField;             // the key owner's column
};

// Adds the foreign key attribute to `holder`, or fills what its definition left open (the
// definition wins where it says something, as Sequelize's mergeDefaults). Returns the
// ON DELETE / ON UPDATE rules that apply.
std::pair<std::string, std::string> injectForeignKey(Model& holder,
                                                     const ForeignKeyRequest& request);

// Throws when an alias is taken or collides with an attribute name. `addedToSource` is the
// foreign key the association is about to add to the source model (empty when it goes to the
// target): Sequelize adds it first and then finds the collision.
void checkAlias(const Model& source, const std::string& alias, bool explicitAlias);
void checkNamingCollision(const Model& source, const std::string& alias,
                          const std::string& addedToSource);

}  // namespace sequelize::detail
