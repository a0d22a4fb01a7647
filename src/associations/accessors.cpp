// Instance::getAssociated / setAssociated / createAssociated: the association is found by its
// alias, then its kind does the work (has_one_accessors.cpp, belongs_to_accessors.cpp).
#include "associations/association_kinds.hpp"
#include "sequelize/errors.hpp"

namespace sequelize {
namespace detail {

const Association& accessedAssociation(const Instance& source, std::string_view alias) {
  const Association* a = source.model().association(alias);
  if (a == nullptr) {
    throw Error("Association with alias \"" + std::string(alias) + "\" does not exist on " +
                source.model().name());
  }
  return *a;
}

void checkTargetInstance(const Association& association, const AssociatedValue& value) {
  if (value.instance() != nullptr && &value.instance()->model() != &association.target()) {
    throw TypeError("The association \"" + association.as() + "\" of " +
                    association.source().name() + " links to " + association.target().name() +
                    " instances, not to " + value.instance()->model().name());
  }
}

}  // namespace detail

std::optional<Instance> Instance::getAssociated(std::string_view alias,
                                                const FindOptions& options) const {
  const Association& a = detail::accessedAssociation(*this, alias);
  if (a.associationType() == AssociationType::HasOne) {
    return static_cast<const detail::HasOne&>(a).get(*this, options);
  }
  return static_cast<const detail::BelongsTo&>(a).get(*this, options);
}

void Instance::setAssociated(std::string_view alias, const AssociatedValue& value,
                             const SetAssociationOptions& options) {
  const Association& a = detail::accessedAssociation(*this, alias);
  detail::checkTargetInstance(a, value);
  if (a.associationType() == AssociationType::HasOne) {
    static_cast<const detail::HasOne&>(a).set(*this, value, options);
  } else {
    static_cast<const detail::BelongsTo&>(a).set(*this, value, options);
  }
}

Instance Instance::createAssociated(std::string_view alias, const Values& values,
                                    const CreateOptions& options) {
  const Association& a = detail::accessedAssociation(*this, alias);
  if (a.associationType() == AssociationType::HasOne) {
    return static_cast<const detail::HasOne&>(a).create(*this, values, options);
  }
  return static_cast<const detail::BelongsTo&>(a).create(*this, values, options);
}

}  // namespace sequelize
