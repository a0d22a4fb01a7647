#pragma once
// MariaDB server and client error numbers to sequelize errors. Which error class is chosen
// depends only on the number; the message is read only for the details Sequelize reports with
// it (the duplicate key's name and value, the foreign key's columns and table).
#include <span>
#include <string>

#include "sequelize/value.hpp"

namespace sequelize::detail {

struct MariaDbFailure {
  unsigned int number = 0;
  std::string sqlstate;
  std::string message;
};

// After these the connection is gone: it must not be used again.
bool isConnectionLoss(unsigned int number);

// A failed statement: UniqueConstraintError, ForeignKeyConstraintError, ConnectionError, or a
// DatabaseError (retryable for deadlocks and lock wait timeouts).
[[noreturn]] void throwMariaDbStatementError(const MariaDbFailure& failure, const std::string& sql,
                                             std::span<const Value* const> params);

// A failed connect: AccessDeniedError, HostNotFoundError or ConnectionError.
[[noreturn]] void throwMariaDbConnectError(const MariaDbFailure& failure);

}  // namespace sequelize::detail
