#include "dialects/postgres/postgres_connection.hpp"

#include <poll.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <optional>
#include <vector>

#include "dialects/postgres/postgres_errors.hpp"
#include "dialects/postgres/postgres_values.hpp"
#include "sequelize/errors.hpp"

namespace sequelize::detail {
namespace {

using Clock = std::chrono::steady_clock;

// The current row of a result.
class PostgresRow final : public RowReader {
 public:
  explicit PostgresRow(const PGresult* result) : result_(result), columns_(PQnfields(result)) {}
  void moveTo(int row) noexcept { row_ = row; }

  [[nodiscard]] int columnCount() const override { return columns_; }
  [[nodiscard]] std::string_view columnName(int column) const override {
    const char* name = PQfname(result_, column);
    return name != nullptr ? std::string_view(name) : std::string_view{};
  }
  Value read(int column, const DataType& type) override {
    const std::string_view value = text(column);
    if (value.empty() && isNull(column)) return Value(nullptr);
    return postgresDecodeTyped(value, type);
  }
  Value readRaw(int column) override {
    const std::string_view value = text(column);
    if (value.empty() && isNull(column)) return Value(nullptr);
    return postgresDecodeRaw(value, PQftype(result_, column));
  }

 private:
  std::string_view text(int column) const {
    return {PQgetvalue(result_, row_, column),
            static_cast<std::size_t>(PQgetlength(result_, row_, column))};
  }
  // Only an empty value can be NULL: the question is asked of those alone.
  bool isNull(int column) const { return PQgetisnull(result_, row_, column) != 0; }

  const PGresult* result_;
  int columns_;
  int row_ = 0;
};

std::string field(const PGresult* result, int code) {
  const char* value = result != nullptr ? PQresultErrorField(result, code) : nullptr;
  return value != nullptr ? std::string(value) : std::string();
}

std::int64_t affectedRows(const PGresult* result) {
  const char* text = PQcmdTuples(const_cast<PGresult*>(result));
  std::int64_t n = 0;
  if (text != nullptr && *text != '\0') {
    const std::string_view t(text);
    std::from_chars(t.data(), t.data() + t.size(), n);
    return n;
  }
  return PQntuples(result);
}

// Waits until the connection's socket is ready for what libpq asked for, or the deadline.
// False: the deadline passed.
bool waitForSocket(PGconn* conn, PostgresPollingStatusType wanted,
                   std::optional<Clock::time_point> deadline) {
  for (;;) {
    int timeoutMs = -1;
    if (deadline) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline - Clock::now());
      if (left.count() <= 0) return false;
      timeoutMs = static_cast<int>(std::min<long long>(left.count(), 60'000));
    }
    pollfd p{};
    p.fd = PQsocket(conn);
    p.events = wanted == PGRES_POLLING_READING ? POLLIN : POLLOUT;
    if (p.fd < 0) return true;  // nothing to wait on: let PQconnectPoll report the failure
    const int ready = ::poll(&p, 1, timeoutMs);
    if (ready > 0) return true;
    if (ready < 0 && errno != EINTR) return true;  // PQconnectPoll will see the socket's error
  }
}

// Whether PQconnectPoll has got past opening the socket: the server was reached.
bool pastSocketOpening(ConnStatusType status) {
  return status != CONNECTION_NEEDED && status != CONNECTION_STARTED && status != CONNECTION_BAD;
}

}  // namespace

PostgresConnection::PostgresConnection(const PostgresConnectSettings& settings) {
  std::vector<const char*> keys;
  std::vector<const char*> values;
  for (const auto& [k, v] : settings.keywords) {
    keys.push_back(k.c_str());
    values.push_back(v.c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  conn_ = PQconnectStartParams(keys.data(), values.data(), 0);
  if (conn_ == nullptr) throw ConnectionError("Out of memory opening a PostgreSQL connection");
  // Connection failures have no result to read the SQLSTATE from; the verbose message carries
  // it. Notices (and the FATAL message of a backend being terminated while this connection is
  // idle) go to onNotice instead of standard error.
  PQsetErrorVerbosity(conn_, PQERRORS_VERBOSE);
  PQsetNoticeReceiver(conn_, &PostgresConnection::onNotice, this);

  PostgresConnectFailure failure;
  const std::string* host = settings.keyword("host");
  failure.host = host != nullptr ? *host : std::string();
  failure.where = settings.where;
  failure.timeoutSeconds =
      std::chrono::duration_cast<std::chrono::seconds>(settings.connectTimeout).count();
  std::optional<Clock::time_point> deadline;
  if (settings.connectTimeout.count() > 0) deadline = Clock::now() + settings.connectTimeout;

  // As libpq asks: behave as if PQconnectPoll had last returned "writing".
  PostgresPollingStatusType state =
      PQstatus(conn_) == CONNECTION_BAD ? PGRES_POLLING_FAILED : PGRES_POLLING_WRITING;
  while (state != PGRES_POLLING_OK && state != PGRES_POLLING_FAILED) {
    failure.reachedServer = failure.reachedServer || pastSocketOpening(PQstatus(conn_));
    if (!waitForSocket(conn_, state, deadline)) {
      failure.timedOut = true;
      break;
    }
    state = PQconnectPoll(conn_);
  }
  failure.reachedServer = failure.reachedServer || pastSocketOpening(PQstatus(conn_));
  if (state != PGRES_POLLING_OK) {
    failure.libpqMessage = PQerrorMessage(conn_);
    PQfinish(conn_);
    conn_ = nullptr;
    throwPostgresConnectError(failure);
  }
  PQsetErrorVerbosity(conn_, PQERRORS_DEFAULT);
}

PostgresConnection::~PostgresConnection() {
  if (conn_ != nullptr) PQfinish(conn_);
}

void PostgresConnection::onNotice(void* self, const PGresult* notice) {
  // Everything below FATAL is informational (client_min_messages is warning). A FATAL notice
  // arrives when the server ends an idle session: the connection must not be used again.
  const std::string severity = field(notice, PG_DIAG_SEVERITY_NONLOCALIZED);
  if (severity == "FATAL" || severity == "PANIC") {
    static_cast<PostgresConnection*>(self)->broken_ = true;
  }
}

bool PostgresConnection::healthy() const {
  if (conn_ == nullptr || broken_) return false;
  if (PQstatus(conn_) != CONNECTION_OK) {
    broken_ = true;
    return false;
  }
  // A connection inside a transaction block would hand its transaction to the next borrower.
  if (PQtransactionStatus(conn_) != PQTRANS_IDLE) return false;
  // An idle session hears nothing from the server, unless the server is ending it: read what
  // has arrived (a FATAL notice, the end of the stream) without waiting.
  for (int attempt = 0; attempt < 4; ++attempt) {
    pollfd p{};
    p.fd = PQsocket(conn_);
    p.events = POLLIN;
    if (p.fd < 0) {
      broken_ = true;
      return false;
    }
    const int ready = ::poll(&p, 1, 0);
    if (ready == 0) break;
    if (ready < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (PQconsumeInput(conn_) == 0 || PQstatus(conn_) != CONNECTION_OK) {
      broken_ = true;
      return false;
    }
    if (broken_) return false;
  }
  return !broken_;
}

bool PostgresConnection::reusable() const {
  return conn_ != nullptr && !broken_ && PQstatus(conn_) == CONNECTION_OK &&
         PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

bool PostgresConnection::inTransaction() const {
  if (conn_ == nullptr) return false;
  const PGTransactionStatusType status = PQtransactionStatus(conn_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}

bool PostgresConnection::transactionAborted() const {
  return conn_ != nullptr && PQtransactionStatus(conn_) == PQTRANS_INERROR;
}

void PostgresConnection::ensureOpen() const {
  if (conn_ == nullptr || broken_ || PQstatus(conn_) != CONNECTION_OK) {
    broken_ = true;
    throw ConnectionError("The PostgreSQL connection is closed");
  }
}

void PostgresConnection::fail(const PGresult* result, const std::string& sql,
                              std::span<const Value* const> params) {
  PostgresErrorFields error;
  error.sqlstate = field(result, PG_DIAG_SQLSTATE);
  error.message = field(result, PG_DIAG_MESSAGE_PRIMARY);
  error.detail = field(result, PG_DIAG_MESSAGE_DETAIL);
  error.table = field(result, PG_DIAG_TABLE_NAME);
  error.constraint = field(result, PG_DIAG_CONSTRAINT_NAME);
  error.severity = field(result, PG_DIAG_SEVERITY_NONLOCALIZED);
  if (error.message.empty()) {
    // Errors libpq makes up itself (a lost connection) have no fields, only a message.
    std::string_view text = result != nullptr ? PQresultErrorMessage(result) : "";
    if (text.empty()) text = PQerrorMessage(conn_);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
    error.message = std::string(text);
  }
  const bool lost = PQstatus(conn_) != CONNECTION_OK;
  if (endsPostgresSession(error, lost)) broken_ = true;
  throwPostgresError(error, lost, sql, params);
}

void PostgresConnection::deallocate(const std::string& name) noexcept {
  std::string sql = "DEALLOCATE \"" + name + "\"";
  PGresult* r = PQexec(conn_, sql.c_str());
  PQclear(r);
  if (PQstatus(conn_) != CONNECTION_OK) broken_ = true;
}

void PostgresConnection::abandonCopy(ExecStatusType status) noexcept {
  if (status == PGRES_COPY_IN || status == PGRES_COPY_BOTH) {
    PQputCopyEnd(conn_, "COPY is not supported by this library");
  }
  if (status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) {
    char* buffer = nullptr;
    while (PQgetCopyData(conn_, &buffer, 0) > 0) PQfreemem(buffer);
  }
  while (PGresult* r = PQgetResult(conn_)) PQclear(r);
}

const PreparedStatement& PostgresConnection::prepare(const std::string& sql,
                                                     std::span<const Value* const> params,
                                                     bool& preparedNow) {
  const PreparedStatement* cached = statements_.find(sql);
  preparedNow = cached == nullptr;
  if (cached == nullptr) {
    // The text goes to libpq as a C string: a NUL byte would cut the statement short. A text
    // already prepared has passed this check.
    if (sql.find('\0') != std::string::npos) throw Error("SQL text must not contain NUL bytes");
    PreparedStatement statement;
    statement.name = statements_.nextName();
    // No parameter types: the server infers each from where it is used, as it does for the
    // untyped values the pg driver sends.
    // Not described afterwards: the description (4 bytes per parameter) of a statement with
    // more than about 7490 parameters is longer than libpq accepts, which it reports as a lost
    // connection. A wrong number of values is refused by the server when the statement runs.
    Result prepared(PQprepare(conn_, statement.name.c_str(), sql.c_str(), 0, nullptr));
    if (!prepared || PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) {
      fail(prepared.get(), sql, params);
    }
    if (auto evicted = statements_.add(sql, std::move(statement))) deallocate(*evicted);
    cached = statements_.find(sql);
  }
  return *cached;
}

ExecResult PostgresConnection::execute(const std::string& sql, std::span<const Value* const> params,
                                       RowConsumer* rows) {
  return run(sql, params, rows, true);
}

ExecResult PostgresConnection::run(const std::string& sql, std::span<const Value* const> params,
                                   RowConsumer* rows, bool mayRetry) {
  ensureOpen();
  // The values' texts live in buffers kept from one execution to the next: a connection runs
  // one statement at a time, and most values are written without allocating.
  if (paramScratch_.size() < params.size()) paramScratch_.resize(params.size());
  paramTexts_.resize(params.size());
  for (std::size_t i = 0; i < params.size(); ++i) {
    paramTexts_[i] = postgresParamText(*params[i], paramScratch_[i]);
  }
  bool preparedNow = false;
  const PreparedStatement& statement = prepare(sql, params, preparedNow);
  Result result(PQexecPrepared(conn_, statement.name.c_str(), static_cast<int>(params.size()),
                               params.empty() ? nullptr : paramTexts_.data(), nullptr, nullptr, 0));
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  switch (status) {
    case PGRES_TUPLES_OK: {
      if (rows != nullptr) {
        PostgresRow row(result.get());
        const int count = PQntuples(result.get());
        rows->expectRows(static_cast<std::size_t>(count));
        for (int r = 0; r < count; ++r) {
          row.moveTo(r);
          rows->onRow(row);
        }
      }
      return ExecResult{affectedRows(result.get()), std::nullopt};
    }
    case PGRES_COMMAND_OK:
      return ExecResult{affectedRows(result.get()), std::nullopt};
    case PGRES_EMPTY_QUERY:
      return ExecResult{};
    case PGRES_COPY_IN:
    case PGRES_COPY_OUT:
    case PGRES_COPY_BOTH:
      result.reset();
      abandonCopy(status);
      throw Error("COPY statements are not supported: " + sql);
    default:
      break;
  }
  // A statement prepared before its table changed shape cannot run again ("cached plan must
  // not change result type"). Outside a transaction nothing was done: prepare it afresh and
  // run it once more.
  if (mayRetry && !preparedNow && field(result.get(), PG_DIAG_SQLSTATE) == "0A000" &&
      PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE) {
    const std::string name = statement.name;
    statements_.erase(sql);
    deallocate(name);
    return run(sql, params, rows, false);
  }
  fail(result.get(), sql, params);
}

void PostgresConnection::executeDirect(const std::string& sql) {
  ensureOpen();
  if (sql.find('\0') != std::string::npos) throw Error("SQL text must not contain NUL bytes");
  Result result(PQexec(conn_, sql.c_str()));
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  switch (status) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
      return;
    case PGRES_COPY_IN:
    case PGRES_COPY_OUT:
    case PGRES_COPY_BOTH:
      result.reset();
      abandonCopy(status);
      throw Error("COPY statements are not supported: " + sql);
    default:
      fail(result.get(), sql, {});
  }
}

}  // namespace sequelize::detail
