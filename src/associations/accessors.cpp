// Instance's association accessors: the association is found by its alias, then its kind does
// the work (has_one_accessors.cpp, belongs_to_accessors.cpp, has_many_accessors.cpp); an
// accessor of the other cardinality throws (Association's defaults).
#include "associations/association_support.hpp"
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
  return detail::accessedAssociation(*this, alias).getOne(*this, options);
}

void Instance::setAssociated(std::string_view alias, const AssociatedValue& value,
                             const SetAssociationOptions& options) {
  const Association& a = detail::accessedAssociation(*this, alias);
  detail::checkTargetInstance(a, value);
  a.setOne(*this, value, options);
}

Instance Instance::createAssociated(std::string_view alias, const Values& values,
                                    const CreateOptions& options) {
  return detail::accessedAssociation(*this, alias).create(*this, values, options);
}

std::vector<Instance> Instance::getAssociations(std::string_view alias,
                                                const FindOptions& options) const {
  return detail::accessedAssociation(*this, alias).getMany(*this, options);
}

std::int64_t Instance::countAssociations(std::string_view alias, const FindOptions& options) const {
  return detail::accessedAssociation(*this, alias).count(*this, options);
}

bool Instance::hasAssociations(std::string_view alias, const std::vector<AssociatedValue>& targets,
                               const FindOptions& options) const {
  return detail::accessedAssociation(*this, alias).has(*this, targets, options);
}

void Instance::setAssociations(std::string_view alias, const std::vector<AssociatedValue>& targets,
                               const SetAssociationOptions& options) {
  detail::accessedAssociation(*this, alias).setMany(*this, targets, options);
}

void Instance::addAssociations(std::string_view alias, const std::vector<AssociatedValue>& targets,
                               const SetAssociationOptions& options) {
  detail::accessedAssociation(*this, alias).add(*this, targets, options);
}

void Instance::removeAssociations(std::string_view alias,
                                  const std::vector<AssociatedValue>& targets,
                                  const SetAssociationOptions& options) {
  detail::accessedAssociation(*this, alias).remove(*this, targets, options);
}

}  // namespace sequelize
