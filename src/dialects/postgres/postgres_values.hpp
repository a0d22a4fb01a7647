#pragma once
// Values to and from PostgreSQL's text format, as Sequelize's PostgreSQL dialect exchanges them:
//   - bound values: booleans as true/false, dates as "2026-11-24 10:00:00.000 +00:00", JSON as
//     its text, bytes as bytea hex ("\x00ff");
//   - results, per attribute type: INTEGER and SMALLINT as numbers, BIGINT and DECIMAL as exact
//     strings, DATE as a Date, DATEONLY and TIME as strings, JSON as a document, BYTEA as bytes;
//   - results without a model (raw queries), per column type the same way.
#include <span>
#include <string>
#include <string_view>

#include "sequelize/data_types.hpp"
#include "sequelize/date.hpp"
#include "sequelize/value.hpp"

namespace sequelize::detail {

// Built-in type OIDs (fixed by PostgreSQL, pg_type.dat) that raw results are decoded by.
namespace pg_oid {
inline constexpr unsigned kBool = 16;
inline constexpr unsigned kBytea = 17;
inline constexpr unsigned kInt8 = 20;
inline constexpr unsigned kInt2 = 21;
inline constexpr unsigned kInt4 = 23;
inline constexpr unsigned kOid = 26;
inline constexpr unsigned kJson = 114;
inline constexpr unsigned kFloat4 = 700;
inline constexpr unsigned kFloat8 = 701;
inline constexpr unsigned kDate = 1082;
inline constexpr unsigned kTimestamp = 1114;
inline constexpr unsigned kTimestamptz = 1184;
inline constexpr unsigned kNumeric = 1700;
inline constexpr unsigned kJsonb = 3802;
}  // namespace pg_oid

// The text PostgreSQL is sent for a value, or nullptr for SQL NULL. Text the value does not hold
// itself is written into `scratch`; the pointer stays valid while both live. Throws TypeError for
// objects and arrays, and DatabaseError (22021, as the server would) for text with NUL bytes,
// which PostgreSQL text cannot hold.
const char* postgresParamText(const Value& value, std::string& scratch);
// The text of an array holding `items` ('{"1","2",NULL}'): each item as postgresParamText writes
// it, quoted, with its quotes and backslashes escaped; a null item is NULL.
std::string postgresArrayText(std::span<const Value> items);

// A DATE as a timestamptz literal: "2026-11-24 10:00:00.000 +00:00" as for SQLite, with
// PostgreSQL's own years outside 1 to 9999: "10000-01-01 …" and "0001-01-01 … BC" (the year 0).
void appendPostgresTimestamp(std::string& out, const Date& date);

// A non-null result value as Sequelize returns an attribute of this type.
Value postgresDecodeTyped(std::string_view text, const DataType& type);
// A non-null result value of a column of this type OID, for queries without a model.
Value postgresDecodeRaw(std::string_view text, unsigned typeOid);

}  // namespace sequelize::detail
