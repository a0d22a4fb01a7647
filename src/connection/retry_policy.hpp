#pragma once
// Which failed statements may be tried again (RetryOptions in options.hpp), and how long to wait
// first. Only statements outside transactions come here.
#include <chrono>
#include <exception>
#include <string_view>

#include "sequelize/options.hpp"

namespace sequelize::detail {

// What is known about one failed try.
struct FailedTry {
  std::exception_ptr error;
  bool sent = false;      // the statement reached a connection (the pool handed one out)
  bool isRead = false;    // the statement is a SELECT
  bool rowsSeen = false;  // rows of its result were already handed on
};

// Whether the SQL text is a read: its first word is SELECT (after blanks and parentheses).
bool isReadStatement(std::string_view sql);

// Whether `failed` may be tried again, attempt `attempt` (1 for the first retry) of options.max.
bool mayRetry(const RetryOptions& options, int attempt, const FailedTry& failed);

// The pause before retry `attempt`: 100 ms × 1.1^(attempt-1), as Sequelize's default backoff.
std::chrono::milliseconds retryDelay(int attempt);

}  // namespace sequelize::detail
