#pragma once
// SQL text of the raw baselines' multi-row INSERTs: the statements sequelize-cpp's bulkCreate
// sends (one per chunk of rows), written out here so that both sides send the same ones.
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

}  // namespace bench
