#include "raw_sql.hpp"

#include "workload.hpp"

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
      if (c > 0 || !generatedKey.empty()) sql.push_back(',');
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
// `?` or `$n`, the n-th placeholder of a statement.
std::string placeholder(Placeholders style, int n) {
  return style == Placeholders::Dollar ? "$" + std::to_string(n) : "?";
}

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

std::string storiesWithTagsSql() {
  return "SELECT s.story_id, s.created_by, s.title, s.content, s.created_at, s.updated_at, "
         "t.tag_id, t.name, st.story_id, st.tag_id, st.weight FROM many_stories AS s LEFT OUTER "
         "JOIN ( many_story_tags AS st INNER JOIN many_tags AS t ON t.tag_id = st.tag_id) ON "
         "s.story_id = st.story_id";
}

std::string storyTagsAmongSql(Placeholders style) {
  std::string sql = "SELECT story_id, tag_id, weight FROM many_story_tags WHERE story_id = ";
  sql.append(placeholder(style, 1)).append(" AND tag_id IN (");
  for (int k = 0; k < kTagsPerStory; ++k) {
    if (k > 0) sql.append(", ");
    sql.append(placeholder(style, k + 2));
  }
  sql.push_back(')');
  return sql;
}

}  // namespace bench
