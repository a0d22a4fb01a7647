#pragma once
// Rows to instances, following a SelectPlan: each column goes into its instance's slot, joined
// columns become the included instances nested under their association's alias, and a LEFT JOIN
// miss (no key) becomes null (an empty list for a to-many include). Every instance of one node
// shares the node's key order. When an include can match several rows, rows are folded at every
// level by primary key: a row that repeats a root (or an included instance under the same
// parent) adds to the instance already made, so each comes back once, with its lists whole
// (a one-to-one include that matches several rows keeps the first). Only a node a later row can
// bring again (PlanNode::metAgain) is looked up by key: the one list of a query, each of its
// items in a row of its own, is not.
#include <cstdint>
#include <vector>

#include "dialects/dialect.hpp"
#include "hydration/child_index.hpp"
#include "query/select_plan.hpp"
#include "sequelize/instance.hpp"

namespace sequelize::detail {

class Hydrator final : public RowConsumer {
 public:
  explicit Hydrator(const SelectPlan& plan);
  // Room for every row at once: no instance is moved while the results grow. With a to-many
  // include joined, rows are not roots (a user with 5 stories is 5 rows): the count is no guide
  // and the results grow as for an unknown size.
  void expectRows(std::size_t count) override {
    if (listJoined_) return;
    results_.reserve(count);
    sized_ = true;
  }
  void onRow(RowReader& row) override;
  // Every root instance, in row order (rows kept in chunks are moved in here once, at the end).
  [[nodiscard]] std::vector<Instance>& results();

 private:
  // Reads the root key of the row into key_; the number of the root made with that key, or -1.
  std::int64_t findRoot(RowReader& row);
  // The root made number-th (in results_ or a chunk).
  Instance& rootAt(std::size_t number);
  // Adds key_ (the root just made) to the roots seen.
  void rememberRoot();
  // Builds the look-up table of the roots seen so far (until then keys came in ascending order).
  void indexSeenRoots();
  // A table of `capacity` entries holding roots 0 … roots-1.
  void rebuildIndex(std::size_t capacity, std::uint32_t roots);
  void insertRoot(std::size_t hash, std::uint32_t root);
  [[nodiscard]] std::size_t keyHash(const Value* key) const;
  [[nodiscard]] bool sameKey(std::uint32_t root, const Value* key) const;
  // The row of a query without includes: one root instance (the plan's rootOnly).
  void buildRoot(RowReader& row);
  // The key of an included node whose primary key has several columns: all of them, `first`
  // (its keyColumn's value) then the others, as one array value.
  [[nodiscard]] Value compositeKey(RowReader& row, const PlanNode& node, Value first) const;
  // Whether `made`, the one-to-one instance of node n under the parent numbered `number`, has
  // this row's key: `key` (its first column), the others read from `row` (a later row of that
  // parent naming another key is a second match).
  [[nodiscard]] bool sameOneKey(std::size_t n, std::uint32_t number, const Instance& made,
                                const Value& key, RowReader& row) const;
  // Keeps the key (all its columns) a one-to-one instance was made with under parent `number`.
  void keepOneKey(std::size_t n, std::uint32_t number, const Value& key, RowReader& row);

  // A new root instance. Without a row count the results grow as rows arrive: past the first
  // kDirectRows they go into chunks of kChunkRows, so that no large vector is copied while a
  // server is still sending rows (it would have to wait); results() joins them once.
  template <class... Args>
  Instance& emplaceRoot(Args&&... args);
  static constexpr std::size_t kDirectRows = 1024;
  static constexpr std::size_t kChunkRows = 4096;

  const SelectPlan& plan_;
  bool sized_ = false;  // told the row count: every row goes straight into results_
  std::vector<std::vector<Instance>> chunks_;
  std::vector<Instance> results_;
  // Per node, for the row being read: one entry, so that starting a row is one assignment.
  struct RowNode {
    Instance* instance = nullptr;  // the instance being filled (null: none in this row)
    std::uint32_t number = 0;      // its number (its ChildIndex entry)
    bool fresh = false;            // made by this row (its columns are stored)
  };
  std::vector<RowNode> rowNodes_;
  std::vector<Value> nodeKeys_;  // per node: the key read from this row
  // Per column, where its value comes from: read from the row, the root key already read to
  // fold roots, or the key its node's instance was decided by. Worked out once per query.
  enum class ColumnSource : std::uint8_t { Read, RootKey, NodeKey };
  // Per node, its shown columns in column order: what an instance made by a row reads.
  struct NodeColumn {
    const DataType* type;  // null: an expression, read as the database reports it
    int column;
    std::uint32_t slot;
    std::int32_t extra;  // >= 0: stored under the node's extraKeys[extra], not in a slot
    ColumnSource source;
  };
  std::vector<std::vector<NodeColumn>> nodeColumns_;
  void storeExtra(RowReader& row, const NodeColumn& column, std::size_t node, Instance& instance);
  // Per one-to-one node whose key is not in its instances' slots (hidden, or of several
  // columns): the key each parent's instance was made with, by the parent's number, one Value
  // per key column (so that a key of several columns costs no allocation).
  std::vector<char> keepsOneKey_;
  std::vector<std::vector<Value>> oneKeys_;
  std::vector<ChildIndex> children_;  // per included node, the instances made (when folding)
  bool listJoined_ = false;           // some node is a to-many include
  std::vector<std::size_t> listed_;   // per node: instances put into lists so far
  std::vector<std::size_t> lists_;    // per node: lists begun so far
  // Reserves a list just begun at `node` for as many instances as the lists before it held.
  void reserveList(std::size_t node, std::vector<Instance>& list);
  // Roots seen so far: their keys one after the other, and an open-addressing table of
  // (hash tag, root number + 1), 0 for an empty entry.
  std::vector<Value> key_;
  std::vector<Value> seenKeys_;
  std::vector<std::uint64_t> seen_;
  std::size_t pendingHash_ = 0;
  bool indexed_ = false;         // seen_ holds every root (false: keys so far ascending)
  std::int64_t highestKey_ = 0;  // the last (highest) key while they ascend
};

}  // namespace sequelize::detail
