#pragma once
// Instance: one row of a model, as Sequelize's model instances. Values are kept in slots indexed
// by attribute position; the order in which keys were set (what toJSON prints) is kept
// separately and shared by every row of one query.
#include <concepts>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sequelize/options.hpp"
#include "sequelize/value.hpp"

namespace sequelize {

class Model;
class Association;

namespace detail {
struct KeyOrder;
struct InstanceExtras;
class InstanceAccess;
}  // namespace detail

class Instance {
 public:
  Instance(const Instance& other);
  Instance(Instance&& other) noexcept;
  Instance& operator=(const Instance& other);
  Instance& operator=(Instance&& other) noexcept;
  ~Instance();

  [[nodiscard]] const Model& model() const noexcept { return *model_; }
  [[nodiscard]] bool isNewRecord() const noexcept { return isNewRecord_; }

  // The value of an attribute (or of a selected alias); undefined when it was never set.
  [[nodiscard]] const Value& get(std::string_view key) const;
  // Typed access: get<std::string>("username"), get<std::optional<std::int64_t>>("age").
  // Null throws TypeError unless T is a std::optional.
  template <class T>
  [[nodiscard]] T get(std::string_view key) const {
    return get(key).as<T>();
  }

  // Sets an attribute (or, for an association alias, the associated instance from an object).
  Instance& set(std::string_view key, Value value);
  Instance& set(const Values& values);

  // The instance loaded for an included one-to-one association: nullptr when the row had no
  // match. Throws EagerLoadingError when the association was not included.
  [[nodiscard]] const Instance* included(std::string_view alias) const;
  [[nodiscard]] Instance* included(std::string_view alias);
  [[nodiscard]] bool hasIncluded(std::string_view alias) const;

  // Keys set on this instance, in the order toJSON prints them.
  [[nodiscard]] std::vector<std::string> keys() const;
  // get({plain: true}): the values and included instances as one nested object.
  [[nodiscard]] Value toPlain() const;
  // Exactly what JSON.stringify prints for the same Sequelize instance.
  [[nodiscard]] std::string toJSON() const;

  // Attributes changed since the instance was built, fetched or last saved.
  [[nodiscard]] std::vector<std::string> changed() const;
  [[nodiscard]] bool changed(std::string_view key) const;
  // The value before the unsaved change (the current value when unchanged).
  [[nodiscard]] Value previous(std::string_view key) const;

  // get({plain: true}): the same as toPlain().
  [[nodiscard]] Value get(const GetOptions& options) const;

  // INSERT for a new record, UPDATE of the changed attributes otherwise.
  Instance& save(const SaveOptions& options = {});
  // set(values), then save() (only what changed is written; nothing when nothing changed).
  Instance& update(const Values& values, const SaveOptions& options = {});
  // DELETE of this row (by its primary key).
  void destroy(const InstanceOptions& options = {});
  // Reads the row again (and its loaded one-to-one includes); unsaved changes are dropped.
  Instance& reload(const InstanceOptions& options = {});
  // UPDATE SET attribute = attribute + by for this row. As Sequelize, the instance keeps its
  // values: reload() to see the new ones.
  template <class S>
    requires std::convertible_to<S, std::string_view>
  Instance& increment(S&& attribute, const IncrementOptions& options = {}) {
    return incrementBy(Values{Field{std::string(std::string_view(attribute)), options.by}}, options, 1);
  }
  Instance& increment(const Values& amounts, const IncrementOptions& options = {}) {
    return incrementBy(amounts, options, 1);
  }
  template <class S>
    requires std::convertible_to<S, std::string_view>
  Instance& decrement(S&& attribute, const IncrementOptions& options = {}) {
    return incrementBy(Values{Field{std::string(std::string_view(attribute)), options.by}}, options, -1);
  }
  Instance& decrement(const Values& amounts, const IncrementOptions& options = {}) {
    return incrementBy(amounts, options, -1);
  }
  // Runs the validators (as save does) and throws ValidationError on failure.
  void validate() const;

 private:
  friend class detail::InstanceAccess;
  Instance(const Model& model, bool isNewRecord);
  Instance& incrementBy(const Values& amounts, const IncrementOptions& options, int sign);

  const Model* model_;
  std::shared_ptr<const detail::KeyOrder> order_;
  std::unique_ptr<Value[]> values_;  // one slot per attribute of the model
  std::unique_ptr<detail::InstanceExtras> extras_;
  std::uint32_t slotCount_ = 0;
  bool isNewRecord_ = true;
};

// JSON.stringify of an array of instances: "[" + each toJSON() + "]".
std::string toJSON(const std::vector<Instance>& instances);

}  // namespace sequelize
