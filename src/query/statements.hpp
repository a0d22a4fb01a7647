#pragma once
// The statement tree: what a query is, before it is SQL. One renderer per statement kind turns
// it into text for any dialect, asking the dialect only what differs.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "query/condition.hpp"
#include "query/expression.hpp"
#include "query/statement_builder.hpp"

namespace sequelize::detail {

struct InsertColumn {
  std::string_view field;
  const Value* value = nullptr;  // null: the auto-increment key, left to the database
};

struct InsertStatement {
  std::string_view table;
  std::vector<InsertColumn> columns;
  std::vector<std::string_view> returning;  // RETURNING these columns where supported
};

struct Assignment {
  std::string_view field;
  const Value* value;
};

struct UpdateStatement {
  std::string_view table;
  std::vector<Assignment> assignments;
  Condition where;
};

struct DeleteStatement {
  std::string_view table;
  Condition where;
};

struct SelectColumn {
  std::string table;  // empty: unqualified
  std::string column;
  std::string as;                            // empty: no alias
  std::shared_ptr<const CompiledExpr> expr;  // set: this expression instead of the column
};

struct SelectJoin {
  bool inner = false;
  std::string table;
  std::string alias;
  std::string leftTable;
  std::string leftColumn;
  std::string rightTable;
  std::string rightColumn;
  Condition extra;  // the include's own where, ANDed into ON
  // Joins written inside this one's parentheses, `LEFT OUTER JOIN ( t AS a INNER JOIN … ) ON …`:
  // a required include below an optional one must not drop the optional one's parent row.
  std::vector<SelectJoin> nested;
  // The parentheses closed as Sequelize closes a junction's join ("…)") rather than a
  // required include's ("… )").
  bool closeTight = false;
};

struct OrderTerm {
  std::string table;  // empty: unqualified (a selected alias)
  std::string column;
  std::string direction;                     // "ASC", "DESC", … (validated before it gets here)
  std::shared_ptr<const CompiledExpr> expr;  // set: order by this expression instead
};

struct SelectStatement {
  std::string table;
  std::string alias;
  std::vector<SelectColumn> columns;
  std::vector<SelectJoin> joins;
  Condition where;
  std::vector<SelectColumn> group;  // GROUP BY these columns
  std::vector<OrderTerm> order;
  std::optional<std::int64_t> limit;
  std::optional<std::int64_t> offset;
  // Non-empty: keep one row per value of these columns (the root's key) before ORDER BY, LIMIT
  // and OFFSET apply. The joined query becomes a derived table numbered with ROW_NUMBER().
  std::vector<SelectColumn> onePerKey;
  // Sequelize's subquery form, for LIMIT / OFFSET over a to-many include: the root's rows are
  // chosen first, in a derived table of the root table under the same alias (`where`, the
  // order terms on root columns, limit and offset apply there, and each required include must
  // have a match: rootMustMatch), then joined to the includes and ordered by every term.
  bool rootsFirst = false;
  struct RootMatch {
    std::string table;       // the include's table
    std::string alias;       // its alias inside the EXISTS
    std::string column;      // its column that joins (the foreign key)
    std::string rootColumn;  // the root's column it equals
    Condition extra;         // the include's where
    // Required includes below this one: each must have a match for this include's row
    // (nested EXISTS); their rootColumn is a column of this include.
    std::vector<RootMatch> nested;
  };
  std::vector<RootMatch> rootMustMatch;
  // With rootsFirst: the roots chosen are at most rowsPerKey per value of this root column, the
  // first by the order's root terms (then by perKeyTieBreak), numbered by ROW_NUMBER() under
  // the name perKeyRowName in the derived table of roots (instead of its LIMIT and OFFSET).
  std::optional<SelectColumn> perKey;
  std::int64_t rowsPerKey = 0;
  SelectColumn perKeyTieBreak;
  std::string perKeyRowName;
};

void renderInsert(StatementBuilder& b, const InsertStatement& s);
void renderUpdate(StatementBuilder& b, const UpdateStatement& s);
void renderDelete(StatementBuilder& b, const DeleteStatement& s);
void renderSelect(StatementBuilder& b, const SelectStatement& s);

}  // namespace sequelize::detail
