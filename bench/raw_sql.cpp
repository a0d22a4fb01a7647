#include "raw_sql.hpp"

namespace bench {

std::string multiRowInsert(std::string_view table, std::string_view columns, int columnCount,
                           int rows, std::string_view generatedKey, Placeholders style,
                           std::string_view returning) {
  std::string sql = "INSERT INTO ";
  sql.append(table).append(" (").append(columns).append(") VALUES ");
  int next = 1;
  for (int r = 0; r < rows; ++r) {
    if (r > 0) sql.push_back(',');
    sql.push_back('(');
    sql.append(generatedKey);
    for (int c = 0; c < columnCount; ++c) {
      sql.push_back(',');
      if (style == Placeholders::Dollar) {
        sql.push_back('$');
        sql.append(std::to_string(next++));
      } else {
        sql.push_back('?');
      }
    }
    sql.push_back(')');
  }
  if (!returning.empty()) sql.append(" RETURNING ").append(returning);
  return sql;
}

}  // namespace bench
