#include "model/model_registry.hpp"

#include "model/model_caches.hpp"
#include "sequelize/model.hpp"

namespace sequelize::detail {

ModelRegistry::~ModelRegistry() = default;

std::shared_ptr<const ModelRegistry> ModelRegistry::of(const Model& model) {
  return model.registry_->shared_from_this();
}

void ModelRegistry::detach() noexcept {
  owner_.store(nullptr, std::memory_order_release);
  for (const auto& model : models) ModelCaches::of(*model).clear();
}

}  // namespace sequelize::detail
