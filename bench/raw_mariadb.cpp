// The raw baseline on MariaDB: Connector/C prepared statements (mysql_stmt_*, binary protocol),
// prepared once per connection, every column fetched into the plain structs of raw_rows.hpp.
#include <mysql.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <stdexcept>
#include <vector>

#include "heap_counter.hpp"
#include "raw_rows.hpp"
#include "raw_sides.hpp"
#include "raw_sql.hpp"

namespace bench {
namespace {

TimePoint fromMysqlTime(const MYSQL_TIME& t) {
  using namespace std::chrono;
  const year_month_day ymd{year{static_cast<int>(t.year)}, month{t.month}, day{t.day}};
  return time_point_cast<system_clock::duration>(sys_days{ymd} + hours{t.hour} + minutes{t.minute} +
                                                 seconds{t.second} + microseconds{t.second_part});
}

MYSQL_TIME toMysqlTime(TimePoint tp) {
  using namespace std::chrono;
  const auto dayPoint = floor<days>(tp);
  const year_month_day ymd{dayPoint};
  const auto rest = duration_cast<seconds>(tp - dayPoint).count();
  MYSQL_TIME t{};
  t.year = static_cast<unsigned>(static_cast<int>(ymd.year()));
  t.month = static_cast<unsigned>(ymd.month());
  t.day = static_cast<unsigned>(ymd.day());
  t.hour = static_cast<unsigned>(rest / 3600);
  t.minute = static_cast<unsigned>(rest / 60 % 60);
  t.second = static_cast<unsigned>(rest % 60);
  t.time_type = MYSQL_TIMESTAMP_DATETIME;
  return t;
}

// One prepared statement with its parameter and result buffers.
class Stmt {
 public:
  Stmt(MYSQL* db, const std::string& sql) : db_(db), stmt_(mysql_stmt_init(db)) {
    if (mysql_stmt_prepare(stmt_, sql.c_str(), sql.size()) != 0) fail("prepare");
  }
  ~Stmt() { mysql_stmt_close(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  [[noreturn]] void fail(const char* what) {
    throw std::runtime_error(std::string("raw mariadb: ") + what + ": " + mysql_stmt_error(stmt_));
  }
  // Binds parameters (strings, integers, datetimes) and executes.
  void execute(std::vector<MYSQL_BIND>& params) {
    if (!params.empty() && mysql_stmt_bind_param(stmt_, params.data()) != 0) fail("bind");
    if (mysql_stmt_execute(stmt_) != 0) fail("execute");
  }
  MYSQL_STMT* get() { return stmt_; }

 private:
  MYSQL* db_;
  MYSQL_STMT* stmt_;
};

MYSQL_BIND textParam(const std::string& s) {
  MYSQL_BIND b{};
  b.buffer_type = MYSQL_TYPE_STRING;
  b.buffer = const_cast<char*>(s.data());
  b.buffer_length = s.size();
  return b;
}
MYSQL_BIND intParam(const std::int64_t& v) {
  MYSQL_BIND b{};
  b.buffer_type = MYSQL_TYPE_LONGLONG;
  b.buffer = const_cast<std::int64_t*>(&v);
  return b;
}
MYSQL_BIND timeParam(const MYSQL_TIME& t) {
  MYSQL_BIND b{};
  b.buffer_type = MYSQL_TYPE_DATETIME;
  b.buffer = const_cast<MYSQL_TIME*>(&t);
  return b;
}

// Result columns fetched into fixed buffers, then copied into the structs.
class Columns {
 public:
  enum class Kind { Int, Text, Time };
  explicit Columns(std::vector<Kind> kinds)
      : kinds_(std::move(kinds)),
        binds_(kinds_.size()),
        ints_(kinds_.size()),
        times_(kinds_.size()),
        texts_(kinds_.size(), std::string(256, '\0')),
        lengths_(kinds_.size()),
        nulls_(kinds_.size()) {
    for (std::size_t i = 0; i < kinds_.size(); ++i) {
      MYSQL_BIND& b = binds_[i];
      b.length = &lengths_[i];
      b.is_null = &nulls_[i];
      switch (kinds_[i]) {
        case Kind::Int:
          b.buffer_type = MYSQL_TYPE_LONGLONG;
          b.buffer = &ints_[i];
          break;
        case Kind::Time:
          b.buffer_type = MYSQL_TYPE_DATETIME;
          b.buffer = &times_[i];
          break;
        case Kind::Text:
          b.buffer_type = MYSQL_TYPE_STRING;
          b.buffer = texts_[i].data();
          b.buffer_length = texts_[i].size();
          break;
      }
    }
  }
  void bind(Stmt& s) {
    if (mysql_stmt_bind_result(s.get(), binds_.data()) != 0) s.fail("bind result");
  }
  // Fetches the next row; longer text columns are fetched in full.
  bool fetch(Stmt& s) {
    const int rc = mysql_stmt_fetch(s.get());
    if (rc == MYSQL_NO_DATA) return false;
    if (rc == 1) s.fail("fetch");
    if (rc == MYSQL_DATA_TRUNCATED) {
      for (std::size_t i = 0; i < kinds_.size(); ++i) {
        if (kinds_[i] == Kind::Text && lengths_[i] > texts_[i].size()) {
          long_.assign(lengths_[i], '\0');
          MYSQL_BIND b{};
          b.buffer_type = MYSQL_TYPE_STRING;
          b.buffer = long_.data();
          b.buffer_length = long_.size();
          mysql_stmt_fetch_column(s.get(), &b, static_cast<unsigned>(i), 0);
          longColumn_ = static_cast<int>(i);
        }
      }
    } else {
      longColumn_ = -1;
    }
    return true;
  }
  std::int64_t i64(std::size_t c) const { return ints_[c]; }
  std::string text(std::size_t c) const {
    if (static_cast<int>(c) == longColumn_) return long_;
    return std::string(texts_[c].data(), lengths_[c]);
  }
  TimePoint time(std::size_t c) const { return fromMysqlTime(times_[c]); }
  bool null(std::size_t c) const { return nulls_[c] != 0; }

 private:
  std::vector<Kind> kinds_;
  std::vector<MYSQL_BIND> binds_;
  std::vector<std::int64_t> ints_;
  std::vector<MYSQL_TIME> times_;
  std::vector<std::string> texts_;
  std::vector<unsigned long> lengths_;
  std::vector<my_bool> nulls_;
  std::string long_;
  int longColumn_ = -1;
};

using K = Columns::Kind;
const std::vector<K> kUserColumns = {K::Int, K::Text, K::Text, K::Text, K::Time, K::Time};

class RawMariadb final : public Side {
 public:
  explicit RawMariadb(const ServerAddress& a) : db_(mysql_init(nullptr)) {
    if (mysql_real_connect(db_, a.host.c_str(), a.user.c_str(), a.password.c_str(),
                           a.database.c_str(), static_cast<unsigned>(a.port), nullptr,
                           0) == nullptr) {
      throw std::runtime_error(std::string("raw mariadb: ") + mysql_error(db_));
    }
    query("SET time_zone = '+00:00'");
    mysql_set_character_set(db_, "utf8mb4");
  }
  ~RawMariadb() override {
    multiInsert_.clear();
    statements_.clear();
    mysql_close(db_);
  }

  std::string_view name() const override { return "raw"; }

  void freshTables() override {
    if (statements_.empty()) {
      statements_.emplace_back(std::make_unique<Stmt>(
          db_,
          "INSERT INTO users (user_id,username,email,password,created_at,updated_at) VALUES "
          "(DEFAULT,?,?,?,?,?)"));
      statements_.emplace_back(std::make_unique<Stmt>(
          db_,
          "INSERT INTO stories (story_id,created_by,title,content,created_at,updated_at) VALUES "
          "(DEFAULT,?,?,?,?,?)"));
      statements_.emplace_back(
          std::make_unique<Stmt>(db_,
                                 "SELECT user_id, username, email, password, created_at, "
                                 "updated_at FROM users WHERE user_id = ?"));
      statements_.emplace_back(std::make_unique<Stmt>(
          db_, "SELECT user_id, username, email, password, created_at, updated_at FROM users"));
      statements_.emplace_back(std::make_unique<Stmt>(
          db_,
          "SELECT u.user_id, u.username, u.email, u.password, u.created_at, u.updated_at, "
          "s.story_id, s.created_by, s.title, s.content, s.created_at, s.updated_at FROM users AS "
          "u LEFT OUTER JOIN stories AS s ON u.user_id = s.created_by"));
      statements_.emplace_back(std::make_unique<Stmt>(
          db_,
          "SELECT s.story_id, s.created_by, s.title, s.content, s.created_at, s.updated_at, "
          "a.user_id, a.username, a.email, a.created_at, a.updated_at FROM stories AS s LEFT OUTER "
          "JOIN users AS a ON s.created_by = a.user_id"));
      statements_.emplace_back(std::make_unique<Stmt>(
          db_,
          "SELECT user_id, username, email, password, created_at, updated_at FROM users WHERE "
          "username LIKE ? ORDER BY user_id DESC LIMIT 100"));
      statements_.emplace_back(std::make_unique<Stmt>(
          db_, "UPDATE users SET password=?, updated_at=? WHERE user_id <= ?"));
      statements_.emplace_back(std::make_unique<Stmt>(
          db_,
          "INSERT INTO many_users (user_id,username,email,password,created_at,updated_at) VALUES "
          "(DEFAULT,?,?,?,?,?)"));
      statements_.emplace_back(std::make_unique<Stmt>(
          db_,
          "INSERT INTO many_stories (story_id,created_by,title,content,created_at,updated_at) "
          "VALUES (DEFAULT,?,?,?,?,?)"));
      statements_.emplace_back(std::make_unique<Stmt>(db_, usersWithStoriesSql()));
      statements_.emplace_back(
          std::make_unique<Stmt>(db_, limitedUsersWithStoriesSql(kToManyLimit)));
      statements_.emplace_back(std::make_unique<Stmt>(db_, storiesWithTagsSql()));
      statements_.emplace_back(std::make_unique<Stmt>(
          db_, "SELECT story_id FROM many_stories WHERE story_id > ? ORDER BY story_id LIMIT ?"));
      statements_.emplace_back(
          std::make_unique<Stmt>(db_, storyTagsAmongSql(Placeholders::Question)));
      // kInsertLinks + n - 1: the INSERT of n junction rows, one per number of tags a call of
      // add_tags_xM may find missing.
      for (int rows = 1; rows <= kTagsPerStory; ++rows) {
        statements_.emplace_back(
            std::make_unique<Stmt>(db_, multiRowInsert("many_story_tags", "story_id,tag_id,weight",
                                                       3, rows, "", Placeholders::Question, "")));
      }
    }
  }

  // add_tags_xM tags the first M stories after the seed's (create_nested_many_xM's, untagged).
  void beforeRun(Workload w, const Scale& s) override {
    toTag_.clear();
    if (w != Workload::AddTags) return;
    Stmt& st = *statements_[13];
    const std::int64_t after = seededStories(s);
    const std::int64_t limit = s.m;
    std::vector<MYSQL_BIND> params{intParam(after), intParam(limit)};
    st.execute(params);
    Columns cols({K::Int});
    cols.bind(st);
    while (cols.fetch(st)) toTag_.push_back(cols.i64(0));
    mysql_stmt_free_result(st.get());
  }

  Outcome run(Workload w, const Scale& s) override {
    switch (w) {
      case Workload::BulkInsertUsers: {
        const MYSQL_TIME now = toMysqlTime(std::chrono::system_clock::now());
        std::vector<std::string> texts;
        return {insertChunked("users", "user_id,username,email,password,created_at,updated_at", s.n,
                              texts, 3,
                              [&](std::vector<MYSQL_BIND>& params, int i) {
                                texts.push_back(username(i));
                                texts.push_back(email(i));
                                texts.push_back(password(i));
                                const std::size_t at = texts.size() - 3;
                                params.push_back(textParam(texts[at]));
                                params.push_back(textParam(texts[at + 1]));
                                params.push_back(textParam(texts[at + 2]));
                                params.push_back(timeParam(now));
                                params.push_back(timeParam(now));
                              }),
                0};
      }
      case Workload::BulkInsertStories: {
        const MYSQL_TIME now = toMysqlTime(std::chrono::system_clock::now());
        std::vector<std::string> texts;
        std::vector<std::int64_t> createdBy;
        createdBy.reserve(static_cast<std::size_t>(s.n));
        return {insertChunked("stories", "story_id,created_by,title,content,created_at,updated_at",
                              s.n, texts, 2,
                              [&](std::vector<MYSQL_BIND>& params, int i) {
                                createdBy.push_back(i + 1);
                                texts.push_back(storyTitle(i));
                                texts.push_back(storyContent(i));
                                const std::size_t at = texts.size() - 2;
                                params.push_back(intParam(createdBy.back()));
                                params.push_back(textParam(texts[at]));
                                params.push_back(textParam(texts[at + 1]));
                                params.push_back(timeParam(now));
                                params.push_back(timeParam(now));
                              }),
                0};
      }
      case Workload::CreateSingle:
        for (int i = 0; i < s.m; ++i) {
          insertUser("single" + std::to_string(i), "single" + std::to_string(i) + "@example.com",
                     "pw", toMysqlTime(std::chrono::system_clock::now()));
        }
        return {s.m, 0};
      case Workload::CreateNested:
        for (int i = 0; i < s.m; ++i) {
          query("START TRANSACTION");
          const MYSQL_TIME now = toMysqlTime(std::chrono::system_clock::now());
          const std::int64_t id =
              insertUser("nested" + std::to_string(i),
                         "nested" + std::to_string(i) + "@example.com", "pw", now);
          insertStory(id, "nested title", "nested content", now);
          query("COMMIT");
        }
        return {s.m, s.m};
      case Workload::FindByPk: {
        Stmt& st = *statements_[2];
        std::int64_t found = 0;
        for (int i = 0; i < s.m; ++i) {
          const std::int64_t key = 1 + (static_cast<std::int64_t>(i) * 7919) % s.n;
          std::vector<MYSQL_BIND> params{intParam(key)};
          st.execute(params);
          Columns cols(kUserColumns);
          cols.bind(st);
          while (cols.fetch(st)) {
            const UserRow row = readUser(cols, 0);
            found += row.user_id > 0 ? 1 : 0;
          }
          mysql_stmt_free_result(st.get());
        }
        return {found, 0};
      }
      case Workload::FindAllUsers:
        return {static_cast<std::int64_t>(findAllUsers().size()), 0};
      case Workload::FindAllUsersIncludeStory: {
        Stmt& st = *statements_[4];
        std::vector<MYSQL_BIND> none;
        st.execute(none);
        Columns cols({K::Int, K::Text, K::Text, K::Text, K::Time, K::Time, K::Int, K::Int, K::Text,
                      K::Text, K::Time, K::Time});
        cols.bind(st);
        std::vector<UserWithStory> rows;
        std::int64_t withStory = 0;
        while (cols.fetch(st)) {
          UserWithStory r{readUser(cols, 0), std::nullopt};
          if (!cols.null(6)) {
            r.story = StoryRow{cols.i64(6),  cols.i64(7),   cols.text(8),
                               cols.text(9), cols.time(10), cols.time(11)};
            ++withStory;
          }
          rows.push_back(std::move(r));
        }
        mysql_stmt_free_result(st.get());
        return {static_cast<std::int64_t>(rows.size()), withStory};
      }
      case Workload::FindAllStoriesIncludeAuthorExcl: {
        Stmt& st = *statements_[5];
        std::vector<MYSQL_BIND> none;
        st.execute(none);
        Columns cols({K::Int, K::Int, K::Text, K::Text, K::Time, K::Time, K::Int, K::Text, K::Text,
                      K::Time, K::Time});
        cols.bind(st);
        std::vector<StoryWithAuthor> rows;
        std::int64_t withAuthor = 0;
        while (cols.fetch(st)) {
          StoryWithAuthor r{StoryRow{cols.i64(0), cols.i64(1), cols.text(2), cols.text(3),
                                     cols.time(4), cols.time(5)},
                            std::nullopt};
          if (!cols.null(6)) {
            r.author =
                AuthorRow{cols.i64(6), cols.text(7), cols.text(8), cols.time(9), cols.time(10)};
            ++withAuthor;
          }
          rows.push_back(std::move(r));
        }
        mysql_stmt_free_result(st.get());
        return {static_cast<std::int64_t>(rows.size()), withAuthor};
      }
      case Workload::FindWhereLikeOrderLimit: {
        Stmt& st = *statements_[6];
        const std::string pattern = "user1%";
        std::vector<MYSQL_BIND> params{textParam(pattern)};
        st.execute(params);
        Columns cols(kUserColumns);
        cols.bind(st);
        std::vector<UserRow> rows;
        while (cols.fetch(st)) rows.push_back(readUser(cols, 0));
        mysql_stmt_free_result(st.get());
        return {static_cast<std::int64_t>(rows.size()), 0};
      }
      case Workload::UpdateWhere: {
        Stmt& st = *statements_[7];
        const std::string changed = "changed";
        const MYSQL_TIME now = toMysqlTime(std::chrono::system_clock::now());
        const std::int64_t limit = s.n / 2;
        std::vector<MYSQL_BIND> params{textParam(changed), timeParam(now), intParam(limit)};
        st.execute(params);
        return {static_cast<std::int64_t>(mysql_stmt_affected_rows(st.get())), 0};
      }
      case Workload::FindAllUsersIncludeStories: {
        const std::vector<UserWithStories> users = findAllUsersWithStories();
        return {static_cast<std::int64_t>(users.size()), storyCount(users)};
      }
      case Workload::FindAllUsersIncludeStoriesLimit: {
        Stmt& st = *statements_[11];
        std::vector<MYSQL_BIND> none;
        st.execute(none);
        const std::vector<UserWithStories> users = foldUsersWithStories(st);
        return {static_cast<std::int64_t>(users.size()), storyCount(users)};
      }
      case Workload::CreateNestedMany: {
        Stmt& userInsert = *statements_[8];
        Stmt& storyInsert = *statements_[9];
        const std::string pw = "pw";
        const std::string title = "nested title";
        const std::string content = "nested content";
        std::int64_t users = 0;
        std::int64_t stories = 0;
        for (int i = 0; i < s.m; ++i) {
          query("START TRANSACTION");
          const MYSQL_TIME now = toMysqlTime(std::chrono::system_clock::now());
          const std::string name = "many" + std::to_string(i);
          const std::string mail = "many" + std::to_string(i) + "@example.com";
          std::vector<MYSQL_BIND> userParams{textParam(name), textParam(mail), textParam(pw),
                                             timeParam(now), timeParam(now)};
          userInsert.execute(userParams);
          const auto id = static_cast<std::int64_t>(mysql_stmt_insert_id(userInsert.get()));
          users += id > 0 ? 1 : 0;
          std::vector<MYSQL_BIND> storyParams{intParam(id), textParam(title), textParam(content),
                                              timeParam(now), timeParam(now)};
          for (int k = 0; k < kStoriesPerUser; ++k) {
            storyInsert.execute(storyParams);
            stories += mysql_stmt_insert_id(storyInsert.get()) > 0 ? 1 : 0;
          }
          query("COMMIT");
        }
        return {users, stories};
      }
      case Workload::FindAllStoriesIncludeTags: {
        Stmt& st = *statements_[12];
        std::vector<MYSQL_BIND> none;
        st.execute(none);
        Columns cols({K::Int, K::Int, K::Text, K::Text, K::Time, K::Time, K::Int, K::Text, K::Int,
                      K::Int, K::Int});
        cols.bind(st);
        std::vector<StoryWithTags> stories;
        StoryFolder folder(stories);
        while (cols.fetch(st)) {
          StoryWithTags& story = folder.entryFor(cols.i64(0), [&] {
            return StoryRow{cols.i64(0),  cols.i64(1),  cols.text(2),
                            cols.text(3), cols.time(4), cols.time(5)};
          });
          if (!cols.null(6)) {
            story.tags.push_back(TagRow{cols.i64(6), cols.text(7),
                                        StoryTagRow{cols.i64(8), cols.i64(9), cols.i64(10)}});
          }
        }
        mysql_stmt_free_result(st.get());
        return {static_cast<std::int64_t>(stories.size()), tagCount(stories)};
      }
      case Workload::AddTags: {
        // The SELECT's result columns, bound anew to each execution.
        Columns found({K::Int, K::Int, K::Int});
        std::int64_t calls = 0;
        std::int64_t linked = 0;
        for (std::size_t i = 0; i < toTag_.size(); ++i) {
          linked += addTags(toTag_[i], static_cast<std::int64_t>(i), found);
          ++calls;
        }
        return {calls, linked};
      }
    }
    return {};
  }

  void seedToMany(const Scale& s) override {
    const MYSQL_TIME now = toMysqlTime(std::chrono::system_clock::now());
    std::vector<std::string> texts;
    insertChunked("many_users", "user_id,username,email,password,created_at,updated_at", s.n, texts,
                  3, [&](std::vector<MYSQL_BIND>& params, int i) {
                    texts.push_back(username(i));
                    texts.push_back(email(i));
                    texts.push_back(password(i));
                    const std::size_t at = texts.size() - 3;
                    params.push_back(textParam(texts[at]));
                    params.push_back(textParam(texts[at + 1]));
                    params.push_back(textParam(texts[at + 2]));
                    params.push_back(timeParam(now));
                    params.push_back(timeParam(now));
                  });
    const int storyRows = s.n * kStoriesPerUser;
    std::vector<std::int64_t> createdBy;
    createdBy.reserve(static_cast<std::size_t>(storyRows));
    insertChunked("many_stories", "story_id,created_by,title,content,created_at,updated_at",
                  storyRows, texts, 2, [&](std::vector<MYSQL_BIND>& params, int i) {
                    createdBy.push_back(i / kStoriesPerUser + 1);
                    texts.push_back(storyTitle(i));
                    texts.push_back(storyContent(i));
                    const std::size_t at = texts.size() - 2;
                    params.push_back(intParam(createdBy.back()));
                    params.push_back(textParam(texts[at]));
                    params.push_back(textParam(texts[at + 1]));
                    params.push_back(timeParam(now));
                    params.push_back(timeParam(now));
                  });
    seedTags(s);
  }

  double heldBytesPerUser(const Scale&) override {
    const HeapWindow window;
    const std::vector<UserRow> rows = findAllUsers();
    return static_cast<double>(window.heldBytes()) / static_cast<double>(rows.size());
  }

  double heldBytesPerUserWithStories(const Scale&) override {
    const HeapWindow window;
    const std::vector<UserWithStories> users = findAllUsersWithStories();
    return static_cast<double>(window.heldBytes()) / static_cast<double>(users.size());
  }

 private:
  void query(const char* sql) {
    if (mysql_query(db_, sql) != 0)
      throw std::runtime_error(std::string("raw mariadb: ") + mysql_error(db_));
  }
  std::int64_t insertUser(const std::string& name, const std::string& mail, const std::string& pw,
                          const MYSQL_TIME& now) {
    Stmt& st = *statements_[0];
    std::vector<MYSQL_BIND> params{textParam(name), textParam(mail), textParam(pw), timeParam(now),
                                   timeParam(now)};
    st.execute(params);
    return static_cast<std::int64_t>(mysql_stmt_insert_id(st.get()));
  }
  void insertStory(std::int64_t createdBy, const std::string& title, const std::string& content,
                   const MYSQL_TIME& now) {
    Stmt& st = *statements_[1];
    std::vector<MYSQL_BIND> params{intParam(createdBy), textParam(title), textParam(content),
                                   timeParam(now), timeParam(now)};
    st.execute(params);
  }
  // One transaction of multi-row INSERTs, kMariadbRowsPerInsert rows each (as bulkCreate sends
  // them), each shape prepared once; the keys follow the first insert id, as the ORM reads them.
  // `texts` keeps the bound strings alive (reserved: no reallocation moves them).
  template <class AddRow>
  std::int64_t insertChunked(const std::string& table, const std::string& columns, int n,
                             std::vector<std::string>& texts, int textsPerRow, AddRow addRow) {
    std::vector<std::int64_t> keys;
    keys.reserve(static_cast<std::size_t>(n));
    std::vector<MYSQL_BIND> params;
    query("START TRANSACTION");
    for (int begin = 0; begin < n; begin += kMariadbRowsPerInsert) {
      const int rows = std::min(kMariadbRowsPerInsert, n - begin);
      std::unique_ptr<Stmt>& st = multiInsert_[table + std::to_string(rows)];
      if (!st) {
        st = std::make_unique<Stmt>(
            db_, multiRowInsert(table, columns, 5, rows, "DEFAULT", Placeholders::Question, ""));
      }
      texts.clear();
      texts.reserve(static_cast<std::size_t>(rows) * static_cast<std::size_t>(textsPerRow));
      params.clear();
      params.reserve(static_cast<std::size_t>(rows) * 5);
      for (int r = 0; r < rows; ++r) addRow(params, begin + r);
      st->execute(params);
      const auto first = static_cast<std::int64_t>(mysql_stmt_insert_id(st->get()));
      for (int r = 0; r < rows; ++r) keys.push_back(first + r);
    }
    query("COMMIT");
    return static_cast<std::int64_t>(keys.size());
  }
  // The seed's tags and their junction rows, in one transaction of multi-row INSERTs (as many
  // rows each as bulkCreate puts in one), each shape prepared once.
  void seedTags(const Scale& s) {
    query("START TRANSACTION");
    std::vector<std::string> names;
    names.reserve(kTags);
    std::vector<MYSQL_BIND> params;
    for (int i = 0; i < kTags; ++i) {
      names.push_back(tagName(i));
      params.push_back(textParam(names.back()));
    }
    insertStatement("many_tags", "tag_id,name", 1, kTags, "DEFAULT").execute(params);
    const std::int64_t links = seededStories(s) * kTagsPerStory;
    std::vector<std::int64_t> ints;
    for (std::int64_t begin = 0; begin < links; begin += kMariadbLinksPerInsert) {
      const int rows =
          static_cast<int>(std::min<std::int64_t>(kMariadbLinksPerInsert, links - begin));
      ints.clear();
      for (int r = 0; r < rows; ++r) {
        const std::int64_t link = begin + r;
        const std::int64_t story = link / kTagsPerStory + 1;
        ints.push_back(story);
        ints.push_back(tagOf(story, static_cast<int>(link % kTagsPerStory)));
        ints.push_back(1);
      }
      params.clear();
      for (const std::int64_t& value : ints) params.push_back(intParam(value));
      insertStatement("many_story_tags", "story_id,tag_id,weight", 3, rows, "").execute(params);
    }
    query("COMMIT");
  }
  // The multi-row INSERT of `rows` rows into `table`, prepared the first time.
  Stmt& insertStatement(const std::string& table, const std::string& columns, int columnCount,
                        int rows, const std::string& generatedKey) {
    std::unique_ptr<Stmt>& st = multiInsert_[table + std::to_string(rows)];
    if (!st) {
      st = std::make_unique<Stmt>(db_, multiRowInsert(table, columns, columnCount, rows,
                                                      generatedKey, Placeholders::Question, ""));
    }
    return *st;
  }
  // One call of add_tags_xM, the statements the ORM's addAssociations sends: in a transaction,
  // the story's junction rows among the tags (read into `found`'s buffers), then one INSERT of
  // the tags not among them (all three: the story has none). Returns the rows inserted.
  std::int64_t addTags(std::int64_t story, std::int64_t call, Columns& found) {
    std::array<std::int64_t, kTagsPerStory> tags{};
    for (int k = 0; k < kTagsPerStory; ++k) tags[static_cast<std::size_t>(k)] = tagOf(call, k);
    query("START TRANSACTION");
    Stmt& among = *statements_[14];
    std::vector<MYSQL_BIND> params{intParam(story)};
    params.reserve(1 + kTagsPerStory);
    for (const std::int64_t& tag : tags) params.push_back(intParam(tag));
    among.execute(params);
    found.bind(among);
    std::vector<StoryTagRow> rows;
    while (found.fetch(among)) {
      rows.push_back(StoryTagRow{found.i64(0), found.i64(1), found.i64(2)});
    }
    mysql_stmt_free_result(among.get());
    const std::int64_t weight = 1;
    params.clear();
    for (const std::int64_t& tag : tags) {
      const bool linked = std::any_of(rows.begin(), rows.end(),
                                      [&](const StoryTagRow& row) { return row.tag_id == tag; });
      if (linked) continue;
      params.push_back(intParam(story));
      params.push_back(intParam(tag));
      params.push_back(intParam(weight));
    }
    std::int64_t inserted = 0;
    if (!params.empty()) {
      Stmt& insert = *statements_[kInsertLinks + params.size() / 3 - 1];
      insert.execute(params);
      inserted = static_cast<std::int64_t>(mysql_stmt_affected_rows(insert.get()));
    }
    query("COMMIT");
    return inserted;
  }
  static UserRow readUser(const Columns& c, std::size_t o) {
    return UserRow{c.i64(o),      c.text(o + 1), c.text(o + 2),
                   c.text(o + 3), c.time(o + 4), c.time(o + 5)};
  }
  // Every user with its stories from an executed join: its rows folded by user_id
  // (raw_rows.hpp), read as they arrive.
  static std::vector<UserWithStories> foldUsersWithStories(Stmt& st) {
    Columns cols({K::Int, K::Text, K::Text, K::Text, K::Time, K::Time, K::Int, K::Int, K::Text,
                  K::Text, K::Time, K::Time});
    cols.bind(st);
    std::vector<UserWithStories> users;
    UserFolder folder(users);
    while (cols.fetch(st)) {
      UserWithStories& u = folder.entryFor(cols.i64(0), [&] { return readUser(cols, 0); });
      if (!cols.null(6)) {
        u.stories.push_back(StoryRow{cols.i64(6), cols.i64(7), cols.text(8), cols.text(9),
                                     cols.time(10), cols.time(11)});
      }
    }
    mysql_stmt_free_result(st.get());
    return users;
  }
  std::vector<UserWithStories> findAllUsersWithStories() {
    Stmt& st = *statements_[10];
    std::vector<MYSQL_BIND> none;
    st.execute(none);
    return foldUsersWithStories(st);
  }
  std::vector<UserRow> findAllUsers() {
    Stmt& st = *statements_[3];
    std::vector<MYSQL_BIND> none;
    st.execute(none);
    Columns cols(kUserColumns);
    cols.bind(st);
    std::vector<UserRow> rows;
    while (cols.fetch(st)) rows.push_back(readUser(cols, 0));
    mysql_stmt_free_result(st.get());
    return rows;
  }

  static constexpr std::size_t kInsertLinks = 15;  // statements_: the INSERT of one link

  MYSQL* db_;
  std::vector<std::unique_ptr<Stmt>> statements_;
  std::map<std::string, std::unique_ptr<Stmt>> multiInsert_;  // per table and row count
  std::vector<std::int64_t> toTag_;  // add_tags_xM's stories, found by beforeRun
};

}  // namespace

std::unique_ptr<Side> makeRawMariadb(const ServerAddress& address) {
  return std::make_unique<RawMariadb>(address);
}

}  // namespace bench
