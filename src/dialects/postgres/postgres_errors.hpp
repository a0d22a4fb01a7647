#pragma once
// PostgreSQL errors to sequelize errors, by SQLSTATE (never by message text):
//   23505 UniqueConstraintError (fields and values read from the DETAIL "Key (a, b)=(x, 1)…",
//         as Sequelize reads them), 23503 ForeignKeyConstraintError, 23P01
//         ExclusionConstraintError, 40001 / 40P01 a retryable DatabaseError, class 08 and
//         administrator shutdowns (57P01-57P03) ConnectionError; anything else DatabaseError,
//         23502 (NOT NULL) included.
// Failures to connect: 28xxx AccessDeniedError, 3D000 (no such database) ConnectionError naming
// it, no answer at all ConnectionRefusedError / HostNotFoundError / ConnectionTimedOutError.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sequelize/value.hpp"

namespace sequelize::detail {

// What the server reported, from the error's fields (PQresultErrorField).
struct PostgresErrorFields {
  std::string sqlstate;  // "23505"
  std::string message;   // the primary message
  std::string detail;
  std::string table;
  std::string constraint;
  std::string severity;  // "ERROR", "FATAL" … (not translated); empty for libpq's own errors
};

// Whether the error ends the session: the connection was lost, or the server reports a
// connection failure (class 08) or its own shutdown (57P01-57P03). A class 08 error the server
// raises at ERROR severity leaves the session as it was (08P01 for a Bind message with more or
// fewer values than the statement has placeholders).
bool endsPostgresSession(const PostgresErrorFields& error, bool connectionLost);

// Throws the sequelize error for a failed statement. `connectionLost`: the connection is gone
// (libpq reports it bad), whatever the SQLSTATE says.
[[noreturn]] void throwPostgresError(const PostgresErrorFields& error, bool connectionLost,
                                     const std::string& sql, std::span<const Value* const> params);

// "Key (a, b)=(x, 1) already exists." -> {a, b} and {x, 1}; empty when the detail has no key.
struct UniqueViolationKey {
  std::vector<std::string> fields;
  std::vector<std::string> values;
};
UniqueViolationKey parseUniqueViolationDetail(std::string_view detail);

// A server error as libpq words it with PQERRORS_VERBOSE: "FATAL:  28P01: password
// authentication failed for user \"x\"". Connection failures have no result to read fields
// from, so their SQLSTATE is read from this format.
struct VerboseServerError {
  std::string sqlstate;
  std::string message;
};
std::optional<VerboseServerError> parseVerboseServerError(std::string_view text);

struct PostgresConnectFailure {
  std::string libpqMessage;    // PQerrorMessage, verbose
  bool reachedServer = false;  // the TCP (or socket) connection was made
  bool timedOut = false;
  std::string host;   // the host name asked for, to tell an unknown host from a closed port
  std::string where;  // "host:port" for messages
  long long timeoutSeconds = 0;
};
[[noreturn]] void throwPostgresConnectError(const PostgresConnectFailure& failure);

}  // namespace sequelize::detail
