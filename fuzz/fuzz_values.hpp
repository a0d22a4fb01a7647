#pragma once
// Builds arbitrary Values from fuzzer bytes: every kind, odd strings, nested objects.
#include <fuzzer/FuzzedDataProvider.h>

#include <limits>
#include <string>
#include <vector>

#include "sequelize/value.hpp"

namespace fuzzcheck {

inline sequelize::Value makeValue(FuzzedDataProvider& in, int depth = 0) {
  using sequelize::Value;
  switch (in.ConsumeIntegralInRange<int>(0, depth < 2 ? 11 : 9)) {
    case 0:
      return Value(nullptr);
    case 1:
      return Value(in.ConsumeBool());
    case 2:
      return Value(in.ConsumeIntegral<std::int64_t>());
    case 3:
      return Value(in.ConsumeFloatingPoint<double>());
    case 4:
      return Value(std::numeric_limits<double>::quiet_NaN());
    case 5:
      return Value(in.ConsumeRandomLengthString(64));
    case 6:
      return Value(std::string("\x01VAL") + in.ConsumeRandomLengthString(32));
    case 7: {
      const std::string bytes = in.ConsumeRandomLengthString(32);
      return Value(sequelize::Blob(bytes.begin(), bytes.end()));
    }
    case 8:
      return Value(sequelize::Date{
          in.ConsumeIntegralInRange<std::int64_t>(-62135596800000LL, 253402300799999LL)});
    case 9:
      return Value::undefined();
    case 10: {
      std::vector<Value> items;
      const int n = in.ConsumeIntegralInRange<int>(0, 4);
      for (int i = 0; i < n; ++i) items.push_back(makeValue(in, depth + 1));
      return Value(std::move(items));
    }
    default: {
      sequelize::Values fields;
      const int n = in.ConsumeIntegralInRange<int>(0, 4);
      for (int i = 0; i < n; ++i)
        fields.push_back({in.ConsumeRandomLengthString(8), makeValue(in, depth + 1)});
      return Value(std::move(fields));
    }
  }
}

}  // namespace fuzzcheck
