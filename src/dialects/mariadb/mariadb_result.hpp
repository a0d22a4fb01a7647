#pragma once
// The rows of a prepared statement, read through the binary protocol as they arrive: each
// column is bound to a buffer of its native kind (64-bit integer, float, double, MYSQL_TIME,
// bytes; text buffers start at the column's length, up to 1 KiB, and a longer value is fetched
// again in full), and turned into the Value Sequelize would return for the attribute's DataType.
#include <mysql.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "dialects/dialect.hpp"

namespace sequelize::detail {

class MariaDbResult final : public RowReader {
 public:
  // Binds the result of an executed statement whose columns `metadata` describes.
  // Returns false when the driver refuses the binding (the statement's error says why).
  bool bind(MYSQL_STMT* stmt, MYSQL_RES* metadata);
  // Completes the current row after mysql_stmt_fetch reported MYSQL_DATA_TRUNCATED.
  bool refetchTruncated(MYSQL_STMT* stmt);

  [[nodiscard]] int columnCount() const override { return static_cast<int>(columns_.size()); }
  [[nodiscard]] std::string_view columnName(int column) const override;
  Value read(int column, const DataType& type) override;
  Value readRaw(int column) override;

 private:
  enum class Kind : std::uint8_t {
    Null,
    Integer,
    Float,
    Double,
    Decimal,
    DateTime,
    DateOnly,
    Time,
    Text,
    Bytes
  };
  struct Column {
    const MYSQL_FIELD* field = nullptr;
    Kind kind = Kind::Null;
  };
  struct Cell {
    union {
      long long integer;
      float single;
      double real;
      MYSQL_TIME time;
    } fixed{};
    unsigned long length = 0;
    my_bool null = 0;
    my_bool error = 0;
    std::vector<char> buffer;  // strings, blobs and decimals
  };

  static Kind kindOf(const MYSQL_FIELD& field);
  [[nodiscard]] const Cell& cell(int column) const {
    return cells_[static_cast<std::size_t>(column)];
  }
  [[nodiscard]] std::string_view bytes(int column) const;
  [[nodiscard]] Value integer(int column) const;
  [[nodiscard]] double real(int column) const;
  [[nodiscard]] Value date(int column) const;

  std::vector<Column> columns_;
  std::vector<Cell> cells_;
  std::vector<MYSQL_BIND> binds_;
};

}  // namespace sequelize::detail
