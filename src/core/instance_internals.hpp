#pragma once
// The parts of an Instance that the library itself reads and writes: the key order (what
// toJSON prints, and in which order), included instances, change tracking, and the includes a
// new instance was built with (for nested create).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sequelize/instance.hpp"
#include "sequelize/model.hpp"

namespace sequelize::detail {

struct KeyRef {
  enum class Kind : std::uint8_t { Attribute, Include, Extra };
  Kind kind;
  std::uint32_t index;  // attribute slot, included slot, or extra field
};

struct KeyOrder {
  std::vector<KeyRef> keys;
};

// An association to write along with a new instance (create/build with include).
struct IncludeTree {
  const Association* association = nullptr;
  std::vector<IncludeTree> children;
};

struct IncludedSlot {
  const Association* association = nullptr;
  std::unique_ptr<Instance> instance;  // null: the association is loaded and empty
};

struct InstanceExtras {
  std::vector<IncludedSlot> included;
  Values extra;  // keys that are not attributes (selected aliases)
  // Per slot, filled when a value changes; sized only once a changed slot had a value (an
  // unset slot's previous value is undefined), so building a new record allocates none.
  std::vector<Value> previous;
  std::vector<bool> changed;          // per slot
  std::vector<IncludeTree> includes;  // what build/create was given
};

class InstanceAccess {
 public:
  static Instance make(const Model& model, bool isNewRecord) {
    return Instance(model, isNewRecord);
  }
  static Value* slots(Instance& i) noexcept { return i.values_.get(); }
  static const Value* slots(const Instance& i) noexcept { return i.values_.get(); }
  static std::uint32_t slotCount(const Instance& i) noexcept { return i.slotCount_; }
  static void setNewRecord(Instance& i, bool v) noexcept { i.isNewRecord_ = v; }
  static InstanceExtras& extras(Instance& i);
  static const InstanceExtras* extrasIfAny(const Instance& i) noexcept { return i.extras_.get(); }
  static const KeyOrder* order(const Instance& i) noexcept { return i.order_.get(); }
  static std::shared_ptr<const KeyOrder> sharedOrder(const Instance& i) { return i.order_; }
  static void shareOrder(Instance& i, std::shared_ptr<const KeyOrder> order) {
    i.order_ = std::move(order);
  }

  // Stores a value without change tracking (Sequelize's raw set); adds the key to the order.
  static void setRaw(Instance& i, std::size_t slot, Value value);
  // set() of an attribute by its slot: a key already set and a stored row's timestamps stay,
  // anything else is stored as setTracked does.
  static void setAttribute(Instance& i, std::size_t slot, Value value);
  // Stores a value the way set() does: coerced to the type, marked changed when it differs.
  static void setTracked(Instance& i, std::size_t slot, Value value);
  // Attaches (or replaces) the instance for an included association; null for "no match".
  static Instance* setIncluded(Instance& i, const Association& association,
                               std::unique_ptr<Instance> value);
  // After a successful save: these slots are no longer changed.
  static void markSaved(Instance& i, const std::vector<std::size_t>& slots);
  static void appendKey(Instance& i, KeyRef key);
  [[nodiscard]] static bool hasKey(const Instance& i, KeyRef::Kind kind, std::uint32_t index);
};

}  // namespace sequelize::detail
