#include "dialects/postgres/postgres_errors.hpp"

#include <netdb.h>
#include <sys/socket.h>

#include <cctype>

#include "sequelize/errors.hpp"

namespace sequelize::detail {
namespace {

std::vector<std::string> splitList(std::string_view list) {
  std::vector<std::string> out;
  while (true) {
    const std::size_t comma = list.find(", ");
    out.emplace_back(list.substr(0, comma));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 2);
  }
  return out;
}

bool isSqlstateChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

// Whether a host name cannot be resolved at all: asked only after libpq failed without hearing
// from a server, to tell "no such host" from "nothing listens there".
bool hostIsUnknown(const std::string& host) {
  if (host.empty() || host.front() == '/' || host.front() == '@' ||
      host.find(',') != std::string::npos) {
    return false;  // a socket directory, or several hosts
  }
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* result = nullptr;
  const int rc = getaddrinfo(host.c_str(), nullptr, &hints, &result);
  if (result != nullptr) freeaddrinfo(result);
  return rc == EAI_NONAME || rc == EAI_FAIL;
}

DatabaseErrorDetails detailsFor(const PostgresErrorFields& error, const std::string& sql,
                                std::span<const Value* const> params) {
  DatabaseErrorDetails details;
  details.sql = sql;
  for (const Value* p : params) details.parameters.push_back(*p);
  details.original = error.message;
  details.code = error.sqlstate;
  return details;
}

[[noreturn]] void throwUniqueViolation(const PostgresErrorFields& error,
                                       DatabaseErrorDetails details) {
  UniqueViolationKey key = parseUniqueViolationDetail(error.detail);
  if (key.fields.empty()) {
    // No key in the detail (a server that hides values): the server's message, no fields.
    throw UniqueConstraintError(error.message, {}, {}, std::move(details));
  }
  std::vector<ValidationErrorItem> items;
  for (std::size_t i = 0; i < key.fields.size(); ++i) {
    ValidationErrorItem item;
    item.message = key.fields[i] + " must be unique";
    item.type = "unique violation";
    item.path = key.fields[i];
    item.value = i < key.values.size() ? Value(key.values[i]) : Value::undefined();
    item.origin = "DB";
    item.validatorKey = "not_unique";
    items.push_back(std::move(item));
  }
  throw UniqueConstraintError("Validation error", std::move(items), std::move(key.fields),
                              std::move(details));
}

}  // namespace

UniqueViolationKey parseUniqueViolationDetail(std::string_view detail) {
  // As Sequelize: quotes are dropped, then "(<fields>)=(<values>)" is read, each list split
  // at ", ". The word before the parenthesis ("Key") is not checked: servers translate it.
  std::string text;
  for (const char c : detail) {
    if (c != '"') text.push_back(c);
  }
  UniqueViolationKey key;
  const std::size_t equals = text.find(")=(");
  if (equals == std::string::npos) return key;
  // The key list opens at the first parenthesis (an expression index has more inside it).
  const std::size_t open = text.find('(');
  const std::size_t close = text.find(')', equals + 3);
  if (open >= equals || close == std::string::npos) return key;
  key.fields = splitList(std::string_view(text).substr(open + 1, equals - open - 1));
  key.values = splitList(std::string_view(text).substr(equals + 3, close - equals - 3));
  return key;
}

bool endsPostgresSession(const PostgresErrorFields& error, bool connectionLost) {
  if (connectionLost) return true;
  const std::string& state = error.sqlstate;
  const bool connectionClass =
      state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03";
  return connectionClass && error.severity != "ERROR";
}

void throwPostgresError(const PostgresErrorFields& error, bool connectionLost,
                        const std::string& sql, std::span<const Value* const> params) {
  const std::string& state = error.sqlstate;
  if (endsPostgresSession(error, connectionLost)) {
    throw ConnectionError(error.message, error.message);
  }
  DatabaseErrorDetails details = detailsFor(error, sql, params);
  if (state == "23505") throwUniqueViolation(error, std::move(details));
  if (state == "23503") {
    // The table is the one holding the foreign key, from the error's fields.
    throw ForeignKeyConstraintError(error.message, std::move(details), {}, error.table);
  }
  if (state == "23P01") throw ExclusionConstraintError(error.message, std::move(details));
  if (state == "40001" || state == "40P01") {
    // A serialization failure or a deadlock: the transaction may be tried again.
    throw DatabaseError(error.message, std::move(details), true);
  }
  throw DatabaseError(error.message, std::move(details));
}

std::optional<VerboseServerError> parseVerboseServerError(std::string_view text) {
  // "<SEVERITY>:  <SQLSTATE>: <message>\n…"; the severity word may be translated.
  for (std::size_t at = text.find(":  "); at != std::string_view::npos;
       at = text.find(":  ", at + 1)) {
    const std::size_t code = at + 3;
    if (code + 7 > text.size() || text[code + 5] != ':' || text[code + 6] != ' ') continue;
    bool valid = true;
    for (std::size_t i = 0; i < 5; ++i) valid = valid && isSqlstateChar(text[code + i]);
    if (!valid) continue;
    VerboseServerError out;
    out.sqlstate = std::string(text.substr(code, 5));
    const std::string_view rest = text.substr(code + 7);
    out.message = trimmed(rest.substr(0, rest.find('\n')));
    return out;
  }
  return std::nullopt;
}

void throwPostgresConnectError(const PostgresConnectFailure& failure) {
  if (auto server = parseVerboseServerError(failure.libpqMessage)) {
    const std::string& state = server->sqlstate;
    // 28P01: wrong password (or unknown user); 28000: no pg_hba.conf entry, and the like.
    if (state.starts_with("28")) throw AccessDeniedError(server->message, server->message);
    // 3D000: 'database "x" does not exist', and any other refusal by the server.
    throw ConnectionError(server->message, server->message);
  }
  const std::string message = trimmed(failure.libpqMessage);
  if (failure.timedOut) {
    throw ConnectionTimedOutError("Connection to " + failure.where + " timed out after " +
                                      std::to_string(failure.timeoutSeconds) + " s",
                                  message);
  }
  if (!failure.reachedServer) {
    if (hostIsUnknown(failure.host)) throw HostNotFoundError(message, message);
    throw ConnectionRefusedError(message, message);
  }
  throw ConnectionError(message, message);
}

}  // namespace sequelize::detail
