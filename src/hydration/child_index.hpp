#pragma once
// The included instances a join has made at one plan node, found again by (parent, key): when a
// row repeats a parent (its to-many children, or a sibling list, multiply the rows), the
// instances it names are the ones already made, not new ones. Most look-ups end without the
// hash table: a row usually repeats the last instance made, or brings an integer key above every
// key seen so far (rows read in key order); the table is built at the first look-up that needs it.
#include <cstdint>
#include <vector>

#include "sequelize/value.hpp"
#include "support/hash_mix.hpp"

namespace sequelize::detail {

class ChildIndex {
 public:
  // The number of the instance made under `parent` with `key`, or -1.
  [[nodiscard]] std::int64_t find(std::uint32_t parent, const Value& key);
  // Records a new instance (its number is the count of those recorded before it) and where it
  // sits in its parent's slot (its index in a list).
  std::uint32_t add(std::uint32_t parent, const Value& key, std::uint32_t position);
  [[nodiscard]] std::uint32_t position(std::uint32_t number) const { return positions_[number]; }

 private:
  void buildTable(std::size_t capacity);
  void insert(std::uint32_t number);
  [[nodiscard]] std::size_t hashOf(std::uint32_t parent, const Value& key) const;

  std::vector<Value> keys_;
  std::vector<std::uint32_t> parents_;
  std::vector<std::uint32_t> positions_;
  std::vector<std::uint32_t> table_;  // number + 1 per entry, 0 for an empty one
  bool indexed_ = false;
  bool intKeysOnly_ = true;  // every key so far is an integer: highest_ bounds them
  std::int64_t highest_ = 0;
};

// A hash of one key value (also used for the roots' keys).
std::size_t hashKeyValue(const Value& v);
// A hash of a key of several values (a primary key of several columns), its parts in order.
std::size_t hashKeyValues(const Value* parts, std::size_t count);

}  // namespace sequelize::detail
