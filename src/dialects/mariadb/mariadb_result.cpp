#include "dialects/mariadb/mariadb_result.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <limits>
#include <string>

#include "sequelize/errors.hpp"
#include "support/json_text.hpp"

namespace sequelize::detail {
namespace {

constexpr unsigned int kBinaryCharset = 63;  // the "binary" character set: bytes, not text
// The first buffer of a text, bytes or decimal column: enough for most values of VARCHAR(255)
// in utf8mb4 without reserving a TEXT column's 256 KiB.
constexpr std::size_t kFirstBufferBytes = 1024;

void appendDigits(std::string& out, unsigned long value, int width) {
  char buf[24];
  const int n = std::snprintf(buf, sizeof buf, "%0*lu", width, value);
  out.append(buf, static_cast<std::size_t>(n));
}

bool isZeroDate(const MYSQL_TIME& t) {
  return t.year == 0 && t.month == 0 && t.day == 0;
}

std::string dateOnlyText(const MYSQL_TIME& t) {
  std::string out;
  appendDigits(out, t.year, 4);
  out.push_back('-');
  appendDigits(out, t.month, 2);
  out.push_back('-');
  appendDigits(out, t.day, 2);
  return out;
}

// "HH:MM:SS" with the column's fractional digits, as the server prints a TIME.
std::string timeText(const MYSQL_TIME& t, unsigned int decimals) {
  std::string out;
  if (t.neg != 0) out.push_back('-');
  appendDigits(out, static_cast<unsigned long>(t.day) * 24 + t.hour, 2);
  out.push_back(':');
  appendDigits(out, t.minute, 2);
  out.push_back(':');
  appendDigits(out, t.second, 2);
  if (decimals > 0 && decimals <= 6) {
    unsigned long fraction = t.second_part;
    for (unsigned int d = decimals; d < 6; ++d) fraction /= 10;
    out.push_back('.');
    appendDigits(out, fraction, static_cast<int>(decimals));
  }
  return out;
}

std::string dateTimeText(const MYSQL_TIME& t) {
  std::string out = dateOnlyText(t);
  out.push_back(' ');
  appendDigits(out, t.hour, 2);
  out.push_back(':');
  appendDigits(out, t.minute, 2);
  out.push_back(':');
  appendDigits(out, t.second, 2);
  return out;
}

std::optional<double> parseDouble(std::string_view text) {
  double d = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
  if (ec == std::errc{} && ptr == text.data() + text.size()) return d;
  return std::nullopt;
}

}  // namespace

MariaDbResult::Kind MariaDbResult::kindOf(const MYSQL_FIELD& field) {
  switch (field.type) {
    case MYSQL_TYPE_NULL:
      return Kind::Null;
    case MYSQL_TYPE_TINY:
    case MYSQL_TYPE_SHORT:
    case MYSQL_TYPE_INT24:
    case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_LONGLONG:
    case MYSQL_TYPE_YEAR:
      return Kind::Integer;
    case MYSQL_TYPE_FLOAT:
      return Kind::Float;
    case MYSQL_TYPE_DOUBLE:
      return Kind::Double;
    case MYSQL_TYPE_DECIMAL:
    case MYSQL_TYPE_NEWDECIMAL:
      return Kind::Decimal;
    case MYSQL_TYPE_DATETIME:
    case MYSQL_TYPE_TIMESTAMP:
      return Kind::DateTime;
    case MYSQL_TYPE_DATE:
    case MYSQL_TYPE_NEWDATE:
      return Kind::DateOnly;
    case MYSQL_TYPE_TIME:
      return Kind::Time;
    case MYSQL_TYPE_BIT:
      return Kind::Bytes;
    default:
      return field.charsetnr == kBinaryCharset ? Kind::Bytes : Kind::Text;
  }
}

bool MariaDbResult::bind(MYSQL_STMT* stmt, MYSQL_RES* metadata) {
  const unsigned int count = mysql_num_fields(metadata);
  const MYSQL_FIELD* fields = mysql_fetch_fields(metadata);
  columns_.resize(count);
  cells_.resize(count);
  binds_.assign(count, MYSQL_BIND{});
  for (unsigned int i = 0; i < count; ++i) {
    Column& column = columns_[i];
    Cell& c = cells_[i];
    MYSQL_BIND& b = binds_[i];
    column.field = &fields[i];
    column.kind = kindOf(fields[i]);
    b.is_null = &c.null;
    b.error = &c.error;
    b.length = &c.length;
    switch (column.kind) {
      case Kind::Null:
        b.buffer_type = MYSQL_TYPE_NULL;
        break;
      case Kind::Integer:
        b.buffer_type = MYSQL_TYPE_LONGLONG;
        b.buffer = &c.fixed.integer;
        b.is_unsigned = (fields[i].flags & UNSIGNED_FLAG) != 0 ? 1 : 0;
        break;
      case Kind::Float:
        b.buffer_type = MYSQL_TYPE_FLOAT;
        b.buffer = &c.fixed.single;
        break;
      case Kind::Double:
        b.buffer_type = MYSQL_TYPE_DOUBLE;
        b.buffer = &c.fixed.real;
        break;
      case Kind::DateTime:
      case Kind::DateOnly:
      case Kind::Time:
        b.buffer_type = fields[i].type;
        b.buffer = &c.fixed.time;
        b.buffer_length = sizeof(MYSQL_TIME);
        break;
      case Kind::Decimal:
      case Kind::Text:
      case Kind::Bytes: {
        // Room for the column's longest value, up to kFirstBufferBytes: a longer value is
        // fetched again into a buffer grown to fit (refetchTruncated), which later rows and
        // executions keep.
        const std::size_t wanted = std::clamp<std::size_t>(fields[i].length, 1, kFirstBufferBytes);
        if (c.buffer.size() < wanted) c.buffer.resize(wanted);
        b.buffer_type = MYSQL_TYPE_BLOB;
        b.buffer = c.buffer.data();
        b.buffer_length = static_cast<unsigned long>(c.buffer.size());
        break;
      }
    }
  }
  return mysql_stmt_bind_result(stmt, binds_.data()) == 0;
}

bool MariaDbResult::refetchTruncated(MYSQL_STMT* stmt) {
  for (std::size_t i = 0; i < cells_.size(); ++i) {
    Cell& c = cells_[i];
    if (c.error == 0 || c.buffer.empty() || c.length <= c.buffer.size()) continue;
    c.buffer.resize(c.length);
    MYSQL_BIND& b = binds_[i];
    b.buffer = c.buffer.data();
    b.buffer_length = static_cast<unsigned long>(c.buffer.size());
    if (mysql_stmt_fetch_column(stmt, &b, static_cast<unsigned int>(i), 0) != 0) return false;
    c.error = 0;
  }
  // Later rows fetch into the grown buffers.
  return mysql_stmt_bind_result(stmt, binds_.data()) == 0;
}

std::string_view MariaDbResult::columnName(int column) const {
  const MYSQL_FIELD* f = columns_[static_cast<std::size_t>(column)].field;
  return {f->name, f->name_length};
}

std::string_view MariaDbResult::bytes(int column) const {
  const Cell& c = cell(column);
  return {c.buffer.data(), std::min<std::size_t>(c.length, c.buffer.size())};
}

Value MariaDbResult::integer(int column) const {
  const Cell& c = cell(column);
  if ((columns_[static_cast<std::size_t>(column)].field->flags & UNSIGNED_FLAG) != 0) {
    const auto u = static_cast<unsigned long long>(c.fixed.integer);
    // Past the signed range the exact digits are kept as text, as Sequelize keeps big numbers.
    if (u > static_cast<unsigned long long>(std::numeric_limits<std::int64_t>::max())) {
      return Value(std::to_string(u));
    }
  }
  return Value(static_cast<std::int64_t>(c.fixed.integer));
}

double MariaDbResult::real(int column) const {
  const Cell& c = cell(column);
  switch (columns_[static_cast<std::size_t>(column)].kind) {
    case Kind::Float: {
      // A FLOAT holds a single-precision number; the text protocol (and so Sequelize) gives its
      // shortest decimal form, 0.1 rather than 0.10000000149011612.
      char buf[32];
      const auto end = std::to_chars(buf, buf + sizeof buf, c.fixed.single).ptr;
      return parseDouble(std::string_view(buf, static_cast<std::size_t>(end - buf)))
          .value_or(c.fixed.single);
    }
    case Kind::Double:
      return c.fixed.real;
    case Kind::Integer:
      return static_cast<double>(c.fixed.integer);
    default:
      return parseDouble(bytes(column)).value_or(std::numeric_limits<double>::quiet_NaN());
  }
}

Value MariaDbResult::date(int column) const {
  const MYSQL_TIME& t = cell(column).fixed.time;
  if (isZeroDate(t)) return Value(dateTimeText(t));  // Sequelize's "Invalid date": kept as text
  return Value(Date::fromCivil(static_cast<int>(t.year), t.month, t.day, static_cast<int>(t.hour),
                               static_cast<int>(t.minute), static_cast<int>(t.second),
                               static_cast<int>(t.second_part / 1000)));
}

Value MariaDbResult::read(int column, const DataType& type) {
  if (cell(column).null != 0) return Value(nullptr);
  const Kind kind = columns_[static_cast<std::size_t>(column)].kind;
  switch (type.key()) {
    // The common columns first, each read straight from its buffer.
    case TypeKey::STRING:
    case TypeKey::CHAR:
    case TypeKey::TEXT:
      if (kind == Kind::Text) return Value(bytes(column));
      return readRaw(column);
    case TypeKey::TINYINT:
    case TypeKey::SMALLINT:
    case TypeKey::MEDIUMINT:
    case TypeKey::INTEGER:
    case TypeKey::BIGINT:
      return kind == Kind::Integer ? integer(column) : readRaw(column);
    case TypeKey::BOOLEAN:
      if (kind == Kind::Integer) {
        const long long v = cell(column).fixed.integer;
        if (v == 0 || v == 1) return Value(v == 1);
      }
      return readRaw(column);
    case TypeKey::FLOAT:
    case TypeKey::REAL:
    case TypeKey::DOUBLE:
      if (kind == Kind::Float || kind == Kind::Double || kind == Kind::Integer)
        return Value(real(column));
      if (kind == Kind::Decimal) return Value(real(column));
      return readRaw(column);
    case TypeKey::DATE:
      if (kind == Kind::DateTime || kind == Kind::DateOnly) return date(column);
      if (kind == Kind::Text) {
        if (auto d = Date::parse(bytes(column))) return Value(*d);
      }
      return readRaw(column);
    case TypeKey::DATEONLY:
      if (kind == Kind::DateOnly || kind == Kind::DateTime) {
        const MYSQL_TIME& t = cell(column).fixed.time;
        return Value(dateOnlyText(t));
      }
      return readRaw(column);
    case TypeKey::JSON:
    case TypeKey::JSONB:
      if (kind == Kind::Text || kind == Kind::Bytes) {
        try {
          return Value::rawJson(normalizeJson(bytes(column)));
        } catch (const Error&) {
          return readRaw(column);
        }
      }
      return readRaw(column);
    case TypeKey::BLOB:
      if (kind == Kind::Text || kind == Kind::Bytes) {
        const std::string_view b = bytes(column);
        const auto* p = reinterpret_cast<const std::uint8_t*>(b.data());
        return Value(Blob(p, p + b.size()));
      }
      return readRaw(column);
    default:
      return readRaw(column);
  }
}

Value MariaDbResult::readRaw(int column) {
  if (cell(column).null != 0) return Value(nullptr);
  const Column& col = columns_[static_cast<std::size_t>(column)];
  switch (col.kind) {
    case Kind::Null:
      return Value(nullptr);
    case Kind::Integer:
      return integer(column);
    case Kind::Float:
    case Kind::Double:
      return Value(real(column));
    case Kind::Decimal:  // exact: "10.50", never a rounded double
    case Kind::Text:
      return Value(bytes(column));
    case Kind::DateTime:
      return date(column);
    case Kind::DateOnly:
      return Value(dateOnlyText(cell(column).fixed.time));
    case Kind::Time:
      return Value(timeText(cell(column).fixed.time, col.field->decimals));
    case Kind::Bytes: {
      const std::string_view b = bytes(column);
      const auto* p = reinterpret_cast<const std::uint8_t*>(b.data());
      return Value(Blob(p, p + b.size()));
    }
  }
  return Value(nullptr);
}

}  // namespace sequelize::detail
