#pragma once
// Value: one attribute value, as loosely typed as a JavaScript value, in 24 bytes.
//
// Instances keep one Value per attribute, so its size decides what a hydrated row costs, in
// memory and in allocations. Strings of up to 21 bytes (most names, e-mail addresses, titles,
// codes) live inline, so reading or copying one allocates nothing; longer ones, blobs and JSON
// text live in one heap block. Nested objects and arrays live in a heap block that copies share
// (copying one counts a reference; a value's contents are copied only when object() hands out a
// mutable reference while another value shares them). Numbers, booleans and dates are stored in
// place.
#include <compare>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sequelize/date.hpp"

namespace sequelize {

class Value;
struct Field;
// An ordered set of key/value pairs: what a JavaScript object literal is to Sequelize
// (the values given to create/build, a nested association's values, a plain row).
using Values = std::vector<Field>;
using Blob = std::vector<std::uint8_t>;

// A JSON document, for JSON/JSONB attributes. The text is validated and normalised to the
// compact form JSON.stringify would print when the value is stored in an instance.
struct Json {
  std::string text;
};

enum class ValueKind : std::uint8_t {
  Undefined,  // not set at all (a key absent from a JavaScript object)
  Null,
  Bool,
  Int,
  Double,
  String,
  Bytes,  // a Blob
  Date,
  Json,
  Object,  // nested Values (create with include)
  Array,   // list of Values (IN lists, bulk values)
};

std::string_view kindName(ValueKind kind);

template <class T>
concept IntegerLike = std::integral<T> && !std::same_as<T, bool> && !std::same_as<T, char> &&
                      !std::same_as<T, char8_t> && !std::same_as<T, char16_t> &&
                      !std::same_as<T, char32_t> && !std::same_as<T, wchar_t>;

class Value {
 public:
  Value() noexcept { setKind(ValueKind::Null); }
  Value(std::nullptr_t) noexcept {
    setKind(ValueKind::Null);
  }                        // NOLINT(google-explicit-constructor)
  Value(bool b) noexcept;  // NOLINT(google-explicit-constructor)
  template <IntegerLike T>
  Value(T v) {  // NOLINT(google-explicit-constructor)
    if constexpr (std::is_unsigned_v<T> && sizeof(T) >= sizeof(std::int64_t)) {
      initUnsigned(static_cast<std::uint64_t>(v));
    } else {
      initInt(static_cast<std::int64_t>(v));
    }
  }
  template <std::floating_point T>
  Value(T v) noexcept {  // NOLINT(google-explicit-constructor)
    initDouble(static_cast<double>(v));
  }
  Value(const char* s);                                      // NOLINT(google-explicit-constructor)
  Value(std::string_view s);                                 // NOLINT(google-explicit-constructor)
  Value(const std::string& s);                               // NOLINT(google-explicit-constructor)
  Value(const Date& d) noexcept;                             // NOLINT(google-explicit-constructor)
  Value(std::chrono::system_clock::time_point tp) noexcept;  // NOLINT(google-explicit-constructor)
  Value(const Blob& bytes);                                  // NOLINT(google-explicit-constructor)
  Value(const Json& json);                                   // NOLINT(google-explicit-constructor)
  Value(std::initializer_list<Field> fields);                // a nested object
  Value(Values fields);                                      // NOLINT(google-explicit-constructor)
  Value(std::vector<Value> items);                           // NOLINT(google-explicit-constructor)
  template <class T>
  Value(const std::optional<T>& v) : Value() {  // NOLINT(google-explicit-constructor)
    if (v) *this = Value(*v);
  }

  static Value undefined() noexcept {
    Value v;
    v.setKind(ValueKind::Undefined);
    return v;
  }
  static Value array(std::initializer_list<Value> items);
  // Stores text as a JSON document without normalising it (the caller vouches for its form).
  static Value rawJson(std::string_view text);

  // Inline for what most values are (numbers, dates, short strings): their bytes.
  Value(const Value& other) {
    if (other.ownsHeap()) {
      copyHeap(other);
    } else {
      std::memcpy(raw_, other.raw_, sizeof raw_);
    }
  }
  // A move takes the bytes as they are and leaves null behind: inline, as instances move
  // their values on every hydrated row.
  Value(Value&& other) noexcept {
    std::memcpy(raw_, other.raw_, sizeof raw_);
    other.setKind(ValueKind::Null);
  }
  Value& operator=(const Value& other);
  Value& operator=(Value&& other) noexcept {
    if (this != &other) {
      release();
      std::memcpy(raw_, other.raw_, sizeof raw_);
      other.setKind(ValueKind::Null);
    }
    return *this;
  }
  [[gnu::always_inline]] ~Value() { release(); }

  [[nodiscard]] ValueKind kind() const noexcept { return static_cast<ValueKind>(raw_[0]); }
  [[nodiscard]] bool isUndefined() const noexcept { return kind() == ValueKind::Undefined; }
  [[nodiscard]] bool isNull() const noexcept { return kind() == ValueKind::Null; }
  // null or undefined: what JavaScript's `value == null` tests
  [[nodiscard]] bool isNullish() const noexcept { return kind() <= ValueKind::Null; }
  [[nodiscard]] bool isString() const noexcept { return kind() == ValueKind::String; }
  [[nodiscard]] bool isNumber() const noexcept {
    return kind() == ValueKind::Int || kind() == ValueKind::Double;
  }

  // Raw accessors: the caller has checked kind(). Use as<T>() for converting access.
  [[nodiscard]] bool boolean() const noexcept { return raw_[8] != 0; }
  [[nodiscard]] std::int64_t integer() const noexcept {
    std::int64_t v = 0;
    std::memcpy(&v, raw_ + 8, sizeof v);
    return v;
  }
  [[nodiscard]] double number() const noexcept;  // Int or Double as double
  [[nodiscard]] Date date() const noexcept { return Date{integer()}; }
  // String, Json and Blob contents. Always followed by a NUL byte, so c_str() is safe for
  // APIs that need one.
  [[nodiscard]] std::string_view text() const noexcept {
    if (raw_[1] == kHeapMarker) {
      std::uint32_t len = 0;
      std::memcpy(&len, raw_ + 4, sizeof len);
      return {static_cast<const char*>(heapPointer()), len};
    }
    return {reinterpret_cast<const char*>(raw_ + 2), raw_[1]};
  }
  [[nodiscard]] const char* c_str() const noexcept { return text().data(); }
  [[nodiscard]] const Values& object() const;
  // The contents to change: this value's own from then on (copies made later copy them).
  [[nodiscard]] Values& object();
  [[nodiscard]] const std::vector<Value>& items() const;

  // Converting access, e.g. as<std::string>(), as<std::int64_t>(), as<std::optional<double>>().
  // Null throws TypeError unless T is std::optional; a value that cannot convert throws TypeError.
  template <class T>
  [[nodiscard]] T as() const;

  // Looks up a key of an Object value (nullptr when absent or not an object).
  [[nodiscard]] const Value* find(std::string_view key) const;

  friend bool operator==(const Value& a, const Value& b);

 private:
  static constexpr unsigned char kHeapMarker = 0xFF;
  static constexpr std::size_t kInlineCapacity = 21;  // + NUL in 22 bytes after kind and length

  void setKind(ValueKind k) noexcept { raw_[0] = static_cast<unsigned char>(k); }
  void initInt(std::int64_t v) noexcept;
  void initUnsigned(std::uint64_t v);
  void initDouble(double v) noexcept;
  void initBytes(ValueKind k, const void* data, std::size_t size);
  // Frees what the value owns (most values own nothing: the check is inline, the freeing not).
  [[gnu::always_inline]] void release() noexcept {
    if (ownsHeap()) releaseHeap();
  }
  void releaseHeap() noexcept;
  // The copy constructor's part for a value that owns heap memory: a deep copy of it.
  void copyHeap(const Value& other);
  // One bit test per kind, small enough to be inlined into every destructor and assignment.
  [[nodiscard, gnu::always_inline]] bool ownsHeap() const noexcept {
    constexpr unsigned kMaybeOnHeap = (1U << static_cast<unsigned>(ValueKind::String)) |
                                      (1U << static_cast<unsigned>(ValueKind::Json)) |
                                      (1U << static_cast<unsigned>(ValueKind::Bytes));
    constexpr unsigned kAlwaysOnHeap = (1U << static_cast<unsigned>(ValueKind::Object)) |
                                       (1U << static_cast<unsigned>(ValueKind::Array));
    const unsigned bit = 1U << (raw_[0] & 31U);
    return (bit & kAlwaysOnHeap) != 0 || ((bit & kMaybeOnHeap) != 0 && raw_[1] == kHeapMarker);
  }
  void setHeapPointer(const void* p) noexcept { std::memcpy(raw_ + 8, &p, sizeof p); }
  [[nodiscard]] void* heapPointer() const noexcept {
    void* p = nullptr;
    std::memcpy(&p, raw_ + 8, sizeof p);
    return p;
  }

  alignas(8) unsigned char raw_[24];
};

// A key and its value: one entry of a Values object literal. A braced value is a nested
// object, `{"profile", {{"bio", "x"}}}`; an empty brace is an empty object, as `{}` is in
// JavaScript (`{"profile", {}}`: a profile of defaults in a create with include), never null
// (write nullptr for null).
struct Field {
  Field() = default;
  // Templates, so that the key and the value are built in place (no temporary to move from)
  // and a braced value can only be the nested-object form below.
  template <class K, class V>
  requires std::constructible_from<std::string, K&&> && std::constructible_from<Value, V&&> Field(
      K&& k, V&& v)
      : key(std::forward<K>(k)), value(std::forward<V>(v)) {}
  template <class K>
  requires std::constructible_from<std::string, K&&> Field(K&& k,
                                                           std::initializer_list<Field> fields);

  std::string key;
  Value value;
};

template <class K>
requires std::constructible_from<std::string, K&&> Field::Field(K&& k,
                                                                std::initializer_list<Field> fields)
    : key(std::forward<K>(k)), value(Values(fields)) {}

// Conversions used by Value::as<T>(); each throws TypeError when the value does not fit.
namespace detail {
bool toBool(const Value& v);
std::int64_t toInt64(const Value& v);
std::uint64_t toUInt64(const Value& v);
double toDouble(const Value& v);
std::string toString(const Value& v);
Date toDate(const Value& v);
Blob toBlob(const Value& v);
Json toJson(const Value& v);
[[noreturn]] void throwNullAccess(std::string_view wanted);
[[noreturn]] void throwOutOfRange(std::string_view wanted, const Value& v);

template <class T>
constexpr std::string_view typeLabel() {
  if constexpr (std::same_as<T, bool>)
    return "boolean";
  else if constexpr (std::integral<T>)
    return "integer";
  else if constexpr (std::floating_point<T>)
    return "number";
  else if constexpr (std::same_as<T, std::string> || std::same_as<T, std::string_view>)
    return "string";
  else if constexpr (std::same_as<T, Date> ||
                     std::same_as<T, std::chrono::system_clock::time_point>)
    return "Date";
  else if constexpr (std::same_as<T, Blob>)
    return "Blob";
  else if constexpr (std::same_as<T, Json>)
    return "Json";
  else
    return "value";
}

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};
}  // namespace detail

template <class T>
T Value::as() const {
  if constexpr (detail::IsOptional<T>::value) {
    if (isNullish()) return std::nullopt;
    return as<typename T::value_type>();
  } else if constexpr (std::same_as<T, Value>) {
    return *this;
  } else {
    if (isNullish()) detail::throwNullAccess(detail::typeLabel<T>());
    if constexpr (std::same_as<T, bool>) {
      return detail::toBool(*this);
    } else if constexpr (IntegerLike<T>) {
      if constexpr (std::is_unsigned_v<T>) {
        const std::uint64_t u = detail::toUInt64(*this);
        if (u > static_cast<std::uint64_t>(std::numeric_limits<T>::max())) {
          detail::throwOutOfRange("unsigned integer", *this);
        }
        return static_cast<T>(u);
      } else {
        const std::int64_t i = detail::toInt64(*this);
        if (i < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
            i > static_cast<std::int64_t>(std::numeric_limits<T>::max())) {
          detail::throwOutOfRange("integer", *this);
        }
        return static_cast<T>(i);
      }
    } else if constexpr (std::floating_point<T>) {
      return static_cast<T>(detail::toDouble(*this));
    } else if constexpr (std::same_as<T, std::string>) {
      return detail::toString(*this);
    } else if constexpr (std::same_as<T, std::string_view>) {
      return text();
    } else if constexpr (std::same_as<T, Date>) {
      return detail::toDate(*this);
    } else if constexpr (std::same_as<T, std::chrono::system_clock::time_point>) {
      return detail::toDate(*this).timePoint();
    } else if constexpr (std::same_as<T, Blob>) {
      return detail::toBlob(*this);
    } else if constexpr (std::same_as<T, Json>) {
      return detail::toJson(*this);
    } else {
      static_assert(sizeof(T) == 0, "Value::as<T>: unsupported target type");
    }
  }
}

}  // namespace sequelize
