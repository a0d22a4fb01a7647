#include "model/type_coercion.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include "model/instance_internals.hpp"
#include "sequelize/errors.hpp"
#include "support/json_writer.hpp"
#include "support/number_text.hpp"

namespace sequelize::detail {
namespace {

constexpr double kTwoTo63 = 9223372036854775808.0;
constexpr double kTwoTo64 = 18446744073709551616.0;

// The type's name as Sequelize's messages write it: "integer", "bigint", "double precision".
std::string lowerKeyName(const DataType& type) {
  std::string name(type.keyName());
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return name;
}

// The value as util.format's %j shows it: JSON.
std::string shown(const Value& value) {
  std::string text;
  if (value.kind() == ValueKind::Date) {
    text.push_back('"');
    text.append(value.date().toISOString());
    text.push_back('"');
  } else {
    appendJsonValue(text, value);
  }
  return text;
}

[[noreturn]] void refuse(const Attribute& attribute, const Value& value,
                         const std::string& message) {
  ValidationErrorItem item;
  item.message = message;
  item.type = "Validation error";
  item.path = attribute.name;
  item.value = value;
  item.origin = "FUNCTION";
  item.validatorKey = std::string(attribute.type.keyName()) + " validator";
  std::vector<ValidationErrorItem> items;
  items.push_back(std::move(item));
  throw ValidationError(message, std::move(items));
}

[[noreturn]] void refuseAsNotValid(const Attribute& attribute, const Value& value) {
  refuse(attribute, value, shown(value) + " is not a valid " + lowerKeyName(attribute.type));
}

// ---- integers

// The magnitudes an integer column holds below and above zero.
struct IntegerRange {
  std::uint64_t lowest;   // magnitude of the most negative value
  std::uint64_t highest;  // the largest value
};

IntegerRange integerRange(const DataType& type, IntegerColumns columns) {
  unsigned bits = 64;
  bool isUnsigned = false;
  switch (columns) {
    case IntegerColumns::Int64:
      break;
    case IntegerColumns::SignedBySize:
      bits = type.key() == TypeKey::TINYINT || type.key() == TypeKey::SMALLINT ? 16
             : type.key() == TypeKey::BIGINT                                   ? 64
                                                                               : 32;
      break;
    case IntegerColumns::BySize:
      switch (type.key()) {
        case TypeKey::TINYINT:
          bits = 8;
          break;
        case TypeKey::SMALLINT:
          bits = 16;
          break;
        case TypeKey::MEDIUMINT:
          bits = 24;
          break;
        case TypeKey::INTEGER:
          bits = 32;
          break;
        default:
          bits = 64;
          break;
      }
      isUnsigned = type.isUnsigned();
      break;
  }
  if (isUnsigned) {
    return {
        0, bits == 64 ? std::numeric_limits<std::uint64_t>::max() : (std::uint64_t{1} << bits) - 1};
  }
  const std::uint64_t half = std::uint64_t{1} << (bits - 1);
  return {half, half - 1};
}

[[noreturn]] void refuseIntegerRange(const Attribute& attribute, const Value& value,
                                     const IntegerRange& range) {
  std::string message = shown(value) + " is out of range for attribute \"" + attribute.name +
                        "\": its " + lowerKeyName(attribute.type) +
                        " column holds the integers from ";
  if (range.lowest > 0) message.push_back('-');
  message += std::to_string(range.lowest) + " to " + std::to_string(range.highest);
  refuse(attribute, value, message);
}

void checkIntegerRange(const Attribute& attribute, const Value& value, bool negative,
                       std::uint64_t magnitude, const IntegerRange& range) {
  if (negative ? magnitude > range.lowest : magnitude > range.highest) {
    refuseIntegerRange(attribute, value, range);
  }
}

void checkInteger(const Attribute& attribute, const Value& value, const ColumnLimits& limits) {
  const IntegerRange range = integerRange(attribute.type, limits.integers);
  switch (value.kind()) {
    case ValueKind::Int: {
      const std::int64_t v = value.integer();
      const std::uint64_t magnitude =
          v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
      checkIntegerRange(attribute, value, v < 0, magnitude, range);
      return;
    }
    case ValueKind::Double: {
      // What coercion left a double: a fraction, not a number, or beyond 64 bits.
      const double d = value.number();
      if (!std::isfinite(d) || std::trunc(d) != d) refuseAsNotValid(attribute, value);
      if (d < -kTwoTo63 || d >= kTwoTo64) refuseIntegerRange(attribute, value, range);
      const bool negative = d < 0;
      checkIntegerRange(attribute, value, negative, static_cast<std::uint64_t>(negative ? -d : d),
                        range);
      return;
    }
    case ValueKind::String: {
      const std::optional<IntegerText> text = readIntegerText(value.text());
      if (!text) refuseAsNotValid(attribute, value);
      if (text->tooLarge) refuseIntegerRange(attribute, value, range);
      checkIntegerRange(attribute, value, text->negative, text->magnitude, range);
      return;
    }
    default:
      refuseAsNotValid(attribute, value);
  }
}

Value coerceInteger(Value&& value) {
  switch (value.kind()) {
    case ValueKind::Double: {
      const double d = value.number();
      if (!std::isfinite(d) || std::trunc(d) != d || d < -kTwoTo63 || d >= kTwoTo64) break;
      if (d < kTwoTo63) return Value(static_cast<std::int64_t>(d));
      // Above any int64 (only an UNSIGNED BIGINT holds it): its exact digits.
      return Value(std::to_string(static_cast<std::uint64_t>(d)));
    }
    case ValueKind::String: {
      // "+5", "007", "-0": written as the databases read them back, so that every database
      // stores an integer (SQLite keeps text it does not read as an integer as text).
      const std::optional<IntegerText> text = readIntegerText(value.text());
      if (!text || text->canonical || text->tooLarge) break;
      if (text->negative && text->magnitude != 0) {
        return Value(std::string("-") + std::to_string(text->magnitude));
      }
      return Value(std::to_string(text->magnitude));
    }
    default:
      break;
  }
  return std::move(value);
}

// ---- floating point, DECIMAL, BOOLEAN

void checkFloating(const Attribute& attribute, const Value& value) {
  switch (value.kind()) {
    case ValueKind::Double:
      return;
    case ValueKind::Int: {
      // Bound as an integer but stored as a double: beyond 2^53 not every integer has one.
      const std::int64_t v = value.integer();
      constexpr std::int64_t kExact = std::int64_t{1} << 53;
      if (v >= -kExact && v <= kExact) return;
      const auto d = static_cast<double>(v);
      if (d < kTwoTo63 && static_cast<std::int64_t>(d) == v) return;
      refuse(attribute, value,
             shown(value) + " cannot be held exactly by attribute \"" + attribute.name +
                 "\": its " + lowerKeyName(attribute.type) +
                 " column holds integers exactly up to 2^53");
    }
    case ValueKind::String: {
      const std::string_view text = value.text();
      if (!isFloatText(text)) refuseAsNotValid(attribute, value);
      double parsed = 0;
      const auto result = std::from_chars(text.data() + (text.front() == '+' ? 1 : 0),
                                          text.data() + text.size(), parsed);
      if (result.ec == std::errc{}) return;
      refuse(attribute, value,
             shown(value) + " is out of range for attribute \"" + attribute.name + "\": its " +
                 lowerKeyName(attribute.type) + " column holds finite doubles");
    }
    default:
      refuseAsNotValid(attribute, value);
  }
}

// The digits after the point a DECIMAL column keeps; -1 for any number.
int decimalScale(const DataType& type, const ColumnLimits& limits) {
  if (type.scale() >= 0) return type.scale();
  if (type.length() > 0) return 0;  // DECIMAL(10) is DECIMAL(10,0)
  return limits.unsizedDecimalScale;
}

void checkDecimalDigits(const Attribute& attribute, const Value& value, const DecimalDigits& d,
                        bool storedAsText, const ColumnLimits& limits) {
  const int scale = decimalScale(attribute.type, limits);
  if (scale >= 0 && d.fraction > scale) {
    refuse(attribute, value,
           shown(value) + " cannot be held exactly by attribute \"" + attribute.name +
               "\": its decimal column keeps " + std::to_string(scale) + " digits after the point");
  }
  // Where a DECIMAL is stored as a double, text with more digits than a double keeps is
  // changed, unless it is an integer the database stores as one.
  if (storedAsText && limits.decimalSignificantDigits > 0 &&
      d.significant > limits.decimalSignificantDigits) {
    const std::optional<IntegerText> integer = readIntegerText(value.text());
    const bool fitsInt64 = integer && !integer->tooLarge &&
                           integer->magnitude <= (integer->negative ? std::uint64_t{1} << 63
                                                                    : (std::uint64_t{1} << 63) - 1);
    if (!fitsInt64) {
      refuse(attribute, value,
             shown(value) + " cannot be held exactly by attribute \"" + attribute.name +
                 "\": this database keeps " + std::to_string(limits.decimalSignificantDigits) +
                 " significant digits of a decimal");
    }
  }
}

void checkDecimal(const Attribute& attribute, const Value& value, const ColumnLimits& limits) {
  switch (value.kind()) {
    case ValueKind::Int:
      return;
    case ValueKind::Double:
      if (!std::isfinite(value.number())) refuseAsNotValid(attribute, value);
      checkDecimalDigits(attribute, value, decimalDigitsOf(value.number()), false, limits);
      return;
    case ValueKind::String: {
      const std::optional<DecimalDigits> digits = readDecimalText(value.text());
      if (!digits) refuseAsNotValid(attribute, value);
      checkDecimalDigits(attribute, value, *digits, true, limits);
      return;
    }
    default:
      refuseAsNotValid(attribute, value);
  }
}

Value coerceBoolean(Value&& value) {
  switch (value.kind()) {
    case ValueKind::Int:
    case ValueKind::Double:
      if (value.number() == 0) return Value(false);
      if (value.number() == 1) return Value(true);
      break;
    case ValueKind::String: {
      // Validator.isBoolean's strings; Sequelize's BOOLEAN keeps the other ones as they are.
      const std::string_view t = value.text();
      if (t == "true" || t == "1") return Value(true);
      if (t == "false" || t == "0") return Value(false);
      break;
    }
    default:
      break;
  }
  return std::move(value);
}

// ---- dates

void checkDate(const Attribute& attribute, const Value& value, const ColumnLimits& limits) {
  if (value.kind() != ValueKind::Date) refuseAsNotValid(attribute, value);
  const std::int64_t ms = value.date().epochMs;
  if (ms < limits.firstDateMs || ms > limits.lastDateMs) {
    refuse(attribute, value,
           shown(value) + " is out of range for attribute \"" + attribute.name +
               "\": its date column holds " + Date{limits.firstDateMs}.toISOString() + " to " +
               Date{limits.lastDateMs}.toISOString());
  }
}

Value coerceDate(Value&& value) {
  switch (value.kind()) {
    case ValueKind::String:
      if (auto d = Date::parse(value.text())) return Value(*d);
      break;
    case ValueKind::Int:
      return Value(Date{value.integer()});  // milliseconds since 1970, as new Date(number)
    case ValueKind::Double: {
      const double d = value.number();
      if (std::isfinite(d) && std::trunc(d) == d && std::abs(d) < kTwoTo63) {
        return Value(Date{static_cast<std::int64_t>(d)});
      }
      break;
    }
    default:
      break;
  }
  return std::move(value);
}

}  // namespace

Value coerceForType(const DataType& type, Value&& value) {
  const ValueKind kind = value.kind();
  if (kind == ValueKind::Null || kind == ValueKind::Undefined) return std::move(value);
  switch (type.key()) {
    case TypeKey::TINYINT:
    case TypeKey::SMALLINT:
    case TypeKey::MEDIUMINT:
    case TypeKey::INTEGER:
    case TypeKey::BIGINT:
      return kind == ValueKind::Int ? std::move(value) : coerceInteger(std::move(value));
    case TypeKey::BOOLEAN:
      return kind == ValueKind::Bool ? std::move(value) : coerceBoolean(std::move(value));
    case TypeKey::DATE:
      return kind == ValueKind::Date ? std::move(value) : coerceDate(std::move(value));
    case TypeKey::DATEONLY:
      if (kind == ValueKind::Date) return Value(value.date().toDateOnly());
      if (kind == ValueKind::String && value.text().size() > 10) {
        if (auto d = Date::parse(value.text())) return Value(d->toDateOnly());
      }
      return std::move(value);
    case TypeKey::JSON:
    case TypeKey::JSONB: {
      if (kind == ValueKind::Json) return std::move(value);
      std::string text;
      appendJsonValue(text, value);
      return Value::rawJson(text);
    }
    case TypeKey::BLOB:
      if (kind == ValueKind::String) {
        const std::string_view t = value.text();
        return Value(Blob(t.begin(), t.end()));
      }
      return std::move(value);
    default:
      return std::move(value);
  }
}

Value coerceForType(const DataType& type, const Value& value) {
  return coerceForType(type, Value(value));
}

void checkColumnValue(const Attribute& attribute, const Value& value, const ColumnLimits& limits) {
  if (value.isNullish()) return;
  switch (attribute.type.key()) {
    case TypeKey::TINYINT:
    case TypeKey::SMALLINT:
    case TypeKey::MEDIUMINT:
    case TypeKey::INTEGER:
    case TypeKey::BIGINT:
      checkInteger(attribute, value, limits);
      return;
    case TypeKey::FLOAT:
    case TypeKey::REAL:
    case TypeKey::DOUBLE:
      checkFloating(attribute, value);
      return;
    case TypeKey::DECIMAL:
      checkDecimal(attribute, value, limits);
      return;
    case TypeKey::BOOLEAN:
      if (value.kind() != ValueKind::Bool) refuseAsNotValid(attribute, value);
      return;
    case TypeKey::DATE:
      checkDate(attribute, value, limits);
      return;
    default:
      return;
  }
}

Value coerceOperand(const Attribute& attribute, const Value& value, const ColumnLimits& limits) {
  Value coerced = coerceForType(attribute.type, value);
  checkColumnValue(attribute, coerced, limits);
  return coerced;
}

void checkColumnValues(const Instance& instance, std::span<const std::size_t> slots) {
  const Model& model = instance.model();
  const ColumnLimits& limits = columnLimits(model);
  const auto& attributes = model.rawAttributes();
  const Value* values = InstanceAccess::slots(instance);
  const std::uint32_t count = InstanceAccess::slotCount(instance);
  for (const std::size_t slot : slots) {
    if (slot < count) checkColumnValue(attributes[slot], values[slot], limits);
  }
}

}  // namespace sequelize::detail
