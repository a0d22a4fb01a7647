// PostgreSQL's own renderings of every DataType, and what Sequelize gives back for each: the
// expected texts below were printed by Sequelize 6.37 against PostgreSQL 15 for the same model
// and values. (PostgreSQL only; the other dialects have their own.)
#include <cmath>
#include <limits>
#include <regex>

#include "support/json_writer.hpp"
#include "test_database.hpp"

namespace sequelize::test {
namespace {

class PostgresTypesTest : public DatabaseTest {
 protected:
  void SetUp() override {
    if (!isPostgres()) GTEST_SKIP() << "PostgreSQL's types";
    DatabaseTest::SetUp();
  }
};

// Timestamps written by the test run (createdAt, updatedAt) become <timestamp>; the one date
// the test gives is kept.
std::string withoutNow(const std::string& json) {
  static const std::regex iso(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
  std::string out;
  auto last = json.cbegin();
  for (std::sregex_iterator it(json.begin(), json.end(), iso), end; it != end; ++it) {
    out.append(last, (*it)[0].first);
    out.append(it->str() == "2020-01-02T03:04:05.678Z" ? it->str() : "<timestamp>");
    last = (*it)[0].second;
  }
  out.append(last, json.cend());
  return out;
}

Model& defineEveryType(Sequelize& db) {
  return db.define("Thing",
                   {
                       {"i", DataTypes::INTEGER},
                       {"iu", DataTypes::INTEGER.UNSIGNED()},
                       {"big", DataTypes::BIGINT},
                       {"s", DataTypes::STRING},
                       {"s64", DataTypes::STRING(64)},
                       {"t", DataTypes::TEXT},
                       {"bo", DataTypes::BOOLEAN},
                       {"d", DataTypes::DATE},
                       {"donly", DataTypes::DATEONLY},
                       {"f", DataTypes::FLOAT},
                       {"db", DataTypes::DOUBLE},
                       {"dec", DataTypes::DECIMAL(10, 2)},
                       {"u", DataTypes::UUID},
                       {"j", DataTypes::JSON},
                       {"jb", DataTypes::JSONB},
                       {"bl", DataTypes::BLOB},
                       {"si", DataTypes::SMALLINT},
                       {"r", DataTypes::REAL},
                       {"ch", DataTypes::CHAR(2)},
                       {"tm", DataTypes::TIME},
                       {"sb", DataTypes::STRING.BINARY()},
                       {"dec0", DataTypes::DECIMAL},
                       {"fl11", DataTypes::FLOAT(11)},
                       {"dbl114", DataTypes::DOUBLE(11, 4)},
                       {"big20", DataTypes::BIGINT(20)},
                       {"def", {.type = DataTypes::STRING, .defaultValue = "it's"}},
                       {"uq", {.type = DataTypes::STRING, .unique = true}},
                       {"defb", {.type = DataTypes::BOOLEAN, .defaultValue = false}},
                       {"defj", {.type = DataTypes::JSON, .defaultValue = Json{R"({"a":1})"}}},
                   });
}

TEST_F(PostgresTypesTest, EveryTypeIsWrittenAsSequelizeWritesIt) {
  defineEveryType(db());
  clearLog();
  db().sync({.force = true});
  const auto sql = statements();
  const auto create = std::find_if(
      sql.begin(), sql.end(), [](const std::string& s) { return s.starts_with("CREATE TABLE"); });
  ASSERT_NE(create, sql.end());
  EXPECT_EQ(*create,
            R"(CREATE TABLE IF NOT EXISTS "Things" ("id"   SERIAL , "i" INTEGER, "iu" INTEGER, )"
            R"("big" BIGINT, "s" VARCHAR(255), "s64" VARCHAR(64), "t" TEXT, "bo" BOOLEAN, "d" )"
            R"(TIMESTAMP WITH TIME ZONE, "donly" DATE, "f" FLOAT, "db" DOUBLE PRECISION, "dec" )"
            R"(DECIMAL(10,2), "u" UUID, "j" JSON, "jb" JSONB, "bl" BYTEA, "si" SMALLINT, "r" )"
            R"(REAL, "ch" CHAR(2), "tm" TIME, "sb" BYTEA, "dec0" DECIMAL, "fl11" FLOAT(11), )"
            R"("dbl114" DOUBLE PRECISION, "big20" BIGINT, "def" VARCHAR(255) DEFAULT 'it''s', )"
            R"("uq" VARCHAR(255) UNIQUE, "defb" BOOLEAN DEFAULT false, "defj" JSON DEFAULT )"
            R"('{"a":1}', "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP )"
            R"(WITH TIME ZONE NOT NULL, PRIMARY KEY ("id"));)");
}

TEST_F(PostgresTypesTest, EveryTypeRoundTripsAsSequelizeReturnsIt) {
  Model& Thing = defineEveryType(db());
  db().sync({.force = true});
  clearLog();
  const Instance created = Thing.create({{"i", 1},
                                         {"iu", 2000000000},
                                         {"big", 9007199254740993LL},
                                         {"s", "x"},
                                         {"s64", "y"},
                                         {"t", "z"},
                                         {"bo", true},
                                         {"d", Date::fromCivil(2020, 1, 2, 3, 4, 5, 678)},
                                         {"donly", "2020-01-02"},
                                         {"f", 1.5},
                                         {"db", 0.1},
                                         {"dec", 10.5},
                                         {"u", "5b8b1f3e-6f3c-4c1e-9a43-0f5e1d7c2b11"},
                                         {"j", Json{R"({"b":1,"a":[1,"x",null],"2":"two"})"}},
                                         {"jb", Json{R"({"b":1,"a":[1,"x",null],"2":"two"})"}},
                                         {"bl", Blob{0, 1, 2, 255}},
                                         {"uq", "u"},
                                         {"tm", "10:11:12"},
                                         {"ch", "ab"},
                                         {"sb", "zz"},
                                         {"dec0", "123.456"},
                                         {"r", 1.25},
                                         {"si", 4}});
  // RETURNING brings back every column: DECIMAL as the server formats it ("10.50"), BIGINT as
  // a string, JSONB in the server's key order, and the attributes not given appended last.
  EXPECT_EQ(
      withoutNow(created.toJSON()),
      R"({"def":"it's","defb":false,"defj":{"a":1},"id":1,"i":1,"iu":2000000000,)"
      R"("big":"9007199254740993","s":"x","s64":"y","t":"z","bo":true,)"
      R"("d":"2020-01-02T03:04:05.678Z","donly":"2020-01-02","f":1.5,"db":0.1,"dec":"10.50",)"
      R"("u":"5b8b1f3e-6f3c-4c1e-9a43-0f5e1d7c2b11","j":{"2":"two","b":1,"a":[1,"x",null]},)"
      R"("jb":{"2":"two","a":[1,"x",null],"b":1},"bl":{"type":"Buffer","data":[0,1,2,255]},)"
      R"("uq":"u","tm":"10:11:12","ch":"ab","sb":{"type":"Buffer","data":[122,122]},)"
      R"("dec0":"123.456","r":1.25,"si":4,"updatedAt":"<timestamp>","createdAt":"<timestamp>",)"
      R"("fl11":null,"dbl114":null,"big20":null})");
  ASSERT_EQ(statements().size(), 1u);
  EXPECT_TRUE(statements()[0].ends_with(
      R"(RETURNING "id","i","iu","big","s","s64","t","bo","d","donly","f","db","dec","u","j",)"
      R"("jb","bl","si","r","ch","tm","sb","dec0","fl11","dbl114","big20","def","uq","defb",)"
      R"("defj","createdAt","updatedAt";)"))
      << statements()[0];

  EXPECT_EQ(
      withoutNow(toJSON(Thing.findAll())),
      R"([{"id":1,"i":1,"iu":2000000000,"big":"9007199254740993","s":"x","s64":"y","t":"z",)"
      R"("bo":true,"d":"2020-01-02T03:04:05.678Z","donly":"2020-01-02","f":1.5,"db":0.1,)"
      R"("dec":"10.50","u":"5b8b1f3e-6f3c-4c1e-9a43-0f5e1d7c2b11",)"
      R"("j":{"2":"two","b":1,"a":[1,"x",null]},"jb":{"2":"two","a":[1,"x",null],"b":1},)"
      R"("bl":{"type":"Buffer","data":[0,1,2,255]},"si":4,"r":1.25,"ch":"ab","tm":"10:11:12",)"
      R"("sb":{"type":"Buffer","data":[122,122]},"dec0":"123.456","fl11":null,"dbl114":null,)"
      R"("big20":null,"def":"it's","uq":"u","defb":false,"defj":{"a":1},)"
      R"("createdAt":"<timestamp>","updatedAt":"<timestamp>"}])");

  // Values a program reads: exact integers, numbers from DECIMAL strings, bytes.
  const auto row = Thing.findByPk(1);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->get<std::int64_t>("big"), 9007199254740993LL);
  EXPECT_EQ(row->get<std::string>("big"), "9007199254740993");
  EXPECT_DOUBLE_EQ(row->get<double>("dec"), 10.5);
  EXPECT_EQ(row->get<Date>("d"), Date::fromCivil(2020, 1, 2, 3, 4, 5, 678));
  EXPECT_EQ(row->get<Blob>("sb"), (Blob{'z', 'z'}));
  EXPECT_EQ(row->get<bool>("defb"), false);
}

TEST_F(PostgresTypesTest, AttributesNotGivenComeBackLastFromReturning) {
  Model& Thing = defineEveryType(db());
  db().sync({.force = true});
  const Instance created = Thing.create({{"s", "only s"}});
  EXPECT_EQ(withoutNow(created.toJSON()),
            R"({"def":"it's","defb":false,"defj":{"a":1},"id":1,"s":"only s",)"
            R"("updatedAt":"<timestamp>","createdAt":"<timestamp>","i":null,"iu":null,)"
            R"("big":null,"s64":null,"t":null,"bo":null,"d":null,"donly":null,"f":null,)"
            R"("db":null,"dec":null,"u":null,"j":null,"jb":null,"bl":null,"si":null,"r":null,)"
            R"("ch":null,"tm":null,"sb":null,"dec0":null,"fl11":null,"dbl114":null,)"
            R"("big20":null,"uq":null})");
}

TEST_F(PostgresTypesTest, RawQueriesAreDecodedByColumnType) {
  const QueryResult r =
      db().query(R"(SELECT 1::int8 AS a, 1.5::numeric AS b, '2020-01-02'::date AS c, true AS d, )"
                 R"('{"a":1}'::json AS e, '\x00ff'::bytea AS f, 2::int2 AS g, )"
                 R"('2020-01-02 03:04:05.678+02'::timestamptz AS h, 0.25::float4 AS i, NULL AS j)");
  ASSERT_EQ(r.rows.size(), 1u);
  std::string json;
  detail::appendJsonValue(json, Value(r.rows[0]));
  // As Sequelize returns them (int8 and numeric as strings, date as a string).
  EXPECT_EQ(json, R"({"a":"1","b":"1.5","c":"2020-01-02","d":true,"e":{"a":1},)"
                  R"("f":{"type":"Buffer","data":[0,255]},"g":2,"h":"2020-01-02T01:04:05.678Z",)"
                  R"("i":0.25,"j":null})");
}

TEST_F(PostgresTypesTest, TypesPostgresqlLacksStillWork) {
  // Sequelize writes TINYINT and MEDIUMINT, which PostgreSQL rejects; SMALLINT and INTEGER hold
  // their values.
  Model& Small =
      db().define("Small", {{"tiny", DataTypes::TINYINT}, {"medium", DataTypes::MEDIUMINT(8)}});
  clearLog();
  db().sync({.force = true});
  bool found = false;
  for (const std::string& s : statements()) {
    if (s.starts_with("CREATE TABLE")) {
      found = true;
      EXPECT_NE(s.find(R"("tiny" SMALLINT, "medium" INTEGER)"), std::string::npos) << s;
    }
  }
  EXPECT_TRUE(found);
  Small.create({{"tiny", 127}, {"medium", 8388607}});
  const auto rows = Small.findAll();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].get<int>("tiny"), 127);
  EXPECT_EQ(rows[0].get<int>("medium"), 8388607);
}

TEST_F(PostgresTypesTest, UnsignedIntegersHoldOnlyWhatIntegerHolds) {
  Model& Counter = db().define("Counter", {{"n", DataTypes::INTEGER.UNSIGNED()}});
  db().sync({.force = true});
  // Refused before the server sees it (which would refuse it too, with 22003).
  try {
    Counter.create({{"n", 4000000000LL}});
    FAIL() << "expected ValidationError";
  } catch (const ValidationError& e) {
    EXPECT_EQ(std::string(e.what()),
              R"(4000000000 is out of range for attribute "n": its integer column holds the )"
              "integers from -2147483648 to 2147483647");
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].path, "n");
  }
  EXPECT_EQ(countRows(db(), "Counters"), 0);
}

TEST_F(PostgresTypesTest, SpecialFloatingValuesAndEdgeDates) {
  Model& M = db().define(
      "Measure",
      {{"x", DataTypes::DOUBLE}, {"when", DataTypes::DATE}, {"day", DataTypes::DATEONLY}});
  db().sync({.force = true});
  const double inf = std::numeric_limits<double>::infinity();
  M.create(
      {{"x", std::numeric_limits<double>::quiet_NaN()}, {"when", Date{-1}}, {"day", "1969-12-31"}});
  M.create({{"x", inf}, {"when", Date::fromCivil(9999, 12, 31, 23, 59, 59, 999)}});
  M.create({{"x", -inf}});
  M.create({{"x", 1e-300}});
  const auto rows = M.findAll({.order = {{"id", "ASC"}}});
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_TRUE(std::isnan(rows[0].get<double>("x")));
  EXPECT_EQ(rows[0].get<Date>("when"), Date{-1});  // before the epoch, to the millisecond
  EXPECT_EQ(rows[0].get<std::string>("day"), "1969-12-31");
  EXPECT_EQ(rows[1].get<double>("x"), inf);
  EXPECT_EQ(rows[1].get<Date>("when"), Date::fromCivil(9999, 12, 31, 23, 59, 59, 999));
  EXPECT_EQ(rows[2].get<double>("x"), -inf);
  EXPECT_EQ(rows[3].get<double>("x"), 1e-300);
}

TEST_F(PostgresTypesTest, TextWithANulByteIsRefusedBeforeItIsSent) {
  Model& Note = db().define("Note", {{"text", DataTypes::TEXT}});
  db().sync({.force = true});
  clearLog();
  try {
    Note.create({{"text", std::string("ab\0cd", 5)}});
    FAIL() << "expected DatabaseError";
  } catch (const DatabaseError& e) {
    // What the server says about a NUL byte, without cutting the value short at the NUL.
    EXPECT_EQ(e.code(), "22021");
  }
  EXPECT_EQ(countRows(db(), "Notes"), 0);
}

}  // namespace
}  // namespace sequelize::test
