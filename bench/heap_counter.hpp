#pragma once
// Counts the heap bytes a program holds (operator new/delete are replaced in heap_counter.cpp),
// to measure what a result set costs per row.
#include <cstdint>

namespace bench {

// Bytes currently allocated through operator new (as the allocator sized them).
std::int64_t heapBytesHeld();

}  // namespace bench
