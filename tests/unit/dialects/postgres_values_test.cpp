// The PostgreSQL dialect's pure parts, without a server: values to and from text, the SQLSTATE
// classification, connection settings from URLs, and the statement cache.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "connection/url.hpp"
#include "dialects/postgres/postgres_conninfo.hpp"
#include "dialects/postgres/postgres_errors.hpp"
#include "dialects/postgres/postgres_statement_cache.hpp"
#include "dialects/postgres/postgres_values.hpp"
#include "sequelize/errors.hpp"
#include "support/json_writer.hpp"

namespace sequelize::detail {
namespace {

std::string paramText(const Value& v) {
  std::string scratch;
  const char* text = postgresParamText(v, scratch);
  return text == nullptr ? std::string("<NULL>") : std::string(text);
}

std::string json(const Value& v) {
  std::string out;
  appendJsonValue(out, v);
  return out;
}

TEST(PostgresValuesTest, BoundValuesAsSequelizeSendsThem) {
  EXPECT_EQ(paramText(Value(nullptr)), "<NULL>");
  EXPECT_EQ(paramText(Value::undefined()), "<NULL>");
  EXPECT_EQ(paramText(true), "true");
  EXPECT_EQ(paramText(false), "false");
  EXPECT_EQ(paramText(-9007199254740993LL), "-9007199254740993");
  EXPECT_EQ(paramText(0.1), "0.1");
  EXPECT_EQ(paramText(1e21), "1e+21");
  EXPECT_EQ(paramText(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(paramText(-std::numeric_limits<double>::infinity()), "-Infinity");
  EXPECT_EQ(paramText("héllo"), "héllo");
  EXPECT_EQ(paramText(Date::fromCivil(2020, 1, 2, 3, 4, 5, 678)), "2020-01-02 03:04:05.678 +00:00");
  EXPECT_EQ(paramText(Blob{0, 1, 0xab, 0xff}), "\\x0001abff");
  EXPECT_EQ(paramText(Blob{}), "\\x");
  EXPECT_EQ(paramText(Value::rawJson(R"({"a":1})")), R"({"a":1})");
  EXPECT_THROW(paramText(Value(Values{{"a", 1}})), TypeError);
  try {
    paramText(std::string("a\0b", 3));
    FAIL() << "expected DatabaseError";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.code(), "22021");
    EXPECT_EQ(std::string(e.what()), "invalid byte sequence for encoding \"UTF8\": 0x00");
  }
}

TEST(PostgresValuesTest, ListsAsOneArrayText) {
  const std::vector<Value> items{
      Value(1),        Value(nullptr), Value("a \"b\""), Value("c\\d"), Value("NULL"),
      Value("{x, y}"), Value(""),      Value(2.5),       Value(true),   Value(Blob{0x01, 0xab})};
  EXPECT_EQ(postgresArrayText(items),
            R"({"1",NULL,"a \"b\"","c\\d","NULL","{x, y}","","2.5","true","\\x01ab"})");
  EXPECT_EQ(postgresArrayText({}), "{}");
}

// Years outside 1 to 9999 as PostgreSQL writes them: more digits, or BC (1 BC is the year 0).
TEST(PostgresValuesTest, FarDatesAreSentInPostgresqlsOwnForm) {
  EXPECT_EQ(paramText(Date::fromCivil(2026, 11, 24, 10, 0, 0, 5)),
            "2026-11-24 10:00:00.005 +00:00");
  EXPECT_EQ(paramText(Date::fromCivil(10000, 1, 1)), "10000-01-01 00:00:00.000 +00:00");
  EXPECT_EQ(paramText(Date::fromCivil(294276, 12, 31, 23, 59, 59, 999)),
            "294276-12-31 23:59:59.999 +00:00");
  EXPECT_EQ(paramText(Date::fromCivil(0, 2, 29, 12)), "0001-02-29 12:00:00.000 +00:00 BC");
  EXPECT_EQ(paramText(Date::fromCivil(-4713, 11, 24)), "4714-11-24 00:00:00.000 +00:00 BC");
  // What is sent reads back as the same instant.
  for (const Date d : {Date::fromCivil(10000, 1, 1), Date::fromCivil(0, 2, 29, 12),
                       Date::fromCivil(-4713, 11, 24)}) {
    EXPECT_EQ(Date::parse(paramText(d)), d) << paramText(d);
  }
}

TEST(PostgresValuesTest, ResultsPerAttributeType) {
  EXPECT_EQ(json(postgresDecodeTyped("-42", DataTypes::INTEGER)), "-42");
  EXPECT_EQ(json(postgresDecodeTyped("7", DataTypes::SMALLINT)), "7");
  EXPECT_EQ(json(postgresDecodeTyped("9007199254740993", DataTypes::BIGINT)),
            R"("9007199254740993")");
  EXPECT_EQ(json(postgresDecodeTyped("10.50", DataTypes::DECIMAL(10, 2))), R"("10.50")");
  EXPECT_EQ(json(postgresDecodeTyped("0.1", DataTypes::DOUBLE)), "0.1");
  EXPECT_TRUE(std::isnan(postgresDecodeTyped("NaN", DataTypes::FLOAT).number()));
  EXPECT_EQ(postgresDecodeTyped("-Infinity", DataTypes::REAL).number(),
            -std::numeric_limits<double>::infinity());
  EXPECT_EQ(json(postgresDecodeTyped("t", DataTypes::BOOLEAN)), "true");
  EXPECT_EQ(json(postgresDecodeTyped("f", DataTypes::BOOLEAN)), "false");
  EXPECT_EQ(json(postgresDecodeTyped("2026-11-24 10:00:00.123+00", DataTypes::DATE)),
            R"("2026-11-24T10:00:00.123Z")");
  EXPECT_EQ(json(postgresDecodeTyped("2026-11-24 10:00:00.123456+05:30", DataTypes::DATE)),
            R"("2026-11-24T04:30:00.123Z")");
  EXPECT_EQ(json(postgresDecodeTyped("infinity", DataTypes::DATE)), R"("infinity")");
  EXPECT_EQ(json(postgresDecodeTyped("2020-01-02", DataTypes::DATEONLY)), R"("2020-01-02")");
  EXPECT_EQ(json(postgresDecodeTyped("10:11:12", DataTypes::TIME)), R"("10:11:12")");
  EXPECT_EQ(json(postgresDecodeTyped(R"({"b": 1, "2": [true]})", DataTypes::JSONB)),
            R"({"2":[true],"b":1})");
  EXPECT_EQ(json(postgresDecodeTyped("\\x00ff", DataTypes::BLOB)),
            R"({"type":"Buffer","data":[0,255]})");
  EXPECT_EQ(json(postgresDecodeTyped("\\x7a7a", DataTypes::STRING.BINARY())),
            R"({"type":"Buffer","data":[122,122]})");
  EXPECT_EQ(json(postgresDecodeTyped("\\x7a7a", DataTypes::STRING)), R"("\\x7a7a")");
}

TEST(PostgresValuesTest, RawResultsPerColumnType) {
  EXPECT_EQ(json(postgresDecodeRaw("2", pg_oid::kInt4)), "2");
  EXPECT_EQ(json(postgresDecodeRaw("2", pg_oid::kInt2)), "2");
  EXPECT_EQ(json(postgresDecodeRaw("2", pg_oid::kInt8)), R"("2")");
  EXPECT_EQ(json(postgresDecodeRaw("1.5", pg_oid::kNumeric)), R"("1.5")");
  EXPECT_EQ(json(postgresDecodeRaw("0.25", pg_oid::kFloat4)), "0.25");
  EXPECT_EQ(json(postgresDecodeRaw("t", pg_oid::kBool)), "true");
  EXPECT_EQ(json(postgresDecodeRaw("2020-01-02", pg_oid::kDate)), R"("2020-01-02")");
  EXPECT_EQ(json(postgresDecodeRaw("2020-01-02 03:04:05+00", pg_oid::kTimestamptz)),
            R"("2020-01-02T03:04:05.000Z")");
  EXPECT_EQ(json(postgresDecodeRaw(R"([1, {"a": null}])", pg_oid::kJson)), R"([1,{"a":null}])");
  EXPECT_EQ(json(postgresDecodeRaw("\\x", pg_oid::kBytea)), R"({"type":"Buffer","data":[]})");
  EXPECT_EQ(json(postgresDecodeRaw("text", 25)), R"("text")");
}

PostgresErrorFields fields(std::string sqlstate, std::string detail = {}) {
  PostgresErrorFields e;
  e.sqlstate = std::move(sqlstate);
  e.message = "the server's message";
  e.detail = std::move(detail);
  e.table = "Cars";
  return e;
}

// The class of error each SQLSTATE becomes, as its name().
std::string classify(const PostgresErrorFields& e, bool connectionLost = false) {
  try {
    throwPostgresError(e, connectionLost, "SELECT 1", {});
  } catch (const DatabaseError& d) {
    return std::string(d.name()) + (d.isRetryable() ? " (retryable)" : "");
  } catch (const Error& other) {
    return std::string(other.name());
  }
  return "nothing thrown";
}

TEST(PostgresErrorsTest, ClassifiedBySqlstate) {
  EXPECT_EQ(classify(fields("23505", "Key (email)=(a@x) already exists.")),
            "SequelizeUniqueConstraintError");
  EXPECT_EQ(classify(fields("23503")), "SequelizeForeignKeyConstraintError");
  EXPECT_EQ(classify(fields("23502")), "SequelizeDatabaseError");
  EXPECT_EQ(classify(fields("23P01")), "SequelizeExclusionConstraintError");
  EXPECT_EQ(classify(fields("40001")), "SequelizeDatabaseError (retryable)");
  EXPECT_EQ(classify(fields("40P01")), "SequelizeDatabaseError (retryable)");
  EXPECT_EQ(classify(fields("08006")), "SequelizeConnectionError");
  EXPECT_EQ(classify(fields("08P01")), "SequelizeConnectionError");
  // Raised at ERROR severity a class 08 error leaves the session as it was (a Bind message with
  // the wrong number of values): a DatabaseError. FATAL ends the session.
  PostgresErrorFields atError = fields("08P01");
  atError.severity = "ERROR";
  EXPECT_EQ(classify(atError), "SequelizeDatabaseError");
  EXPECT_FALSE(endsPostgresSession(atError, false));
  EXPECT_TRUE(endsPostgresSession(atError, true));
  PostgresErrorFields fatal = fields("08P01");
  fatal.severity = "FATAL";
  EXPECT_EQ(classify(fatal), "SequelizeConnectionError");
  EXPECT_TRUE(endsPostgresSession(fatal, false));
  EXPECT_EQ(classify(fields("57P01")), "SequelizeConnectionError");
  EXPECT_EQ(classify(fields("42601")), "SequelizeDatabaseError");
  // A connection libpq reports lost is a ConnectionError whatever the code.
  EXPECT_EQ(classify(fields("")), "SequelizeDatabaseError");
  EXPECT_EQ(classify(fields(""), true), "SequelizeConnectionError");
  // The message never decides: a unique violation worded differently is still one.
  PostgresErrorFields translated = fields("23505", "Schlüssel »(a, b)=(1, 2)« existiert bereits.");
  EXPECT_EQ(classify(translated), "SequelizeUniqueConstraintError");
}

TEST(PostgresErrorsTest, UniqueViolationDetailsAreReadAsSequelizeReadsThem) {
  const UniqueViolationKey one = parseUniqueViolationDetail("Key (email)=(a@x) already exists.");
  EXPECT_EQ(one.fields, std::vector<std::string>{"email"});
  EXPECT_EQ(one.values, std::vector<std::string>{"a@x"});
  const UniqueViolationKey two =
      parseUniqueViolationDetail(R"(Key ("userId", lower(name))=(1, x) already exists.)");
  EXPECT_EQ(two.fields, (std::vector<std::string>{"userId", "lower(name)"}));
  const UniqueViolationKey composite =
      parseUniqueViolationDetail("Key (a, b)=(x, 1) already exists.");
  EXPECT_EQ(composite.fields, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(composite.values, (std::vector<std::string>{"x", "1"}));
  EXPECT_TRUE(parseUniqueViolationDetail("").fields.empty());
  try {
    throwPostgresError(fields("23505", "Key (a, b)=(x, 1) already exists."), false, "INSERT", {});
  } catch (const UniqueConstraintError& e) {
    EXPECT_EQ(std::string(e.what()), "Validation error");
    EXPECT_EQ(e.fields(), (std::vector<std::string>{"a", "b"}));
    ASSERT_EQ(e.errors().size(), 2u);
    EXPECT_EQ(e.errors()[0].message, "a must be unique");
    EXPECT_EQ(e.errors()[0].value.as<std::string>(), "x");
    EXPECT_EQ(e.code(), "23505");
    EXPECT_EQ(e.sql(), "INSERT");
  }
  // Without a key in the detail: the server's message, no fields.
  try {
    throwPostgresError(fields("23505"), false, "INSERT", {});
  } catch (const UniqueConstraintError& e) {
    EXPECT_EQ(std::string(e.what()), "the server's message");
    EXPECT_TRUE(e.fields().empty());
  }
  try {
    throwPostgresError(fields("23503"), false, "INSERT", {});
  } catch (const ForeignKeyConstraintError& e) {
    EXPECT_EQ(e.table(), "Cars");
    EXPECT_EQ(e.code(), "23503");
  }
}

TEST(PostgresErrorsTest, ConnectionFailures) {
  auto classifyConnect = [](const PostgresConnectFailure& f) {
    try {
      throwPostgresConnectError(f);
    } catch (const Error& e) {
      return std::string(e.name()) + ": " + e.what();
    }
    return std::string("nothing thrown");
  };
  PostgresConnectFailure f;
  f.reachedServer = true;
  f.libpqMessage =
      "connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  28P01: password "
      "authentication failed for user \"me\"\nLOCATION:  auth_failed, auth.c:323\n";
  EXPECT_EQ(classifyConnect(f),
            "SequelizeAccessDeniedError: password authentication failed for user \"me\"");
  f.libpqMessage =
      "connection to server at \"h\", port 1 failed: FATAL:  3D000: database \"x\" does not "
      "exist\n";
  EXPECT_EQ(classifyConnect(f), "SequelizeConnectionError: database \"x\" does not exist");
  // Translated severities do not matter, the code does.
  f.libpqMessage = "connection to server failed: FATAL:  28000: kein pg_hba.conf-Eintrag\n";
  EXPECT_EQ(classifyConnect(f), "SequelizeAccessDeniedError: kein pg_hba.conf-Eintrag");
  PostgresConnectFailure refused;
  refused.host = "127.0.0.1";
  refused.libpqMessage =
      "connection to server at \"127.0.0.1\", port 1 failed: Connection refused\n";
  EXPECT_EQ(
      classifyConnect(refused),
      "SequelizeConnectionRefusedError: connection to server at \"127.0.0.1\", port 1 failed: "
      "Connection refused");
  PostgresConnectFailure slow;
  slow.reachedServer = true;
  slow.timedOut = true;
  slow.where = "127.0.0.1:5432";
  slow.timeoutSeconds = 3;
  EXPECT_EQ(classifyConnect(slow),
            "SequelizeConnectionTimedOutError: Connection to 127.0.0.1:5432 timed out after 3 s");
  EXPECT_FALSE(parseVerboseServerError("could not connect: Connection refused").has_value());
}

TEST(PostgresConnectSettingsTest, UrlPartsParametersAndSession) {
  const PostgresConnectSettings s = postgresConnectSettings(
      parseUrl("postgres://me:p%40ss@db.example:5433/app?sslmode=require&connect_timeout=7"
               "&statement_timeout=5s&application_name=my%20app"));
  ASSERT_NE(s.keyword("host"), nullptr);
  EXPECT_EQ(*s.keyword("host"), "db.example");
  EXPECT_EQ(*s.keyword("port"), "5433");
  EXPECT_EQ(*s.keyword("user"), "me");
  EXPECT_EQ(*s.keyword("password"), "p@ss");
  EXPECT_EQ(*s.keyword("dbname"), "app");
  EXPECT_EQ(*s.keyword("sslmode"), "require");
  EXPECT_EQ(*s.keyword("application_name"), "my app");
  EXPECT_EQ(*s.keyword("client_encoding"), "UTF8");
  EXPECT_EQ(s.connectTimeout, std::chrono::seconds(7));
  const std::string& options = *s.keyword("options");
  EXPECT_NE(options.find("-c TimeZone=UTC"), std::string::npos);
  EXPECT_NE(options.find("-c statement_timeout=5s"), std::string::npos);
  EXPECT_EQ(s.where, "db.example:5433");
  EXPECT_EQ(s.where.find("p@ss"), std::string::npos);
}

TEST(PostgresConnectSettingsTest, SequelizeStyleAndCallerOptions) {
  const PostgresConnectSettings s = postgresConnectSettings(
      parseUrl("postgres://u@h/d?ssl=true&options=-c%20search_path%3Dother&lock_timeout=1%20s"));
  EXPECT_EQ(*s.keyword("sslmode"), "require");
  // Spaces in a setting are escaped for libpq; the caller's own options come last and win.
  EXPECT_TRUE(s.keyword("options")->ends_with(R"(-c lock_timeout=1\ s -c search_path=other)"))
      << *s.keyword("options");
  EXPECT_EQ(postgresConnectSettings(parseUrl("postgres://u@h/d")).connectTimeout.count(), 0);
}

TEST(PostgresConnectSettingsTest, BadParametersAreNamed) {
  auto message = [](const std::string& url) {
    try {
      (void)postgresConnectSettings(parseUrl(url));
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message("postgres://u@h/d?sslmod=disable").find("\"sslmod\""), std::string::npos);
  EXPECT_NE(message("postgres://u@h/d?connect_timeout=-1").find("connect_timeout"),
            std::string::npos);
  EXPECT_NE(message("postgres://u@h/d?ssl=maybe").find("ssl"), std::string::npos);
  EXPECT_NE(message("postgres://u@h/d?client_encoding=LATIN1").find("UTF8"), std::string::npos);
  EXPECT_EQ(message("postgres://u@h/d?client_encoding=UTF8&keepalives=1&target_session_attrs=any"),
            "no error");
}

TEST(PostgresStatementCacheTest, LeastRecentlyUsedStatementsAreEvicted) {
  PostgresStatementCache cache(2);
  EXPECT_EQ(cache.find("a"), nullptr);
  EXPECT_FALSE(cache.add("a", {cache.nextName()}).has_value());
  EXPECT_FALSE(cache.add("b", {cache.nextName()}).has_value());
  ASSERT_NE(cache.find("a"), nullptr);  // a is now the most recently used
  EXPECT_EQ(cache.find("a")->name, "sequelize_1");
  const auto evicted = cache.add("c", {cache.nextName()});
  ASSERT_TRUE(evicted.has_value());
  EXPECT_EQ(*evicted, "sequelize_2");  // b
  EXPECT_EQ(cache.find("b"), nullptr);
  EXPECT_NE(cache.find("c"), nullptr);
  EXPECT_EQ(cache.size(), 2u);
  cache.erase("a");
  EXPECT_EQ(cache.find("a"), nullptr);
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.nextName(), "sequelize_4");  // names are never reused
}

}  // namespace
}  // namespace sequelize::detail
