#pragma once
// Counts the heap bytes a piece of code leaves allocated (operator new/delete are replaced in
// heap_counter.cpp), to measure what a result set costs per row. Counting is off except inside
// a HeapWindow, so that the timed workloads pay no bookkeeping on their allocations.
#include <cstdint>

namespace bench {

// Bytes allocated minus bytes freed (as the allocator sized them) while the window was open.
class HeapWindow {
 public:
  HeapWindow();
  ~HeapWindow();
  HeapWindow(const HeapWindow&) = delete;
  HeapWindow& operator=(const HeapWindow&) = delete;
  // The net bytes so far; the window stays open until destroyed.
  [[nodiscard]] std::int64_t heldBytes() const;
};

}  // namespace bench
