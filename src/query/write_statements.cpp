#include "query/write_statements.hpp"

namespace sequelize::detail {
namespace {

void columnList(StatementBuilder& b, const std::vector<std::string_view>& columns) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) b.raw(",");
    b.id(columns[i]);
  }
}

}  // namespace

void renderBulkInsert(StatementBuilder& b, const BulkInsertStatement& s) {
  const DialectCapabilities& caps = b.dialect().capabilities();
  const bool ignore = s.onConflict == OnConflict::Ignore;
  if (ignore && caps.insertIgnore == InsertIgnoreSyntax::InsertOrIgnore) {
    b.raw("INSERT OR IGNORE INTO ");
  } else if (ignore && caps.insertIgnore == InsertIgnoreSyntax::InsertIgnore) {
    b.raw("INSERT IGNORE INTO ");
  } else {
    b.raw("INSERT INTO ");
  }
  b.id(s.table).raw(" (");
  columnList(b, s.columns);
  b.raw(") VALUES ");
  // The placeholders are numbered in row order, as the caller binds the values.
  int placeholder = static_cast<int>(b.boundCount());
  for (std::size_t r = 0; r < s.generated.size(); ++r) {
    if (r > 0) b.raw(",");
    b.raw("(");
    for (std::size_t c = 0; c < s.columns.size(); ++c) {
      if (c > 0) b.raw(",");
      if (s.generated[r][c]) {
        b.raw(caps.defaultForAutoIncrement ? "DEFAULT" : "NULL");
      } else {
        b.dialect().appendPlaceholder(b.sql(), ++placeholder);
      }
    }
    b.raw(")");
  }
  if (ignore && caps.insertIgnore == InsertIgnoreSyntax::OnConflictDoNothing) {
    b.raw(" ON CONFLICT DO NOTHING");
  }
  if (s.onConflict == OnConflict::Update && !s.updateColumns.empty()) {
    if (caps.upsert == UpsertSyntax::OnConflictDoUpdate) {
      b.raw(" ON CONFLICT (");
      columnList(b, s.conflictColumns);
      b.raw(") DO UPDATE SET ");
      for (std::size_t i = 0; i < s.updateColumns.size(); ++i) {
        if (i > 0) b.raw(",");
        b.id(s.updateColumns[i]).raw("=EXCLUDED.").id(s.updateColumns[i]);
      }
    } else {
      b.raw(" ON DUPLICATE KEY UPDATE ");
      for (std::size_t i = 0; i < s.updateColumns.size(); ++i) {
        if (i > 0) b.raw(",");
        b.id(s.updateColumns[i]).raw("=VALUES(").id(s.updateColumns[i]).raw(")");
      }
    }
  }
  if (caps.returning && !s.returning.empty()) {
    b.raw(" RETURNING ");
    columnList(b, s.returning);
  }
  b.raw(";");
}

void renderIncrement(StatementBuilder& b, const IncrementStatement& s) {
  b.raw("UPDATE ").id(s.table).raw(" SET ");
  bool first = true;
  for (const IncrementColumn& c : s.columns) {
    if (!first) b.raw(",");
    first = false;
    // As Sequelize writes it: `hits`=`hits`+ 1 (here with the amount bound).
    b.id(c.column).raw("=").id(c.column).raw(s.subtract ? "- " : "+ ").bind(*c.amount);
  }
  for (const auto& [column, value] : s.assignments) {
    if (!first) b.raw(",");
    first = false;
    b.id(column).raw("=").bind(*value);
  }
  appendWhereClause(b, s.where);
}

}  // namespace sequelize::detail
