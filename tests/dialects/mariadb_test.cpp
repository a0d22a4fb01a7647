// What is particular to MariaDB: URL forms and parameters, the session (utf8mb4, UTC), each
// server error number as a user meets it, the per-connection statement cache, and connections
// the server kills.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <future>
#include <thread>

#include "test_database.hpp"

namespace sequelize::test {
namespace {

// The suite's URL with something replaced: "mariadb://user:password@host:port/database".
std::string withDatabase(const std::string& url, const std::string& database) {
  return url.substr(0, url.rfind('/') + 1) + database;
}
std::string withPassword(const std::string& url, const std::string& password) {
  const std::size_t colon = url.find(':', url.find("//") + 2);
  const std::size_t at = url.find('@');
  return url.substr(0, colon + 1) + password + url.substr(at);
}
std::string withParams(const std::string& url, const std::string& query) {
  return url + "?" + query;
}

// A TCP port on 127.0.0.1 that nothing listens on.
int unusedPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    return 1;
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

std::string scalarText(Sequelize& db, const std::string& sql, Transaction* t = nullptr) {
  const QueryResult r = db.query(sql, {.transaction = t, .silent = true});
  return r.rows.at(0).at(0).value.as<std::string>();
}
std::int64_t scalarInt(Sequelize& db, const std::string& sql, Transaction* t = nullptr) {
  const QueryResult r = db.query(sql, {.transaction = t, .silent = true});
  return r.rows.at(0).at(0).value.as<std::int64_t>();
}
std::int64_t sessionStatus(Sequelize& db, const std::string& name) {
  const QueryResult r = db.query("SHOW SESSION STATUS LIKE '" + name + "'", {.silent = true});
  return r.rows.at(0).at(1).value.as<std::int64_t>();
}

// Kills a connection by id from a connection of its own, as an administrator would.
void killConnection(std::int64_t id) {
  Sequelize admin(target().url);
  admin.query("KILL " + std::to_string(id), {.silent = true});
  admin.close();
}

class MariaDbTest : public DatabaseTest {
 protected:
  void SetUp() override {
    if (!isMariadb()) GTEST_SKIP() << "MariaDB only";
    DatabaseTest::SetUp();
  }
  std::string url() const { return target().url; }
};

TEST_F(MariaDbTest, MysqlUrlsReachTheSameServer) {
  const std::string mysql = "mysql" + url().substr(url().find(':'));
  Sequelize db(mysql);
  EXPECT_EQ(db.getDialect(), "mariadb");
  EXPECT_EQ(scalarText(db, "SELECT DATABASE()"), scalarText(this->db(), "SELECT DATABASE()"));
}

TEST_F(MariaDbTest, SessionIsUtf8mb4AndUtcAndItsSetupIsNotLogged) {
  db().authenticate();
  EXPECT_EQ(statements(), std::vector<std::string>{"SELECT 1+1 AS result"});
  EXPECT_EQ(scalarText(db(), "SELECT @@character_set_connection"), "utf8mb4");
  EXPECT_EQ(scalarText(db(), "SELECT @@session.time_zone"), "+00:00");
  // A Date is stored as its UTC wall-clock time, as Sequelize stores it.
  Model& Event = db().define("Event", {{"at", DataTypes::DATE}});
  db().sync({.force = true});
  Event.create({{"at", Date::fromCivil(2020, 1, 2, 3, 4, 5)}});
  EXPECT_EQ(scalarText(db(), "SELECT DATE_FORMAT(`at`, '%Y-%m-%d %H:%i:%s') FROM `Events`"),
            "2020-01-02 03:04:05");
}

TEST_F(MariaDbTest, CharsetAndConnectTimeoutParameters) {
  Sequelize latin1(withParams(url(), "charset=latin1&connectTimeout=2000"));
  EXPECT_EQ(scalarText(latin1, "SELECT @@character_set_connection"), "latin1");
  Sequelize bad(withParams(url(), "charset=nosuchcharset"));
  EXPECT_THROW(bad.authenticate(), ConnectionError);
}

TEST_F(MariaDbTest, SocketPathConnectsThroughTheUnixSocket) {
  const std::string socket = env("SEQUELIZE_TEST_MARIADB_SOCKET");
  if (socket.empty()) GTEST_SKIP() << "SEQUELIZE_TEST_MARIADB_SOCKET is not set";
  Sequelize local(withParams(url(), "socketPath=" + socket));
  // Over the socket the server sees the account at localhost, over TCP at 127.0.0.1.
  EXPECT_TRUE(scalarText(local, "SELECT CURRENT_USER()").ends_with("@localhost"));
}

TEST_F(MariaDbTest, SslRequiredNeedsAServerWithTls) {
  const bool serverHasTls = scalarText(db(), "SELECT @@have_ssl") == "YES";
  Sequelize tls(withParams(url(), "ssl-mode=REQUIRED"));
  if (serverHasTls) {
    EXPECT_NE(scalarText(tls, "SHOW SESSION STATUS LIKE 'Ssl_cipher'"), "");
  } else {
    EXPECT_THROW(tls.authenticate(), ConnectionError);
    // Verifying modes refuse before logging in.
    Sequelize verified(withParams(url(), "ssl-mode=VERIFY_IDENTITY"));
    EXPECT_THROW(verified.authenticate(), ConnectionError);
  }
  Sequelize plain(withParams(url(), "ssl-mode=DISABLED"));
  EXPECT_NO_THROW(plain.authenticate());
}

TEST_F(MariaDbTest, WrongPasswordIsAccessDenied) {
  Sequelize db(withPassword(url(), "not-the-password"));
  try {
    db.authenticate();
    FAIL() << "expected AccessDeniedError";
  } catch (const AccessDeniedError& e) {
    EXPECT_EQ(e.name(), "SequelizeAccessDeniedError");
    EXPECT_EQ(std::string(e.what()).find("not-the-password"), std::string::npos);
  }
}

TEST_F(MariaDbTest, UnknownDatabaseIsAConnectionErrorNamingIt) {
  Sequelize db(withDatabase(url(), "no_such_database_here"));
  try {
    db.authenticate();
    FAIL() << "expected ConnectionError";
  } catch (const ConnectionError& e) {
    EXPECT_EQ(e.name(), "SequelizeConnectionError");
    EXPECT_NE(std::string(e.what()).find("no_such_database_here"), std::string::npos) << e.what();
  }
}

TEST_F(MariaDbTest, NothingListeningIsAConnectionError) {
  Sequelize db("mariadb://u:p@127.0.0.1:" + std::to_string(unusedPort()) +
               "/x?connectTimeout=2000");
  EXPECT_THROW(db.authenticate(), ConnectionError);
}

class MariaDbErrorTest : public MariaDbTest {
 protected:
  void SetUp() override {
    MariaDbTest::SetUp();
    if (IsSkipped()) return;
    models_ = std::make_unique<SeedModels>(defineSeedModels(db()));
    Model& Owner = db().define("Owner", {{"name", DataTypes::STRING}});
    db().define("Pet", {{"name", DataTypes::STRING},
                        {"ownerId",
                         {.type = DataTypes::INTEGER,
                          .references = {.model = Owner, .key = "id"},
                          .onDelete = "RESTRICT"}}});
    db().sync({.force = true});
    clearLog();
  }
  std::unique_ptr<SeedModels> models_;
};

TEST_F(MariaDbErrorTest, DuplicateKeyNamesTheFieldAndValue) {
  Model& Account = db().define("Account", {{"email", {.type = DataTypes::STRING, .unique = true}}});
  Account.sync({.force = true});
  Account.create({{"email", "a@x"}});
  try {
    Account.create({{"email", "a@x"}});
    FAIL() << "expected UniqueConstraintError";
  } catch (const UniqueConstraintError& e) {
    EXPECT_EQ(e.fields(), std::vector<std::string>{"email"});
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].message, "email must be unique");
    EXPECT_EQ(e.errors()[0].value.as<std::string>(), "a@x");
    EXPECT_EQ(e.code(), "1062");
  }
  EXPECT_EQ(countRows(db(), "Accounts"), 1);
  // The primary key is the PRIMARY index, as Sequelize reports it.
  try {
    Account.create({{"id", 1}, {"email", "b@x"}});
    FAIL() << "expected UniqueConstraintError";
  } catch (const UniqueConstraintError& e) {
    EXPECT_EQ(e.fields(), std::vector<std::string>{"PRIMARY"});
  }
}

TEST_F(MariaDbErrorTest, ForeignKeysFailOnBothSides) {
  try {
    db().model("Pet").create({{"name", "rex"}, {"ownerId", 42}});
    FAIL() << "expected ForeignKeyConstraintError";
  } catch (const ForeignKeyConstraintError& e) {
    EXPECT_EQ(e.reltype(), "child");  // the row written references nothing
    EXPECT_EQ(e.table(), "Owners");
    EXPECT_EQ(e.fields(), std::vector<std::string>{"ownerId"});
    EXPECT_EQ(e.details().errnoValue, 1452);
  }
  const Instance owner = db().model("Owner").create({{"name", "ann"}});
  db().model("Pet").create({{"name", "rex"}, {"ownerId", owner.get("id")}});
  try {
    db().query("DELETE FROM `Owners`");
    FAIL() << "expected ForeignKeyConstraintError";
  } catch (const ForeignKeyConstraintError& e) {
    EXPECT_EQ(e.reltype(), "parent");  // the row deleted is still referenced
    EXPECT_EQ(e.details().errnoValue, 1451);
  }
  EXPECT_EQ(countRows(db(), "Owners"), 1);
  EXPECT_EQ(countRows(db(), "Pets"), 1);
}

TEST_F(MariaDbErrorTest, NotNullRefusedByTheServer) {
  try {
    db().query("INSERT INTO `Owners` (`name`, `createdAt`, `updatedAt`) VALUES (?, ?, NULL)",
               {.bind = {"x", Date::now()}});
    FAIL() << "expected DatabaseError";
  } catch (const UniqueConstraintError&) {
    FAIL() << "a NOT NULL failure is not a unique violation";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.name(), "SequelizeDatabaseError");
    EXPECT_EQ(e.details().errnoValue, 1048);
    EXPECT_FALSE(e.isRetryable());
    ASSERT_EQ(e.parameters().size(), 2u);
    EXPECT_EQ(e.parameters()[0].as<std::string>(), "x");
  }
}

TEST_F(MariaDbErrorTest, LockWaitTimeoutIsRetryable) {
  const Instance owner = db().model("Owner").create({{"name", "ann"}});
  Transaction holder = db().transaction();
  db().query("UPDATE `Owners` SET `name` = ? WHERE `id` = ?",
             {.bind = {"held", owner.get("id")}, .transaction = &holder});
  Transaction waiter = db().transaction();
  db().query("SET SESSION innodb_lock_wait_timeout = 1", {.transaction = &waiter});
  try {
    db().query("UPDATE `Owners` SET `name` = ? WHERE `id` = ?",
               {.bind = {"waiting", owner.get("id")}, .transaction = &waiter});
    FAIL() << "expected a lock wait timeout";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.details().errnoValue, 1205);
    EXPECT_TRUE(e.isRetryable());
  }
  waiter.rollback();
  holder.rollback();
  EXPECT_EQ(scalarText(db(), "SELECT `name` FROM `Owners`"), "ann");
}

TEST_F(MariaDbErrorTest, DeadlockIsRetryable) {
  Model& Owner = db().model("Owner");
  const Value a = Owner.create({{"name", "a"}}).get("id");
  const Value b = Owner.create({{"name", "b"}}).get("id");
  const std::string update = "UPDATE `Owners` SET `name` = ? WHERE `id` = ?";
  Transaction first = db().transaction();
  Transaction second = db().transaction();
  db().query(update, {.bind = {"1", a}, .transaction = &first});
  db().query(update, {.bind = {"2", b}, .transaction = &second});
  const std::int64_t firstId = scalarInt(db(), "SELECT CONNECTION_ID()", &first);
  // first waits for b (held by second) on another thread ...
  auto blocked = std::async(std::launch::async, [&]() -> std::optional<std::int64_t> {
    try {
      db().query(update, {.bind = {"1", b}, .transaction = &first});
      return std::nullopt;
    } catch (const DatabaseError& e) {
      EXPECT_TRUE(e.isRetryable());
      return e.details().errnoValue;
    }
  });
  // ... and once it waits, second asks for a (held by first): one of them is chosen to fail.
  for (int i = 0; i < 1000; ++i) {
    const QueryResult waiting = db().query(
        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INNODB_TRX WHERE trx_state = 'LOCK WAIT' AND "
        "trx_mysql_thread_id = ?",
        {.bind = {firstId}, .silent = true});
    if (waiting.rows.at(0).at(0).value.as<int>() > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::optional<std::int64_t> secondError;
  try {
    db().query(update, {.bind = {"2", a}, .transaction = &second});
  } catch (const DatabaseError& e) {
    EXPECT_TRUE(e.isRetryable());
    secondError = e.details().errnoValue;
  }
  const std::optional<std::int64_t> firstError = blocked.get();
  ASSERT_NE(firstError.has_value(), secondError.has_value()) << "exactly one transaction fails";
  EXPECT_EQ(firstError.value_or(0) + secondError.value_or(0), 1213);
  first.rollback();
  second.rollback();
  EXPECT_EQ(tableContents(db(), "Owners", "id").size(), 2u);
  EXPECT_EQ(scalarText(db(), "SELECT GROUP_CONCAT(`name` ORDER BY `id`) FROM `Owners`"), "a,b");
}

TEST_F(MariaDbTest, EachSqlTextIsPreparedOncePerConnection) {
  auto single = connect({.pool = {.max = 1}});
  Model& Note = single->define("Note", {{"text", DataTypes::STRING}});
  single->sync({.force = true});
  Note.create({{"text", "a"}});
  (void)sessionStatus(*single, "Com_stmt_prepare");  // the status query itself is prepared now
  const std::int64_t before = sessionStatus(*single, "Com_stmt_prepare");
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(Note.findAll({.where = {{"text", "a"}}}).size(), 1u);
  }
  EXPECT_EQ(sessionStatus(*single, "Com_stmt_prepare") - before, 1);
  // Past the cache's size the least recently used statements are closed on the server.
  const std::int64_t closedBefore = sessionStatus(*single, "Com_stmt_close");
  for (int i = 0; i < 300; ++i) {
    single->query("SELECT " + std::to_string(i) + " AS n", {.silent = true});
  }
  EXPECT_GE(sessionStatus(*single, "Com_stmt_close") - closedBefore, 300 - 256);
  EXPECT_EQ(Note.findAll().size(), 1u);
}

// Rows are read as the server sends them, into buffers sized for short values: a longer value in
// the middle is fetched again in full, and the rows after it and the next statement on the same
// connection read correctly.
TEST_F(MariaDbTest, LongTextsAmongShortOnesAreReadWhole) {
  auto single = connect({.pool = {.max = 1}});
  Model& Note = single->define("Note", {{"text", DataTypes::TEXT}});
  single->sync({.force = true});
  const std::vector<std::string> texts = {"short", std::string(5000, 'l'), "s",
                                          std::string(70000 / 2, 'm'), ""};
  for (const std::string& t : texts) Note.create({{"text", t}});
  for (int pass = 0; pass < 2; ++pass) {
    const auto rows = Note.findAll({.order = {{"id", "ASC"}}});
    ASSERT_EQ(rows.size(), texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i) {
      EXPECT_EQ(rows[i].get<std::string>("text"), texts[i]) << "row " << i << ", pass " << pass;
    }
  }
  EXPECT_EQ(scalarInt(*single, "SELECT COUNT(*) FROM `Notes`"), 5);
}

TEST_F(MariaDbTest, ProcedureResultsAreReadToTheEnd) {
  auto single = connect({.pool = {.max = 1}});
  single->query("DROP PROCEDURE IF EXISTS two_results");
  single->query("CREATE PROCEDURE two_results() BEGIN SELECT 1 AS a; SELECT 2 AS b, 3 AS c; END");
  // A CALL answers with each SELECT's rows and a final status: the first result is returned,
  // the rest are read so that the connection is ready for the next statement.
  const QueryResult r = single->query("CALL two_results()");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][0].key, "a");
  EXPECT_EQ(scalarInt(*single, "SELECT 40 + 2"), 42);
  EXPECT_EQ(single->query("CALL two_results()").rows.size(), 1u);
  single->query("DROP PROCEDURE two_results");
}

TEST_F(MariaDbTest, KilledIdleConnectionIsReplacedBeforeTheNextQuery) {
  auto single = connect({.pool = {.max = 1}});
  const std::int64_t before = scalarInt(*single, "SELECT CONNECTION_ID()");
  killConnection(before);
  // The pool sees that the server closed the idle connection and opens another.
  const std::int64_t after = scalarInt(*single, "SELECT CONNECTION_ID()");
  EXPECT_NE(after, before);
  EXPECT_EQ(scalarInt(*single, "SELECT 1+1"), 2);
}

TEST_F(MariaDbTest, ConnectionKilledDuringAQueryIsDropped) {
  auto db = connect({.pool = {.max = 2}});
  auto sleeping = std::async(std::launch::async, [&]() -> std::string {
    try {
      db->query("SELECT SLEEP(30)", {.silent = true});
      return "no error";
    } catch (const Error& e) {
      return std::string(e.name());
    }
  });
  std::int64_t victim = 0;
  for (int i = 0; i < 1000 && victim == 0; ++i) {
    const QueryResult r = this->db().query(
        "SELECT ID FROM INFORMATION_SCHEMA.PROCESSLIST WHERE INFO = 'SELECT SLEEP(30)'",
        {.silent = true});
    if (!r.rows.empty()) victim = r.rows[0][0].value.as<std::int64_t>();
    if (victim == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_NE(victim, 0);
  killConnection(victim);
  EXPECT_EQ(sleeping.get(), "SequelizeConnectionError");
  // The lost connection went away; the next queries get live ones.
  for (int i = 0; i < 3; ++i) {
    EXPECT_NE(scalarInt(*db, "SELECT CONNECTION_ID()"), victim);
  }
}

TEST_F(MariaDbTest, TransactionWhoseConnectionWasKilled) {
  auto db = connect({.pool = {.max = 1}});
  Model& Note = db->define("Note", {{"text", DataTypes::STRING}});
  db->sync({.force = true});
  Transaction t = db->transaction();
  Note.create({{"text", "lost"}}, {.transaction = &t});
  killConnection(scalarInt(*db, "SELECT CONNECTION_ID()", &t));
  EXPECT_THROW(Note.create({{"text", "also lost"}}, {.transaction = &t}), ConnectionError);
  EXPECT_THROW(t.rollback(), ConnectionError);
  // The server rolled the transaction back when the connection died; the pool has a new one.
  EXPECT_EQ(countRows(*db, "Notes"), 0);
  Note.create({{"text", "kept"}});
  EXPECT_EQ(countRows(*db, "Notes"), 1);
}

}  // namespace
}  // namespace sequelize::test
