#pragma once
// What every association kind shares: finding the association an accessor names, checking
// aliases, and adding (or completing) the foreign key attribute on the model that holds it.
#include <optional>
#include <string_view>

#include "sequelize/association.hpp"
#include "sequelize/instance.hpp"
#include "sequelize/model.hpp"

namespace sequelize::detail {

// The association an accessor names; throws sequelize::Error for an unknown alias.
const Association& accessedAssociation(const Instance& source, std::string_view alias);
// Throws when `value` holds an instance of another model than the association's target.
void checkTargetInstance(const Association& association, const AssociatedValue& value);

// The value under `key` in a row read raw; null when the row has no such key.
const Value* fieldOf(const Values& row, std::string_view key);
// Whether `v` is among `values`.
bool listed(const std::vector<Value>& values, const Value& v);

// The source's key value an accessor writes; an unsaved source (no key yet) throws.
const Value& savedSourceKey(const Association& association, const Instance& source,
                            const char* accessor);
// Sequelize's test of several targets: attribute = k1 OR attribute = k2 …
Where anyOfKeys(const std::string& attribute, const std::vector<Value>& keys);

// A to-many association's names: the alias given (its singular derived unless given) or the
// target's plural and singular names.
struct ToManyNames {
  std::string as;
  std::string singular;
  bool aliased = false;
};
ToManyNames toManyNames(const AssociationAlias& alias, const Model& target);

// Throws sequelize::Error when `name` is given and is not an attribute of `model` (a sourceKey
// or targetKey option).
void checkKeyAttribute(const Model& model, const std::string& name, const char* option);
// The primary keys of `targets` (instances or keys); an instance without one throws.
std::vector<Value> targetKeys(const Association& association,
                              const std::vector<AssociatedValue>& targets, const char* accessor);

// What an association asks of its foreign key attribute.
struct ForeignKeyRequest {
  std::string name;
  const ForeignKeyOptions* options = nullptr;
  DataType type{TypeKey::INTEGER};
  bool constraints = true;
  std::string onDelete;  // explicit, normalised; empty: the default for the association kind
  std::string onUpdate;
  bool cascadeWhenRequired =
      true;  // hasOne/hasMany: CASCADE when not nullable; belongsTo: NO ACTION
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
