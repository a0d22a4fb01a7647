#include "core/type_coercion.hpp"

#include <cmath>
#include <string>

#include "core/json_writer.hpp"

namespace sequelize::detail {

Value coerceForType(const DataType& type, Value&& value) {
  const ValueKind kind = value.kind();
  if (kind == ValueKind::Null || kind == ValueKind::Undefined) return std::move(value);
  switch (type.key()) {
    case TypeKey::DATE:
      if (kind == ValueKind::String) {
        if (auto d = Date::parse(value.text())) return Value(*d);
      } else if (kind == ValueKind::Int) {
        return Value(Date{value.integer()});
      }
      return std::move(value);
    case TypeKey::DATEONLY:
      if (kind == ValueKind::Date) return Value(value.date().toDateOnly());
      if (kind == ValueKind::String && value.text().size() > 10) {
        if (auto d = Date::parse(value.text())) return Value(d->toDateOnly());
      }
      return std::move(value);
    case TypeKey::BOOLEAN:
      if (kind == ValueKind::Int && (value.integer() == 0 || value.integer() == 1)) {
        return Value(value.integer() == 1);
      }
      if (kind == ValueKind::String) {
        const std::string_view t = value.text();
        if (t == "true" || t == "1") return Value(true);
        if (t == "false" || t == "0") return Value(false);
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
      if (type.isInteger() && kind == ValueKind::Double) {
        const double d = value.number();
        if (std::trunc(d) == d && std::abs(d) < 9.0e18) {
          return Value(static_cast<std::int64_t>(d));
        }
      }
      return std::move(value);
  }
}

Value coerceForType(const DataType& type, const Value& value) {
  return coerceForType(type, Value(value));
}

}  // namespace sequelize::detail
