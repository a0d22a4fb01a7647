#pragma once
// The built-in validators of an attribute's `validate`, run in Sequelize's way: each on the
// value as JavaScript's String(value) prints it, each failure an item with Sequelize's message
// (or the one given in `messages`), key, name and arguments.
#include <string>
#include <vector>

#include "sequelize/errors.hpp"
#include "sequelize/validation.hpp"

namespace sequelize::detail {

// JavaScript's String(value) for the values an attribute can hold (a Date prints as ISO 8601).
std::string jsString(const Value& value);

// Appends an item for each built-in check of `validate` that `value` (not null) fails.
void runBuiltinValidators(const Validate& validate, const std::string& attribute,
                          const Value& value, std::vector<ValidationErrorItem>& errors);

// The message given for `validator` in `validate.messages`, or null.
const std::string* customMessage(const Validate& validate, std::string_view validator);

// Checks a definition when the model is defined: message names must name a validator, and
// patterns must compile. Throws sequelize::Error naming `context`.
void checkValidatorDefinition(const Validate& validate, const std::string& context);

}  // namespace sequelize::detail
