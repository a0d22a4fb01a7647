#include "support/json_writer.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "support/utf8.hpp"

namespace sequelize::detail {
namespace {

constexpr char kHex[] = "0123456789abcdef";

}  // namespace

void appendJsNumber(std::string& out, double value, bool isInteger, std::int64_t exactInteger) {
  std::array<char, 32> buf{};
  if (isInteger) {
    const auto res = std::to_chars(buf.data(), buf.data() + buf.size(), exactInteger);
    out.append(buf.data(), res.ptr);
    return;
  }
  if (std::isnan(value)) {
    out.append("NaN");
    return;
  }
  if (std::isinf(value)) {
    out.append(value < 0 ? "-Infinity" : "Infinity");
    return;
  }
  if (value == 0) {
    out.push_back('0');  // also for -0, as JavaScript prints it
    return;
  }
  if (value < 0) {
    out.push_back('-');
    value = -value;
  }
  // Shortest round-trip digits in scientific form: d.ddddde±x
  const auto res =
      std::to_chars(buf.data(), buf.data() + buf.size(), value, std::chars_format::scientific);
  const std::string_view sci(buf.data(), static_cast<std::size_t>(res.ptr - buf.data()));
  const std::size_t ePos = sci.find('e');
  std::string digits;
  for (std::size_t i = 0; i < ePos; ++i) {
    if (sci[i] != '.') digits.push_back(sci[i]);
  }
  const int exp10 = std::atoi(std::string(sci.substr(ePos + 1)).c_str());
  const int k = static_cast<int>(digits.size());
  const int n = exp10 + 1;  // value = 0.digits × 10^n
  if (k <= n && n <= 21) {
    out.append(digits);
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out.append(digits, 0, static_cast<std::size_t>(n));
    out.push_back('.');
    out.append(digits, static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out.append("0.");
    out.append(static_cast<std::size_t>(-n), '0');
    out.append(digits);
  } else {
    out.push_back(digits[0]);
    if (k > 1) {
      out.push_back('.');
      out.append(digits, 1);
    }
    out.push_back('e');
    out.push_back(n - 1 >= 0 ? '+' : '-');
    out.append(std::to_string(std::abs(n - 1)));
  }
}

void appendJsonString(std::string& out, std::string_view text) {
  out.push_back('"');
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      // copy the longest plain ASCII run in one go
      std::size_t j = i + 1;
      while (j < text.size()) {
        const auto d = static_cast<unsigned char>(text[j]);
        if (d < 0x20 || d == '"' || d == '\\' || d >= 0x80) break;
        ++j;
      }
      out.append(text.data() + i, j - i);
      i = j;
      continue;
    }
    switch (c) {
      case '"':
        out.append("\\\"");
        ++i;
        continue;
      case '\\':
        out.append("\\\\");
        ++i;
        continue;
      case '\b':
        out.append("\\b");
        ++i;
        continue;
      case '\f':
        out.append("\\f");
        ++i;
        continue;
      case '\n':
        out.append("\\n");
        ++i;
        continue;
      case '\r':
        out.append("\\r");
        ++i;
        continue;
      case '\t':
        out.append("\\t");
        ++i;
        continue;
      default:
        break;
    }
    if (c < 0x20) {
      out.append("\\u00");
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
      ++i;
      continue;
    }
    const std::size_t len = utf8SequenceLength(text, i);
    if (len == 0) {
      out.append("\xEF\xBF\xBD");  // U+FFFD REPLACEMENT CHARACTER
      ++i;
    } else {
      out.append(text.data() + i, len);
      i += len;
    }
  }
  out.push_back('"');
}

void appendJsonValue(std::string& out, const Value& value) {
  switch (value.kind()) {
    case ValueKind::Undefined:
    case ValueKind::Null:
      out.append("null");
      return;
    case ValueKind::Bool:
      out.append(value.boolean() ? "true" : "false");
      return;
    case ValueKind::Int:
      appendJsNumber(out, 0, true, value.integer());
      return;
    case ValueKind::Double:
      // JSON.stringify prints non-finite numbers as null
      if (!std::isfinite(value.number())) {
        out.append("null");
      } else {
        appendJsNumber(out, value.number());
      }
      return;
    case ValueKind::String:
      appendJsonString(out, value.text());
      return;
    case ValueKind::Date:
      out.push_back('"');
      out.append(value.date().toISOString());
      out.push_back('"');
      return;
    case ValueKind::Json:
      out.append(value.text());
      return;
    case ValueKind::Bytes: {
      // Node's Buffer.prototype.toJSON
      out.append(R"({"type":"Buffer","data":[)");
      bool first = true;
      for (const char ch : value.text()) {
        if (!first) out.push_back(',');
        first = false;
        out.append(std::to_string(static_cast<unsigned char>(ch)));
      }
      out.append("]}");
      return;
    }
    case ValueKind::Object: {
      out.push_back('{');
      bool first = true;
      for (const Field& f : value.object()) {
        if (f.value.isUndefined()) continue;  // JSON.stringify skips undefined members
        if (!first) out.push_back(',');
        first = false;
        appendJsonString(out, f.key);
        out.push_back(':');
        appendJsonValue(out, f.value);
      }
      out.push_back('}');
      return;
    }
    case ValueKind::Array: {
      out.push_back('[');
      bool first = true;
      for (const Value& v : value.items()) {
        if (!first) out.push_back(',');
        first = false;
        appendJsonValue(out, v);
      }
      out.push_back(']');
      return;
    }
  }
}

}  // namespace sequelize::detail
