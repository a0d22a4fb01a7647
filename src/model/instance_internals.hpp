#pragma once
// The parts of an Instance that the library itself reads and writes: the key order (what
// toJSON prints, and in which order), included instances, change tracking, and the includes a
// new instance was built with (for nested create).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sequelize/instance.hpp"
#include "sequelize/model.hpp"
#include "support/inline_vector.hpp"

namespace sequelize::detail {

class ModelRegistry;

struct KeyRef {
  enum class Kind : std::uint8_t { Attribute, Include, Extra };
  Kind kind;
  std::uint32_t index;  // attribute slot, included slot, or extra field
};

// The keys of an instance in toJSON order, shared by the rows of one query (and by the records
// of one bulkCreate) until one of them changes its own. It also holds the registry of the models
// those instances belong to: an instance keeps its models alive through it, at no cost per row.
struct KeyOrder {
  std::shared_ptr<const ModelRegistry> models;

  // An empty order for instances of `model`, with room for its attributes and a few includes.
  static std::shared_ptr<KeyOrder> emptyFor(const Model& model);

  [[nodiscard]] std::span<const KeyRef> keys() const noexcept { return keys_.view(); }
  void append(KeyRef key) {
    keys_.push_back(key);
    noteAttribute(key);
  }
  void assign(std::span<const KeyRef> keys);
  void truncate(std::size_t count);
  // Whether `key` is in the order: for the first 64 attributes one bit test, as every value a
  // write sets asks it.
  [[nodiscard]] bool has(KeyRef key) const noexcept {
    if (key.kind == KeyRef::Kind::Attribute && key.index < 64) {
      return ((attributes_ >> key.index) & 1U) != 0;
    }
    return std::any_of(keys_.begin(), keys_.end(),
                       [&](const KeyRef& k) { return k.kind == key.kind && k.index == key.index; });
  }

 private:
  void noteAttribute(KeyRef key) noexcept {
    if (key.kind == KeyRef::Kind::Attribute && key.index < 64) {
      attributes_ |= std::uint64_t{1} << key.index;
    }
  }

  // A model's attributes and a few includes fit inside the order: making or copying one is
  // one allocation (make_shared's), whatever keys are appended to it later.
  InlineVector<KeyRef, 16> keys_;
  std::uint64_t attributes_ = 0;  // bit s set: attribute slot s is among keys_
};

// An association to write along with a new instance (create/build with include).
struct IncludeTree {
  const Association* association = nullptr;
  std::vector<IncludeTree> children;
};

// One association loaded (or set) on an instance, and what it holds: for a one-to-one
// association its instance (none when the association was loaded and matched nothing), for a
// to-many one (Association::isMultiAssociation) the list of its instances (empty: no match).
// Each kind of slot holds only its own (a OneSlot its instance inline, so that a joined row
// costs one allocation; a ListSlot its vector). An instance's slots form a list in the order
// they were added, the order its Include keys number them; a pointer to an included instance
// stays valid however many associations are added after it.
struct IncludedSlot {
  IncludedSlot(const IncludedSlot&) = delete;
  IncludedSlot& operator=(const IncludedSlot&) = delete;
  virtual ~IncludedSlot() = default;

  // An empty slot of the association's kind.
  static std::unique_ptr<IncludedSlot> make(const Association& association);
  // A deep copy of this slot alone (its instances copied with their own includes).
  [[nodiscard]] std::unique_ptr<IncludedSlot> clone() const;

  [[nodiscard]] bool isList() const noexcept { return isList_; }
  // The one-to-one instance (a OneSlot only).
  [[nodiscard]] std::optional<Instance>& one() noexcept;
  [[nodiscard]] const std::optional<Instance>& one() const noexcept;
  // The to-many instances (a ListSlot only).
  [[nodiscard]] std::vector<Instance>& list() noexcept;
  [[nodiscard]] const std::vector<Instance>& list() const noexcept;

  // Whether anything is held (an instance, or a list with at least one instance).
  [[nodiscard]] bool holdsAny() const noexcept {
    return isList_ ? !list().empty() : one().has_value();
  }
  // Calls f(instance) for each instance held.
  template <class Slot, class F>
  static void forEach(Slot& slot, F&& f) {
    if (slot.isList()) {
      for (auto& i : slot.list()) f(i);
    } else if (slot.one()) {
      f(*slot.one());
    }
  }

  const Association* association = nullptr;
  std::unique_ptr<IncludedSlot> next;

 protected:
  IncludedSlot(const Association& a, bool isList) noexcept : association(&a), isList_(isList) {}

 private:
  bool isList_;
};

struct OneSlot final : IncludedSlot {
  // User-provided, so that make_unique does not zero the inline Instance before constructing
  // it: one slot is made per joined row.
  explicit OneSlot(const Association& a) noexcept : IncludedSlot(a, false) {}
  std::optional<Instance> instance;
};

struct ListSlot final : IncludedSlot {
  explicit ListSlot(const Association& a) noexcept : IncludedSlot(a, true) {}
  std::vector<Instance> instances;
};

inline std::optional<Instance>& IncludedSlot::one() noexcept {
  return static_cast<OneSlot*>(this)->instance;
}
inline const std::optional<Instance>& IncludedSlot::one() const noexcept {
  return static_cast<const OneSlot*>(this)->instance;
}
inline std::vector<Instance>& IncludedSlot::list() noexcept {
  return static_cast<ListSlot*>(this)->instances;
}
inline const std::vector<Instance>& IncludedSlot::list() const noexcept {
  return static_cast<const ListSlot*>(this)->instances;
}

// The included slots of an instance, for range-for.
template <class Slot>
class IncludedRange {
 public:
  class Iterator {
   public:
    explicit Iterator(Slot* slot) : slot_(slot) {}
    Slot& operator*() const { return *slot_; }
    Iterator& operator++() {
      slot_ = slot_->next.get();
      return *this;
    }
    bool operator!=(const Iterator& other) const { return slot_ != other.slot_; }

   private:
    Slot* slot_;
  };
  explicit IncludedRange(Slot* first) : first_(first) {}
  [[nodiscard]] Iterator begin() const { return Iterator(first_); }
  [[nodiscard]] Iterator end() const { return Iterator(nullptr); }
  [[nodiscard]] bool empty() const { return first_ == nullptr; }

 private:
  Slot* first_;
};

struct InstanceExtras {
  Values extra;  // keys that are not attributes (selected aliases)
  // Per slot, filled when a value changes; sized only once a changed slot had a value (an
  // unset slot's previous value is undefined), so building a new record allocates none.
  std::vector<Value> previous;
  // Change tracking of slots 64 and above (index: slot - 64); the instance itself keeps the
  // first 64 as bits.
  std::vector<bool> changedHigh;
  std::vector<IncludeTree> includes;  // what build/create was given
};

// Whether setting a slot must see to its key in the instance's order (append it when new), or
// the key is known to be there already (an order shared from a record of the same keys).
enum class KeyBookkeeping : std::uint8_t { Append, InOrder };

class InstanceAccess {
 public:
  static Instance make(const Model& model, bool isNewRecord) {
    return Instance(model, isNewRecord);
  }
  // For constructing an instance in place: results.emplace_back(InstanceAccess::key(), …).
  static InstanceKey key() noexcept { return {}; }
  static Value* slots(Instance& i) noexcept { return i.slots(); }
  static const Value* slots(const Instance& i) noexcept { return i.slots(); }
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
  // Inline: every row of a result or a write sets several values; only a key new to the
  // instance's order costs a call.
  static void setRaw(Instance& i, std::size_t slot, Value value,
                     KeyBookkeeping keys = KeyBookkeeping::Append) {
    Value& current = i.slots()[slot];
    if (keys == KeyBookkeeping::Append && current.isUndefined()) {
      const KeyRef key{KeyRef::Kind::Attribute, static_cast<std::uint32_t>(slot)};
      if (!i.order_ || !i.order_->has(key)) appendKey(i, key);
    }
    current = std::move(value);
  }
  // set() of an attribute by its slot: a key already set and a stored row's timestamps stay,
  // anything else is stored as setTracked does.
  static void setAttribute(Instance& i, std::size_t slot, Value value,
                           KeyBookkeeping keys = KeyBookkeeping::Append);
  // Stores a value the way set() does: coerced to the type, marked changed when it differs.
  static void setTracked(Instance& i, std::size_t slot, Value value,
                         KeyBookkeeping keys = KeyBookkeeping::Append);
  // Attaches (or replaces) the instance for an included association; none for "no match".
  static Instance* setIncluded(Instance& i, const Association& association,
                               std::optional<Instance> value);
  // The same for a to-many association: its list (replacing what was there).
  static void setIncludedList(Instance& i, const Association& association,
                              std::vector<Instance> list);
  // A new, empty slot after the others, for the hydrator (the key order is the query's).
  static IncludedSlot& appendIncluded(Instance& i, const Association& association);
  static IncludedRange<IncludedSlot> included(Instance& i) noexcept {
    return IncludedRange<IncludedSlot>(i.included_.get());
  }
  static IncludedRange<const IncludedSlot> included(const Instance& i) noexcept {
    return IncludedRange<const IncludedSlot>(i.included_.get());
  }
  // The index-th slot (what a KeyRef::Include names).
  static const IncludedSlot& includedAt(const Instance& i, std::size_t index);
  static IncludedSlot& includedSlot(Instance& i, std::size_t index) {
    return const_cast<IncludedSlot&>(includedAt(i, index));
  }
  // What saving changes on an instance besides its slots' values: its change tracking, whether
  // it is a new record, and how many keys its order has (saving only appends keys).
  struct TrackingState {
    std::uint64_t changedBits = 0;
    bool isNewRecord = false;
    bool hadOrder = false;
    std::size_t keyCount = 0;
    std::vector<Value> previous;
    std::vector<bool> changedHigh;
  };
  static TrackingState trackingState(const Instance& i);
  static void restoreTrackingState(Instance& i, TrackingState&& state);
  // After a successful save: these slots are no longer changed.
  static void markSaved(Instance& i, std::span<const std::size_t> slots);
  [[nodiscard]] static bool isChanged(const Instance& i, std::size_t slot) noexcept;
  static void setChanged(Instance& i, std::size_t slot, bool changed);
  static void appendKey(Instance& i, KeyRef key);
};

}  // namespace sequelize::detail
