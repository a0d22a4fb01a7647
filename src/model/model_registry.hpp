#pragma once
// The models of one Sequelize object, owned together by that object and by every Instance made
// from them (through the key order each instance holds): an Instance may outlive its Sequelize
// and still read its values, print its JSON and copy itself, because its model is still there.
// What needs the database goes through Model::sequelize(), which throws once the Sequelize
// object is gone, instead of reaching freed memory.
#include <atomic>
#include <memory>
#include <vector>

namespace sequelize {
class Sequelize;
class Model;
}  // namespace sequelize

namespace sequelize::detail {

class ModelRegistry : public std::enable_shared_from_this<ModelRegistry> {
 public:
  explicit ModelRegistry(Sequelize& owner) noexcept : owner_(&owner) {}
  ModelRegistry(const ModelRegistry&) = delete;
  ModelRegistry& operator=(const ModelRegistry&) = delete;
  ~ModelRegistry();

  // The Sequelize object the models were defined on; null once it has been destroyed.
  [[nodiscard]] Sequelize* owner() const noexcept { return owner_.load(std::memory_order_acquire); }
  // Called while the Sequelize object is destroyed. Also forgets the models' cached plans:
  // their key orders hold this registry, and would keep it (and so themselves) alive for ever.
  void detach() noexcept;
  // The registry of a model, shared: what a key order holds to keep the models alive.
  static std::shared_ptr<const ModelRegistry> of(const Model& model);

  std::vector<std::unique_ptr<Model>> models;  // in definition order

 private:
  std::atomic<Sequelize*> owner_;
};

}  // namespace sequelize::detail
