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

enum class Placeholders { Question, Dollar };  // ? (SQLite, MariaDB) or $1, $2, … (PostgreSQL)

// INSERT INTO <table> (<key>,<columns>) VALUES (<generated>,?,?,…),… [RETURNING <key>]:
// `rows` rows of `columnCount` bound values after the generated key.
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

}  // namespace bench
