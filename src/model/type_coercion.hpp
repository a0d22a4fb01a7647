#pragma once
// Values set on an attribute are brought to the form Sequelize keeps for its type (its
// DataType _sanitize step): strings and numbers given for DATE become Dates, DATEONLY values
// become "YYYY-MM-DD", 0/1/"true" for BOOLEAN become booleans, integral numbers for integer
// types become integers, anything for JSON becomes JSON text, strings for BLOB become bytes.
// Values that cannot be brought over are kept as they are (set() never throws, as in Sequelize).
//
// Before a value is bound for a column it is checked (Sequelize's type validation, which it
// does when it writes the statement, after the instance's validators): every written value
// (create, save, update, bulkCreate, upsert — checkColumnValues) and every value compared with
// or added to a column (where operands, findByPk, increment amounts, defaults — coerceOperand)
// passes checkColumnValue. It refuses what is not a number for a numeric column, not a boolean
// for BOOLEAN, not a date for DATE ("%j is not a valid integer"), and what the database would
// round, wrap, clip or store as another type: integers out of the column's range on this
// database, fractions for integers or beyond a DECIMAL's scale, dates outside the column's
// years. The error is a ValidationError whose item names the attribute; nothing is sent.
#include <cstddef>
#include <span>
#include <vector>

#include "dialects/dialect.hpp"
#include "sequelize/database.hpp"
#include "sequelize/instance.hpp"
#include "sequelize/model.hpp"
#include "sequelize/value.hpp"

namespace sequelize::detail {

Value coerceForType(const DataType& type, const Value& value);
Value coerceForType(const DataType& type, Value&& value);

// Throws ValidationError when the column cannot hold `value` (already coerced) exactly.
void checkColumnValue(const Attribute& attribute, const Value& value, const ColumnLimits& limits);
// coerceForType, then checkColumnValue: a value compared with or added to a column.
Value coerceOperand(const Attribute& attribute, const Value& value, const ColumnLimits& limits);
// checkColumnValue for the values an instance is about to write.
void checkColumnValues(const Instance& instance, std::span<const std::size_t> slots);

// The limits of the database a model lives in.
inline const ColumnLimits& columnLimits(const Model& model) {
  return model.sequelize().dialect().capabilities().limits;
}

}  // namespace sequelize::detail
