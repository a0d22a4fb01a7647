#include "model/instance_undo.hpp"

#include <new>

namespace sequelize::detail {

void InstanceUndoLog::remember(Instance& instance) {
  instances_.push_back(SavedInstance{&instance, InstanceAccess::trackingState(instance)});
}

void InstanceUndoLog::undo() {
  for (auto it = slots_.rbegin(); it != slots_.rend(); ++it) {
    InstanceAccess::slots(*it->instance)[it->slot] = std::move(it->value);
  }
  for (auto it = instances_.rbegin(); it != instances_.rend(); ++it) {
    try {
      InstanceAccess::restoreTrackingState(*it->instance, std::move(it->state));
    } catch (const std::bad_alloc&) {  // NOLINT(bugprone-empty-catch)
      // Copying a shared key order failed: that instance keeps the keys the write appended;
      // the others are still put back, and the write's own error is the one reported.
    }
  }
  slots_.clear();
  instances_.clear();
}

}  // namespace sequelize::detail
