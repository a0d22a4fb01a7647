#pragma once
// Instance validation before a write, as Sequelize's InstanceValidator: every failure of one
// save is collected into a single ValidationError, and nothing is sent to the database.
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "sequelize/errors.hpp"
#include "sequelize/instance.hpp"

namespace sequelize::detail {

struct ValidationScope {
  // Only these attribute slots are checked, when given (Sequelize skips attributes outside
  // `fields`).
  std::optional<std::span<const std::size_t>> slots;
  // Attribute slots that an association will fill in before the write (nested create).
  std::span<const std::size_t> filledLater;
  // Whether the model-wide validators run too.
  bool modelChecks = true;
};

// Appends the failures of one instance.
void collectValidationErrors(const Instance& instance, const ValidationScope& scope,
                             std::vector<ValidationErrorItem>& errors);
// Throws ValidationError when there is any failure.
void validateInstance(const Instance& instance, const ValidationScope& scope);

}  // namespace sequelize::detail
