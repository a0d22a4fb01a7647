#include "sequelize/value.hpp"

#include <atomic>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <utility>

#include "sequelize/errors.hpp"
#include "support/json_text.hpp"
#include "support/json_writer.hpp"

namespace sequelize {
namespace {

// An object's or an array's contents, shared by the values copied from one another: a copy
// counts one more reference instead of copying every field (a nested create's list is copied out
// of the braces it was written in, with every object in it). Contents are only changed through
// Value::object() on a value that holds the only reference; from then on that block is
// `exclusive` (a reference to its contents may be kept) and copies of it copy the contents.
template <class Contents>
struct SharedContents {
  explicit SharedContents(Contents c) : contents(std::move(c)) {}
  std::atomic<std::uint64_t> references{1};
  bool exclusive = false;
  Contents contents;
};
using ObjectContents = SharedContents<Values>;
using ArrayContents = SharedContents<std::vector<Value>>;

template <class Block>
void letGo(Block* block) noexcept {
  if (block->references.fetch_sub(1, std::memory_order_acq_rel) == 1) delete block;
}

// The block a copy holds: the same one, or a new one when the contents may change under it.
template <class Block>
Block* shareOrCopy(Block* block) {
  if (block->exclusive) return new Block(block->contents);
  block->references.fetch_add(1, std::memory_order_relaxed);
  return block;
}

}  // namespace

std::string_view kindName(ValueKind kind) {
  switch (kind) {
    case ValueKind::Undefined:
      return "undefined";
    case ValueKind::Null:
      return "null";
    case ValueKind::Bool:
      return "boolean";
    case ValueKind::Int:
      return "integer";
    case ValueKind::Double:
      return "number";
    case ValueKind::String:
      return "string";
    case ValueKind::Bytes:
      return "Blob";
    case ValueKind::Date:
      return "Date";
    case ValueKind::Json:
      return "Json";
    case ValueKind::Object:
      return "object";
    case ValueKind::Array:
      return "array";
  }
  return "unknown";
}

Value::Value(bool b) noexcept {
  std::memset(raw_, 0, sizeof raw_);
  setKind(ValueKind::Bool);
  raw_[8] = b ? 1 : 0;
}

void Value::initInt(std::int64_t v) noexcept {
  setKind(ValueKind::Int);
  std::memcpy(raw_ + 8, &v, sizeof v);
}

void Value::initUnsigned(std::uint64_t v) {
  if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    throw RangeError("Value " + std::to_string(v) +
                     " is out of range: integers are stored as signed 64-bit values");
  }
  initInt(static_cast<std::int64_t>(v));
}

void Value::initDouble(double v) noexcept {
  setKind(ValueKind::Double);
  std::memcpy(raw_ + 8, &v, sizeof v);
}

void Value::initBytes(ValueKind k, const void* data, std::size_t size) {
  setKind(k);
  if (size <= kInlineCapacity) {
    raw_[1] = static_cast<unsigned char>(size);
    if (size > 0) std::memcpy(raw_ + 2, data, size);
    raw_[2 + size] = 0;
    return;
  }
  if (size > std::numeric_limits<std::uint32_t>::max()) {
    setKind(ValueKind::Null);
    throw RangeError("Value of " + std::to_string(size) + " bytes is too long (limit 4 GiB)");
  }
  raw_[1] = kHeapMarker;
  const auto len = static_cast<std::uint32_t>(size);
  std::memcpy(raw_ + 4, &len, sizeof len);
  auto* heap = new char[size + 1];
  std::memcpy(heap, data, size);
  heap[size] = '\0';
  setHeapPointer(heap);
}

Value::Value(const char* s) {
  if (s == nullptr) {
    setKind(ValueKind::Null);
    return;
  }
  initBytes(ValueKind::String, s, std::strlen(s));
}
Value::Value(std::string_view s) {
  initBytes(ValueKind::String, s.data(), s.size());
}
Value::Value(const std::string& s) {
  initBytes(ValueKind::String, s.data(), s.size());
}
Value::Value(const Date& d) noexcept {
  initInt(d.epochMs);
  setKind(ValueKind::Date);
}
Value::Value(std::chrono::system_clock::time_point tp) noexcept : Value(Date::fromTimePoint(tp)) {}
Value::Value(const Blob& bytes) {
  initBytes(ValueKind::Bytes, bytes.data(), bytes.size());
}
Value::Value(const Json& json) {
  const std::string normal = detail::normalizeJson(json.text);
  initBytes(ValueKind::Json, normal.data(), normal.size());
}
Value Value::rawJson(std::string_view text) {
  Value v;
  v.initBytes(ValueKind::Json, text.data(), text.size());
  return v;
}

Value::Value(std::initializer_list<Field> fields) : Value(Values(fields)) {}
Value::Value(Values fields) {
  setKind(ValueKind::Object);
  setHeapPointer(new ObjectContents(std::move(fields)));
}
Value::Value(std::vector<Value> items) {
  setKind(ValueKind::Array);
  setHeapPointer(new ArrayContents(std::move(items)));
}
Value Value::array(std::initializer_list<Value> items) {
  return Value(std::vector<Value>(items));
}

void Value::releaseHeap() noexcept {
  switch (kind()) {
    case ValueKind::Object:
      letGo(static_cast<ObjectContents*>(heapPointer()));
      break;
    case ValueKind::Array:
      letGo(static_cast<ArrayContents*>(heapPointer()));
      break;
    default:
      delete[] static_cast<char*>(heapPointer());
      break;
  }
  setKind(ValueKind::Null);
}

void Value::copyHeap(const Value& other) {
  switch (other.kind()) {
    case ValueKind::Object:
      setHeapPointer(shareOrCopy(static_cast<ObjectContents*>(other.heapPointer())));
      setKind(ValueKind::Object);
      break;
    case ValueKind::Array:
      setHeapPointer(shareOrCopy(static_cast<ArrayContents*>(other.heapPointer())));
      setKind(ValueKind::Array);
      break;
    default: {
      const std::string_view t = other.text();
      initBytes(other.kind(), t.data(), t.size());
    }
  }
}

Value& Value::operator=(const Value& other) {
  if (this != &other) {
    Value copy(other);
    *this = std::move(copy);
  }
  return *this;
}

double Value::number() const noexcept {
  if (kind() == ValueKind::Int) return static_cast<double>(integer());
  double v = 0;
  std::memcpy(&v, raw_ + 8, sizeof v);
  return v;
}

const Values& Value::object() const {
  if (kind() != ValueKind::Object)
    throw TypeError("Value is " + std::string(kindName(kind())) + ", not an object");
  return static_cast<const ObjectContents*>(heapPointer())->contents;
}
Values& Value::object() {
  if (kind() != ValueKind::Object)
    throw TypeError("Value is " + std::string(kindName(kind())) + ", not an object");
  auto* block = static_cast<ObjectContents*>(heapPointer());
  if (block->references.load(std::memory_order_acquire) != 1) {
    // Shared with other values: this one gets contents of its own before they change.
    auto* own = new ObjectContents(block->contents);
    letGo(block);
    setHeapPointer(own);
    block = own;
  }
  block->exclusive = true;
  return block->contents;
}
const std::vector<Value>& Value::items() const {
  if (kind() != ValueKind::Array)
    throw TypeError("Value is " + std::string(kindName(kind())) + ", not an array");
  return static_cast<const ArrayContents*>(heapPointer())->contents;
}

const Value* Value::find(std::string_view key) const {
  if (kind() != ValueKind::Object) return nullptr;
  for (const Field& f : object()) {
    if (f.key == key) return &f.value;
  }
  return nullptr;
}

bool operator==(const Value& a, const Value& b) {
  const ValueKind ka = a.kind();
  const ValueKind kb = b.kind();
  if (a.isNumber() && b.isNumber()) {
    if (ka == ValueKind::Int && kb == ValueKind::Int) return a.integer() == b.integer();
    return a.number() == b.number();
  }
  if (ka != kb) return false;
  switch (ka) {
    case ValueKind::Undefined:
    case ValueKind::Null:
      return true;
    case ValueKind::Bool:
      return a.boolean() == b.boolean();
    case ValueKind::Date:
      return a.integer() == b.integer();
    case ValueKind::String:
    case ValueKind::Json:
    case ValueKind::Bytes:
      return a.text() == b.text();
    case ValueKind::Object: {
      const Values& x = a.object();
      const Values& y = b.object();
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i) {
        if (x[i].key != y[i].key || !(x[i].value == y[i].value)) return false;
      }
      return true;
    }
    case ValueKind::Array:
      return a.items() == b.items();
    default:
      return false;
  }
}

namespace detail {

namespace {
[[noreturn]] void throwCannotConvert(const Value& v, std::string_view wanted) {
  throw TypeError("Cannot read a " + std::string(kindName(v.kind())) + " value as " +
                  std::string(wanted));
}

template <class T>
bool parseWhole(std::string_view s, T& out) {
  const char* first = s.data();
  const char* last = s.data() + s.size();
  if (first != last && *first == '+') ++first;
  const auto [ptr, ec] = std::from_chars(first, last, out);
  return ec == std::errc{} && ptr == last && first != last;
}
}  // namespace

void throwNullAccess(std::string_view wanted) {
  throw TypeError("Cannot read null as " + std::string(wanted) +
                  "; read it as std::optional to handle null");
}

void throwOutOfRange(std::string_view wanted, const Value& v) {
  std::string shown;
  appendJsonValue(shown, v);
  throw RangeError("Value " + shown + " does not fit in the requested " + std::string(wanted) +
                   " type");
}

bool toBool(const Value& v) {
  switch (v.kind()) {
    case ValueKind::Bool:
      return v.boolean();
    case ValueKind::Int:
      if (v.integer() == 0 || v.integer() == 1) return v.integer() == 1;
      break;
    case ValueKind::String:
      if (v.text() == "true" || v.text() == "1" || v.text() == "t") return true;
      if (v.text() == "false" || v.text() == "0" || v.text() == "f") return false;
      break;
    default:
      break;
  }
  throwCannotConvert(v, "boolean");
}

std::int64_t toInt64(const Value& v) {
  switch (v.kind()) {
    case ValueKind::Int:
      return v.integer();
    case ValueKind::Bool:
      return v.boolean() ? 1 : 0;
    case ValueKind::Double: {
      const double d = v.number();
      // 2^63 is exactly representable; anything at or beyond it does not fit
      if (std::trunc(d) == d && d >= -9223372036854775808.0 && d < 9223372036854775808.0) {
        return static_cast<std::int64_t>(d);
      }
      throwOutOfRange("integer", v);
    }
    case ValueKind::String: {
      std::int64_t out = 0;
      if (parseWhole(v.text(), out)) return out;
      break;
    }
    default:
      break;
  }
  throwCannotConvert(v, "integer");
}

std::uint64_t toUInt64(const Value& v) {
  if (v.kind() == ValueKind::String) {
    std::uint64_t out = 0;
    if (parseWhole(v.text(), out)) return out;
    throwCannotConvert(v, "unsigned integer");
  }
  const std::int64_t i = toInt64(v);
  if (i < 0) throwOutOfRange("unsigned integer", v);
  return static_cast<std::uint64_t>(i);
}

double toDouble(const Value& v) {
  switch (v.kind()) {
    case ValueKind::Int:
    case ValueKind::Double:
      return v.number();
    case ValueKind::Bool:
      return v.boolean() ? 1.0 : 0.0;
    case ValueKind::String: {
      const std::string_view s = v.text();
      if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
      if (s == "Infinity") return std::numeric_limits<double>::infinity();
      if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
      double out = 0;
      if (parseWhole(s, out)) return out;
      break;
    }
    default:
      break;
  }
  throwCannotConvert(v, "number");
}

std::string toString(const Value& v) {
  switch (v.kind()) {
    case ValueKind::String:
    case ValueKind::Json:
      return std::string(v.text());
    case ValueKind::Int:
    case ValueKind::Double: {
      std::string out;
      appendJsNumber(out, v.number(), v.kind() == ValueKind::Int, v.integer());
      return out;
    }
    case ValueKind::Bool:
      return v.boolean() ? "true" : "false";
    case ValueKind::Date:
      return v.date().toISOString();
    default:
      break;
  }
  throwCannotConvert(v, "string");
}

Date toDate(const Value& v) {
  switch (v.kind()) {
    case ValueKind::Date:
      return v.date();
    case ValueKind::Int:
      return Date{v.integer()};
    case ValueKind::String:
      if (auto d = Date::parse(v.text())) return *d;
      break;
    default:
      break;
  }
  throwCannotConvert(v, "Date");
}

Blob toBlob(const Value& v) {
  if (v.kind() == ValueKind::Bytes || v.kind() == ValueKind::String) {
    const std::string_view t = v.text();
    return Blob(t.begin(), t.end());
  }
  throwCannotConvert(v, "Blob");
}

Json toJson(const Value& v) {
  if (v.kind() == ValueKind::Json) return Json{std::string(v.text())};
  std::string out;
  appendJsonValue(out, v);
  return Json{out};
}

}  // namespace detail
}  // namespace sequelize
