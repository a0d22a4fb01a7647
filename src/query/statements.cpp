#include "query/statements.hpp"

#include <algorithm>

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
  if (!s.where.empty()) {
    b.raw(" WHERE ");
    renderCondition(b, s.where);
  }
}

void renderDelete(StatementBuilder& b, const DeleteStatement& s) {
  b.raw("DELETE FROM ").id(s.table);
  if (!s.where.empty()) {
    b.raw(" WHERE ");
    renderCondition(b, s.where);
  }
}

namespace {

void renderColumn(StatementBuilder& b, const SelectColumn& c) {
  if (c.table.empty()) {
    b.id(c.column);
  } else {
    b.qualified(c.table, c.column);
  }
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
  if (!j.nested.empty()) b.raw(" )");
  b.raw(" ON ")
      .qualified(j.leftTable, j.leftColumn)
      .raw(" = ")
      .qualified(j.rightTable, j.rightColumn);
  if (!j.extra.empty()) {
    b.raw(" AND ");
    renderCondition(b, j.extra, false);
  }
}

// FROM, joins and WHERE: the part shared by the plain query and the numbered one.
void renderSource(StatementBuilder& b, const SelectStatement& s) {
  b.raw(" FROM ").id(s.table).raw(" AS ").id(s.alias);
  for (const SelectJoin& j : s.joins) renderJoin(b, j);
  if (!s.where.empty()) {
    b.raw(" WHERE ");
    renderCondition(b, s.where);
  }
}

void renderOrderTerms(StatementBuilder& b, const std::vector<OrderTerm>& order) {
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (i > 0) b.raw(", ");
    b.qualified(order[i].table, order[i].column);
    if (!order[i].direction.empty()) b.raw(" ").raw(order[i].direction);
  }
}

// SELECT <columns> FROM (SELECT <columns>, ROW_NUMBER() OVER (PARTITION BY <key> ORDER BY
// <order>) AS __row FROM … WHERE …) AS <root> WHERE __row = 1 ORDER BY … LIMIT …: rows that
// only repeat a root row (several matches of a one-to-one include) are gone before LIMIT
// counts, and the row kept for each root is the first in the requested order.
void renderOnePerKey(StatementBuilder& b, const SelectStatement& s) {
  // The outer ORDER BY names result columns; a term that is not selected is selected hidden.
  std::vector<std::string> orderNames;
  std::vector<SelectColumn> hidden;
  for (const OrderTerm& t : s.order) {
    const auto it = std::find_if(s.columns.begin(), s.columns.end(), [&](const SelectColumn& c) {
      return c.table == t.table && c.column == t.column;
    });
    if (it != s.columns.end()) {
      orderNames.push_back(outputName(*it));
    } else {
      SelectColumn c;
      c.table = t.table;
      c.column = t.column;
      c.as = "__order_" + std::to_string(hidden.size());
      orderNames.push_back(c.as);
      hidden.push_back(std::move(c));
    }
  }
  b.raw("SELECT ");
  for (std::size_t i = 0; i < s.columns.size(); ++i) {
    if (i > 0) b.raw(", ");
    b.qualified(s.alias, outputName(s.columns[i]));
  }
  b.raw(" FROM (SELECT ");
  for (const SelectColumn& c : s.columns) {
    renderColumn(b, c);
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
    renderOrderTerms(b, s.order);
  }
  b.raw(") AS ").id("__row");
  renderSource(b, s);
  b.raw(") AS ").id(s.alias).raw(" WHERE ").qualified(s.alias, "__row").raw(" = 1");
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

}  // namespace

void renderSelect(StatementBuilder& b, const SelectStatement& s) {
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
  if (!s.order.empty()) {
    b.raw(" ORDER BY ");
    renderOrderTerms(b, s.order);
  }
  b.dialect().appendLimitOffset(b.sql(), s.limit, s.offset);
  b.raw(";");
}

}  // namespace sequelize::detail
