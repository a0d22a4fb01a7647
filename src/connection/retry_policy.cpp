#include "connection/retry_policy.hpp"

#include <cctype>
#include <cmath>

#include "sequelize/errors.hpp"

namespace sequelize::detail {
namespace {

enum class Failure {
  NotTransient,   // the same statement would fail the same way (or we cannot tell)
  NotApplied,     // the database refused it before it ran: nothing happened
  ConnectionLost  // the connection failed: a write may or may not have been applied
};

// Also gives the error's name and message for `match`.
Failure classify(const std::exception_ptr& error, std::string_view& name, std::string& message) {
  try {
    std::rethrow_exception(error);
  } catch (const AccessDeniedError& e) {  // a wrong password stays wrong
    name = e.name();
    message = e.what();
    return Failure::NotTransient;
  } catch (const InvalidConnectionError& e) {
    name = e.name();
    message = e.what();
    return Failure::NotTransient;
  } catch (const ConnectionError& e) {
    name = e.name();
    message = e.what();
    return Failure::ConnectionLost;
  } catch (const DatabaseError& e) {
    // Retryable: SQLite busy (the statement did not run), a deadlock victim or a serialization
    // failure (rolled back). A statement timeout is not: it would most likely time out again.
    name = e.name();
    message = e.what();
    return e.isRetryable() ? Failure::NotApplied : Failure::NotTransient;
  } catch (...) {
    return Failure::NotTransient;
  }
}

bool matches(const RetryOptions& options, std::string_view name, const std::string& message) {
  if (options.match.empty()) return true;
  for (const std::string& m : options.match) {
    if (m == name || message.find(m) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

bool isReadStatement(std::string_view sql) {
  std::size_t i = 0;
  while (i < sql.size() && (std::isspace(static_cast<unsigned char>(sql[i])) != 0 || sql[i] == '('))
    ++i;
  constexpr std::string_view kSelect = "SELECT";
  if (sql.size() - i < kSelect.size()) return false;
  for (std::size_t k = 0; k < kSelect.size(); ++k) {
    if (std::toupper(static_cast<unsigned char>(sql[i + k])) != kSelect[k]) return false;
  }
  return sql.size() == i + kSelect.size() ||
         std::isalnum(static_cast<unsigned char>(sql[i + kSelect.size()])) == 0;
}

bool mayRetry(const RetryOptions& options, int attempt, const FailedTry& failed) {
  if (attempt > options.max) return false;
  std::string_view name;
  std::string message;
  const Failure failure = classify(failed.error, name, message);
  if (failure == Failure::NotTransient || !matches(options, name, message)) return false;
  if (!failed.sent) return true;      // no connection: the statement never left
  if (failed.rowsSeen) return false;  // a retry would hand the same rows on twice
  if (failure == Failure::NotApplied) return true;
  return failed.isRead;  // lost connection: only a read is known to have changed nothing
}

std::chrono::milliseconds retryDelay(int attempt) {
  const double ms = 100.0 * std::pow(1.1, attempt - 1);
  return std::chrono::milliseconds(static_cast<long long>(ms));
}

}  // namespace sequelize::detail
