#pragma once
// Validators, as Sequelize's `validate` option of an attribute and of a model:
//
//   {"email", {.type = DataTypes::STRING, .validate = {.isEmail = true}}}
//   {"name",  {.type = DataTypes::STRING, .validate = {.notEmpty = true, .len = Length{2, 64}}}}
//   {"age",   {.type = DataTypes::INTEGER, .validate = {.isInt = true, .min = 0, .max = 150,
//              .messages = {{"max", "Nobody is that old"}}}}}
//   {"code",  {.type = DataTypes::STRING, .validate = {.is = Pattern{"^[a-z]+$", "i"}}}}
//   {"even",  {.type = DataTypes::INTEGER, .validate = {.custom = {{"isEven", [](const Value& v) {
//                if (v.as<int>() % 2 != 0) throw std::runtime_error("Only even values");
//              }}}}}}
//   db.define("Point", {...}, {.validate = {{"bothOrNone", [](const Instance& p) { ... }}}});
//
// The built-in checks are those of the `validator` package Sequelize uses, with its messages
// ("Validation isEmail on email failed" unless a message is given). They run on the value as
// JavaScript's String(value) would print it, and never on null: a null is only checked by
// allowNull. A custom check fails by throwing; the exception's what() is the message. As in
// Sequelize, custom checks also run on null (and unset) values when allowNull permits them, so
// they must handle null. Every failure of one save is reported together in one ValidationError.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sequelize/value.hpp"

namespace sequelize {

class Instance;

// len: [min, max] — the length in characters (max unset: no upper bound).
struct Length {
  std::size_t min = 0;
  std::optional<std::size_t> max;
};

// A regular expression (ECMAScript syntax) with JavaScript flags: "i" ignores case.
struct Pattern {
  std::string regex;
  std::string flags;
};

// A named check of one attribute's value; it throws to fail.
struct AttributeCheck {
  std::string name;
  std::function<void(const Value&)> check;
};

// A named check of a whole instance (Sequelize's model-wide `validate`); it throws to fail.
struct ModelCheck {
  std::string name;
  std::function<void(const Instance&)> check;
};

// An attribute's validators. Built-in checks run in the order of the fields below.
struct Validate {
  bool notEmpty = false;      // not only whitespace
  std::optional<Length> len;  // length in characters
  bool isEmail = false;
  bool isUrl = false;  // http, https or ftp
  bool isInt = false;
  bool isFloat = false;
  std::optional<double> min;  // as a number: parseFloat(value) >= min
  std::optional<double> max;
  std::vector<Value> isIn;  // one of these (compared as strings); empty: no check
  std::vector<Value> notIn;
  std::optional<Pattern> is;    // must match
  std::optional<Pattern> not_;  // must not match (Sequelize's `not`)
  std::optional<int> isUUID;    // a version 1-8, or 0 for any
  bool isDate = false;
  std::vector<AttributeCheck> custom;
  // Messages replacing the built-in ones, by validator name: {{"len", "2 to 64 characters"}}.
  // "notNull" replaces "<Model>.<attribute> cannot be null".
  std::vector<std::pair<std::string, std::string>> messages;

  [[nodiscard]] bool empty() const noexcept {
    return !notEmpty && !len && !isEmail && !isUrl && !isInt && !isFloat && !min && !max &&
           isIn.empty() && notIn.empty() && !is && !not_ && !isUUID && !isDate && custom.empty() &&
           messages.empty();
  }
};

}  // namespace sequelize
