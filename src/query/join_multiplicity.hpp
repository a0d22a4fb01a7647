#pragma once
// How many rows an include's join brings per row of its parent, and what the hydrator must
// therefore fold. A to-many include (or a hasOne on a key that is not unique) multiplies the
// rows: every other instance of the row is repeated in each. The hydrator folds a repeated
// instance into the one already made, which costs a look-up by key per row; this file works out,
// once per plan, which nodes can be repeated at all, so that the others skip it.
#include "query/select_plan.hpp"
#include "sequelize/association.hpp"

namespace sequelize::detail {

// Whether the join of an include can find several rows for one parent row: a to-many
// association, or a single one joined on a target column that is not unique (a hasOne whose
// foreign key is not unique: nothing in the schema stops a second row).
[[nodiscard]] bool mayMatchSeveral(const Association& association);

// Whether the join can bring the same target row twice for one parent row: through a junction
// that may hold a pair of keys twice (neither its primary key nor a unique key lies within its
// two keys). A direct join brings each target row at most once.
[[nodiscard]] bool mayRepeatTargets(const Association& association);

// Sets each node's metAgain from the nodes' multiplies and repeatsTargets: a node's instance can
// come back in a later row when a node outside its path from the root multiplies the rows (a
// sibling list, a list below it), or a join on that path can repeat its target.
void markNodesMetAgain(SelectPlan& plan);

}  // namespace sequelize::detail
