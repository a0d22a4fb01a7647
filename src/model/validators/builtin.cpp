#include "model/validators/builtin.hpp"

#include <algorithm>

#include "model/validators/pattern_match.hpp"
#include "model/validators/string_checks.hpp"
#include "support/json_writer.hpp"

namespace sequelize::detail {
namespace {

std::vector<Value> patternArgs(const Pattern& p) {
  std::vector<Value> args{Value(p.regex)};
  if (!p.flags.empty()) args.emplace_back(p.flags);
  return args;
}

bool isIn(const std::vector<Value>& list, const std::string& text) {
  return std::any_of(list.begin(), list.end(), [&](const Value& v) { return jsString(v) == text; });
}

constexpr std::string_view kBuiltinNames[] = {"notNull", "notEmpty", "len", "isEmail", "isUrl",
                                              "isInt",   "isFloat",  "min", "max",     "isIn",
                                              "notIn",   "is",       "not", "isUUID",  "isDate"};

}  // namespace

std::string jsString(const Value& value) {
  switch (value.kind()) {
    case ValueKind::Undefined:
      return "undefined";
    case ValueKind::Null:
      return "null";
    case ValueKind::Bool:
      return value.boolean() ? "true" : "false";
    case ValueKind::Int:
      return std::to_string(value.integer());
    case ValueKind::Double: {
      std::string out;
      appendJsNumber(out, value.number());
      return out;
    }
    case ValueKind::String:
    case ValueKind::Json:
    case ValueKind::Bytes:
      return std::string(value.text());
    case ValueKind::Date:
      return value.date().toISOString();
    case ValueKind::Object:
      return "[object Object]";
    case ValueKind::Array: {
      std::string out;
      for (std::size_t i = 0; i < value.items().size(); ++i) {
        if (i > 0) out.push_back(',');
        if (!value.items()[i].isNullish()) out.append(jsString(value.items()[i]));
      }
      return out;
    }
  }
  return {};
}

const std::string* customMessage(const Validate& validate, std::string_view validator) {
  for (const auto& [name, message] : validate.messages) {
    if (name == validator) return &message;
  }
  return nullptr;
}

void runBuiltinValidators(const Validate& v, const std::string& attribute, const Value& value,
                          std::vector<ValidationErrorItem>& errors) {
  const std::string text = jsString(value);
  auto fail = [&](const char* validator, std::vector<Value> args, const char* why = nullptr) {
    ValidationErrorItem item;
    const std::string* message = customMessage(v, validator);
    if (why != nullptr) {
      // Not the value's fault as such: the message says what happened, not the given one.
      item.message =
          "Validation " + std::string(validator) + " on " + attribute + " failed: " + why;
    } else {
      item.message = message != nullptr
                         ? *message
                         : "Validation " + std::string(validator) + " on " + attribute + " failed";
    }
    item.type = "Validation error";
    item.path = attribute;
    item.value = value;
    item.origin = "FUNCTION";
    item.validatorKey = validator;
    item.validatorName = validator;
    item.validatorArgs = std::move(args);
    errors.push_back(std::move(item));
  };
  if (v.notEmpty && !checks::notEmpty(text)) fail("notEmpty", {Value(true)});
  if (v.len && !checks::isLength(text, v.len->min, v.len->max)) {
    std::vector<Value> args{Value(static_cast<std::int64_t>(v.len->min))};
    if (v.len->max) args.emplace_back(static_cast<std::int64_t>(*v.len->max));
    fail("len", std::move(args));
  }
  if (v.isEmail && !checks::isEmail(text)) fail("isEmail", {Value(Values{})});
  if (v.isUrl && !checks::isURL(text)) fail("isUrl", {Value(Values{})});
  if (v.isInt && !checks::isInt(text)) fail("isInt", {Value(true)});
  if (v.isFloat && !checks::isFloat(text)) fail("isFloat", {Value(true)});
  // min / max pass what is not a number at all, as validator-extras does.
  if (v.min) {
    const auto n = checks::parseFloat(text);
    if (n && !(*n >= *v.min)) fail("min", {Value(*v.min)});
  }
  if (v.max) {
    const auto n = checks::parseFloat(text);
    if (n && !(*n <= *v.max)) fail("max", {Value(*v.max)});
  }
  if (!v.isIn.empty() && !isIn(v.isIn, text)) fail("isIn", {Value(v.isIn)});
  if (!v.notIn.empty() && isIn(v.notIn, text)) fail("notIn", {Value(v.notIn)});
  // A pattern too costly to decide fails both `is` and `not`: the value is not known to pass.
  auto patternCheck = [&](const char* validator, const Pattern& pattern, bool mustMatch) {
    const PatternMatch result = matchPattern(pattern, text);
    if (result == PatternMatch::TooCostly) {
      fail(validator, patternArgs(pattern),
           "matching its pattern against this value was too costly");
    } else if ((result == PatternMatch::Matches) != mustMatch) {
      fail(validator, patternArgs(pattern));
    }
  };
  if (v.is) patternCheck("is", *v.is, true);
  if (v.not_) patternCheck("not", *v.not_, false);
  if (v.isUUID && !checks::isUUID(text, *v.isUUID)) {
    fail("isUUID", {*v.isUUID == 0 ? Value("all") : Value(*v.isUUID)});
  }
  if (v.isDate && value.kind() != ValueKind::Date && !checks::isDate(text)) {
    fail("isDate", {Value(true)});
  }
}

void checkValidatorDefinition(const Validate& v, const std::string& context) {
  for (const auto& entry : v.messages) {
    const std::string& name = entry.first;  // (a structured binding cannot be captured in C++20)
    const bool builtin = std::find(std::begin(kBuiltinNames), std::end(kBuiltinNames), name) !=
                         std::end(kBuiltinNames);
    const bool custom = std::any_of(v.custom.begin(), v.custom.end(),
                                    [&](const AttributeCheck& c) { return c.name == name; });
    if (!builtin && !custom) {
      std::string message = "A message is given for \"" + name + "\" in the validators of ";
      message += context;
      message += ", which has no such validator";
      throw Error(message);
    }
  }
  for (const AttributeCheck& c : v.custom) {
    if (c.name.empty() || !c.check) {
      throw Error("A custom validator of " + context + " needs a name and a function");
    }
  }
  if (v.len && v.len->max && *v.len->max < v.len->min) {
    throw Error("len of " + context + " has a maximum below its minimum");
  }
  if (v.isUUID && (*v.isUUID < 0 || *v.isUUID > 8)) {
    throw Error("isUUID of " + context + " must be a version from 1 to 8, or 0 for any");
  }
  try {
    if (v.is) checkPattern(*v.is);
    if (v.not_) checkPattern(*v.not_);
  } catch (const Error& e) {
    throw Error(std::string(e.what()) + " (in the validators of " + context + ")");
  }
}

}  // namespace sequelize::detail
