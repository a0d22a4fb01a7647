#pragma once
// DataTypes, spelled as in Sequelize: DataTypes::STRING, DataTypes::STRING(64),
// DataTypes::INTEGER.UNSIGNED(), DataTypes::DECIMAL(10, 2), DataTypes::TEXT("long").
// A DataType is plain data; each dialect decides how it is written in DDL and read back.
#include <cstdint>
#include <string>
#include <string_view>

namespace sequelize {

enum class TypeKey : std::uint8_t {
  STRING,
  CHAR,
  TEXT,
  TINYINT,
  SMALLINT,
  MEDIUMINT,
  INTEGER,
  BIGINT,
  FLOAT,
  REAL,
  DOUBLE,
  DECIMAL,
  BOOLEAN,
  DATE,
  DATEONLY,
  TIME,
  UUID,
  JSON,
  JSONB,
  BLOB,
  // Markers for default values, as in Sequelize: DataTypes::NOW, DataTypes::UUIDV4, UUIDV1.
  NOW,
  UUIDV1,
  UUIDV4,
};

// TEXT("tiny"|"medium"|"long") and BLOB(...) sizes.
enum class SizeVariant : std::uint8_t { Default, Tiny, Medium, Long };

class DataType {
 public:
  constexpr explicit DataType(TypeKey key) : key_(key) {
    if (key == TypeKey::STRING || key == TypeKey::CHAR) length_ = 255;
  }

  // STRING(64), CHAR(2), INTEGER(11), FLOAT(11): a length (display width for numbers).
  [[nodiscard]] constexpr DataType operator()(int length) const {
    DataType t = *this;
    t.length_ = length;
    return t;
  }
  // DECIMAL(10, 2), FLOAT(11, 4), DOUBLE(11, 4)
  [[nodiscard]] constexpr DataType operator()(int precisionOrLength, int scale) const {
    DataType t = *this;
    t.length_ = precisionOrLength;
    t.scale_ = scale;
    return t;
  }
  // TEXT("tiny"), BLOB("long"); any other word is ignored, as Sequelize does.
  [[nodiscard]] DataType operator()(std::string_view size) const;
  // DataTypes::INTEGER() reads like the plain type.
  [[nodiscard]] constexpr DataType operator()() const { return *this; }

  [[nodiscard]] constexpr DataType UNSIGNED() const {
    DataType t = *this;
    t.unsigned_ = true;
    return t;
  }
  [[nodiscard]] constexpr DataType ZEROFILL() const {
    DataType t = *this;
    t.zerofill_ = true;
    return t;
  }
  [[nodiscard]] constexpr DataType BINARY() const {
    DataType t = *this;
    t.binary_ = true;
    return t;
  }

  [[nodiscard]] constexpr TypeKey key() const { return key_; }
  [[nodiscard]] constexpr int length() const { return length_; }  // 0: none given
  [[nodiscard]] constexpr int scale() const { return scale_; }    // -1: none given
  [[nodiscard]] constexpr bool isUnsigned() const { return unsigned_; }
  [[nodiscard]] constexpr bool isZerofill() const { return zerofill_; }
  [[nodiscard]] constexpr bool isBinary() const { return binary_; }
  [[nodiscard]] constexpr SizeVariant size() const { return size_; }

  [[nodiscard]] constexpr bool isInteger() const {
    return key_ == TypeKey::TINYINT || key_ == TypeKey::SMALLINT || key_ == TypeKey::MEDIUMINT ||
           key_ == TypeKey::INTEGER || key_ == TypeKey::BIGINT;
  }
  [[nodiscard]] constexpr bool isFloating() const {
    return key_ == TypeKey::FLOAT || key_ == TypeKey::REAL || key_ == TypeKey::DOUBLE;
  }
  [[nodiscard]] constexpr bool isNumeric() const {
    return isInteger() || isFloating() || key_ == TypeKey::DECIMAL;
  }
  [[nodiscard]] constexpr bool isString() const {
    return key_ == TypeKey::STRING || key_ == TypeKey::CHAR || key_ == TypeKey::TEXT ||
           key_ == TypeKey::UUID;
  }
  [[nodiscard]] constexpr bool isJson() const {
    return key_ == TypeKey::JSON || key_ == TypeKey::JSONB;
  }
  // The name Sequelize gives the type ("INTEGER", "STRING", …), for messages.
  [[nodiscard]] std::string_view keyName() const;

  friend constexpr bool operator==(const DataType&, const DataType&) = default;

 private:
  TypeKey key_;
  SizeVariant size_ = SizeVariant::Default;
  bool unsigned_ = false;
  bool zerofill_ = false;
  bool binary_ = false;
  int length_ = 0;
  int scale_ = -1;
};

namespace DataTypes {
inline constexpr DataType STRING{TypeKey::STRING};
inline constexpr DataType CHAR{TypeKey::CHAR};
inline constexpr DataType TEXT{TypeKey::TEXT};
inline constexpr DataType TINYINT{TypeKey::TINYINT};
inline constexpr DataType SMALLINT{TypeKey::SMALLINT};
inline constexpr DataType MEDIUMINT{TypeKey::MEDIUMINT};
inline constexpr DataType INTEGER{TypeKey::INTEGER};
inline constexpr DataType BIGINT{TypeKey::BIGINT};
inline constexpr DataType FLOAT{TypeKey::FLOAT};
inline constexpr DataType REAL{TypeKey::REAL};
inline constexpr DataType DOUBLE{TypeKey::DOUBLE};
inline constexpr DataType DECIMAL{TypeKey::DECIMAL};
inline constexpr DataType BOOLEAN{TypeKey::BOOLEAN};
inline constexpr DataType DATE{TypeKey::DATE};
inline constexpr DataType DATEONLY{TypeKey::DATEONLY};
inline constexpr DataType TIME{TypeKey::TIME};
inline constexpr DataType UUID{TypeKey::UUID};
inline constexpr DataType JSON{TypeKey::JSON};
inline constexpr DataType JSONB{TypeKey::JSONB};
inline constexpr DataType BLOB{TypeKey::BLOB};
inline constexpr DataType NOW{TypeKey::NOW};
inline constexpr DataType UUIDV1{TypeKey::UUIDV1};
inline constexpr DataType UUIDV4{TypeKey::UUIDV4};
}  // namespace DataTypes

}  // namespace sequelize
