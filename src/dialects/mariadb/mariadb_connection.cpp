#include "dialects/mariadb/mariadb_connection.hpp"

#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <cmath>

#include "sequelize/errors.hpp"

namespace sequelize::detail {
namespace {

// mysql_library_init is not thread-safe, and mysql_init calls it when nobody has: do it once,
// before any connection is opened (a function-local static is initialised exactly once).
void ensureLibrary() {
  static const bool ready = mysql_library_init(0, nullptr, nullptr) == 0;
  if (!ready) throw ConnectionError("MariaDB Connector/C could not be initialised");
}

// Sent once per connection, not logged: DATETIME values mean UTC (Sequelize's default
// timezone), a backslash in a string literal stays an escape, which the dialect's literal
// escaping relies on, and the session is strict whatever the server's default: a string longer
// than its column or a number out of its column's range is an error, never silently truncated
// or clipped (STRICT_ALL_TABLES, which also covers non-transactional tables).
constexpr std::string_view kSessionSetup =
    "SET time_zone = '+00:00', sql_mode = CONCAT(REPLACE(@@SESSION.sql_mode, "
    "'NO_BACKSLASH_ESCAPES', ''), ',STRICT_ALL_TABLES')";

MYSQL_TIME toMysqlTime(const Date& date) {
  const CivilTime c = date.civil();
  // Values for DATE attributes were checked against the dialect's limits when they were set;
  // this guards the other ways a Date can be bound (raw queries).
  if (c.year < 0 || c.year > 9999) {
    throw RangeError("The date " + date.toISOString() +
                     " is outside the years 0 to 9999 that MariaDB's DATETIME holds");
  }
  MYSQL_TIME t{};
  t.year = static_cast<unsigned int>(c.year);
  t.month = c.month;
  t.day = c.day;
  t.hour = c.hour;
  t.minute = c.minute;
  t.second = c.second;
  t.second_part = static_cast<unsigned long>(c.millisecond) * 1000;
  t.time_type = MYSQL_TIMESTAMP_DATETIME;
  return t;
}

void setOption(MYSQL* mysql, mysql_option option, const void* value) {
  if (mysql_options(mysql, option, value) != 0) {
    throw ConnectionError("MariaDB Connector/C refused a connection option (" +
                          std::to_string(static_cast<int>(option)) + ")");
  }
}

void setTextOption(MYSQL* mysql, mysql_option option, const std::string& value) {
  if (!value.empty()) setOption(mysql, option, value.c_str());
}

void applySettings(MYSQL* mysql, const MariaDbSettings& s) {
  setOption(mysql, MYSQL_SET_CHARSET_NAME, s.charset.c_str());
  if (s.connectTimeoutSeconds)
    setOption(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &*s.connectTimeoutSeconds);
  // A server must not be able to ask for the client's files (LOAD DATA LOCAL INFILE).
  const unsigned int noLocalInfile = 0;
  setOption(mysql, MYSQL_OPT_LOCAL_INFILE, &noLocalInfile);
  // A lost connection stays lost: the pool replaces it (a silent reconnect would lose the
  // session's settings and any transaction without telling anyone).
  const my_bool noReconnect = 0;
  setOption(mysql, MYSQL_OPT_RECONNECT, &noReconnect);
  // As Sequelize's connector: "localhost" means TCP too, unless a socket path is given.
  const unsigned int protocol = s.socketPath.empty() ? MYSQL_PROTOCOL_TCP : MYSQL_PROTOCOL_SOCKET;
  setOption(mysql, MYSQL_OPT_PROTOCOL, &protocol);
  if (s.sslMode == MariaDbSslMode::Disabled) return;
  const my_bool yes = 1;
  setOption(mysql, MYSQL_OPT_SSL_ENFORCE, &yes);
  if (s.sslMode == MariaDbSslMode::VerifyCa || s.sslMode == MariaDbSslMode::VerifyIdentity) {
    setOption(mysql, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &yes);
  }
  setTextOption(mysql, MYSQL_OPT_SSL_CA, s.sslCa);
  setTextOption(mysql, MYSQL_OPT_SSL_CAPATH, s.sslCaPath);
  setTextOption(mysql, MYSQL_OPT_SSL_CERT, s.sslCert);
  setTextOption(mysql, MYSQL_OPT_SSL_KEY, s.sslKey);
  setTextOption(mysql, MYSQL_OPT_SSL_CIPHER, s.sslCipher);
  setTextOption(mysql, MYSQL_OPT_SSL_CRL, s.sslCrl);
  setTextOption(mysql, MYSQL_OPT_SSL_CRLPATH, s.sslCrlPath);
}

MariaDbFailure failureOf(MYSQL* mysql) {
  return MariaDbFailure{mysql_errno(mysql), mysql_sqlstate(mysql), mysql_error(mysql)};
}

// Ends a statement's result however reading it ends: rows not yet read are read past (the
// connection would be out of step otherwise) and the metadata is freed.
struct ResultGuard {
  MYSQL_STMT* stmt;
  MYSQL_RES* metadata = nullptr;
  explicit ResultGuard(MYSQL_STMT* s) : stmt(s) {}
  ResultGuard(const ResultGuard&) = delete;
  ResultGuard& operator=(const ResultGuard&) = delete;
  ~ResultGuard() {
    if (metadata != nullptr) mysql_free_result(metadata);
    mysql_stmt_free_result(stmt);
  }
};

}  // namespace

// One prepared statement and the buffers its values are bound from and read into.
struct MariaDbConnection::Statement {
  explicit Statement(MYSQL_STMT* s) : stmt(s) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { mysql_stmt_close(stmt); }

  // Storage for parameters that are not bytes already held by their Value.
  struct ParamCell {
    long long integer = 0;
    double real = 0;
    signed char tiny = 0;
    MYSQL_TIME time{};
  };

  MYSQL_STMT* stmt;
  std::list<std::string>::iterator recent;  // its place in the connection's recent_ list
  std::vector<MYSQL_BIND> params;
  std::vector<ParamCell> cells;
  MariaDbResult result;
};

MariaDbConnection::MariaDbConnection(const MariaDbSettings& s) {
  ensureLibrary();
  mysql_ = mysql_init(nullptr);
  if (mysql_ == nullptr)
    throw ConnectionError("MariaDB Connector/C could not allocate a connection");
  try {
    applySettings(mysql_, s);
  } catch (...) {
    close();
    throw;
  }
  tls_ = s.sslMode != MariaDbSslMode::Disabled;
  // The driver reaches a socket only through the host name "localhost".
  const char* host = s.socketPath.empty() ? s.host.c_str() : "localhost";
  const char* socket = s.socketPath.empty() ? nullptr : s.socketPath.c_str();
  const char* database = s.database.empty() ? nullptr : s.database.c_str();
  // CLIENT_FOUND_ROWS: an UPDATE reports the rows it matched, not only those whose values it
  // changed, as SQLite and PostgreSQL do and as Sequelize's connector asks by default.
  if (mysql_real_connect(mysql_, host, s.user.c_str(), s.password.c_str(), database, s.port, socket,
                         CLIENT_FOUND_ROWS) == nullptr) {
    const MariaDbFailure failure = failureOf(mysql_);
    close();
    throwMariaDbConnectError(failure);
  }
  // Connector/C 3.3 falls back to an unencrypted connection when the server offers no TLS and
  // the certificate is not verified: ssl-mode=REQUIRED refuses such a connection here.
  if (tls_ && mysql_get_ssl_cipher(mysql_) == nullptr) {
    close();
    throw ConnectionError("ssl-mode requires TLS, but the MariaDB server does not offer it");
  }
  if (mysql_real_query(mysql_, kSessionSetup.data(), kSessionSetup.size()) != 0) {
    const MariaDbFailure failure = failureOf(mysql_);
    close();
    throwMariaDbConnectError(failure);
  }
}

void MariaDbConnection::close() noexcept {
  statements_.clear();  // closes them while the connection still exists
  recent_.clear();
  if (mysql_ != nullptr) mysql_close(mysql_);
  mysql_ = nullptr;
}

MariaDbConnection::~MariaDbConnection() {
  close();
}

bool MariaDbConnection::healthy() const {
  if (mysql_ == nullptr || lost_) return false;
  const my_socket fd = mysql_get_socket(mysql_);
  if (fd < 0) return false;
  // Between statements the server sends nothing; a readable socket means it closed the
  // connection (end of file) or wrote a last error packet before closing it.
  char byte = 0;
  const ssize_t n = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n == 0) return false;
  if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
  // On TLS the pending bytes may be a session ticket: only end of file counts there.
  return tls_;
}

bool MariaDbConnection::inTransaction() const {
  if (mysql_ == nullptr || lost_) return false;
  unsigned int status = 0;
  if (mariadb_get_infov(mysql_, MARIADB_CONNECTION_SERVER_STATUS, &status) != 0) return false;
  return (status & SERVER_STATUS_IN_TRANS) != 0;
}

void MariaDbConnection::requireOpen() const {
  if (mysql_ == nullptr || lost_) {
    throw ConnectionError("The MariaDB connection was lost and cannot run statements");
  }
}

void MariaDbConnection::fail(MYSQL_STMT* stmt, const std::string& sql,
                             std::span<const Value* const> params) {
  MariaDbFailure f{mysql_stmt_errno(stmt), mysql_stmt_sqlstate(stmt), mysql_stmt_error(stmt)};
  if (f.number == 0) f = failureOf(mysql_);
  if (isConnectionLoss(f.number)) lost_ = true;
  throwMariaDbStatementError(f, sql, params);
}

void MariaDbConnection::failDirect(const std::string& sql) {
  const MariaDbFailure f = failureOf(mysql_);
  if (isConnectionLoss(f.number)) lost_ = true;
  throwMariaDbStatementError(f, sql, {});
}

MariaDbConnection::Statement& MariaDbConnection::prepare(const std::string& sql,
                                                         std::span<const Value* const> params) {
  if (auto it = statements_.find(sql); it != statements_.end()) {
    Statement& cached = *it->second;
    recent_.splice(recent_.begin(), recent_, cached.recent);
    return cached;
  }
  MYSQL_STMT* raw = mysql_stmt_init(mysql_);
  if (raw == nullptr) failDirect(sql);
  auto st = std::make_unique<Statement>(raw);
  if (mysql_stmt_prepare(raw, sql.data(), static_cast<unsigned long>(sql.size())) != 0) {
    fail(raw, sql, params);
  }
  if (statements_.size() >= kStatementCacheSize) {
    statements_.erase(recent_.back());
    recent_.pop_back();
  }
  recent_.push_front(sql);
  st->recent = recent_.begin();
  return *statements_.emplace(sql, std::move(st)).first->second;
}

void MariaDbConnection::bindParams(Statement& st, const std::string& sql,
                                   std::span<const Value* const> params) {
  const unsigned long expected = mysql_stmt_param_count(st.stmt);
  if (expected != params.size()) {
    throw Error("Statement expects " + std::to_string(expected) + " bound values but " +
                std::to_string(params.size()) + " were given: " + sql);
  }
  if (params.empty()) return;
  st.params.assign(params.size(), MYSQL_BIND{});
  st.cells.resize(params.size());
  for (std::size_t i = 0; i < params.size(); ++i) {
    const Value& v = *params[i];
    MYSQL_BIND& b = st.params[i];
    Statement::ParamCell& cell = st.cells[i];
    switch (v.kind()) {
      case ValueKind::Undefined:
      case ValueKind::Null:
        b.buffer_type = MYSQL_TYPE_NULL;
        break;
      case ValueKind::Bool:
        cell.tiny = v.boolean() ? 1 : 0;
        b.buffer_type = MYSQL_TYPE_TINY;
        b.buffer = &cell.tiny;
        break;
      case ValueKind::Int:
        cell.integer = v.integer();
        b.buffer_type = MYSQL_TYPE_LONGLONG;
        b.buffer = &cell.integer;
        break;
      case ValueKind::Double:
        if (!std::isfinite(v.number())) {
          // As Sequelize sends them: the server decides what "NaN" in a number column means.
          static constexpr std::string_view nan = "NaN", inf = "Infinity", negInf = "-Infinity";
          const std::string_view word =
              std::isnan(v.number()) ? nan : (v.number() > 0 ? inf : negInf);
          b.buffer_type = MYSQL_TYPE_STRING;
          b.buffer = const_cast<char*>(
              word.data());  // NOLINT(cppcoreguidelines-pro-type-const-cast): only read
          b.buffer_length = static_cast<unsigned long>(word.size());
          break;
        }
        cell.real = v.number();
        b.buffer_type = MYSQL_TYPE_DOUBLE;
        b.buffer = &cell.real;
        break;
      case ValueKind::String:
      case ValueKind::Json:
      case ValueKind::Bytes: {
        const std::string_view t = v.text();
        b.buffer_type = v.kind() == ValueKind::Bytes ? MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING;
        b.buffer = const_cast<char*>(
            t.data());  // NOLINT(cppcoreguidelines-pro-type-const-cast): only read
        b.buffer_length = static_cast<unsigned long>(t.size());
        break;
      }
      case ValueKind::Date:
        cell.time = toMysqlTime(v.date());
        b.buffer_type = MYSQL_TYPE_DATETIME;
        b.buffer = &cell.time;
        break;
      case ValueKind::Object:
      case ValueKind::Array:
        throw TypeError("An " + std::string(kindName(v.kind())) +
                        " cannot be bound as a statement parameter");
    }
  }
  if (mysql_stmt_bind_param(st.stmt, st.params.data()) != 0) fail(st.stmt, sql, params);
}

void MariaDbConnection::readRows(Statement& st, const std::string& sql,
                                 std::span<const Value* const> params, RowConsumer* rows) {
  // Rows are read as they arrive, not stored first: the client decodes one row while the server
  // is still sending the next ones, as a hand-written reader does.
  ResultGuard guard(st.stmt);
  guard.metadata = mysql_stmt_result_metadata(st.stmt);
  if (guard.metadata == nullptr || !st.result.bind(st.stmt, guard.metadata)) {
    fail(st.stmt, sql, params);
  }
  for (;;) {
    const int rc = mysql_stmt_fetch(st.stmt);
    if (rc == MYSQL_NO_DATA) break;
    if (rc == 1) fail(st.stmt, sql, params);
    if (rc == MYSQL_DATA_TRUNCATED && !st.result.refetchTruncated(st.stmt))
      fail(st.stmt, sql, params);
    if (rows != nullptr) rows->onRow(st.result);
  }
}

ExecResult MariaDbConnection::execute(const std::string& sql, std::span<const Value* const> params,
                                      RowConsumer* rows) {
  requireOpen();
  Statement& st = prepare(sql, params);
  bindParams(st, sql, params);
  if (mysql_stmt_execute(st.stmt) != 0) fail(st.stmt, sql, params);
  ExecResult result;
  if (mysql_stmt_field_count(st.stmt) > 0) {
    readRows(st, sql, params, rows);
  } else {
    result.affectedRows = static_cast<std::int64_t>(mysql_stmt_affected_rows(st.stmt));
    if (const auto id = mysql_stmt_insert_id(st.stmt); id != 0) {
      result.insertId = static_cast<std::int64_t>(id);
    }
  }
  // A procedure's CALL answers with more than one result: read past the rest, or the
  // connection would be out of step for the next statement.
  while (mysql_stmt_more_results(st.stmt)) {
    const int rc = mysql_stmt_next_result(st.stmt);
    if (rc > 0) fail(st.stmt, sql, params);
    if (rc < 0) break;
    if (mysql_stmt_field_count(st.stmt) > 0) readRows(st, sql, params, nullptr);
  }
  return result;
}

void MariaDbConnection::executeDirect(const std::string& sql) {
  requireOpen();
  if (mysql_real_query(mysql_, sql.data(), static_cast<unsigned long>(sql.size())) != 0) {
    failDirect(sql);
  }
  for (;;) {
    if (MYSQL_RES* r = mysql_store_result(mysql_)) {
      mysql_free_result(r);
    } else if (mysql_field_count(mysql_) != 0) {
      failDirect(sql);
    }
    const int next = mysql_next_result(mysql_);
    if (next > 0) failDirect(sql);
    if (next < 0) break;
  }
}

}  // namespace sequelize::detail
