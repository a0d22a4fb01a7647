#pragma once
// Values set on an attribute are brought to the form Sequelize keeps for its type (its
// DataType _sanitize step): strings and numbers given for DATE become Dates, DATEONLY values
// become "YYYY-MM-DD", 0/1/"true" for BOOLEAN become booleans, anything for JSON becomes JSON
// text, strings for BLOB become bytes. Values that cannot be brought over are kept as they are
// and caught by validation.
#include "sequelize/data_types.hpp"
#include "sequelize/value.hpp"

namespace sequelize::detail {

Value coerceForType(const DataType& type, const Value& value);
Value coerceForType(const DataType& type, Value&& value);

}  // namespace sequelize::detail
