#include "query/statements.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

namespace sequelize::detail {

void renderInsert(StatementBuilder& b, const InsertStatement& s) {
  const DialectCapabilities& caps = b.dialect().capabilities();
  b.raw("INSERT INTO ").id(s.table).raw(" (");
  for (std::size_t i = 0; i < s.columns.size(); ++i) {
    if (i > 0) b.raw(",");
    b.id(s.columns[i].field);
  }
  b.raw(") VALUES (");
  for (std::size_t i = 0; i < s.columns.size(); ++i) {
    if (i > 0) b.raw(",");
    if (s.columns[i].value == nullptr) {
      b.raw(caps.defaultForAutoIncrement ? "DEFAULT" : "NULL");
    } else {
      b.bind(*s.columns[i].value);
    }
  }
  b.raw(")");
  if (caps.returningOnInsert && !s.returning.empty()) {
    b.raw(" RETURNING ");
    for (std::size_t i = 0; i < s.returning.size(); ++i) {
      if (i > 0) b.raw(",");
      b.id(s.returning[i]);
    }
  }
  b.raw(";");
}

void renderUpdate(StatementBuilder& b, const UpdateStatement& s) {
  b.raw("UPDATE ").id(s.table).raw(" SET ");
  for (std::size_t i = 0; i < s.assignments.size(); ++i) {
    if (i > 0) b.raw(",");
    b.id(s.assignments[i].field).raw("=").bind(*s.assignments[i].value);
  }
  appendWhereClause(b, s.where);
}

void renderDelete(StatementBuilder& b, const DeleteStatement& s) {
  b.raw("DELETE FROM ").id(s.table);
  appendWhereClause(b, s.where);
}

namespace {

// A column's value without its alias: an expression, a bare name or a qualified one.
void renderColumnSource(StatementBuilder& b, const SelectColumn& c) {
  if (c.expr) {
    renderExpr(b, *c.expr);
  } else if (c.table.empty()) {
    b.id(c.column);
  } else {
    b.qualified(c.table, c.column);
  }
}

void renderColumn(StatementBuilder& b, const SelectColumn& c) {
  renderColumnSource(b, c);
  if (!c.as.empty()) b.raw(" AS ").id(c.as);
}

// The name a column has in the result (and in a derived table made of the query).
const std::string& outputName(const SelectColumn& c) {
  return c.as.empty() ? c.column : c.as;
}

void renderJoin(StatementBuilder& b, const SelectJoin& j) {
  b.raw(j.inner ? " INNER JOIN " : " LEFT OUTER JOIN ");
  if (!j.nested.empty()) b.raw("( ");
  b.id(j.table).raw(" AS ").id(j.alias);
  for (const SelectJoin& n : j.nested) renderJoin(b, n);
  if (!j.nested.empty()) b.raw(j.closeTight ? ")" : " )");
  b.raw(" ON ")
      .qualified(j.leftTable, j.leftColumn)
      .raw(" = ")
      .qualified(j.rightTable, j.rightColumn);
  // The include's where; Sequelize writes an empty Op.or there as ` AND 0 = 1` too.
  if (!j.extra.matchesAll()) {
    b.raw(" AND ");
    renderCondition(b, j.extra, false);
  }
}

// FROM, joins and WHERE: the part shared by the plain query and the numbered one.
void renderSource(StatementBuilder& b, const SelectStatement& s) {
  b.raw(" FROM ").id(s.table).raw(" AS ").id(s.alias);
  for (const SelectJoin& j : s.joins) renderJoin(b, j);
  appendWhereClause(b, s.where);
}

void renderGroup(StatementBuilder& b, const SelectStatement& s) {
  if (s.group.empty()) return;
  b.raw(" GROUP BY ");
  for (std::size_t i = 0; i < s.group.size(); ++i) {
    if (i > 0) b.raw(", ");
    renderColumnSource(b, s.group[i]);
  }
}

void renderOrderTerm(StatementBuilder& b, const OrderTerm& o) {
  if (o.expr) {
    renderExpr(b, *o.expr);
  } else if (o.table.empty()) {
    b.id(o.column);
  } else {
    b.qualified(o.table, o.column);
  }
  if (!o.direction.empty()) b.raw(" ").raw(o.direction);
}

// The selected column an order term names: the same qualified column, or (for an unqualified
// term) the column whose result name it is. Expressions are never matched: each is selected
// hidden, so the outer query has a name to order by.
const SelectColumn* selectedColumnFor(const SelectStatement& s, const OrderTerm& t) {
  if (t.expr) return nullptr;
  for (const SelectColumn& c : s.columns) {
    if (t.table.empty() ? outputName(c) == t.column
                        : !c.expr && c.table == t.table && c.column == t.column) {
      return &c;
    }
  }
  return nullptr;
}

// The column names of the numbered derived table. Each must be unique there, compared as the
// databases compare column names (SQLite and MariaDB ignore case): the user's names come first
// and keep their text; a name the user gave twice, and the names the renderer adds (the row
// number, hidden order terms), get one nobody gave, `base`, or `base_1`, `base_2` … after it.
class DerivedNames {
 public:
  // Takes `name` when it is free; false when it is not.
  bool claim(std::string_view name) { return taken_.insert(folded(name)).second; }
  std::string fresh(std::string_view base) {
    std::string name(base);
    for (int n = 1; !claim(name); ++n) name = std::string(base) + "_" + std::to_string(n);
    return name;
  }

 private:
  static std::string folded(std::string_view name) {
    std::string out(name);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
  }
  std::set<std::string> taken_;
};

// SELECT <columns> FROM (SELECT <columns>, ROW_NUMBER() OVER (PARTITION BY <key> ORDER BY
// <order>) AS __row FROM … WHERE …) AS <root> WHERE __row = 1 ORDER BY … LIMIT …: rows that
// only repeat a root row (several matches of a one-to-one include) are gone before LIMIT
// counts, and the row kept for each root is the first in the requested order. The planner never
// asks for it together with GROUP BY.
void renderOnePerKey(StatementBuilder& b, const SelectStatement& s) {
  // The name of each column inside the derived table: its own, unless an earlier column has it.
  DerivedNames names;
  std::vector<std::string> inner(s.columns.size());
  std::vector<bool> renamed(s.columns.size(), false);
  for (std::size_t i = 0; i < s.columns.size(); ++i) {
    renamed[i] = !names.claim(outputName(s.columns[i]));
    if (!renamed[i]) inner[i] = outputName(s.columns[i]);
  }
  for (std::size_t i = 0; i < s.columns.size(); ++i) {
    if (renamed[i]) inner[i] = names.fresh("__column");
  }
  // The outer ORDER BY names columns of the derived table; a term that is not selected (an
  // expression, or a column not asked for) is selected hidden. The window's ORDER BY cannot
  // name aliases of its own SELECT, so it repeats each term's source.
  std::vector<std::string> orderNames;
  std::vector<SelectColumn> hidden;
  std::vector<SelectColumn> windowOrder;
  for (const OrderTerm& t : s.order) {
    if (const SelectColumn* selected = selectedColumnFor(s, t)) {
      orderNames.push_back(inner[static_cast<std::size_t>(selected - s.columns.data())]);
      SelectColumn source = *selected;
      source.as.clear();
      windowOrder.push_back(std::move(source));
      continue;
    }
    SelectColumn c;
    c.table = t.table;
    c.column = t.column;
    c.expr = t.expr;
    c.as = names.fresh("__order_" + std::to_string(hidden.size()));
    orderNames.push_back(c.as);
    hidden.push_back(c);
    c.as.clear();
    windowOrder.push_back(std::move(c));
  }
  const std::string rowNumber = names.fresh("__row");
  b.raw("SELECT ");
  for (std::size_t i = 0; i < s.columns.size(); ++i) {
    if (i > 0) b.raw(", ");
    b.qualified(s.alias, inner[i]);
    if (renamed[i]) b.raw(" AS ").id(outputName(s.columns[i]));
  }
  b.raw(" FROM (SELECT ");
  for (std::size_t i = 0; i < s.columns.size(); ++i) {
    renderColumnSource(b, s.columns[i]);
    if (renamed[i] || !s.columns[i].as.empty()) b.raw(" AS ").id(inner[i]);
    b.raw(", ");
  }
  for (const SelectColumn& c : hidden) {
    renderColumn(b, c);
    b.raw(", ");
  }
  b.raw("ROW_NUMBER() OVER (PARTITION BY ");
  for (std::size_t i = 0; i < s.onePerKey.size(); ++i) {
    if (i > 0) b.raw(", ");
    b.qualified(s.onePerKey[i].table, s.onePerKey[i].column);
  }
  if (!s.order.empty()) {
    b.raw(" ORDER BY ");
    for (std::size_t i = 0; i < s.order.size(); ++i) {
      if (i > 0) b.raw(", ");
      renderColumnSource(b, windowOrder[i]);
      if (!s.order[i].direction.empty()) b.raw(" ").raw(s.order[i].direction);
    }
  }
  b.raw(") AS ").id(rowNumber);
  renderSource(b, s);
  b.raw(") AS ").id(s.alias).raw(" WHERE ").qualified(s.alias, rowNumber).raw(" = 1");
  if (!s.order.empty()) {
    b.raw(" ORDER BY ");
    for (std::size_t i = 0; i < s.order.size(); ++i) {
      if (i > 0) b.raw(", ");
      b.qualified(s.alias, orderNames[i]);
      if (!s.order[i].direction.empty()) b.raw(" ").raw(s.order[i].direction);
    }
  }
  b.dialect().appendLimitOffset(b.sql(), s.limit, s.offset);
  b.raw(";");
}

// EXISTS (SELECT 1 FROM <table> AS <alias> WHERE <alias>.<column> = <parent>.<rootColumn>
// [AND <where>] [AND EXISTS (…) for each required include below]).
void renderRootMatch(StatementBuilder& b, const SelectStatement::RootMatch& m,
                     const std::string& parentAlias) {
  b.raw("EXISTS (SELECT 1 FROM ").id(m.table).raw(" AS ").id(m.alias).raw(" WHERE ");
  b.qualified(m.alias, m.column).raw(" = ").qualified(parentAlias, m.rootColumn);
  if (!m.extra.matchesAll()) {
    b.raw(" AND ");
    renderCondition(b, m.extra, false);
  }
  for (const SelectStatement::RootMatch& n : m.nested) {
    b.raw(" AND ");
    renderRootMatch(b, n, m.alias);
  }
  b.raw(")");
}

// SELECT <columns> FROM (SELECT <root>.* FROM <table> AS <root> WHERE … AND EXISTS (…) ORDER BY
// <root terms> LIMIT …) AS <root> <joins> ORDER BY …: LIMIT and OFFSET count roots, and every
// row of each chosen root comes back, whatever its to-many includes multiply.
void renderRootsFirst(StatementBuilder& b, const SelectStatement& s) {
  // The order terms that choose roots: those on the root's columns, and expressions (the
  // planner has checked that they name no other table).
  auto ordersRoots = [&](const OrderTerm& t) { return t.expr || t.table == s.alias; };
  b.raw("SELECT ");
  for (std::size_t i = 0; i < s.columns.size(); ++i) {
    if (i > 0) b.raw(", ");
    renderColumn(b, s.columns[i]);
  }
  b.raw(" FROM (SELECT ");
  if (s.perKey) b.raw("* FROM (SELECT ");
  b.id(s.alias).raw(".*");
  if (s.perKey) {
    // The roots numbered within each value of the key, in the order's root terms.
    b.raw(", ROW_NUMBER() OVER (PARTITION BY ").qualified(s.perKey->table, s.perKey->column);
    b.raw(" ORDER BY ");
    for (const OrderTerm& t : s.order) {
      if (!ordersRoots(t)) continue;
      renderOrderTerm(b, t);
      b.raw(", ");
    }
    b.qualified(s.perKeyTieBreak.table, s.perKeyTieBreak.column).raw(") AS ").id(s.perKeyRowName);
  }
  b.raw(" FROM ").id(s.table).raw(" AS ").id(s.alias);
  const char* glue = " WHERE ";
  if (!s.where.matchesAll()) {
    b.raw(glue);
    renderCondition(b, s.where, s.rootMustMatch.empty());
    glue = " AND ";
  }
  for (const SelectStatement::RootMatch& m : s.rootMustMatch) {
    b.raw(glue);
    renderRootMatch(b, m, s.alias);
    glue = " AND ";
  }
  if (s.perKey) {
    b.raw(") AS ").id(s.alias).raw(" WHERE ").qualified(s.alias, s.perKeyRowName);
    b.raw(" <= ").raw(std::to_string(s.rowsPerKey));
  } else {
    bool first = true;
    for (const OrderTerm& t : s.order) {
      if (!ordersRoots(t)) continue;
      b.raw(first ? " ORDER BY " : ", ");
      first = false;
      renderOrderTerm(b, t);
    }
    b.dialect().appendLimitOffset(b.sql(), s.limit, s.offset);
  }
  b.raw(") AS ").id(s.alias);
  for (const SelectJoin& j : s.joins) renderJoin(b, j);
  if (!s.order.empty()) {
    b.raw(" ORDER BY ");
    for (std::size_t i = 0; i < s.order.size(); ++i) {
      if (i > 0) b.raw(", ");
      renderOrderTerm(b, s.order[i]);
    }
  }
  b.raw(";");
}

}  // namespace

void renderSelect(StatementBuilder& b, const SelectStatement& s) {
  if (s.rootsFirst) {
    renderRootsFirst(b, s);
    return;
  }
  if (!s.onePerKey.empty()) {
    renderOnePerKey(b, s);
    return;
  }
  b.raw("SELECT ");
  for (std::size_t i = 0; i < s.columns.size(); ++i) {
    if (i > 0) b.raw(", ");
    renderColumn(b, s.columns[i]);
  }
  renderSource(b, s);
  renderGroup(b, s);
  if (!s.order.empty()) {
    b.raw(" ORDER BY ");
    for (std::size_t i = 0; i < s.order.size(); ++i) {
      if (i > 0) b.raw(", ");
      renderOrderTerm(b, s.order[i]);
    }
  }
  b.dialect().appendLimitOffset(b.sql(), s.limit, s.offset);
  b.raw(";");
}

}  // namespace sequelize::detail
