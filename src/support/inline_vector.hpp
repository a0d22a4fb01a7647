#pragma once
// A vector of trivially copyable elements whose first N live inside the object: the short
// lists the write path builds per call (a record's key order, the slots of a record's keys)
// then cost no allocation of their own. Past N the elements move to the heap and it behaves as
// std::vector. Our own rather than a library's: the project has no Boost, and the few
// operations the callers need are a page for elements that memcpy copies.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <type_traits>

namespace sequelize::detail {

template <class T, std::uint32_t N>
class InlineVector {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_default_constructible_v<T>,
                "InlineVector copies its elements with memcpy");
  static_assert(N > 0);

 public:
  InlineVector() noexcept {}  // NOLINT(modernize-use-equals-default): leaves inline_ unwritten
  InlineVector(const InlineVector& other) { append(other.data(), other.size_); }
  InlineVector(InlineVector&& other) noexcept { takeFrom(other); }
  InlineVector& operator=(const InlineVector& other) {
    if (this != &other) {
      size_ = 0;
      append(other.data(), other.size_);
    }
    return *this;
  }
  InlineVector& operator=(InlineVector&& other) noexcept {
    if (this != &other) {
      heap_.reset();
      capacity_ = N;
      takeFrom(other);
    }
    return *this;
  }
  ~InlineVector() = default;

  [[nodiscard]] T* data() noexcept { return heap_ ? heap_.get() : inline_; }
  [[nodiscard]] const T* data() const noexcept { return heap_ ? heap_.get() : inline_; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] T* begin() noexcept { return data(); }
  [[nodiscard]] T* end() noexcept { return data() + size_; }
  [[nodiscard]] const T* begin() const noexcept { return data(); }
  [[nodiscard]] const T* end() const noexcept { return data() + size_; }
  [[nodiscard]] T& operator[](std::size_t i) noexcept { return data()[i]; }
  [[nodiscard]] const T& operator[](std::size_t i) const noexcept { return data()[i]; }
  [[nodiscard]] std::span<const T> view() const noexcept { return {data(), size_}; }

  void reserve(std::size_t count) {
    if (count > capacity_) grow(count);
  }
  void push_back(T value) {
    if (size_ == capacity_) grow(std::size_t{size_} + 1);
    data()[size_++] = value;
  }
  void append(const T* from, std::size_t count) {
    reserve(size_ + count);
    if (count != 0) std::memcpy(data() + size_, from, count * sizeof(T));
    size_ += static_cast<std::uint32_t>(count);
  }
  // `count` elements, each `value` (the room is kept for the next assign).
  void assign(std::size_t count, T value) {
    size_ = 0;
    reserve(count);
    std::fill_n(data(), count, value);
    size_ = static_cast<std::uint32_t>(count);
  }
  void truncate(std::size_t count) noexcept {
    size_ = static_cast<std::uint32_t>(std::min<std::size_t>(count, size_));
  }
  void clear() noexcept { size_ = 0; }

 private:
  void grow(std::size_t atLeast) {
    const std::size_t capacity = std::max<std::size_t>(atLeast, std::size_t{capacity_} * 2);
    auto room = std::make_unique_for_overwrite<T[]>(capacity);
    if (size_ != 0) std::memcpy(room.get(), data(), size_ * sizeof(T));
    heap_ = std::move(room);
    capacity_ = static_cast<std::uint32_t>(capacity);
  }
  void takeFrom(InlineVector& other) noexcept {
    if (other.heap_) {
      heap_ = std::move(other.heap_);
      capacity_ = other.capacity_;
    } else if (other.size_ != 0) {
      std::memcpy(inline_, other.inline_, other.size_ * sizeof(T));
    }
    size_ = other.size_;
    other.size_ = 0;
    other.capacity_ = N;
  }

  std::unique_ptr<T[]> heap_;  // the elements once there are more than N, else null
  std::uint32_t size_ = 0;
  std::uint32_t capacity_ = N;
  T inline_[N];  // NOLINT(modernize-avoid-c-arrays): written only as elements are added
};

}  // namespace sequelize::detail
