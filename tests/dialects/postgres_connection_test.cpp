// Connecting to PostgreSQL: URL parameters and the keyword/value form, the session every
// connection gets, connection failures and their error classes, connections the server drops,
// and statements prepared once per connection. (PostgreSQL only.)
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#include "connection/query_runner.hpp"
#include "test_database.hpp"

namespace sequelize::test {
namespace {

using namespace std::chrono_literals;

// A TCP socket on 127.0.0.1 that listens but never answers: connecting succeeds, the server's
// greeting never comes.
class SilentServer {
 public:
  SilentServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(fd_, 4) != 0) {
      throw std::runtime_error("the silent test server cannot listen");
    }
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
  }
  ~SilentServer() { ::close(fd_); }
  SilentServer(const SilentServer&) = delete;
  SilentServer& operator=(const SilentServer&) = delete;
  [[nodiscard]] int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// A port on 127.0.0.1 where nothing listens (taken from the kernel, then released).
int closedPort() {
  SilentServer s;
  return s.port();
}

std::string serverUrl(const std::string& user, const std::string& password,
                      const std::string& database, const std::string& query = {}) {
  return "postgres://" + user + ":" + password + "@" + env("SEQUELIZE_TEST_POSTGRES_HOST") + ":" +
         env("SEQUELIZE_TEST_POSTGRES_PORT") + "/" + database + query;
}

class PostgresConnectionTest : public DatabaseTest {
 protected:
  void SetUp() override {
    if (!isPostgres()) GTEST_SKIP() << "PostgreSQL's connections";
    DatabaseTest::SetUp();
  }
  std::string user() const { return env("SEQUELIZE_TEST_POSTGRES_USER"); }
  std::string password() const { return env("SEQUELIZE_TEST_POSTGRES_PASSWORD"); }
  std::string database() const { return env("SEQUELIZE_TEST_POSTGRES_DATABASE"); }

  // The server process behind the pooled connection that the next statement borrows.
  static int backendPid(Sequelize& db, Transaction* t = nullptr) {
    return db.query("SELECT pg_backend_pid() AS pid", {.transaction = t})
        .rows.at(0)
        .at(0)
        .value.as<int>();
  }
  // Ends a server process from another session and waits until it is gone.
  void terminate(int pid) {
    Sequelize admin(target().url);
    const QueryResult r =
        admin.query("SELECT pg_terminate_backend($1, 10000) AS done", {.bind = {pid}});
    ASSERT_TRUE(r.rows.at(0).at(0).value.as<bool>());
  }
};

TEST_F(PostgresConnectionTest, UrlFormsAndParameters) {
  // postgresql:// is the same dialect; query parameters go to libpq or to the session.
  Sequelize db("postgresql" + serverUrl(user(), password(), database()).substr(8) +
               "?sslmode=disable&connect_timeout=10&application_name=sequelize-cpp-test"
               "&statement_timeout=4321");
  EXPECT_EQ(db.getDialect(), "postgres");
  const QueryResult r = db.query(
      "SELECT current_setting('application_name') AS app, current_setting('statement_timeout') "
      "AS st, current_database() AS db");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][0].value.as<std::string>(), "sequelize-cpp-test");
  EXPECT_EQ(r.rows[0][1].value.as<std::string>(), "4321ms");
  EXPECT_EQ(r.rows[0][2].value.as<std::string>(), database());
}

TEST_F(PostgresConnectionTest, KeywordValueForm) {
  Sequelize db("postgres:host=" + env("SEQUELIZE_TEST_POSTGRES_HOST") + " port=" +
               env("SEQUELIZE_TEST_POSTGRES_PORT") + " dbname=" + database() + " user=" + user() +
               " password='" + password() + "' sslmode=disable application_name='with space'");
  EXPECT_EQ(db.databaseName(), database());
  const QueryResult r =
      db.query("SELECT current_database() AS db, current_setting('application_name') AS app");
  EXPECT_EQ(r.rows.at(0).at(0).value.as<std::string>(), database());
  EXPECT_EQ(r.rows.at(0).at(1).value.as<std::string>(), "with space");
}

TEST_F(PostgresConnectionTest, UnknownParametersAreRefusedBeforeConnecting) {
  try {
    Sequelize db(serverUrl(user(), password(), database(), "?sslmod=disable"));
    FAIL() << "expected Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.name(), "Error");
    EXPECT_NE(std::string(e.what()).find("\"sslmod\""), std::string::npos) << e.what();
  }
  EXPECT_THROW(Sequelize(serverUrl(user(), password(), database(), "?connect_timeout=soon")),
               Error);
  EXPECT_THROW(Sequelize(serverUrl(user(), password(), database(), "?client_encoding=LATIN1")),
               Error);
}

TEST_F(PostgresConnectionTest, EverySessionIsUtcAndNothingOfItIsLogged) {
  const QueryResult r = db().query(
      "SELECT current_setting('TimeZone') AS tz, "
      "current_setting('DateStyle') AS ds, now()::text AS now");
  EXPECT_EQ(r.rows.at(0).at(0).value.as<std::string>(), "UTC");
  EXPECT_EQ(r.rows.at(0).at(1).value.as<std::string>(), "ISO, MDY");
  EXPECT_TRUE(r.rows.at(0).at(2).value.as<std::string>().ends_with("+00"));
  ASSERT_EQ(log().size(), 1u);  // the query only: session settings travel with the login
}

TEST_F(PostgresConnectionTest, RefusedConnection) {
  Sequelize db("postgres://u:p@127.0.0.1:" + std::to_string(closedPort()) + "/x");
  try {
    db.authenticate();
    FAIL() << "expected ConnectionRefusedError";
  } catch (const ConnectionRefusedError& e) {
    EXPECT_EQ(e.name(), "SequelizeConnectionRefusedError");
    EXPECT_NE(std::string(e.what()).find("refused"), std::string::npos) << e.what();
  }
}

TEST_F(PostgresConnectionTest, UnknownHost) {
  Sequelize db("postgres://u:p@no-such-host.invalid:5432/x");
  try {
    db.authenticate();
    FAIL() << "expected HostNotFoundError";
  } catch (const HostNotFoundError& e) {
    EXPECT_EQ(e.name(), "SequelizeHostNotFoundError");
  }
}

TEST_F(PostgresConnectionTest, AServerThatNeverAnswersTimesOut) {
  SilentServer silent;
  Sequelize db("postgres://u:p@127.0.0.1:" + std::to_string(silent.port()) +
               "/x?connect_timeout=1&sslmode=disable");
  try {
    db.authenticate();
    FAIL() << "expected ConnectionTimedOutError";
  } catch (const ConnectionTimedOutError& e) {
    EXPECT_EQ(e.name(), "SequelizeConnectionTimedOutError");
  }
}

TEST_F(PostgresConnectionTest, WrongPasswordIsAccessDenied) {
  Sequelize db(serverUrl(user(), "not-the-password", database()));
  try {
    db.authenticate();
    FAIL() << "expected AccessDeniedError";
  } catch (const AccessDeniedError& e) {
    EXPECT_EQ(e.name(), "SequelizeAccessDeniedError");
    EXPECT_EQ(std::string(e.what()), "password authentication failed for user \"" + user() + "\"");
  }
}

TEST_F(PostgresConnectionTest, MissingDatabaseIsAConnectionErrorNamingIt) {
  Sequelize db(serverUrl(user(), password(), "no_such_database"));
  try {
    db.authenticate();
    FAIL() << "expected ConnectionError";
  } catch (const AccessDeniedError&) {
    FAIL() << "a missing database is not an access problem";
  } catch (const ConnectionError& e) {
    EXPECT_EQ(e.name(), "SequelizeConnectionError");
    EXPECT_EQ(std::string(e.what()), "database \"no_such_database\" does not exist");
  }
}

TEST_F(PostgresConnectionTest, AConnectionKilledWhileIdleIsReplacedUnnoticed) {
  auto pooled = connect({.pool = {.max = 1}});
  const int first = backendPid(*pooled);
  terminate(first);
  // The pooled connection is dead: the next query gets a fresh one and succeeds.
  const int second = backendPid(*pooled);
  EXPECT_NE(first, second);
  EXPECT_EQ(pooled->query("SELECT 1+1 AS result").rows.at(0).at(0).value.as<int>(), 2);
  EXPECT_EQ(pooled->runner().pool().size(), 1);
}

TEST_F(PostgresConnectionTest, AConnectionKilledInsideATransactionFailsItThenIsDropped) {
  auto pooled = connect({.pool = {.max = 1}});
  Model& Note = pooled->define("Note", {{"text", DataTypes::STRING}});
  pooled->sync({.force = true});
  {
    Transaction t = pooled->transaction();
    Note.create({{"text", "lost"}}, {.transaction = &t});
    terminate(backendPid(*pooled, &t));
    try {
      Note.create({{"text", "also lost"}}, {.transaction = &t});
      FAIL() << "expected ConnectionError";
    } catch (const ConnectionError& e) {
      EXPECT_EQ(e.name(), "SequelizeConnectionError");
    }
    EXPECT_THROW(t.rollback(), ConnectionError);
  }
  // The broken connection never comes back: the next borrower gets a new one.
  EXPECT_EQ(Note.findAll().size(), 0u);
  EXPECT_EQ(pooled->runner().pool().size(), 1);
}

TEST_F(PostgresConnectionTest, EachStatementIsPreparedOncePerConnection) {
  auto pooled = connect({.pool = {.max = 1}});
  auto [Users, Stories] = defineSeedModels(*pooled);
  pooled->sync({.force = true});
  for (int i = 0; i < 3; ++i) {
    Users.create({{"username", "u" + std::to_string(i)}, {"email", "e"}, {"password", "p"}});
    (void)Users.findAll({.where = {{"username", "u0"}}});
  }
  const QueryResult prepared = pooled->query(
      "SELECT statement FROM pg_prepared_statements WHERE statement LIKE 'INSERT INTO \"users\"%' "
      "OR statement LIKE 'SELECT \"user_id\"%'");
  EXPECT_EQ(prepared.rows.size(), 2u);  // one INSERT and one SELECT, each prepared once
  EXPECT_EQ(countRows(*pooled, "users"), 3);
}

TEST_F(PostgresConnectionTest, PreparedStatementsStayBounded) {
  auto pooled = connect({.pool = {.max = 1}});
  for (int i = 0; i < 300; ++i)
    pooled->query("SELECT " + std::to_string(i) + " AS n", {.silent = true});
  const QueryResult count = pooled->query("SELECT count(*) AS n FROM pg_prepared_statements");
  const auto n = count.rows.at(0).at(0).value.as<std::int64_t>();
  EXPECT_LE(n, 257);
  EXPECT_GE(n, 200);
  // The most recent ones are still prepared and still run.
  EXPECT_EQ(pooled->query("SELECT 299 AS n").rows.at(0).at(0).value.as<int>(), 299);
}

TEST_F(PostgresConnectionTest, AStatementRunsAgainAfterItsTableChangedShape) {
  auto pooled = connect({.pool = {.max = 1}});
  pooled->query("CREATE TABLE shape (a INTEGER)");
  pooled->query("INSERT INTO shape VALUES (1)");
  EXPECT_EQ(pooled->query("SELECT * FROM shape").rows.at(0).size(), 1u);
  pooled->query("ALTER TABLE shape ADD COLUMN b TEXT DEFAULT 'x'");
  const QueryResult after = pooled->query("SELECT * FROM shape");
  ASSERT_EQ(after.rows.at(0).size(), 2u);
  EXPECT_EQ(after.rows[0][1].key, "b");
}

TEST_F(PostgresConnectionTest, BoundValuesMustMatchThePlaceholders) {
  // The server refuses the values (08P01 at ERROR severity): a DatabaseError, and the session
  // goes on, in the same connection.
  auto pooled = connect({.pool = {.max = 1}});
  const auto backend = [&] {
    return pooled->query("SELECT pg_backend_pid() AS pid")
        .rows.at(0)
        .at(0)
        .value.as<std::int64_t>();
  };
  const std::int64_t before = backend();
  try {
    pooled->query("SELECT $1::int + $2::int AS n", {.bind = {1}});
    FAIL() << "expected DatabaseError";
  } catch (const ConnectionError& e) {
    FAIL() << "not a connection failure: " << e.what();
  } catch (const DatabaseError& e) {
    EXPECT_NE(std::string(e.what()).find("bind message supplies 1 parameters"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(pooled->query("SELECT $1::int + $2::int AS n", {.bind = {1, 2}})
                .rows.at(0)
                .at(0)
                .value.as<int>(),
            3);
  EXPECT_EQ(backend(), before);
  // Inside a transaction the error spoils the transaction, as any failed statement does on
  // PostgreSQL, but not the connection: it rolls back and serves the next one.
  {
    Transaction t = pooled->transaction();
    EXPECT_THROW(pooled->query("SELECT $1::int + $2::int AS n", {.bind = {1}, .transaction = &t}),
                 DatabaseError);
    t.rollback();
  }
  EXPECT_EQ(backend(), before);
}

}  // namespace
}  // namespace sequelize::test
