#pragma once
// The keys that decide a collision for updateOnDuplicate and upsert, as Sequelize picks them.
#include <cstddef>
#include <string>
#include <vector>

#include "sequelize/model.hpp"

namespace sequelize::detail {

// The model's unique keys in definition order: one per `unique: true` attribute, one per name
// shared by `unique: "name"` attributes. Each key lists attribute slots.
std::vector<std::vector<std::size_t>> uniqueKeys(const Model& model);

// Attribute names to slots; throws sequelize::Error naming `context` for an unknown one.
std::vector<std::size_t> slotsOf(const Model& model, const std::vector<std::string>& names,
                                 const std::string& context);

}  // namespace sequelize::detail
