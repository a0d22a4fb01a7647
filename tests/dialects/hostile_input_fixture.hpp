#pragma once
// The fixture of the hostile-input tests: a model to write hostile values into, and a check that
// each one is either stored and read back exactly, or refused with a sequelize error and nothing
// stored (counted with plain SQL).
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

#include "test_database.hpp"

namespace sequelize::test {

class HostileInputTest : public DatabaseTest {
 protected:
  Model& defineSink(const std::string& tableName = "hostile_sink") {
    Model& sink = db().define("Sink",
                              {{"short", DataTypes::STRING(16)},
                               {"text", DataTypes::TEXT},
                               {"bytes", DataTypes::BLOB},
                               {"int", DataTypes::INTEGER},
                               {"uint", DataTypes::INTEGER.UNSIGNED()},
                               {"big", DataTypes::BIGINT},
                               {"real", DataTypes::DOUBLE}},
                              {.tableName = tableName, .timestamps = false});
    db().sync({.force = true});
    return sink;
  }

  // Writes `value` into `attribute` of a new row. Returns true when the row was stored (and then
  // checks that reading it back gives `expected`), false when it was refused with a sequelize
  // error; in both cases the table holds exactly the rows stored so far.
  // The error of the last refusal is kept in refusal().
  bool storesExactly(Model& sink, const std::string& attribute, const Value& value,
                     const Value& expected) {
    const std::int64_t before = countRows(db(), sink.tableName());
    std::optional<Instance> created;
    try {
      created = sink.create({{attribute, value}});
    } catch (const BaseError& e) {
      EXPECT_TRUE(std::string(e.name()).starts_with("Sequelize")) << e.name();
      EXPECT_EQ(countRows(db(), sink.tableName()), before) << "a refused row was kept";
      refusal_ = {std::string(e.name()), e.what()};
      return false;
    } catch (const Error& e) {  // refused before any SQL (plain Error is Sequelize's Error)
      EXPECT_EQ(countRows(db(), sink.tableName()), before) << "a refused row was kept";
      refusal_ = {std::string(e.name()), e.what()};
      return false;
    }
    EXPECT_EQ(countRows(db(), sink.tableName()), before + 1);
    const std::optional<Instance> back = sink.findByPk(created->get("id"));
    EXPECT_TRUE(back.has_value());
    if (back) expectSame(back->get(attribute), expected, attribute);
    // The instance create returned holds what was sent, and the row holds it too.
    return true;
  }

  static void expectSame(const Value& got, const Value& expected, const std::string& what) {
    if (expected.kind() == ValueKind::Double && std::isnan(expected.number())) {
      ASSERT_TRUE(got.isNumber()) << what;
      EXPECT_TRUE(std::isnan(got.as<double>())) << what;
      return;
    }
    if (expected.kind() == ValueKind::Double) {
      ASSERT_TRUE(got.isNumber()) << what;
      EXPECT_EQ(got.as<double>(), expected.number()) << what;
      return;
    }
    if (expected.kind() == ValueKind::Int) {
      EXPECT_EQ(got.as<std::int64_t>(), expected.integer()) << what;
      return;
    }
    if (expected.kind() == ValueKind::Bool) {
      EXPECT_EQ(got.as<bool>(), expected.boolean()) << what;
      return;
    }
    if (expected.kind() == ValueKind::Date) {
      ASSERT_EQ(got.kind(), ValueKind::Date) << what;
      EXPECT_EQ(got.date(), expected.date())
          << what << ": " << got.date().toISOString() << " for " << expected.date().toISOString();
      return;
    }
    ASSERT_EQ(got.kind(), expected.kind()) << what;
    EXPECT_EQ(got.text(), expected.text()) << what;
  }

  struct Refusal {
    std::string name;  // the error's name(), "SequelizeValidationError"
    std::string message;
  };
  const Refusal& refusal() const { return refusal_; }

 private:
  Refusal refusal_;
};

}  // namespace sequelize::test
