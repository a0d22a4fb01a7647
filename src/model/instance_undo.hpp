#pragma once
// Undoing what a write did to the instances it saved. A nested create that fails leaves its
// instances as they were before it (new records, without the keys and timestamps it set)
// without copying the tree first: the write remembers an instance's change tracking before it
// first changes it, and each slot's value before it overwrites it; undo() puts them back. Key
// orders are only ever appended to while saving, so putting one back is cutting it to its
// former length.
#include <cstddef>
#include <memory_resource>
#include <utility>
#include <vector>

#include "model/instance_internals.hpp"

namespace sequelize::detail {

class InstanceUndoLog {
 public:
  // Room for a small tree (an owner and a few lists' items, three slots each) at once.
  InstanceUndoLog() {
    instances_.reserve(8);
    slots_.reserve(32);
  }
  // Before the first change to `instance` in this write.
  void remember(Instance& instance);
  // Before slot `slot` of `instance` is overwritten (its value may be remembered twice: the
  // first is the one put back, as undo goes last change first).
  void rememberSlot(Instance& instance, std::size_t slot) {
    slots_.push_back(SavedSlot{&instance, slot, InstanceAccess::slots(instance)[slot]});
  }
  // Puts every remembered instance back as it was (short of memory, those whose shared key
  // order cannot be copied keep their appended keys); the log is empty afterwards.
  void undo();

 private:
  struct SavedInstance {
    Instance* instance;
    InstanceAccess::TrackingState state;
  };
  struct SavedSlot {
    Instance* instance;
    std::size_t slot;
    Value value;
  };
  // The entries live in a buffer inside the log (on the writer's stack) until a large tree
  // outgrows it: a nested create allocates nothing for its undo log.
  alignas(std::max_align_t) std::byte buffer_[2048];  // NOLINT(modernize-avoid-c-arrays)
  std::pmr::monotonic_buffer_resource arena_{buffer_, sizeof buffer_};
  std::pmr::vector<SavedInstance> instances_{&arena_};
  std::pmr::vector<SavedSlot> slots_{&arena_};
};

// The log of a write, or none: the helpers the writers call whether or not they are undoable.
inline void rememberInstance(InstanceUndoLog* log, Instance& instance) {
  if (log != nullptr) log->remember(instance);
}
inline void rememberSlot(InstanceUndoLog* log, Instance& instance, std::size_t slot) {
  if (log != nullptr) log->rememberSlot(instance, slot);
}
// InstanceAccess::setRaw, the slot's value remembered first.
inline void setRawUndoably(InstanceUndoLog* log, Instance& instance, std::size_t slot,
                           Value value) {
  rememberSlot(log, instance, slot);
  InstanceAccess::setRaw(instance, slot, std::move(value));
}

}  // namespace sequelize::detail
