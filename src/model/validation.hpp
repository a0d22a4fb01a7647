#pragma once
// Instance validation before a write, as Sequelize's InstanceValidator: every failure of one
// save is collected into a single ValidationError, and nothing is sent to the database.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "sequelize/errors.hpp"
#include "sequelize/instance.hpp"
#include "sequelize/model.hpp"

namespace sequelize::detail {

// Which attributes of a model have anything to check, worked out once per definition (kept in
// ModelCaches, rebuilt whenever the model's attributes change): validating an instance visits those
// alone, in attribute order, instead of asking every attribute what it has.
struct ValidationPlan {
  struct Step {
    std::uint32_t slot;
    bool notNull;     // refuses null (Sequelize's notNull Violation)
    bool mustBeText;  // STRING, TEXT or CHAR: refuses an object or an array
    bool hasCustom;   // custom validator functions
  };
  std::vector<Step> schemaAndCustom;   // attributes with any of the above
  std::vector<std::uint32_t> builtIn;  // attributes with any validator in `validate`

  static ValidationPlan of(const Model& model);
};

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
