#include "query/statements.hpp"

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

void renderSelect(StatementBuilder& b, const SelectStatement& s) {
  b.raw("SELECT ");
  for (std::size_t i = 0; i < s.columns.size(); ++i) {
    if (i > 0) b.raw(", ");
    const SelectColumn& c = s.columns[i];
    if (c.expr) {
      renderExpr(b, *c.expr);
    } else if (c.table.empty()) {
      b.id(c.column);
    } else {
      b.qualified(c.table, c.column);
    }
    if (!c.as.empty()) b.raw(" AS ").id(c.as);
  }
  b.raw(" FROM ").id(s.table).raw(" AS ").id(s.alias);
  for (const SelectJoin& j : s.joins) {
    b.raw(j.inner ? " INNER JOIN " : " LEFT OUTER JOIN ").id(j.table).raw(" AS ").id(j.alias);
    b.raw(" ON ").qualified(j.leftTable, j.leftColumn).raw(" = ").qualified(j.rightTable, j.rightColumn);
    if (!j.extra.empty()) {
      b.raw(" AND ");
      renderCondition(b, j.extra, false);
    }
  }
  if (!s.where.empty()) {
    b.raw(" WHERE ");
    renderCondition(b, s.where);
  }
  if (!s.group.empty()) {
    b.raw(" GROUP BY ");
    for (std::size_t i = 0; i < s.group.size(); ++i) {
      if (i > 0) b.raw(", ");
      if (s.group[i].table.empty()) {
        b.id(s.group[i].column);
      } else {
        b.qualified(s.group[i].table, s.group[i].column);
      }
    }
  }
  if (!s.order.empty()) {
    b.raw(" ORDER BY ");
    for (std::size_t i = 0; i < s.order.size(); ++i) {
      if (i > 0) b.raw(", ");
      const OrderTerm& o = s.order[i];
      if (o.expr) {
        renderExpr(b, *o.expr);
      } else if (o.table.empty()) {
        b.id(o.column);
      } else {
        b.qualified(o.table, o.column);
      }
      if (!o.direction.empty()) b.raw(" ").raw(o.direction);
    }
  }
  b.dialect().appendLimitOffset(b.sql(), s.limit, s.offset);
  b.raw(";");
}

}  // namespace sequelize::detail
