#pragma once
// SQL text the raw baselines share: the multi-row INSERTs sequelize-cpp's bulkCreate sends (one
// per chunk of rows) and the to-many SELECTs, written out here so that both sides send the same
// statements.
#include <string>
#include <string_view>

namespace bench {

// Rows per INSERT of the bulk workloads on each database: sequelize-cpp's bound-parameter
// budget per statement there (SQLite 999, PostgreSQL 7000, MariaDB 65535) divided by the six
// columns it lists (the generated key included).
inline constexpr int kSqliteRowsPerInsert = 999 / 6;
inline constexpr int kPostgresRowsPerInsert = 7000 / 6;
inline constexpr int kMariadbRowsPerInsert = 65535 / 6;
// The same for the to-many seed's junction rows, which list three columns and no generated key.
inline constexpr int kSqliteLinksPerInsert = 999 / 3;
inline constexpr int kPostgresLinksPerInsert = 7000 / 3;
inline constexpr int kMariadbLinksPerInsert = 65535 / 3;

enum class Placeholders { Question, Dollar };  // ? (SQLite, MariaDB) or $1, $2, … (PostgreSQL)

// INSERT INTO <table> (<key>,<columns>) VALUES (<generated>,?,?,…),… [RETURNING <key>]:
// `rows` rows of `columnCount` bound values after the generated key (none when `generatedKey` is
// empty: a table whose key is given, as the junction's).
std::string multiRowInsert(std::string_view table, std::string_view columns, int columnCount,
                           int rows, std::string_view generatedKey, Placeholders style,
                           std::string_view returning);

// Every many_users row LEFT OUTER JOIN its many_stories (find_all_users_include_stories).
std::string usersWithStoriesSql();

// The form Sequelize sends for a limit over a to-many include: the limit picks the users in a
// derived table, ordered by key, and every story of each is joined to it. The limit is written
// into the text, as the ORM writes it: SQLite plans `LIMIT ?` differently (it then builds an
// automatic index on many_stories.created_by, which it does not for the literal).
std::string limitedUsersWithStoriesSql(int limit);

// Every many_stories row LEFT OUTER JOIN its tags, each with its junction row
// (find_all_stories_include_tags), in the form Sequelize sends for an include through a
// junction: the junction and the tags inner-joined in parentheses, that join outer-joined to
// the stories.
std::string storiesWithTagsSql();

// add_tags_xM's first statement, as the ORM's addAssociations sends it: the story's junction
// rows among the kTagsPerStory tags to add (the story's key, then the tags' keys, bound).
std::string storyTagsAmongSql(Placeholders style);

}  // namespace bench
