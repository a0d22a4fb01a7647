#pragma once
// The error classes, named as Sequelize names them. Everything the library throws derives from
// sequelize::Error, whose name() mirrors JavaScript's `error.name`: plain errors Sequelize throws
// as `Error` are sequelize::Error; its own classes derive from BaseError.
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sequelize/value.hpp"

namespace sequelize {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
  [[nodiscard]] virtual std::string_view name() const noexcept { return "Error"; }
  [[nodiscard]] std::string_view message() const noexcept { return what(); }
};

// Misuse of a value: reading null as a number, a string as a Date, and so on.
class TypeError : public Error {
 public:
  using Error::Error;
  [[nodiscard]] std::string_view name() const noexcept override { return "TypeError"; }
};

// A number that does not fit where it must go (out-of-range integers, NaN in an INTEGER).
class RangeError : public Error {
 public:
  using Error::Error;
  [[nodiscard]] std::string_view name() const noexcept override { return "RangeError"; }
};

class BaseError : public Error {
 public:
  using Error::Error;
  [[nodiscard]] std::string_view name() const noexcept override { return "SequelizeBaseError"; }
};

// One failed check of a ValidationError. `type` is Sequelize's ("notNull Violation",
// "Validation error", "unique violation", "string violation"), origin CORE / FUNCTION / DB.
struct ValidationErrorItem {
  std::string message;
  std::string type;
  std::string path;
  Value value;
  std::string origin;
  std::string validatorKey;
  std::string validatorName;
  std::vector<Value> validatorArgs;
};

class ValidationError : public BaseError {
 public:
  // With an empty message, the message is "<type>: <message>" of every item, joined by ",\n".
  ValidationError(const std::string& message, std::vector<ValidationErrorItem> errors);
  [[nodiscard]] std::string_view name() const noexcept override {
    return "SequelizeValidationError";
  }
  [[nodiscard]] const std::vector<ValidationErrorItem>& errors() const noexcept { return errors_; }
  // The items for one attribute.
  [[nodiscard]] std::vector<ValidationErrorItem> get(std::string_view path) const;

 private:
  static std::string composeMessage(const std::string& message,
                                    const std::vector<ValidationErrorItem>& errors);
  std::vector<ValidationErrorItem> errors_;
};

// The validation failure of one record of a bulkCreate (Sequelize's BulkRecordError).
class BulkRecordError : public BaseError {
 public:
  BulkRecordError(ValidationError error, std::size_t index, Value record);
  [[nodiscard]] std::string_view name() const noexcept override {
    return "SequelizeBulkRecordError";
  }
  [[nodiscard]] const ValidationError& errors() const noexcept { return error_; }
  // The record's position in the list given to bulkCreate.
  [[nodiscard]] std::size_t index() const noexcept { return index_; }
  // The record's values, as Instance::toPlain gives them.
  [[nodiscard]] const Value& record() const noexcept { return record_; }

 private:
  ValidationError error_;
  std::size_t index_;
  Value record_;
};

// Several errors at once: every failed record of a validated bulkCreate. The message lists
// them as Sequelize's AggregateError.toString() does.
class AggregateError : public BaseError {
 public:
  explicit AggregateError(std::vector<BulkRecordError> errors);
  [[nodiscard]] std::string_view name() const noexcept override { return "AggregateError"; }
  [[nodiscard]] const std::vector<BulkRecordError>& errors() const noexcept { return errors_; }

 private:
  static std::string composeMessage(const std::vector<BulkRecordError>& errors);
  std::vector<BulkRecordError> errors_;
};

// What the database said, for errors that came from a statement.
struct DatabaseErrorDetails {
  std::string sql;
  std::vector<Value> parameters;
  std::string original;  // the driver's own message
  std::string code;      // SQLite extended code name, SQLSTATE, or server error number
  int errnoValue = 0;    // numeric native code where there is one
};

class DatabaseError : public BaseError {
 public:
  DatabaseError(const std::string& message, DatabaseErrorDetails details, bool retryable = false);
  [[nodiscard]] std::string_view name() const noexcept override { return "SequelizeDatabaseError"; }
  [[nodiscard]] const std::string& sql() const noexcept { return details_.sql; }
  [[nodiscard]] const std::vector<Value>& parameters() const noexcept {
    return details_.parameters;
  }
  [[nodiscard]] const std::string& original() const noexcept { return details_.original; }
  [[nodiscard]] const std::string& code() const noexcept { return details_.code; }
  [[nodiscard]] const DatabaseErrorDetails& details() const noexcept { return details_; }
  // Serialization failures and deadlocks: the whole transaction may be tried again.
  [[nodiscard]] bool isRetryable() const noexcept { return retryable_; }

 private:
  DatabaseErrorDetails details_;
  bool retryable_;
};

class UniqueConstraintError : public ValidationError {
 public:
  UniqueConstraintError(const std::string& message, std::vector<ValidationErrorItem> errors,
                        std::vector<std::string> fields, DatabaseErrorDetails details);
  [[nodiscard]] std::string_view name() const noexcept override {
    return "SequelizeUniqueConstraintError";
  }
  [[nodiscard]] const std::vector<std::string>& fields() const noexcept { return fields_; }
  [[nodiscard]] const std::string& sql() const noexcept { return details_.sql; }
  [[nodiscard]] const std::string& original() const noexcept { return details_.original; }
  [[nodiscard]] const std::string& code() const noexcept { return details_.code; }

 private:
  std::vector<std::string> fields_;
  DatabaseErrorDetails details_;
};

class ForeignKeyConstraintError : public DatabaseError {
 public:
  ForeignKeyConstraintError(const std::string& message, DatabaseErrorDetails details,
                            std::vector<std::string> fields = {}, std::string table = {},
                            std::string reltype = {});
  [[nodiscard]] std::string_view name() const noexcept override {
    return "SequelizeForeignKeyConstraintError";
  }
  [[nodiscard]] const std::vector<std::string>& fields() const noexcept { return fields_; }
  [[nodiscard]] const std::string& table() const noexcept { return table_; }
  // As Sequelize's MySQL/MariaDB dialects: "parent" when the row deleted or updated is still
  // referenced, "child" when the row written references a missing one.
  [[nodiscard]] const std::string& reltype() const noexcept { return reltype_; }

 private:
  std::vector<std::string> fields_;
  std::string table_;
  std::string reltype_;
};

class ExclusionConstraintError : public DatabaseError {
 public:
  using DatabaseError::DatabaseError;
  [[nodiscard]] std::string_view name() const noexcept override {
    return "SequelizeExclusionConstraintError";
  }
};
class UnknownConstraintError : public DatabaseError {
 public:
  using DatabaseError::DatabaseError;
  [[nodiscard]] std::string_view name() const noexcept override {
    return "SequelizeUnknownConstraintError";
  }
};
class TimeoutError : public DatabaseError {
 public:
  using DatabaseError::DatabaseError;
  [[nodiscard]] std::string_view name() const noexcept override { return "SequelizeTimeoutError"; }
};

class ConnectionError : public BaseError {
 public:
  explicit ConnectionError(const std::string& message, std::string original = {})
      : BaseError(message), original_(std::move(original)) {}
  [[nodiscard]] std::string_view name() const noexcept override {
    return "SequelizeConnectionError";
  }
  [[nodiscard]] const std::string& original() const noexcept { return original_; }

 private:
  std::string original_;
};

class ConnectionRefusedError : public ConnectionError {
 public:
  using ConnectionError::ConnectionError;
  [[nodiscard]] std::string_view name() const noexcept override {
    return "SequelizeConnectionRefusedError";
  }
};
class AccessDeniedError : public ConnectionError {
 public:
  using ConnectionError::ConnectionError;
  [[nodiscard]] std::string_view name() const noexcept override {
    return "SequelizeAccessDeniedError";
  }
};
class HostNotFoundError : public ConnectionError {
 public:
  using ConnectionError::ConnectionError;
  [[nodiscard]] std::string_view name() const noexcept override {
    return "SequelizeHostNotFoundError";
  }
};
class HostNotReachableError : public ConnectionError {
 public:
  using ConnectionError::ConnectionError;
  [[nodiscard]] std::string_view name() const noexcept override {
    return "SequelizeHostNotReachableError";
  }
};
class InvalidConnectionError : public ConnectionError {
 public:
  using ConnectionError::ConnectionError;
  [[nodiscard]] std::string_view name() const noexcept override {
    return "SequelizeInvalidConnectionError";
  }
};
class ConnectionTimedOutError : public ConnectionError {
 public:
  using ConnectionError::ConnectionError;
  [[nodiscard]] std::string_view name() const noexcept override {
    return "SequelizeConnectionTimedOutError";
  }
};
class ConnectionAcquireTimeoutError : public ConnectionError {
 public:
  using ConnectionError::ConnectionError;
  [[nodiscard]] std::string_view name() const noexcept override {
    return "SequelizeConnectionAcquireTimeoutError";
  }
};
class EagerLoadingError : public BaseError {
 public:
  using BaseError::BaseError;
  [[nodiscard]] std::string_view name() const noexcept override {
    return "SequelizeEagerLoadingError";
  }
};
class AssociationError : public BaseError {
 public:
  using BaseError::BaseError;
  [[nodiscard]] std::string_view name() const noexcept override {
    return "SequelizeAssociationError";
  }
};
class EmptyResultError : public BaseError {
 public:
  using BaseError::BaseError;
  [[nodiscard]] std::string_view name() const noexcept override {
    return "SequelizeEmptyResultError";
  }
};
class InstanceError : public BaseError {
 public:
  using BaseError::BaseError;
  [[nodiscard]] std::string_view name() const noexcept override { return "SequelizeInstanceError"; }
};
class OptimisticLockError : public BaseError {
 public:
  using BaseError::BaseError;
  [[nodiscard]] std::string_view name() const noexcept override {
    return "SequelizeOptimisticLockError";
  }
};
class QueryError : public BaseError {
 public:
  using BaseError::BaseError;
  [[nodiscard]] std::string_view name() const noexcept override { return "SequelizeQueryError"; }
};

}  // namespace sequelize
