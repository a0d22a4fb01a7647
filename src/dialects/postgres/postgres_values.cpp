#include "dialects/postgres/postgres_values.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

#include "sequelize/errors.hpp"
#include "support/json_text.hpp"
#include "support/json_writer.hpp"

namespace sequelize::detail {
namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// bytea in the hex format ("\x00ff"), which every session is set to (bytea_output=hex).
std::optional<Value> decodeBytea(std::string_view text) {
  if (!text.starts_with("\\x") || text.size() % 2 != 0) return std::nullopt;
  Blob bytes;
  bytes.reserve((text.size() - 2) / 2);
  for (std::size_t i = 2; i < text.size(); i += 2) {
    const int hi = hexValue(text[i]);
    const int lo = hexValue(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    bytes.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
  }
  return Value(bytes);
}

std::optional<std::int64_t> parseInteger(std::string_view text) {
  std::int64_t out = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
  return out;
}

std::optional<double> parseFloating(std::string_view text) {
  if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (text == "Infinity") return std::numeric_limits<double>::infinity();
  if (text == "-Infinity") return -std::numeric_limits<double>::infinity();
  double out = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
  return out;
}

Value decodeJson(std::string_view text) {
  try {
    return Value::rawJson(normalizeJson(text));
  } catch (const Error&) {
    return Value(text);
  }
}

Value decodeBoolean(std::string_view text) {
  if (text == "t") return Value(true);
  if (text == "f") return Value(false);
  return Value(text);
}

Value decodeDate(std::string_view text) {
  if (auto d = Date::parse(text)) return Value(*d);
  return Value(text);  // 'infinity' and dates JavaScript cannot hold stay text
}

[[noreturn]] void throwNulInText(std::string_view text) {
  DatabaseErrorDetails details;
  details.code = "22021";
  details.original = "invalid byte sequence for encoding \"UTF8\": 0x00";
  details.parameters.emplace_back(text);
  // The message is copied first: the details are moved into the error's parameter before its
  // constructor reads a message that would refer into them.
  const std::string message = details.original;
  throw DatabaseError(message, std::move(details));
}

// Zero-padded to `width` digits (more when the number needs them).
void appendPadded(std::string& out, std::uint64_t value, std::size_t width) {
  char digits[24];
  const char* end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  const auto length = static_cast<std::size_t>(end - digits);
  if (length < width) out.append(width - length, '0');
  out.append(digits, length);
}

}  // namespace

void appendPostgresTimestamp(std::string& out, const Date& date) {
  // The years 1 to 9999, every date there is but a few: the form SQLite gets too.
  static constexpr std::int64_t kYearOne = Date::fromCivil(1, 1, 1).epochMs;
  static constexpr std::int64_t kYearTenThousand = Date::fromCivil(10000, 1, 1).epochMs;
  if (date.epochMs >= kYearOne && date.epochMs < kYearTenThousand) {
    date.appendSqlText(out);
    return;
  }
  const CivilTime c = date.civil();
  // PostgreSQL has no year 0 and no signed years: 1 BC (the year 0) is "0001 … BC". The year
  // is at least 1 - (lowest int64 / ms per year), far from overflowing.
  const bool beforeChrist = c.year < 1;
  appendPadded(out, static_cast<std::uint64_t>(beforeChrist ? 1 - c.year : c.year), 4);
  out.push_back('-');
  appendPadded(out, c.month, 2);
  out.push_back('-');
  appendPadded(out, c.day, 2);
  out.push_back(' ');
  appendPadded(out, c.hour, 2);
  out.push_back(':');
  appendPadded(out, c.minute, 2);
  out.push_back(':');
  appendPadded(out, c.second, 2);
  out.push_back('.');
  appendPadded(out, c.millisecond, 3);
  out.append(" +00:00");
  if (beforeChrist) out.append(" BC");
}

const char* postgresParamText(const Value& value, std::string& scratch) {
  switch (value.kind()) {
    case ValueKind::Undefined:
    case ValueKind::Null:
      return nullptr;
    case ValueKind::Bool:
      return value.boolean() ? "true" : "false";
    case ValueKind::Int: {
      // Written into the scratch buffer's own room: no new string per value.
      char digits[24];
      const auto end = std::to_chars(digits, digits + sizeof digits, value.integer()).ptr;
      scratch.assign(digits, end);
      return scratch.c_str();
    }
    case ValueKind::Double:
      scratch.clear();
      appendJsNumber(scratch, value.number());
      return scratch.c_str();
    case ValueKind::String:
    case ValueKind::Json:
      // Bound as C strings: a NUL byte would silently cut the value short.
      if (value.text().find('\0') != std::string_view::npos) throwNulInText(value.text());
      return value.c_str();
    case ValueKind::Bytes: {
      static constexpr char kHex[] = "0123456789abcdef";
      const std::string_view bytes = value.text();
      scratch.assign("\\x");
      scratch.reserve(2 + bytes.size() * 2);
      for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        scratch.push_back(kHex[b >> 4]);
        scratch.push_back(kHex[b & 0xF]);
      }
      return scratch.c_str();
    }
    case ValueKind::Date:
      scratch.clear();
      appendPostgresTimestamp(scratch, value.date());
      return scratch.c_str();
    case ValueKind::Object:
    case ValueKind::Array:
      break;
  }
  throw TypeError("An " + std::string(kindName(value.kind())) +
                  " cannot be bound as a statement parameter");
}

std::string postgresArrayText(std::span<const Value> items) {
  std::string out;
  out.reserve(2 + items.size() * 8);
  out.push_back('{');
  std::string scratch;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.push_back(',');
    const char* text = postgresParamText(items[i], scratch);
    if (text == nullptr) {
      out.append("NULL");
      continue;
    }
    // Quoted, every item reads back as written: no word such as NULL, no separator, no space
    // is taken for syntax.
    out.push_back('"');
    for (const char* c = text; *c != '\0'; ++c) {
      if (*c == '"' || *c == '\\') out.push_back('\\');
      out.push_back(*c);
    }
    out.push_back('"');
  }
  out.push_back('}');
  return out;
}

Value postgresDecodeTyped(std::string_view text, const DataType& type) {
  switch (type.key()) {
    case TypeKey::TINYINT:
    case TypeKey::SMALLINT:
    case TypeKey::MEDIUMINT:
    case TypeKey::INTEGER:
      if (auto i = parseInteger(text)) return Value(*i);
      return Value(text);
    case TypeKey::FLOAT:
    case TypeKey::REAL:
    case TypeKey::DOUBLE:
      if (auto d = parseFloating(text)) return Value(*d);
      return Value(text);
    // int8 and numeric come back as exact strings, as the pg driver gives them to Sequelize.
    case TypeKey::BIGINT:
    case TypeKey::DECIMAL:
      return Value(text);
    case TypeKey::BOOLEAN:
      return decodeBoolean(text);
    case TypeKey::DATE:
      return decodeDate(text);
    case TypeKey::JSON:
    case TypeKey::JSONB:
      return decodeJson(text);
    case TypeKey::STRING:
    case TypeKey::CHAR:
      if (type.isBinary()) {
        if (auto b = decodeBytea(text)) return std::move(*b);
      }
      return Value(text);
    case TypeKey::BLOB:
      if (auto b = decodeBytea(text)) return std::move(*b);
      return Value(text);
    default:
      return Value(text);
  }
}

Value postgresDecodeRaw(std::string_view text, unsigned typeOid) {
  switch (typeOid) {
    case pg_oid::kBool:
      return decodeBoolean(text);
    case pg_oid::kInt2:
    case pg_oid::kInt4:
    case pg_oid::kOid:
      if (auto i = parseInteger(text)) return Value(*i);
      return Value(text);
    case pg_oid::kFloat4:
    case pg_oid::kFloat8:
      if (auto d = parseFloating(text)) return Value(*d);
      return Value(text);
    case pg_oid::kTimestamp:
    case pg_oid::kTimestamptz:
      return decodeDate(text);
    case pg_oid::kJson:
    case pg_oid::kJsonb:
      return decodeJson(text);
    case pg_oid::kBytea:
      if (auto b = decodeBytea(text)) return std::move(*b);
      return Value(text);
    default:
      return Value(text);  // int8, numeric, date, time, uuid, text, …
  }
}

}  // namespace sequelize::detail
