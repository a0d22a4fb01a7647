// Numbers a column cannot hold exactly, on every dialect: fractions and text in integer columns,
// integers beyond a column's range, text in numeric and boolean columns, digits beyond a
// DECIMAL's scale. Each value is either stored and read back exactly, or refused with a
// ValidationError before any SQL — never rounded (MariaDB stores 2.5 into an INTEGER as 3),
// converted to a double (SQLite turns integer text beyond 64 bits into one) or stored as text.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "hostile_input_fixture.hpp"

namespace sequelize::test {
namespace {

using namespace std::string_literals;

constexpr std::uint64_t kTwoTo63 = std::uint64_t{1} << 63;

// An integer from -2^63 to 2^64-1, as sign and magnitude.
struct Exact {
  bool negative = false;
  std::uint64_t magnitude = 0;

  // How a column reads it back: an integer, or above 2^63-1 its exact digits (MariaDB's BIGINT
  // UNSIGNED, as the README says).
  [[nodiscard]] Value readBack() const {
    if (negative) return Value(static_cast<std::int64_t>(0 - magnitude));
    if (magnitude < kTwoTo63) return Value(static_cast<std::int64_t>(magnitude));
    return Value(std::to_string(magnitude));
  }
};

Exact exact(std::int64_t v) {
  return v < 0 ? Exact{true, 0 - static_cast<std::uint64_t>(v)}
               : Exact{false, static_cast<std::uint64_t>(v)};
}

struct IntegerColumn {
  std::string attribute;
  DataType type;
};

std::vector<IntegerColumn> integerColumns() {
  return {{"int", DataTypes::INTEGER},      {"uint", DataTypes::INTEGER.UNSIGNED()},
          {"big", DataTypes::BIGINT},       {"ubig", DataTypes::BIGINT.UNSIGNED()},
          {"small", DataTypes::SMALLINT},   {"usmall", DataTypes::SMALLINT.UNSIGNED()},
          {"tiny", DataTypes::TINYINT},     {"utiny", DataTypes::TINYINT.UNSIGNED()},
          {"medium", DataTypes::MEDIUMINT}, {"umedium", DataTypes::MEDIUMINT.UNSIGNED()}};
}

// What the column holds on the database under test: SQLite stores every integer column as a
// 64-bit integer; PostgreSQL has SMALLINT (for TINYINT too), INTEGER (MEDIUMINT too) and BIGINT,
// all signed; MariaDB has every size, signed and UNSIGNED.
bool holds(const DataType& type, const Exact& v) {
  unsigned bits = 64;
  bool isUnsigned = false;
  if (isPostgres()) {
    bits = type.key() == TypeKey::TINYINT || type.key() == TypeKey::SMALLINT ? 16
           : type.key() == TypeKey::BIGINT                                   ? 64
                                                                             : 32;
  } else if (isMariadb()) {
    bits = type.key() == TypeKey::TINYINT     ? 8
           : type.key() == TypeKey::SMALLINT  ? 16
           : type.key() == TypeKey::MEDIUMINT ? 24
           : type.key() == TypeKey::INTEGER   ? 32
                                              : 64;
    isUnsigned = type.isUnsigned();
  }
  if (isUnsigned) {
    if (v.negative && v.magnitude != 0) return false;
    return bits == 64 || v.magnitude < (std::uint64_t{1} << bits);
  }
  const std::uint64_t half = std::uint64_t{1} << (bits - 1);
  return v.negative ? v.magnitude <= half : v.magnitude < half;
}

class HostileNumbersTest : public HostileInputTest {
 protected:
  Model& defineNumbers() {
    AttributeDefinitions attributes;
    for (const IntegerColumn& c : integerColumns()) attributes.emplace_back(c.attribute, c.type);
    attributes.emplace_back("dbl", DataTypes::DOUBLE);
    attributes.emplace_back("money", DataTypes::DECIMAL(10, 2));
    attributes.emplace_back("dec", DataTypes::DECIMAL);
    attributes.emplace_back("flag", DataTypes::BOOLEAN);
    Model& m =
        db().define("Number", attributes, {.tableName = "hostile_numbers", .timestamps = false});
    db().sync({.force = true});
    return m;
  }

  void expectRefusedAsInvalid(const std::string& what) {
    EXPECT_EQ(refusal().name, "SequelizeValidationError") << what << ": " << refusal().message;
  }
};

TEST_F(HostileNumbersTest, IntegerColumnsStoreEveryIntegerTheyHoldAndRefuseTheRest) {
  Model& sink = defineNumbers();
  const std::int64_t int64Max = std::numeric_limits<std::int64_t>::max();
  const std::int64_t int64Min = std::numeric_limits<std::int64_t>::min();
  // Each value and the integer it names.
  const std::vector<std::pair<Value, Exact>> integers = {
      {Value(0), exact(0)},
      {Value(-1), exact(-1)},
      {Value(127), exact(127)},
      {Value(128), exact(128)},
      {Value(255), exact(255)},
      {Value(256), exact(256)},
      {Value(-128), exact(-128)},
      {Value(-129), exact(-129)},
      {Value(32767), exact(32767)},
      {Value(32768), exact(32768)},
      {Value(65535), exact(65535)},
      {Value(65536), exact(65536)},
      {Value(8388607), exact(8388607)},
      {Value(8388608), exact(8388608)},
      {Value(16777215), exact(16777215)},
      {Value(16777216), exact(16777216)},
      {Value(2147483647), exact(2147483647)},
      {Value(std::int64_t{2147483648}), exact(2147483648)},
      {Value(std::int64_t{-2147483649}), exact(-2147483649)},
      {Value(std::int64_t{4294967295}), exact(4294967295)},
      {Value(std::int64_t{4294967296}), exact(4294967296)},
      {Value(int64Max), exact(int64Max)},
      {Value(int64Min), exact(int64Min)},
      {Value(4.0), exact(4)},  // an integral double is that integer
      {Value(-3.0), exact(-3)},
      {Value(9007199254740992.0), exact(9007199254740992)},
      {Value(9223372036854775808.0), Exact{false, kTwoTo63}},
      {Value(18446744073709551616.0), Exact{false, 0}},  // 2^64: beyond every column, see below
      {Value("42"), exact(42)},
      {Value("-42"), exact(-42)},
      {Value("+7"), exact(7)},
      {Value("007"), exact(7)},
      {Value("9223372036854775807"), exact(int64Max)},
      {Value("-9223372036854775808"), exact(int64Min)},
      {Value("9223372036854775808"), Exact{false, kTwoTo63}},
      {Value("18446744073709551615"), Exact{false, std::numeric_limits<std::uint64_t>::max()}},
  };
  for (const IntegerColumn& c : integerColumns()) {
    for (const auto& [value, integer] : integers) {
      SCOPED_TRACE(c.attribute + " <- " + value.as<std::string>());
      const bool beyond64Bits = value.kind() == ValueKind::Double && value.number() >= 1.8e19;
      const bool expected = !beyond64Bits && holds(c.type, integer);
      EXPECT_EQ(storesExactly(sink, c.attribute, value, integer.readBack()), expected);
      if (!expected) expectRefusedAsInvalid(c.attribute);
    }
  }
  // Integer text beyond 64 bits is refused everywhere.
  for (const std::string text :
       {"18446744073709551616", "-9223372036854775809", "99999999999999999999999999999"}) {
    for (const IntegerColumn& c : integerColumns()) {
      SCOPED_TRACE(c.attribute + " <- " + text);
      EXPECT_FALSE(storesExactly(sink, c.attribute, Value(text), Value(text)));
      expectRefusedAsInvalid(c.attribute);
    }
  }
}

TEST_F(HostileNumbersTest, IntegerColumnsRefuseFractionsAndWhatIsNotAnInteger) {
  Model& sink = defineNumbers();
  const std::vector<Value> notIntegers = {
      Value(2.5),
      Value(3.7),
      Value(-0.5),
      Value(1e-300),
      Value(std::numeric_limits<double>::quiet_NaN()),
      Value(std::numeric_limits<double>::infinity()),
      Value("2.5"),
      Value("abc"),
      Value(""),
      Value(" 5"),
      Value("5 "),
      Value("1e3"),
      Value("0x10"),
      Value("-"),
      Value(true),
      Value(Date::fromCivil(2026, 1, 1)),
      Value(Blob{1, 2}),
  };
  for (const IntegerColumn& c : integerColumns()) {
    for (const Value& v : notIntegers) {
      SCOPED_TRACE(c.attribute + " <- " + std::string(kindName(v.kind())) + " " +
                   (v.isString() ? std::string(v.text()) : std::string()));
      EXPECT_FALSE(storesExactly(sink, c.attribute, v, v));
      expectRefusedAsInvalid(c.attribute);
    }
  }
  EXPECT_EQ(countRows(db(), "hostile_numbers"), 0);
  // Sequelize's message: "%j is not a valid <type>".
  try {
    sink.create({{"int", 2.5}});
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(std::string(e.what()), "2.5 is not a valid integer");
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].path, "int");
    EXPECT_EQ(e.errors()[0].validatorKey, "INTEGER validator");
  }
  try {
    sink.create({{"big", "abc"}});
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(std::string(e.what()), "\"abc\" is not a valid bigint");
  }
}

// Every way a value reaches an integer column is checked: create, build + save, instance set +
// save, static update (validated or not), bulkCreate, upsert, where operands, findByPk and
// increment amounts. Nothing is sent when one is refused.
TEST_F(HostileNumbersTest, EveryWayAValueReachesAnIntegerColumnIsChecked) {
  Model& sink = defineNumbers();
  Instance row = sink.create({{"int", 5}});
  const std::string table = "hostile_numbers";
  const auto intInTable = [&] {
    return db()
        .query("SELECT " + quoted(db(), "int") + " FROM " + quoted(db(), table), {.silent = true})
        .rows.at(0)
        .at(0)
        .value.as<std::int64_t>();
  };
  clearLog();
  // build + save: set() keeps what it is given (as Sequelize); the write refuses it.
  Instance built = sink.build({{"int", 2.5}});
  EXPECT_THROW(built.save(), ValidationError);
  row.set("int", 3.7);
  EXPECT_THROW(row.save(), ValidationError);
  EXPECT_THROW(row.update({{"int", "3.7"}}), ValidationError);
  EXPECT_THROW((void)sink.update({{"int", 2.5}}, {.where = Where::allRows()}), ValidationError);
  EXPECT_THROW((void)sink.update({{"int", 2.5}}, {.where = Where::allRows(), .validate = false}),
               ValidationError);
  EXPECT_THROW((void)sink.bulkCreate({{{"int", 1}}, {{"int", 2.5}}}), ValidationError);
  EXPECT_THROW((void)sink.bulkCreate({{{"int", 1}}, {{"int", 2.5}}}, {.validate = true}),
               ValidationError);
  EXPECT_THROW((void)sink.upsert({{"id", row.get("id")}, {"int", 2.5}}), ValidationError);
  EXPECT_THROW((void)sink.findAll({.where = {{"int", 2.5}}}), ValidationError);
  EXPECT_THROW((void)sink.findAll({.where = {{"int", "abc"}}}), ValidationError);
  EXPECT_THROW((void)sink.findAll({.where = {{"int", Op::in({5, 2.5})}}}), ValidationError);
  EXPECT_THROW((void)sink.findAll({.where = {{"int", Op::gt("x")}}}), ValidationError);
  EXPECT_THROW((void)sink.findAll({.where = {{"tiny", "99999999999999999999"}}}), ValidationError);
  EXPECT_THROW((void)sink.count({.where = {{"int", 2.5}}}), ValidationError);
  EXPECT_THROW((void)sink.destroy({.where = {{"int", 2.5}}}), ValidationError);
  EXPECT_THROW((void)sink.findByPk(2.5), ValidationError);
  EXPECT_THROW((void)sink.findByPk("one"), ValidationError);
  EXPECT_THROW((void)sink.increment("int", {.where = Where::allRows(), .by = 2.5}),
               ValidationError);
  EXPECT_THROW((void)row.increment("int", {.by = 0.5}), ValidationError);
  EXPECT_TRUE(statements().empty()) << statements().front();
  EXPECT_EQ(countRows(db(), table), 1);
  EXPECT_EQ(intInTable(), 5);

  // What the column holds goes through every one of them.
  EXPECT_EQ(sink.findAll({.where = {{"int", 5.0}}}).size(), 1u);
  EXPECT_EQ(sink.findAll({.where = {{"int", "5"}}}).size(), 1u);
  EXPECT_TRUE(sink.findByPk(row.get("id").as<double>()));
  EXPECT_EQ(sink.increment("int", {.where = {{"int", Op::in({5, 6.0})}}, .by = 2.0}), 1);
  EXPECT_EQ(intInTable(), 7);
  EXPECT_EQ(sink.update({{"int", "8"}}, {.where = {{"int", 7}}}), 1);
  EXPECT_EQ(intInTable(), 8);
}

// A BIGINT UNSIGNED beyond 2^63-1 (MariaDB) is written, compared and read as exact digits: the
// two largest values stay apart.
TEST_F(HostileNumbersTest, UnsignedBigintAboveInt64StaysExactOnMariadb) {
  if (!isMariadb()) GTEST_SKIP() << "only MariaDB has BIGINT UNSIGNED";
  Model& sink = defineNumbers();
  sink.create({{"ubig", "18446744073709551615"}});
  sink.create({{"ubig", "18446744073709551614"}});
  sink.create({{"ubig", 9223372036854775808.0}});
  const auto found = sink.findAll({.where = {{"ubig", "18446744073709551614"}}});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].get<std::string>("ubig"), "18446744073709551614");
  EXPECT_EQ(sink.findAll({.where = {{"ubig", Op::gte("9223372036854775808")}}}).size(), 3u);
  const QueryResult text =
      db().query("SELECT CAST(`ubig` AS CHAR) FROM `hostile_numbers` ORDER BY `id`");
  ASSERT_EQ(text.rows.size(), 3u);
  EXPECT_EQ(text.rows[0].at(0).value.as<std::string>(), "18446744073709551615");
  EXPECT_EQ(text.rows[1].at(0).value.as<std::string>(), "18446744073709551614");
  EXPECT_EQ(text.rows[2].at(0).value.as<std::string>(), "9223372036854775808");
}

TEST_F(HostileNumbersTest, NumericAndBooleanColumnsRefuseWhatTheyWouldChange) {
  Model& sink = defineNumbers();
  // DOUBLE: numbers and numeric text; not other text, nor integers no double holds.
  EXPECT_TRUE(storesExactly(sink, "dbl", Value("1.5"), Value(1.5)));
  EXPECT_TRUE(storesExactly(sink, "dbl", Value(std::int64_t{1} << 53), Value(9007199254740992.0)));
  for (const Value& v :
       {Value("abc"), Value(""), Value("1e400"), Value("NaN"), Value(true),
        Value((std::int64_t{1} << 53) + 1), Value(std::numeric_limits<std::int64_t>::max())}) {
    SCOPED_TRACE(v.as<std::string>());
    EXPECT_FALSE(storesExactly(sink, "dbl", v, v));
    expectRefusedAsInvalid("dbl");
  }
  // DECIMAL(10,2): at most two digits after the point, never rounded.
  for (const Value& v :
       {Value("1.50"), Value("-12345678.99"), Value(1.25), Value(7), Value("0.1")}) {
    SCOPED_TRACE(v.as<std::string>());
    const std::int64_t before = countRows(db(), "hostile_numbers");
    const Instance made = sink.create({{"money", v}});
    EXPECT_EQ(countRows(db(), "hostile_numbers"), before + 1);
    EXPECT_DOUBLE_EQ(sink.findByPk(made.get("id"))->get<double>("money"), v.as<double>());
  }
  for (const Value& v :
       {Value("1.005"), Value(1.005), Value(0.1 + 0.2), Value("abc"), Value("1e2"), Value("1."),
        Value(std::numeric_limits<double>::quiet_NaN()), Value(true)}) {
    SCOPED_TRACE(v.as<std::string>());
    EXPECT_FALSE(storesExactly(sink, "money", v, v));
    expectRefusedAsInvalid("money");
  }
  // DECIMAL without precision: PostgreSQL's NUMERIC keeps every digit; MariaDB's is
  // DECIMAL(10,0); SQLite keeps 15 significant digits of a fraction (a double).
  const std::string manyDigits = "0.1234567890123456789";
  EXPECT_EQ(storesExactly(sink, "dec", Value(manyDigits), Value(manyDigits)), isPostgres());
  EXPECT_EQ(storesExactly(sink, "dec", Value("0.5"), Value(isSqlite() ? Value(0.5) : Value("0.5"))),
            !isMariadb());
  // An integer: exact on SQLite (stored as one) and PostgreSQL; too long for DECIMAL(10,0).
  EXPECT_EQ(storesExactly(sink, "dec", Value("9223372036854775807"),
                          isSqlite() ? Value(std::numeric_limits<std::int64_t>::max())
                                     : Value("9223372036854775807")),
            !isMariadb());
  // BOOLEAN: true, false, 0, 1 and their strings; nothing else.
  EXPECT_TRUE(storesExactly(sink, "flag", Value("true"), Value(true)));
  EXPECT_TRUE(storesExactly(sink, "flag", Value(0), Value(false)));
  for (const Value& v : {Value(2), Value(-1), Value(0.5), Value("yes"), Value("TRUE"), Value("")}) {
    SCOPED_TRACE(v.as<std::string>());
    EXPECT_FALSE(storesExactly(sink, "flag", v, v));
    expectRefusedAsInvalid("flag");
  }
}

}  // namespace
}  // namespace sequelize::test
