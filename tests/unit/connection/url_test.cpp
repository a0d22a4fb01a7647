// Database URLs, read as Sequelize reads them, and clear errors for bad ones.
#include <gtest/gtest.h>

#include <filesystem>

#include "connection/url.hpp"
#include "sequelize/errors.hpp"

namespace sequelize::detail {
namespace {

TEST(UrlTest, Sqlite) {
  EXPECT_EQ(parseUrl("sqlite::memory:").database, ":memory:");
  EXPECT_EQ(parseUrl("sqlite::memory:").dialect, "sqlite");
  EXPECT_EQ(parseUrl("sqlite:/tmp/x.db").database, "/tmp/x.db");
  EXPECT_EQ(parseUrl("sqlite:///tmp/y.db").database, "/tmp/y.db");
  EXPECT_EQ(parseUrl("sqlite:rel/z.db").database,
            (std::filesystem::current_path() / "rel/z.db").lexically_normal().string());
  EXPECT_EQ(parseUrl("sqlite:/tmp/x.db?busy_timeout=100").param("busy_timeout") != nullptr, true);
}

TEST(UrlTest, Servers) {
  const ConnectionConfig pg =
      parseUrl("postgres://us%40er:p%3Ass@db.example:5433/my_db?sslmode=disable&connect_timeout=3");
  EXPECT_EQ(pg.dialect, "postgres");
  EXPECT_EQ(pg.user, "us@er");
  EXPECT_EQ(pg.password, "p:ss");
  EXPECT_EQ(pg.host, "db.example");
  EXPECT_EQ(pg.port, 5433);
  EXPECT_EQ(pg.database, "my_db");
  ASSERT_NE(pg.param("sslmode"), nullptr);
  EXPECT_EQ(*pg.param("sslmode"), "disable");
  EXPECT_EQ(*pg.param("connect_timeout"), "3");
  EXPECT_EQ(parseUrl("postgresql://u@h/d").dialect, "postgres");
  EXPECT_EQ(parseUrl("mysql://u:p@h/d").dialect, "mariadb");
  const ConnectionConfig v6 = parseUrl("mariadb://u:p@[::1]:3307/d");
  EXPECT_EQ(v6.host, "::1");
  EXPECT_EQ(v6.port, 3307);
}

TEST(UrlTest, PostgresKeywordValueForm) {
  const ConnectionConfig c = parseUrl(
      "postgres:host=127.0.0.1 port=5433  dbname = app user=me password='it\\'s a \\\\ secret' "
      "sslmode=disable application_name=a\\ b");
  EXPECT_EQ(c.dialect, "postgres");
  EXPECT_EQ(c.host, "127.0.0.1");
  EXPECT_EQ(c.port, 5433);
  EXPECT_EQ(c.database, "app");
  EXPECT_EQ(c.user, "me");
  EXPECT_EQ(c.password, "it's a \\ secret");
  ASSERT_EQ(c.params.size(), 2u);
  EXPECT_EQ(*c.param("sslmode"), "disable");
  EXPECT_EQ(*c.param("application_name"), "a b");
  // Nothing given: libpq's defaults (host from PGHOST or the local socket, and so on).
  const ConnectionConfig empty = parseUrl("postgresql:");
  EXPECT_EQ(empty.dialect, "postgres");
  EXPECT_TRUE(empty.host.empty());
  EXPECT_EQ(empty.port, 0);
  EXPECT_THROW((void)parseUrl("postgres:host=h port=x"), Error);
  EXPECT_THROW((void)parseUrl("postgres:password='open"), Error);
  EXPECT_THROW((void)parseUrl("postgres:=x"), Error);
}

TEST(UrlTest, BadUrlsSayWhatIsWrong) {
  auto message = [](const char* url) {
    try {
      (void)parseUrl(url);
    } catch (const Error& e) {
      EXPECT_EQ(e.name(), "Error");
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message("").find("Invalid database URL"), std::string::npos);
  EXPECT_NE(message("localhost").find("Invalid database URL"), std::string::npos);
  EXPECT_NE(message("postgres://u@h:99999/d").find("port"), std::string::npos);
  EXPECT_NE(message("postgres://u@h:12ab/d").find("port"), std::string::npos);
  EXPECT_NE(message("postgres:u@h/d").find("Invalid database URL"), std::string::npos);
  EXPECT_NE(message("postgres://u:%zz@h/d").find("percent"), std::string::npos);
  EXPECT_EQ(message("mongodb://h/d"),
            "The dialect mongodb is not supported. Supported dialects: mariadb, mysql, postgres "
            "and sqlite.");
  // The password never appears in a message.
  EXPECT_EQ(message("postgres://u:secret@h:0/d").find("secret"), std::string::npos);
}

}  // namespace
}  // namespace sequelize::detail
