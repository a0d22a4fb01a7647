#include "hydration/child_index.hpp"

#include <functional>
#include <string_view>

namespace sequelize::detail {

std::size_t hashKeyValue(const Value& v) {
  switch (v.kind()) {
    case ValueKind::Int:
    case ValueKind::Date:
      return mixHash(static_cast<std::uint64_t>(v.integer()));
    case ValueKind::Bool:
      return mixHash(v.boolean() ? 1 : 2);
    case ValueKind::Double:
      return std::hash<double>{}(v.number());
    case ValueKind::String:
    case ValueKind::Bytes:
    case ValueKind::Json:
      return std::hash<std::string_view>{}(v.text());
    case ValueKind::Array:  // the key of an included node of several columns
      return hashKeyValues(v.items().data(), v.items().size());
    default:
      return 0;
  }
}

std::size_t hashKeyValues(const Value* parts, std::size_t count) {
  std::size_t h = 0;
  for (std::size_t i = 0; i < count; ++i) h = mixHash(h * 31 + hashKeyValue(parts[i]));
  return h;
}

std::size_t ChildIndex::hashOf(std::uint32_t parent, const Value& key) const {
  return mixHash(hashKeyValue(key) ^ (static_cast<std::uint64_t>(parent) * 0x9E3779B97F4A7C15ULL));
}

std::int64_t ChildIndex::find(std::uint32_t parent, const Value& key) {
  const std::size_t count = keys_.size();
  if (count == 0) return -1;
  if (parents_[count - 1] == parent && keys_[count - 1] == key) {
    return static_cast<std::int64_t>(count - 1);
  }
  if (!indexed_) {
    if (intKeysOnly_ && key.kind() == ValueKind::Int && key.integer() > highest_) return -1;
    std::size_t capacity = 64;
    while ((count + 1) * 2 > capacity) capacity *= 2;
    buildTable(capacity);
  }
  const std::size_t mask = table_.size() - 1;
  for (std::size_t p = hashOf(parent, key) & mask; table_[p] != 0; p = (p + 1) & mask) {
    const std::uint32_t n = table_[p] - 1;
    if (parents_[n] == parent && keys_[n] == key) return n;
  }
  return -1;
}

std::uint32_t ChildIndex::add(std::uint32_t parent, const Value& key, std::uint32_t position) {
  const auto number = static_cast<std::uint32_t>(keys_.size());
  if (key.kind() == ValueKind::Int) {
    if (number == 0 || key.integer() > highest_) highest_ = key.integer();
  } else {
    intKeysOnly_ = false;
  }
  keys_.push_back(key);
  parents_.push_back(parent);
  positions_.push_back(position);
  if (indexed_) {
    // Grown and re-inserted at half full: amortised, never per row.
    if ((static_cast<std::size_t>(number) + 1) * 2 > table_.size()) {
      buildTable(table_.size() * 2);
    } else {
      insert(number);
    }
  }
  return number;
}

void ChildIndex::buildTable(std::size_t capacity) {
  indexed_ = true;
  table_.assign(capacity, 0);
  for (std::uint32_t n = 0; n < keys_.size(); ++n) insert(n);
}

void ChildIndex::insert(std::uint32_t number) {
  const std::size_t mask = table_.size() - 1;
  std::size_t p = hashOf(parents_[number], keys_[number]) & mask;
  while (table_[p] != 0) p = (p + 1) & mask;
  table_[p] = number + 1;
}

}  // namespace sequelize::detail
