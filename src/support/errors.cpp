#include "sequelize/errors.hpp"

namespace sequelize {

ValidationError::ValidationError(const std::string& message,
                                 std::vector<ValidationErrorItem> errors)
    : BaseError(composeMessage(message, errors)), errors_(std::move(errors)) {}

std::string ValidationError::composeMessage(const std::string& message,
                                            const std::vector<ValidationErrorItem>& errors) {
  if (!message.empty()) return message;
  if (errors.empty() || errors.front().message.empty()) return "Validation Error";
  std::string out;
  for (std::size_t i = 0; i < errors.size(); ++i) {
    if (i > 0) out.append(",\n");
    out.append(errors[i].type.empty() ? errors[i].origin : errors[i].type);
    out.append(": ");
    out.append(errors[i].message);
  }
  return out;
}

std::vector<ValidationErrorItem> ValidationError::get(std::string_view path) const {
  std::vector<ValidationErrorItem> out;
  for (const auto& e : errors_) {
    if (e.path == path) out.push_back(e);
  }
  return out;
}

BulkRecordError::BulkRecordError(ValidationError error, std::size_t index, Value record)
    : BaseError(std::string(error.message())),
      error_(std::move(error)),
      index_(index),
      record_(std::move(record)) {}

AggregateError::AggregateError(std::vector<BulkRecordError> errors)
    : BaseError(composeMessage(errors)), errors_(std::move(errors)) {}

std::string AggregateError::composeMessage(const std::vector<BulkRecordError>& errors) {
  // As AggregateError.toString(): each error as "Name: message", continuation lines indented.
  std::string out = "AggregateError of:\n";
  for (const BulkRecordError& e : errors) {
    std::string text = std::string(e.name()) + ": " + std::string(e.message());
    out.append("  ");
    for (const char c : text) {
      out.push_back(c);
      if (c == '\n') out.append("    ");
    }
    out.push_back('\n');
  }
  return out;
}

DatabaseError::DatabaseError(const std::string& message, DatabaseErrorDetails details,
                             bool retryable)
    : BaseError(message), details_(std::move(details)), retryable_(retryable) {}

UniqueConstraintError::UniqueConstraintError(const std::string& message,
                                             std::vector<ValidationErrorItem> errors,
                                             std::vector<std::string> fields,
                                             DatabaseErrorDetails details)
    : ValidationError(message.empty() ? "Validation error" : message, std::move(errors)),
      fields_(std::move(fields)),
      details_(std::move(details)) {}

ForeignKeyConstraintError::ForeignKeyConstraintError(const std::string& message,
                                                     DatabaseErrorDetails details,
                                                     std::vector<std::string> fields,
                                                     std::string table, std::string reltype)
    : DatabaseError(message, std::move(details)),
      fields_(std::move(fields)),
      table_(std::move(table)),
      reltype_(std::move(reltype)) {}

}  // namespace sequelize
