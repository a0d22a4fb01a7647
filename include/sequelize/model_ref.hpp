#pragma once
// ModelRef: how options name a model (the Model itself, or its name).
#include <string>
#include <utility>

namespace sequelize {

class Model;

// A model given directly, or by name (resolved when it is needed, so it may be defined later).
class ModelRef {
 public:
  ModelRef() = default;
  ModelRef(Model& model) : model_(&model) {}              // NOLINT(google-explicit-constructor)
  ModelRef(const Model& model) : model_(&model) {}        // NOLINT(google-explicit-constructor)
  ModelRef(const char* name) : name_(name) {}             // NOLINT(google-explicit-constructor)
  ModelRef(std::string name) : name_(std::move(name)) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool empty() const noexcept { return model_ == nullptr && name_.empty(); }
  [[nodiscard]] const Model* model() const noexcept { return model_; }
  [[nodiscard]] const std::string& name() const noexcept { return name_; }

 private:
  const Model* model_ = nullptr;
  std::string name_;
};

}  // namespace sequelize
