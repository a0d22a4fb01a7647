#include "hydration/hydrator.hpp"

#include "hydration/child_index.hpp"

#include <functional>
#include <utility>

namespace sequelize::detail {

std::size_t Hydrator::keyHash(const Value* key) const {
  const std::size_t width = plan_.rootKeyColumns.size();
  return width == 1 ? hashKeyValue(key[0]) : hashKeyValues(key, width);
}

bool Hydrator::sameKey(std::uint32_t root, const Value* key) const {
  const std::size_t width = plan_.rootKeyColumns.size();
  const Value* seen = &seenKeys_[root * width];
  for (std::size_t i = 0; i < width; ++i) {
    if (!(seen[i] == key[i])) return false;
  }
  return true;
}

// A table entry: the hash's upper half as a tag (most mismatches end there, without touching
// the keys), and the root's number + 1 (0: an empty entry).
namespace {
std::uint64_t entry(std::size_t hash, std::uint32_t root) {
  return (static_cast<std::uint64_t>(hash >> 32) << 32) | (static_cast<std::uint64_t>(root) + 1);
}
bool tagMatches(std::uint64_t e, std::size_t hash) {
  return (e >> 32) == static_cast<std::uint64_t>(hash >> 32);
}
std::uint32_t rootOf(std::uint64_t e) {
  return static_cast<std::uint32_t>(e & 0xffffffffU) - 1;
}
}  // namespace

std::int64_t Hydrator::findRoot(RowReader& row) {
  const auto& keyColumns = plan_.rootKeyColumns;
  key_.resize(keyColumns.size());
  for (std::size_t i = 0; i < keyColumns.size(); ++i) {
    const auto column = static_cast<std::size_t>(keyColumns[i]);
    key_[i] = row.read(keyColumns[i], *plan_.columns[column].type);
  }
  const auto roots = static_cast<std::uint32_t>(seenKeys_.size() / keyColumns.size());
  // Roots usually come in ascending order of an integer key (a table read in key order): a key
  // above every one seen so far is new without a look-up, and the highest one is the last root
  // (the rows of one root come together, as a to-many join sends them). The first key out of
  // order indexes the roots seen so far, and every row after it is looked up.
  if (!indexed_ && key_.size() == 1 && key_[0].kind() == ValueKind::Int) {
    if (seenKeys_.empty() || key_[0].integer() > highestKey_) {
      highestKey_ = key_[0].integer();
      return -1;
    }
    if (key_[0].integer() == highestKey_) return roots - 1;
  }
  // The rows of one root usually come together: the last root, again.
  if (roots > 0 && sameKey(roots - 1, key_.data())) return roots - 1;
  if (!indexed_) indexSeenRoots();
  pendingHash_ = keyHash(key_.data());
  const std::size_t mask = seen_.size() - 1;
  for (std::size_t p = pendingHash_ & mask; seen_[p] != 0; p = (p + 1) & mask) {
    if (tagMatches(seen_[p], pendingHash_) && sameKey(rootOf(seen_[p]), key_.data())) {
      return rootOf(seen_[p]);
    }
  }
  return -1;
}

Instance& Hydrator::rootAt(std::size_t number) {
  if (number < results_.size()) return results_[number];
  const std::size_t inChunks = number - results_.size();
  return chunks_[inChunks / kChunkRows][inChunks % kChunkRows];
}

void Hydrator::indexSeenRoots() {
  indexed_ = true;
  const auto roots = static_cast<std::uint32_t>(seenKeys_.size() / plan_.rootKeyColumns.size());
  std::size_t capacity = 64;
  while ((static_cast<std::size_t>(roots) + 1) * 2 > capacity) capacity *= 2;
  rebuildIndex(capacity, roots);
}

void Hydrator::rebuildIndex(std::size_t capacity, std::uint32_t roots) {
  const std::size_t width = plan_.rootKeyColumns.size();
  seen_.assign(capacity, 0);
  for (std::uint32_t r = 0; r < roots; ++r) {
    insertRoot(keyHash(&seenKeys_[static_cast<std::size_t>(r) * width]), r);
  }
}

void Hydrator::insertRoot(std::size_t hash, std::uint32_t root) {
  const std::size_t mask = seen_.size() - 1;
  std::size_t p = hash & mask;
  while (seen_[p] != 0) p = (p + 1) & mask;
  seen_[p] = entry(hash, root);
}

void Hydrator::rememberRoot() {
  const std::size_t width = plan_.rootKeyColumns.size();
  const auto root = static_cast<std::uint32_t>(seenKeys_.size() / width);
  for (Value& v : key_) seenKeys_.push_back(std::move(v));
  if (!indexed_) return;  // still ascending: indexed when the first key out of order comes
  // Grown and re-inserted at half full: amortised, never per row.
  if ((static_cast<std::size_t>(root) + 1) * 2 > seen_.size()) rebuildIndex(seen_.size() * 2, root);
  insertRoot(pendingHash_, root);
}

Hydrator::Hydrator(const SelectPlan& plan) : plan_(plan) {
  for (const PlanNode& node : plan.nodes) listJoined_ = listJoined_ || node.many;
  if (listJoined_) {
    listed_.assign(plan.nodes.size(), 0);
    lists_.assign(plan.nodes.size(), 0);
  }
  if (plan.rootOnly) return;
  // The root's key is read to fold repeated roots: its column takes that value, unread. An
  // included node's key is read to decide its instance: its column takes that value too.
  std::vector<ColumnSource> sources(plan.columns.size(), ColumnSource::Read);
  if (plan.rootKeyColumns.size() == 1) {
    sources[static_cast<std::size_t>(plan.rootKeyColumns[0])] = ColumnSource::RootKey;
  }
  keepsOneKey_.assign(plan.nodes.size(), 0);
  oneKeys_.resize(plan.nodes.size());
  for (std::size_t n = 1; n < plan.nodes.size(); ++n) {
    const PlanNode& node = plan.nodes[n];
    if (!node.keyColumn) continue;
    const auto keyColumn = static_cast<std::size_t>(*node.keyColumn);
    // (A key of several columns is read again per column: the node's key is all of them.)
    if (node.otherKeyColumns.empty() && plan.columns[keyColumn].node == static_cast<int>(n)) {
      sources[keyColumn] = ColumnSource::NodeKey;
    }
    // A one-to-one instance whose slots cannot show its key keeps it aside, for when a later
    // row brings its parent again.
    const bool parentMetAgain = plan.nodes[static_cast<std::size_t>(node.parent)].metAgain;
    if (!node.many && parentMetAgain &&
        (!node.otherKeyColumns.empty() || !plan.columns[keyColumn].shown)) {
      keepsOneKey_[n] = 1;
    }
  }
  nodeColumns_.resize(plan.nodes.size());
  for (std::size_t c = 0; c < plan.columns.size(); ++c) {
    const ColumnTarget& t = plan.columns[c];
    if (!t.shown) continue;
    nodeColumns_[static_cast<std::size_t>(t.node)].push_back(
        NodeColumn{t.type, static_cast<int>(c), t.slot, t.extra, sources[c]});
  }
}

void Hydrator::reserveList(std::size_t node, std::vector<Instance>& list) {
  // As long as the lists before it at this node (the mean, rounded up): rows of one parent
  // arrive together, and lists of one query tend to be alike, so most grow no further and
  // none moves its instances while it fills.
  if (lists_[node] > 0) list.reserve((listed_[node] + lists_[node] - 1) / lists_[node]);
  ++lists_[node];
}

template <class... Args>
Instance& Hydrator::emplaceRoot(Args&&... args) {
  if (sized_ || results_.size() < kDirectRows) {
    return results_.emplace_back(std::forward<Args>(args)...);
  }
  if (chunks_.empty() || chunks_.back().size() == kChunkRows) {
    chunks_.emplace_back().reserve(kChunkRows);
  }
  return chunks_.back().emplace_back(std::forward<Args>(args)...);
}

std::vector<Instance>& Hydrator::results() {
  if (!chunks_.empty()) {
    std::size_t total = results_.size();
    for (const auto& chunk : chunks_) total += chunk.size();
    results_.reserve(total);
    for (auto& chunk : chunks_) {
      for (Instance& instance : chunk) results_.push_back(std::move(instance));
    }
    chunks_.clear();
  }
  return results_;
}

namespace {

// Stores a column's value in its slot: constructed there when the instance was made with its
// slots left unconstructed (inPlace), else assigned over the undefined value it holds.
void store(Value* slot, bool inPlace, Value&& value) {
  if (inPlace) {
    ::new (static_cast<void*>(slot)) Value(std::move(value));
  } else {
    *slot = std::move(value);
  }
}

// Makes `slots` of an instance made with its slots left unconstructed undefined.
void constructUndefined(Instance& instance, const std::vector<std::uint32_t>& slots) {
  Value* values = InstanceAccess::slots(instance);
  for (const std::uint32_t s : slots)
    ::new (static_cast<void*>(values + s)) Value(Value::undefined());
}

// When the plan builds values in place, makes the slots of an instance just made for `node`
// that no column fills undefined.
inline Instance& makeInstance(const SelectPlan& plan, const PlanNode& node, Instance& made) {
  if (plan.slotsBuiltInPlace && !node.unfilledSlots.empty()) {
    constructUndefined(made, node.unfilledSlots);
  }
  return made;
}

}  // namespace

void Hydrator::buildRoot(RowReader& row) {
  const PlanNode& root = plan_.nodes.front();
  const std::size_t columnCount = plan_.columns.size();
  if (!plan_.slotsBuiltInPlace) {
    Instance& instance = emplaceRoot(InstanceAccess::key(), *root.model, false, root.order);
    Value* slots = InstanceAccess::slots(instance);
    for (std::size_t c = 0; c < columnCount; ++c) {
      const ColumnTarget& t = plan_.columns[c];
      if (t.shown) slots[t.slot] = row.read(static_cast<int>(c), *t.type);
    }
    return;
  }
  Instance& instance = makeInstance(
      plan_, root,
      emplaceRoot(InstanceAccess::key(), *root.model, false, root.order, SlotsLeftUnconstructed{}));
  Value* slots = InstanceAccess::slots(instance);
  std::size_t c = 0;
  try {
    // Each value is built in its slot: no undefined value first, no assignment, no temporary.
    for (; c < columnCount; ++c) {
      const ColumnTarget& t = plan_.columns[c];
      if (t.shown) {
        ::new (static_cast<void*>(slots + t.slot)) Value(row.read(static_cast<int>(c), *t.type));
      }
    }
  } catch (...) {
    // The instance must hold a value in every slot before it can be destroyed.
    for (; c < columnCount; ++c) {
      const ColumnTarget& t = plan_.columns[c];
      if (t.shown) ::new (static_cast<void*>(slots + t.slot)) Value(Value::undefined());
    }
    throw;
  }
}

Value Hydrator::compositeKey(RowReader& row, const PlanNode& node, Value first) const {
  std::vector<Value> parts;
  parts.reserve(node.otherKeyColumns.size() + 1);
  parts.push_back(std::move(first));
  for (const int column : node.otherKeyColumns) {
    parts.push_back(row.read(column, *plan_.columns[static_cast<std::size_t>(column)].type));
  }
  return Value(std::move(parts));
}

bool Hydrator::sameOneKey(std::size_t n, std::uint32_t number, const Instance& made,
                          const Value& key, RowReader& row) const {
  const PlanNode& node = plan_.nodes[n];
  if (keepsOneKey_[n] != 0) {
    // The key it was made with: hidden or of several columns, it is not in its slots.
    const std::size_t stride = node.otherKeyColumns.size() + 1;
    const std::vector<Value>& keys = oneKeys_[n];
    const std::size_t base = std::size_t{number} * stride;
    if (base + stride > keys.size() || !(keys[base] == key)) return false;
    for (std::size_t i = 0; i + 1 < stride; ++i) {
      const int column = node.otherKeyColumns[i];
      if (!(keys[base + 1 + i] ==
            row.read(column, *plan_.columns[static_cast<std::size_t>(column)].type)))
        return false;
    }
    return true;
  }
  const Value& mine = InstanceAccess::slots(made)[node.keySlot];
  return mine.isUndefined() || mine == key;
}

void Hydrator::keepOneKey(std::size_t n, std::uint32_t number, const Value& key, RowReader& row) {
  const PlanNode& node = plan_.nodes[n];
  const std::size_t stride = node.otherKeyColumns.size() + 1;
  std::vector<Value>& keys = oneKeys_[n];
  const std::size_t base = std::size_t{number} * stride;
  if (keys.size() < base + stride) keys.resize(base + stride, Value::undefined());
  keys[base] = key;
  for (std::size_t i = 0; i + 1 < stride; ++i) {
    const int column = node.otherKeyColumns[i];
    keys[base + 1 + i] = row.read(column, *plan_.columns[static_cast<std::size_t>(column)].type);
  }
}

void Hydrator::storeExtra(RowReader& row, const NodeColumn& column, std::size_t node,
                          Instance& instance) {
  // An alias or an expression: kept under its key, in column order (the node's extraKeys).
  Value v =
      column.type != nullptr ? row.read(column.column, *column.type) : row.readRaw(column.column);
  InstanceAccess::extras(instance).extra.push_back(
      Field{plan_.nodes[node].extraKeys[static_cast<std::size_t>(column.extra)], std::move(v)});
}

void Hydrator::onRow(RowReader& row) {
  if (plan_.rootOnly) {
    buildRoot(row);  // most finds: every column is an attribute of the root
    return;
  }
  const bool folding = !plan_.rootKeyColumns.empty();
  const std::int64_t existingRoot = folding ? findRoot(row) : -1;

  const bool inPlace = plan_.slotsBuiltInPlace;
  const std::size_t nodeCount = plan_.nodes.size();
  // Sized before any instance exists: from here on, only reading a value can fail.
  rowNodes_.assign(nodeCount, RowNode{});
  nodeKeys_.resize(nodeCount);
  if (folding && children_.size() != nodeCount) children_.resize(nodeCount);
  const PlanNode& root = plan_.nodes.front();
  if (existingRoot >= 0) {
    rowNodes_[0].instance = &rootAt(static_cast<std::size_t>(existingRoot));
    rowNodes_[0].number = static_cast<std::uint32_t>(existingRoot);
  } else {
    if (folding) rowNodes_[0].number = static_cast<std::uint32_t>(seenKeys_.size() / key_.size());
    rowNodes_[0].instance =
        &makeInstance(plan_, root,
                      inPlace ? emplaceRoot(InstanceAccess::key(), *root.model, false, root.order,
                                            SlotsLeftUnconstructed{})
                              : emplaceRoot(InstanceAccess::key(), *root.model, false, root.order));
    rowNodes_[0].fresh = true;
  }
  // The node whose columns are being stored, and how many of them are (none before the nodes
  // are decided: a failure there leaves every fresh instance's columns to make undefined).
  std::size_t storing = 0;
  std::size_t stored = 0;
  try {
    // Included instances exist only when their key came back: decide per node first. Under a
    // parent met in an earlier row, the instance may exist already (folded by its key).
    for (std::size_t n = 1; n < nodeCount; ++n) {
      const PlanNode& node = plan_.nodes[n];
      const RowNode parentNode = rowNodes_[static_cast<std::size_t>(node.parent)];
      RowNode& here = rowNodes_[n];
      Instance* parent = parentNode.instance;
      if (parent == nullptr || !node.shown) continue;  // a miss, or joined but not selected
      // Slots are added in the same order as the parent's Include keys, so the shared order
      // stays valid.
      IncludedSlot& slot = parentNode.fresh
                               ? InstanceAccess::appendIncluded(*parent, *node.association)
                               : InstanceAccess::includedSlot(*parent, node.slotIndex);
      Value& key = nodeKeys_[n];
      if (node.keyColumn) {
        key = row.read(*node.keyColumn,
                       *plan_.columns[static_cast<std::size_t>(*node.keyColumn)].type);
        if (key.isNullish()) continue;  // a LEFT JOIN miss: no instance (an empty list)
        // A to-many node's instances are indexed by all of the key's columns at once; a
        // one-to-one node compares them one by one (sameOneKey), without making an array.
        if (node.many && !node.otherKeyColumns.empty()) {
          key = compositeKey(row, node, std::move(key));
        }
      }
      if (!node.many) {
        // A one-to-one instance is the only one of its parent here: it takes its parent's
        // number (which its own list children are indexed by), and under a parent met before
        // it is the instance already made when the key is the same (or not shown to compare);
        // another key is a second match of a non-unique hasOne, which keeps the first.
        here.number = parentNode.number;
        if (!parentNode.fresh && slot.one()) {
          const bool same =
              !node.keyColumn || sameOneKey(n, parentNode.number, *slot.one(), key, row);
          if (same) here.instance = &*slot.one();
          continue;
        }
      } else if (folding && node.metAgain && !parentNode.fresh && node.keyColumn) {
        const std::int64_t found = children_[n].find(parentNode.number, key);
        if (found >= 0) {
          const auto number = static_cast<std::uint32_t>(found);
          here.number = number;
          here.instance = &slot.list()[children_[n].position(number)];
          continue;
        }
      }
      std::uint32_t position = 0;
      Instance* madePtr = nullptr;
      if (node.many) {
        std::vector<Instance>& list = slot.list();
        if (list.empty()) reserveList(n, list);
        position = static_cast<std::uint32_t>(list.size());
        here.number = static_cast<std::uint32_t>(listed_[n]);  // (a node never met again)
        madePtr = inPlace
                      ? &list.emplace_back(InstanceAccess::key(), *node.model, false, node.order,
                                           SlotsLeftUnconstructed{})
                      : &list.emplace_back(InstanceAccess::key(), *node.model, false, node.order);
        ++listed_[n];
      } else {
        madePtr = inPlace
                      ? &slot.one().emplace(InstanceAccess::key(), *node.model, false, node.order,
                                            SlotsLeftUnconstructed{})
                      : &slot.one().emplace(InstanceAccess::key(), *node.model, false, node.order);
      }
      Instance& made = *madePtr;
      here.instance = &makeInstance(plan_, node, made);
      here.fresh = true;
      if (!node.many && keepsOneKey_[n] != 0 && folding) keepOneKey(n, here.number, key, row);
      if (node.many && folding && node.metAgain && node.keyColumn) {
        here.number = children_[n].add(parentNode.number, key, position);
      }
    }

    // The columns of each instance this row made, node by node: a node met before reads none.
    for (storing = 0; storing < nodeCount; ++storing) {
      const RowNode& target = rowNodes_[storing];
      if (!target.fresh) continue;
      Value* slots = InstanceAccess::slots(*target.instance);
      const std::vector<NodeColumn>& columns = nodeColumns_[storing];
      for (stored = 0; stored < columns.size(); ++stored) {
        const NodeColumn& col = columns[stored];
        if (col.extra >= 0) {
          storeExtra(row, col, storing, *target.instance);
          continue;
        }
        Value* slot = slots + col.slot;
        switch (col.source) {
          case ColumnSource::Read:
            // Most columns: the value read is built in its slot, with no move in between.
            if (inPlace) {
              ::new (static_cast<void*>(slot)) Value(row.read(col.column, *col.type));
            } else {
              *slot = row.read(col.column, *col.type);
            }
            break;
          case ColumnSource::RootKey:
            store(slot, inPlace, Value(key_[0]));
            break;
          case ColumnSource::NodeKey:
            store(slot, inPlace, std::move(nodeKeys_[storing]));
            break;
        }
      }
    }
  } catch (...) {
    // Every instance made must hold a value in each slot before it can be destroyed: the
    // columns not stored yet leave theirs undefined.
    if (inPlace) {
      for (; storing < nodeCount; ++storing, stored = 0) {
        const RowNode& target = rowNodes_[storing];
        if (!target.fresh) continue;
        const std::vector<NodeColumn>& columns = nodeColumns_[storing];
        for (; stored < columns.size(); ++stored) {
          if (columns[stored].extra >= 0) continue;
          ::new (static_cast<void*>(InstanceAccess::slots(*target.instance) + columns[stored].slot))
              Value(Value::undefined());
        }
      }
    }
    throw;
  }
  if (folding && existingRoot < 0) rememberRoot();
}

}  // namespace sequelize::detail
