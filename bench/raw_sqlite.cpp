// The raw baseline on SQLite: sqlite3 prepared statements (prepared once, reset and rebound per
// call), every column read into the plain structs of raw_rows.hpp.
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <map>
#include <stdexcept>
#include <vector>

#include "heap_counter.hpp"
#include "raw_rows.hpp"
#include "raw_sides.hpp"
#include "raw_sql.hpp"

namespace bench {
namespace {

[[noreturn]] void fail(sqlite3* db, const char* what) {
  throw std::runtime_error(std::string("raw sqlite: ") + what + ": " + sqlite3_errmsg(db));
}

class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) !=
        SQLITE_OK) {
      fail(db, "prepare");
    }
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  sqlite3_stmt* get() { return stmt_; }
  // The text must outlive the step (as the ORM's bound values do).
  void text(int i, const std::string& s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
  }
  void integer(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_, "step");
  }
  void reset() { sqlite3_reset(stmt_); }
  std::int64_t col64(int c) { return sqlite3_column_int64(stmt_, c); }
  std::string colText(int c) {
    return std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt_, c)),
                       static_cast<std::size_t>(sqlite3_column_bytes(stmt_, c)));
  }
  TimePoint colTime(int c) {
    return parseTimestamp(
        std::string_view(reinterpret_cast<const char*>(sqlite3_column_text(stmt_, c)),
                         static_cast<std::size_t>(sqlite3_column_bytes(stmt_, c))));
  }
  bool isNull(int c) { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class RawSqlite final : public Side {
 public:
  RawSqlite(std::string path, std::vector<std::string> ddl)
      : path_(std::move(path)), ddl_(std::move(ddl)) {}
  ~RawSqlite() override { close(); }

  std::string_view name() const override { return "raw"; }

  void freshTables() override {
    close();
    // The ORM's connection flags: one connection used by one thread at a time needs none of
    // SQLite's per-call mutexes (the default serialized mode would charge them to raw alone).
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path_.c_str(), &db_, flags, nullptr) != SQLITE_OK) fail(db_, "open");
    exec("PRAGMA foreign_keys = ON");
    exec("DROP TABLE IF EXISTS stories");
    exec("DROP TABLE IF EXISTS users");
    exec("DROP TABLE IF EXISTS many_story_tags");
    exec("DROP TABLE IF EXISTS many_tags");
    exec("DROP TABLE IF EXISTS many_stories");
    exec("DROP TABLE IF EXISTS many_users");
    for (const std::string& sql : ddl_) exec(sql);
    insertUser_ = std::make_unique<Statement>(
        db_,
        "INSERT INTO users (user_id,username,email,password,created_at,updated_at) VALUES "
        "(NULL,?,?,?,?,?)");
    insertStory_ = std::make_unique<Statement>(
        db_,
        "INSERT INTO stories (story_id,created_by,title,content,created_at,updated_at) VALUES "
        "(NULL,?,?,?,?,?)");
    byPk_ = std::make_unique<Statement>(db_,
                                        "SELECT user_id, username, email, password, created_at, "
                                        "updated_at FROM users WHERE user_id = ?");
    insertManyUser_ = std::make_unique<Statement>(
        db_,
        "INSERT INTO many_users (user_id,username,email,password,created_at,updated_at) VALUES "
        "(NULL,?,?,?,?,?)");
    insertManyStory_ = std::make_unique<Statement>(
        db_,
        "INSERT INTO many_stories (story_id,created_by,title,content,created_at,updated_at) "
        "VALUES (NULL,?,?,?,?,?)");
    storyTagsAmong_ = std::make_unique<Statement>(db_, storyTagsAmongSql(Placeholders::Question));
    // One INSERT per number of tags a call may find missing (the keys are given: nothing is read
    // back, as the ORM reads nothing back).
    for (int rows = 1; rows <= kTagsPerStory; ++rows) {
      insertLinks_[static_cast<std::size_t>(rows - 1)] = std::make_unique<Statement>(
          db_, multiRowInsert("many_story_tags", "story_id,tag_id,weight", 3, rows, "",
                              Placeholders::Question, ""));
    }
  }

  // add_tags_xM tags the first M stories after the seed's (create_nested_many_xM's, untagged).
  void beforeRun(Workload w, const Scale& s) override {
    toTag_.clear();
    if (w != Workload::AddTags) return;
    Statement q(db_,
                "SELECT story_id FROM many_stories WHERE story_id > ? ORDER BY story_id LIMIT ?");
    q.integer(1, seededStories(s));
    q.integer(2, s.m);
    while (q.step()) toTag_.push_back(q.col64(0));
  }

  Outcome run(Workload w, const Scale& s) override {
    switch (w) {
      case Workload::BulkInsertUsers: {
        const std::string now = formatTimestamp(std::chrono::system_clock::now());
        std::vector<std::string> values;
        return {insertChunked(
                    "users", "user_id,username,email,password,created_at,updated_at", s.n,
                    [&](Statement& st, int param, int i) {
                      values.push_back(username(i));
                      values.push_back(email(i));
                      values.push_back(password(i));
                      const std::size_t at = values.size() - 3;
                      st.text(param, values[at]);
                      st.text(param + 1, values[at + 1]);
                      st.text(param + 2, values[at + 2]);
                      st.text(param + 3, now);
                      st.text(param + 4, now);
                    },
                    values),
                0};
      }
      case Workload::BulkInsertStories: {
        const std::string now = formatTimestamp(std::chrono::system_clock::now());
        std::vector<std::string> values;
        return {insertChunked(
                    "stories", "story_id,created_by,title,content,created_at,updated_at", s.n,
                    [&](Statement& st, int param, int i) {
                      values.push_back(storyTitle(i));
                      values.push_back(storyContent(i));
                      const std::size_t at = values.size() - 2;
                      st.integer(param, i + 1);
                      st.text(param + 1, values[at]);
                      st.text(param + 2, values[at + 1]);
                      st.text(param + 3, now);
                      st.text(param + 4, now);
                    },
                    values),
                0};
      }
      case Workload::CreateSingle: {
        for (int i = 0; i < s.m; ++i) {
          insert(*insertUser_, "single" + std::to_string(i),
                 "single" + std::to_string(i) + "@example.com", "pw",
                 formatTimestamp(std::chrono::system_clock::now()));
        }
        return {s.m, 0};
      }
      case Workload::CreateNested: {
        for (int i = 0; i < s.m; ++i) {
          exec("BEGIN");
          const std::string now = formatTimestamp(std::chrono::system_clock::now());
          insert(*insertUser_, "nested" + std::to_string(i),
                 "nested" + std::to_string(i) + "@example.com", "pw", now);
          insertStory(*insertStory_, sqlite3_last_insert_rowid(db_), "nested title",
                      "nested content", now);
          exec("COMMIT");
        }
        return {s.m, s.m};
      }
      case Workload::FindByPk: {
        std::int64_t found = 0;
        for (int i = 0; i < s.m; ++i) {
          byPk_->integer(1, 1 + (static_cast<std::int64_t>(i) * 7919) % s.n);
          if (byPk_->step()) {
            UserRow row = readUser(*byPk_, 0);
            found += row.user_id > 0 ? 1 : 0;
          }
          byPk_->reset();
        }
        return {found, 0};
      }
      case Workload::FindAllUsers:
        return {static_cast<std::int64_t>(findAllUsers().size()), 0};
      case Workload::FindAllUsersIncludeStory: {
        Statement q(
            db_,
            "SELECT u.user_id, u.username, u.email, u.password, u.created_at, u.updated_at, "
            "s.story_id, s.created_by, s.title, s.content, s.created_at, s.updated_at FROM users "
            "AS u LEFT OUTER JOIN stories AS s ON u.user_id = s.created_by");
        std::vector<UserWithStory> rows;
        std::int64_t withStory = 0;
        while (q.step()) {
          UserWithStory r{readUser(q, 0), std::nullopt};
          if (!q.isNull(6)) {
            r.story = readStory(q, 6);
            ++withStory;
          }
          rows.push_back(std::move(r));
        }
        return {static_cast<std::int64_t>(rows.size()), withStory};
      }
      case Workload::FindAllStoriesIncludeAuthorExcl: {
        Statement q(db_,
                    "SELECT s.story_id, s.created_by, s.title, s.content, s.created_at, "
                    "s.updated_at, a.user_id, a.username, a.email, a.created_at, a.updated_at FROM "
                    "stories AS s LEFT OUTER JOIN users AS a ON s.created_by = a.user_id");
        std::vector<StoryWithAuthor> rows;
        std::int64_t withAuthor = 0;
        while (q.step()) {
          StoryWithAuthor r{readStory(q, 0), std::nullopt};
          if (!q.isNull(6)) {
            r.author =
                AuthorRow{q.col64(6), q.colText(7), q.colText(8), q.colTime(9), q.colTime(10)};
            ++withAuthor;
          }
          rows.push_back(std::move(r));
        }
        return {static_cast<std::int64_t>(rows.size()), withAuthor};
      }
      case Workload::FindWhereLikeOrderLimit: {
        Statement q(db_,
                    "SELECT user_id, username, email, password, created_at, updated_at FROM users "
                    "WHERE username LIKE ? ORDER BY user_id DESC LIMIT 100");
        q.text(1, "user1%");
        std::vector<UserRow> rows;
        while (q.step()) rows.push_back(readUser(q, 0));
        return {static_cast<std::int64_t>(rows.size()), 0};
      }
      case Workload::UpdateWhere: {
        Statement q(db_, "UPDATE users SET password=?, updated_at=? WHERE user_id <= ?");
        q.text(1, "changed");
        q.text(2, formatTimestamp(std::chrono::system_clock::now()));
        q.integer(3, s.n / 2);
        q.step();
        return {sqlite3_changes64(db_), 0};
      }
      case Workload::FindAllUsersIncludeStories: {
        const std::vector<UserWithStories> users = findAllUsersWithStories();
        return {static_cast<std::int64_t>(users.size()), storyCount(users)};
      }
      case Workload::FindAllUsersIncludeStoriesLimit: {
        Statement q(db_, limitedUsersWithStoriesSql(kToManyLimit));
        const std::vector<UserWithStories> users = foldUsersWithStories(q);
        return {static_cast<std::int64_t>(users.size()), storyCount(users)};
      }
      case Workload::CreateNestedMany: {
        // As the ORM: plain INSERTs, the new keys read with sqlite3_last_insert_rowid.
        std::int64_t users = 0;
        std::int64_t stories = 0;
        for (int i = 0; i < s.m; ++i) {
          exec("BEGIN");
          const std::string now = formatTimestamp(std::chrono::system_clock::now());
          insert(*insertManyUser_, "many" + std::to_string(i),
                 "many" + std::to_string(i) + "@example.com", "pw", now);
          const std::int64_t id = sqlite3_last_insert_rowid(db_);
          users += id > 0 ? 1 : 0;
          for (int k = 0; k < kStoriesPerUser; ++k) {
            insertStory(*insertManyStory_, id, "nested title", "nested content", now);
            stories += sqlite3_changes(db_);
          }
          exec("COMMIT");
        }
        return {users, stories};
      }
      case Workload::FindAllStoriesIncludeTags: {
        Statement q(db_, storiesWithTagsSql());
        std::vector<StoryWithTags> stories;
        StoryFolder folder(stories);
        while (q.step()) {
          StoryWithTags& st = folder.entryFor(q.col64(0), [&] { return readStory(q, 0); });
          if (!q.isNull(6)) {
            st.tags.push_back(
                TagRow{q.col64(6), q.colText(7), StoryTagRow{q.col64(8), q.col64(9), q.col64(10)}});
          }
        }
        return {static_cast<std::int64_t>(stories.size()), tagCount(stories)};
      }
      case Workload::AddTags: {
        std::int64_t calls = 0;
        std::int64_t linked = 0;
        for (std::size_t i = 0; i < toTag_.size(); ++i) {
          linked += addTags(toTag_[i], static_cast<std::int64_t>(i));
          ++calls;
        }
        return {calls, linked};
      }
    }
    return {};
  }

  void seedToMany(const Scale& s) override {
    const std::string now = formatTimestamp(std::chrono::system_clock::now());
    std::vector<std::string> values;
    insertChunked(
        "many_users", "user_id,username,email,password,created_at,updated_at", s.n,
        [&](Statement& st, int param, int i) {
          values.push_back(username(i));
          values.push_back(email(i));
          values.push_back(password(i));
          const std::size_t at = values.size() - 3;
          st.text(param, values[at]);
          st.text(param + 1, values[at + 1]);
          st.text(param + 2, values[at + 2]);
          st.text(param + 3, now);
          st.text(param + 4, now);
        },
        values);
    insertChunked(
        "many_stories", "story_id,created_by,title,content,created_at,updated_at",
        s.n * kStoriesPerUser,
        [&](Statement& st, int param, int i) {
          values.push_back(storyTitle(i));
          values.push_back(storyContent(i));
          const std::size_t at = values.size() - 2;
          st.integer(param, i / kStoriesPerUser + 1);
          st.text(param + 1, values[at]);
          st.text(param + 2, values[at + 1]);
          st.text(param + 3, now);
          st.text(param + 4, now);
        },
        values);
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
  void exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      const std::string msg = err != nullptr ? err : "?";
      sqlite3_free(err);
      throw std::runtime_error("raw sqlite: " + sql + ": " + msg);
    }
  }
  // One transaction of multi-row INSERTs … RETURNING the key, kSqliteRowsPerInsert rows each (as
  // bulkCreate sends them); the keys are read back as the ORM reads them into its instances.
  template <class BindRow>
  std::int64_t insertChunked(const std::string& table, const std::string& columns, int n,
                             BindRow bindRow, std::vector<std::string>& values) {
    std::vector<std::int64_t> keys;
    keys.reserve(static_cast<std::size_t>(n));
    exec("BEGIN");
    for (int begin = 0; begin < n; begin += kSqliteRowsPerInsert) {
      const int rows = std::min(kSqliteRowsPerInsert, n - begin);
      std::unique_ptr<Statement>& st = multiInsert_[table + std::to_string(rows)];
      if (!st) {
        st = std::make_unique<Statement>(
            db_, multiRowInsert(table, columns, 5, rows, "NULL", Placeholders::Question,
                                columns.substr(0, columns.find(','))));
      }
      values.clear();
      values.reserve(static_cast<std::size_t>(rows) * 3);
      for (int r = 0; r < rows; ++r) bindRow(*st, r * 5 + 1, begin + r);
      while (st->step()) keys.push_back(st->col64(0));
      st->reset();
    }
    exec("COMMIT");
    return static_cast<std::int64_t>(keys.size());
  }
  void close() {
    multiInsert_.clear();
    insertUser_.reset();
    insertStory_.reset();
    byPk_.reset();
    insertManyUser_.reset();
    insertManyStory_.reset();
    storyTagsAmong_.reset();
    for (std::unique_ptr<Statement>& st : insertLinks_) st.reset();
    if (db_ != nullptr) sqlite3_close(db_);
    db_ = nullptr;
  }
  void insert(Statement& st, const std::string& a, const std::string& b, const std::string& c,
              const std::string& now) {
    st.text(1, a);
    st.text(2, b);
    st.text(3, c);
    st.text(4, now);
    st.text(5, now);
    st.step();
    st.reset();
  }
  static void insertStory(Statement& st, std::int64_t createdBy, const std::string& title,
                          const std::string& content, const std::string& now) {
    st.integer(1, createdBy);
    st.text(2, title);
    st.text(3, content);
    st.text(4, now);
    st.text(5, now);
    st.step();
    st.reset();
  }
  // The seed's tags and their junction rows, in one transaction of multi-row INSERTs (as many
  // rows each as bulkCreate puts in one).
  void seedTags(const Scale& s) {
    exec("BEGIN");
    Statement tags(db_, multiRowInsert("many_tags", "tag_id,name", 1, kTags, "NULL",
                                       Placeholders::Question, ""));
    std::vector<std::string> names;
    names.reserve(kTags);
    for (int i = 0; i < kTags; ++i) {
      names.push_back(tagName(i));
      tags.text(i + 1, names.back());
    }
    tags.step();
    const std::int64_t links = seededStories(s) * kTagsPerStory;
    std::unique_ptr<Statement> st;
    for (std::int64_t begin = 0; begin < links; begin += kSqliteLinksPerInsert) {
      const int rows =
          static_cast<int>(std::min<std::int64_t>(kSqliteLinksPerInsert, links - begin));
      if (rows != kSqliteLinksPerInsert || !st) {
        st = std::make_unique<Statement>(
            db_, multiRowInsert("many_story_tags", "story_id,tag_id,weight", 3, rows, "",
                                Placeholders::Question, ""));
      }
      for (int r = 0; r < rows; ++r) {
        const std::int64_t link = begin + r;
        const std::int64_t story = link / kTagsPerStory + 1;
        st->integer(r * 3 + 1, story);
        st->integer(r * 3 + 2, tagOf(story, static_cast<int>(link % kTagsPerStory)));
        st->integer(r * 3 + 3, 1);
      }
      st->step();
      st->reset();
    }
    exec("COMMIT");
  }
  // One call of add_tags_xM, the statements the ORM's addAssociations sends: in a transaction,
  // the story's junction rows among the tags, then one INSERT of the tags not among them (all
  // three: the story has none), the keys read back. Returns the rows inserted.
  std::int64_t addTags(std::int64_t story, std::int64_t call) {
    std::array<std::int64_t, kTagsPerStory> tags{};
    for (int k = 0; k < kTagsPerStory; ++k) tags[static_cast<std::size_t>(k)] = tagOf(call, k);
    exec("BEGIN");
    Statement& among = *storyTagsAmong_;
    among.integer(1, story);
    for (int k = 0; k < kTagsPerStory; ++k) among.integer(k + 2, tags[static_cast<std::size_t>(k)]);
    std::vector<StoryTagRow> found;
    while (among.step()) {
      found.push_back(StoryTagRow{among.col64(0), among.col64(1), among.col64(2)});
    }
    among.reset();
    std::array<std::int64_t, kTagsPerStory> missing{};
    std::size_t count = 0;
    for (const std::int64_t tag : tags) {
      const bool linked = std::any_of(found.begin(), found.end(),
                                      [&](const StoryTagRow& row) { return row.tag_id == tag; });
      if (!linked) missing[count++] = tag;
    }
    std::int64_t inserted = 0;
    if (count > 0) {
      Statement& insert = *insertLinks_[count - 1];
      for (std::size_t r = 0; r < count; ++r) {
        const int param = static_cast<int>(r) * 3 + 1;
        insert.integer(param, story);
        insert.integer(param + 1, missing[r]);
        insert.integer(param + 2, 1);
      }
      if (insert.step()) throw std::runtime_error("raw sqlite: the link INSERT returned rows");
      inserted = sqlite3_changes(db_);
      insert.reset();
    }
    exec("COMMIT");
    return inserted;
  }
  static UserRow readUser(Statement& q, int c) {
    return UserRow{q.col64(c),       q.colText(c + 1), q.colText(c + 2),
                   q.colText(c + 3), q.colTime(c + 4), q.colTime(c + 5)};
  }
  static StoryRow readStory(Statement& q, int c) {
    return StoryRow{q.col64(c),       q.col64(c + 1),   q.colText(c + 2),
                    q.colText(c + 3), q.colTime(c + 4), q.colTime(c + 5)};
  }
  std::vector<UserRow> findAllUsers() {
    Statement q(db_,
                "SELECT user_id, username, email, password, created_at, updated_at FROM users");
    std::vector<UserRow> rows;
    while (q.step()) rows.push_back(readUser(q, 0));
    return rows;
  }

  // Every user with its stories: the join's rows folded by user_id (raw_rows.hpp).
  static std::vector<UserWithStories> foldUsersWithStories(Statement& q) {
    std::vector<UserWithStories> users;
    UserFolder folder(users);
    while (q.step()) {
      UserWithStories& u = folder.entryFor(q.col64(0), [&] { return readUser(q, 0); });
      if (!q.isNull(6)) u.stories.push_back(readStory(q, 6));
    }
    return users;
  }
  std::vector<UserWithStories> findAllUsersWithStories() {
    Statement q(db_, usersWithStoriesSql());
    return foldUsersWithStories(q);
  }

  std::string path_;
  std::vector<std::string> ddl_;
  sqlite3* db_ = nullptr;
  std::unique_ptr<Statement> insertUser_, insertStory_, byPk_, insertManyUser_, insertManyStory_;
  std::unique_ptr<Statement> storyTagsAmong_;
  std::array<std::unique_ptr<Statement>, kTagsPerStory> insertLinks_;  // 1 … 3 rows
  std::vector<std::int64_t> toTag_;  // add_tags_xM's stories, found by beforeRun
  std::map<std::string, std::unique_ptr<Statement>> multiInsert_;  // per table and row count
};

}  // namespace

std::unique_ptr<Side> makeRawSqlite(const std::string& path, std::vector<std::string> ddl) {
  return std::make_unique<RawSqlite>(path, std::move(ddl));
}

}  // namespace bench
