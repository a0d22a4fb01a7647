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

namespace {
constexpr std::string_view kUserWithStoryColumns =
    "SELECT u.user_id, u.username, u.email, u.password, u.created_at, u.updated_at, s.story_id, "
    "s.created_by, s.title, s.content, s.created_at, s.updated_at FROM ";
}  // namespace

std::string usersWithStoriesSql() {
  std::string sql(kUserWithStoryColumns);
  sql.append("many_users AS u LEFT OUTER JOIN many_stories AS s ON u.user_id = s.created_by");
  return sql;
}

std::string limitedUsersWithStoriesSql(int limit) {
  std::string sql(kUserWithStoryColumns);
  sql.append("(SELECT u.* FROM many_users AS u ORDER BY u.user_id ASC LIMIT ")
      .append(std::to_string(limit))
      .append(
          ") AS u LEFT OUTER JOIN many_stories AS s ON u.user_id = s.created_by ORDER BY u.user_id "
          "ASC");
  return sql;
}

}  // namespace bench
