#pragma once
// findAll options turned into a SELECT and into the map the hydrator follows to put each result
// column into the right slot of the right instance.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/instance_internals.hpp"
#include "query/include_resolver.hpp"
#include "query/statements.hpp"
#include "sequelize/options.hpp"

namespace sequelize::detail {

// The root model or one included association.
struct PlanNode {
  const Model* model = nullptr;
  const Association* association = nullptr;  // null for the root
  int parent = -1;
  std::string tableAlias;        // Users, story, story->author
  std::optional<int> keyColumn;  // result column of the primary key (null: no row)
  bool many = false;             // a to-many include: its instances go into a list
  std::uint32_t slotIndex = 0;   // the included slot of the parent this node fills
  std::uint32_t keySlot = 0;     // the slot of the model's primary key (with keyColumn)
  // A primary key of several columns: the result columns and slots of its other columns (an
  // included instance is told apart by all of them; keyColumn alone tells a miss).
  std::vector<int> otherKeyColumns;
  std::vector<std::uint32_t> otherKeySlots;
  std::vector<int> children;
  std::shared_ptr<const KeyOrder> order;  // keys of this node's instances, in toJSON order
  std::vector<std::string> extraKeys;     // aliases and expressions, in column order
  std::string keyPrefix;                  // "", "story.", "story.author." (raw row keys)
  // False for an include selected with no attributes (joined for its where, group or an
  // aggregate): it reads no column and appears in no result.
  bool shown = true;
  // With SelectPlan::slotsBuiltInPlace: the slots of this node's instances no column fills.
  std::vector<std::uint32_t> unfilledSlots;
  // Its join can bring several rows per parent row (query/join_multiplicity.hpp), or the same
  // target twice under one parent row.
  bool multiplies = false;
  bool repeatsTargets = false;
  // A later row can carry an instance of this node already made: only then are its instances
  // looked up by key (and a one-to-one child's key kept to compare).
  bool metAgain = true;
};

struct ColumnTarget {
  int node;
  std::uint32_t slot;
  const DataType* type;     // null: an expression, read as the database reports it
  bool shown;               // false for a primary key read only to tell a matched row from a miss
  std::int32_t extra = -1;  // >= 0: stored under node.extraKeys[extra], not in a slot
};

struct SelectPlan {
  std::vector<PlanNode> nodes;
  std::vector<ColumnTarget> columns;
  std::vector<std::string> columnKeys;  // per column, its key within its node (raw rows)
  SelectStatement statement;
  // Result columns of the root's primary key when an include can match several rows (a hasOne
  // whose foreign key is not unique): rows repeating a root are folded into the first one.
  // Empty when every row is a different root.
  std::vector<int> rootKeyColumns;
  // Every column is an attribute of its node and no slot is filled by two columns: the
  // hydrator builds each value in its slot, and constructs the slots no column fills (each
  // node's unfilledSlots) as undefined, instead of making every slot undefined and assigning.
  bool slotsBuiltInPlace = false;
  // No include and no alias or expression: every column is an attribute of the root.
  bool rootOnly = false;
};

// Resolves everything (attributes, includes, where, order) and throws before any SQL exists.
// At most `rows` rows for each value of the root's attribute `attribute`, the first by the
// find's order (the root's key breaking ties): a to-many include's limit, applied to every
// parent's list by one query.
struct RowsPerKey {
  std::string attribute;
  std::int64_t rows = 0;
};

SelectPlan planSelect(const Model& model, const FindOptions& options,
                      const RowsPerKey* perKey = nullptr);

// The names a query over `plan` may use: "title" (the root model's), "story.title" and
// "$story.title$" (an include's). `alwaysQualify` prefixes root columns with the root alias
// even without includes (as Sequelize does in WHERE).
class PlanColumnResolver final : public ColumnResolver {
 public:
  PlanColumnResolver(const SelectPlan& plan, bool alwaysQualify)
      : plan_(plan), alwaysQualify_(alwaysQualify) {}
  [[nodiscard]] Column resolve(std::string_view name) const override;
  // The plan node an alias path ("story", "story.author") names; -1 when there is none.
  [[nodiscard]] int nodeFor(const std::vector<std::string>& aliases) const;

 private:
  const SelectPlan& plan_;
  bool alwaysQualify_;
};

}  // namespace sequelize::detail
