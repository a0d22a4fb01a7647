// User values into instances: build, set and read back arbitrary values on a model with every
// DataType. Invariants: only sequelize errors are thrown; toJSON is always valid JSON; values
// read back with as<T>() either convert or throw TypeError / RangeError.
#include <fuzzer/FuzzedDataProvider.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "fuzz_values.hpp"
#include "sequelize/sequelize.hpp"

namespace {

using namespace sequelize;

struct Schema {
  Sequelize db{"sqlite::memory:"};
  Model& Thing = db.define("Thing", {{"i", DataTypes::INTEGER},
                                     {"big", DataTypes::BIGINT},
                                     {"s", DataTypes::STRING},
                                     {"t", DataTypes::TEXT},
                                     {"bo", DataTypes::BOOLEAN},
                                     {"d", DataTypes::DATE},
                                     {"donly", DataTypes::DATEONLY},
                                     {"f", DataTypes::FLOAT},
                                     {"dec", DataTypes::DECIMAL(10, 2)},
                                     {"u", DataTypes::UUID},
                                     {"j", DataTypes::JSON},
                                     {"bl", DataTypes::BLOB}});
  Model& Child = db.define("Child", {{"x", DataTypes::STRING}});
  Schema() { Thing.hasOne(Child, {.as = "child"}); }
};

const char* const kKeys[] = {"i", "big", "s", "t", "bo", "d",     "donly",
                             "f", "dec", "u", "j", "bl", "child", "id"};

template <class T>
void readAs(const Value& v) {
  try {
    (void)v.as<std::optional<T>>();
  } catch (const TypeError&) {
  } catch (const RangeError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Schema schema;
  FuzzedDataProvider in(data, size);
  Values values;
  const int n = in.ConsumeIntegralInRange<int>(0, 8);
  for (int i = 0; i < n; ++i) {
    std::string key =
        in.ConsumeBool()
            ? std::string(kKeys[in.ConsumeIntegralInRange<std::size_t>(0, std::size(kKeys) - 1)])
            : in.ConsumeRandomLengthString(8);
    values.push_back({std::move(key), fuzzcheck::makeValue(in)});
  }
  try {
    Instance thing = schema.Thing.build(values, {.include = {"child"}});
    for (int i = 0; i < 3 && in.remaining_bytes() > 0; ++i) {
      thing.set(kKeys[in.ConsumeIntegralInRange<std::size_t>(0, std::size(kKeys) - 1)],
                fuzzcheck::makeValue(in));
    }
    const std::string json = thing.toJSON();
    if (!nlohmann::json::accept(json)) __builtin_trap();
    for (const std::string& key : thing.keys()) {
      if (schema.Thing.attribute(key) == nullptr) continue;
      const Value& v = thing.get(key);
      readAs<std::int64_t>(v);
      readAs<std::uint32_t>(v);
      readAs<double>(v);
      readAs<bool>(v);
      readAs<std::string>(v);
      readAs<Date>(v);
      readAs<Blob>(v);
    }
  } catch (const Error&) {
    // rejected with a sequelize error: fine
  }
  return 0;
}
