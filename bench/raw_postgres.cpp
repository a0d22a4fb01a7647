// The raw baseline on PostgreSQL: libpq, statements prepared once per connection
// (PQprepare/PQexecPrepared), text results parsed into the plain structs of raw_rows.hpp.
#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <iterator>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

#include "heap_counter.hpp"
#include "raw_rows.hpp"
#include "raw_sides.hpp"
#include "raw_sql.hpp"

namespace bench {
namespace {

class Result {
 public:
  explicit Result(PGresult* r) : r_(r) {}
  ~Result() { PQclear(r_); }
  Result(Result&& other) noexcept : r_(std::exchange(other.r_, nullptr)) {}
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  PGresult* get() const { return r_; }
  int rows() const { return PQntuples(r_); }
  // The rows an INSERT, UPDATE or DELETE touched.
  std::int64_t affected() const { return std::atoll(PQcmdTuples(r_)); }
  std::int64_t i64(int row, int col) const {
    return std::strtoll(PQgetvalue(r_, row, col), nullptr, 10);
  }
  std::string text(int row, int col) const {
    return std::string(PQgetvalue(r_, row, col),
                       static_cast<std::size_t>(PQgetlength(r_, row, col)));
  }
  TimePoint time(int row, int col) const {
    return parseTimestamp(std::string_view(PQgetvalue(r_, row, col),
                                           static_cast<std::size_t>(PQgetlength(r_, row, col))));
  }
  bool null(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }

 private:
  PGresult* r_;
};

class RawPostgres final : public Side {
 public:
  explicit RawPostgres(const ServerAddress& a) {
    const std::string port = std::to_string(a.port);
    const char* keys[] = {"host", "port", "user", "password", "dbname", nullptr};
    const char* values[] = {a.host.c_str(),     port.c_str(),       a.user.c_str(),
                            a.password.c_str(), a.database.c_str(), nullptr};
    conn_ = PQconnectdbParams(keys, values, 0);
    if (PQstatus(conn_) != CONNECTION_OK)
      throw std::runtime_error(std::string("raw postgres: ") + PQerrorMessage(conn_));
    exec("SET TIME ZONE 'UTC'");
  }
  ~RawPostgres() override { PQfinish(conn_); }

  std::string_view name() const override { return "raw"; }

  void freshTables() override {
    // The ORM side created the tables; statements are prepared once per connection.
    if (!prepared_) {
      prepare("ins_user",
              "INSERT INTO users (username,email,password,created_at,updated_at) VALUES "
              "($1,$2,$3,$4,$5) RETURNING user_id");
      prepare("ins_story",
              "INSERT INTO stories (created_by,title,content,created_at,updated_at) VALUES "
              "($1,$2,$3,$4,$5) RETURNING story_id");
      prepare("by_pk",
              "SELECT user_id, username, email, password, created_at, updated_at FROM users WHERE "
              "user_id = $1");
      prepare("all_users",
              "SELECT user_id, username, email, password, created_at, updated_at FROM users");
      prepare("users_story",
              "SELECT u.user_id, u.username, u.email, u.password, u.created_at, u.updated_at, "
              "s.story_id, s.created_by, s.title, s.content, s.created_at, s.updated_at FROM users "
              "AS u LEFT OUTER JOIN stories AS s ON u.user_id = s.created_by");
      prepare("stories_author",
              "SELECT s.story_id, s.created_by, s.title, s.content, s.created_at, s.updated_at, "
              "a.user_id, a.username, a.email, a.created_at, a.updated_at FROM stories AS s LEFT "
              "OUTER JOIN users AS a ON s.created_by = a.user_id");
      prepare("like",
              "SELECT user_id, username, email, password, created_at, updated_at FROM users WHERE "
              "username LIKE $1 ORDER BY user_id DESC LIMIT 100");
      prepare("update", "UPDATE users SET password=$1, updated_at=$2 WHERE user_id <= $3");
      prepare("ins_many_user",
              "INSERT INTO many_users (username,email,password,created_at,updated_at) VALUES "
              "($1,$2,$3,$4,$5) RETURNING user_id");
      prepare("ins_many_story",
              "INSERT INTO many_stories (created_by,title,content,created_at,updated_at) VALUES "
              "($1,$2,$3,$4,$5) RETURNING story_id");
      prepare("users_stories", usersWithStoriesSql().c_str());
      prepare("users_stories_limit", limitedUsersWithStoriesSql(kToManyLimit).c_str());
      prepare("stories_tags", storiesWithTagsSql().c_str());
      prepare("stories_to_tag",
              "SELECT story_id FROM many_stories WHERE story_id > $1 ORDER BY story_id LIMIT $2");
      prepare("story_tags_among", storyTagsAmongSql(Placeholders::Dollar).c_str());
      // One INSERT per number of tags a call may find missing (the keys are given: nothing is
      // read back, as the ORM reads nothing back).
      for (int rows = 1; rows <= kTagsPerStory; ++rows) {
        prepare(kInsertLinks[rows - 1], multiRowInsert("many_story_tags", "story_id,tag_id,weight",
                                                       3, rows, "", Placeholders::Dollar, "")
                                            .c_str());
      }
      prepared_ = true;
    }
  }

  // add_tags_xM tags the first M stories after the seed's (create_nested_many_xM's, untagged).
  void beforeRun(Workload w, const Scale& s) override {
    toTag_.clear();
    if (w != Workload::AddTags) return;
    const Result r =
        execPrepared("stories_to_tag", {std::to_string(seededStories(s)), std::to_string(s.m)});
    for (int i = 0; i < r.rows(); ++i) toTag_.push_back(r.text(i, 0));
  }

  Outcome run(Workload w, const Scale& s) override {
    switch (w) {
      case Workload::BulkInsertUsers: {
        const std::string now = formatTimestamp(std::chrono::system_clock::now());
        return {insertChunked("users", "user_id,username,email,password,created_at,updated_at", s.n,
                              [&](std::vector<std::string>& values, int i) {
                                values.push_back(username(i));
                                values.push_back(email(i));
                                values.push_back(password(i));
                                values.push_back(now);
                                values.push_back(now);
                              }),
                0};
      }
      case Workload::BulkInsertStories: {
        const std::string now = formatTimestamp(std::chrono::system_clock::now());
        return {
            insertChunked("stories", "story_id,created_by,title,content,created_at,updated_at", s.n,
                          [&](std::vector<std::string>& values, int i) {
                            values.push_back(std::to_string(i + 1));
                            values.push_back(storyTitle(i));
                            values.push_back(storyContent(i));
                            values.push_back(now);
                            values.push_back(now);
                          }),
            0};
      }
      case Workload::CreateSingle:
        for (int i = 0; i < s.m; ++i) {
          const std::string now = formatTimestamp(std::chrono::system_clock::now());
          execPrepared("ins_user", {"single" + std::to_string(i),
                                    "single" + std::to_string(i) + "@example.com", "pw", now, now});
        }
        return {s.m, 0};
      case Workload::CreateNested:
        for (int i = 0; i < s.m; ++i) {
          exec("BEGIN");
          const std::string now = formatTimestamp(std::chrono::system_clock::now());
          const Result u = execPrepared(
              "ins_user", {"nested" + std::to_string(i),
                           "nested" + std::to_string(i) + "@example.com", "pw", now, now});
          execPrepared("ins_story", {u.text(0, 0), "nested title", "nested content", now, now});
          exec("COMMIT");
        }
        return {s.m, s.m};
      case Workload::FindByPk: {
        std::int64_t found = 0;
        for (int i = 0; i < s.m; ++i) {
          const Result r = execPrepared(
              "by_pk", {std::to_string(1 + (static_cast<std::int64_t>(i) * 7919) % s.n)});
          if (r.rows() == 1) {
            const UserRow row = readUser(r, 0, 0);
            found += row.user_id > 0 ? 1 : 0;
          }
        }
        return {found, 0};
      }
      case Workload::FindAllUsers:
        return {static_cast<std::int64_t>(findAllUsers().size()), 0};
      case Workload::FindAllUsersIncludeStory: {
        const Result r = execPrepared("users_story", {});
        std::vector<UserWithStory> rows;
        rows.reserve(static_cast<std::size_t>(r.rows()));
        std::int64_t withStory = 0;
        for (int i = 0; i < r.rows(); ++i) {
          UserWithStory row{readUser(r, i, 0), std::nullopt};
          if (!r.null(i, 6)) {
            row.story = readStory(r, i, 6);
            ++withStory;
          }
          rows.push_back(std::move(row));
        }
        return {static_cast<std::int64_t>(rows.size()), withStory};
      }
      case Workload::FindAllStoriesIncludeAuthorExcl: {
        const Result r = execPrepared("stories_author", {});
        std::vector<StoryWithAuthor> rows;
        rows.reserve(static_cast<std::size_t>(r.rows()));
        std::int64_t withAuthor = 0;
        for (int i = 0; i < r.rows(); ++i) {
          StoryWithAuthor row{readStory(r, i, 0), std::nullopt};
          if (!r.null(i, 6)) {
            row.author =
                AuthorRow{r.i64(i, 6), r.text(i, 7), r.text(i, 8), r.time(i, 9), r.time(i, 10)};
            ++withAuthor;
          }
          rows.push_back(std::move(row));
        }
        return {static_cast<std::int64_t>(rows.size()), withAuthor};
      }
      case Workload::FindWhereLikeOrderLimit: {
        const Result r = execPrepared("like", {"user1%"});
        std::vector<UserRow> rows;
        rows.reserve(static_cast<std::size_t>(r.rows()));
        for (int i = 0; i < r.rows(); ++i) rows.push_back(readUser(r, i, 0));
        return {static_cast<std::int64_t>(rows.size()), 0};
      }
      case Workload::UpdateWhere: {
        const Result r =
            execPrepared("update", {"changed", formatTimestamp(std::chrono::system_clock::now()),
                                    std::to_string(s.n / 2)});
        return {std::strtoll(PQcmdTuples(r.get()), nullptr, 10), 0};
      }
      case Workload::FindAllUsersIncludeStories: {
        const std::vector<UserWithStories> users =
            foldUsersWithStories(execPrepared("users_stories", {}));
        return {static_cast<std::int64_t>(users.size()), storyCount(users)};
      }
      case Workload::FindAllUsersIncludeStoriesLimit: {
        const std::vector<UserWithStories> users =
            foldUsersWithStories(execPrepared("users_stories_limit", {}));
        return {static_cast<std::int64_t>(users.size()), storyCount(users)};
      }
      case Workload::CreateNestedMany: {
        std::int64_t users = 0;
        std::int64_t stories = 0;
        for (int i = 0; i < s.m; ++i) {
          exec("BEGIN");
          const std::string now = formatTimestamp(std::chrono::system_clock::now());
          const Result u = execPrepared(
              "ins_many_user", {"many" + std::to_string(i),
                                "many" + std::to_string(i) + "@example.com", "pw", now, now});
          users += u.rows();
          // The key as text is what the story INSERTs bind (a text parameter).
          const std::string id = u.text(0, 0);
          for (int k = 0; k < kStoriesPerUser; ++k) {
            const Result st =
                execPrepared("ins_many_story", {id, "nested title", "nested content", now, now});
            stories += st.rows();
          }
          exec("COMMIT");
        }
        return {users, stories};
      }
      case Workload::FindAllStoriesIncludeTags: {
        const Result r = execPrepared("stories_tags", {});
        std::vector<StoryWithTags> stories;
        StoryFolder folder(stories);
        for (int i = 0; i < r.rows(); ++i) {
          StoryWithTags& st = folder.entryFor(r.i64(i, 0), [&] { return readStory(r, i, 0); });
          if (!r.null(i, 6)) {
            st.tags.push_back(TagRow{r.i64(i, 6), r.text(i, 7),
                                     StoryTagRow{r.i64(i, 8), r.i64(i, 9), r.i64(i, 10)}});
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
    insertChunked("many_users", "user_id,username,email,password,created_at,updated_at", s.n,
                  [&](std::vector<std::string>& values, int i) {
                    values.push_back(username(i));
                    values.push_back(email(i));
                    values.push_back(password(i));
                    values.push_back(now);
                    values.push_back(now);
                  });
    insertChunked("many_stories", "story_id,created_by,title,content,created_at,updated_at",
                  s.n * kStoriesPerUser, [&](std::vector<std::string>& values, int i) {
                    values.push_back(std::to_string(i / kStoriesPerUser + 1));
                    values.push_back(storyTitle(i));
                    values.push_back(storyContent(i));
                    values.push_back(now);
                    values.push_back(now);
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
    const std::vector<UserWithStories> users =
        foldUsersWithStories(execPrepared("users_stories", {}));
    return static_cast<double>(window.heldBytes()) / static_cast<double>(users.size());
  }

 private:
  void exec(const char* sql) {
    const Result r(PQexec(conn_, sql));
    const auto status = PQresultStatus(r.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
      throw std::runtime_error(std::string("raw postgres: ") + PQerrorMessage(conn_));
  }
  void prepare(const char* name, const char* sql) {
    const Result r(PQprepare(conn_, name, sql, 0, nullptr));
    if (PQresultStatus(r.get()) != PGRES_COMMAND_OK)
      throw std::runtime_error(std::string("raw postgres: ") + PQerrorMessage(conn_));
  }
  Result execPrepared(const char* name, const std::vector<std::string>& params) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const std::string& p : params) values.push_back(p.c_str());
    Result r(PQexecPrepared(conn_, name, static_cast<int>(values.size()), values.data(), nullptr,
                            nullptr, 0));
    const auto status = PQresultStatus(r.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
      throw std::runtime_error(std::string("raw postgres: ") + PQerrorMessage(conn_));
    return r;
  }
  // One transaction of multi-row INSERTs … RETURNING the key, kPostgresRowsPerInsert rows each
  // (as bulkCreate sends them), each shape prepared once; the keys are read back as the ORM
  // reads them into its instances.
  template <class AddRow>
  std::int64_t insertChunked(const std::string& table, const std::string& columns, int n,
                             AddRow addRow) {
    std::vector<std::int64_t> keys;
    keys.reserve(static_cast<std::size_t>(n));
    std::vector<std::string> values;
    exec("BEGIN");
    for (int begin = 0; begin < n; begin += kPostgresRowsPerInsert) {
      const int rows = std::min(kPostgresRowsPerInsert, n - begin);
      const std::string name = "ins_" + table + "_" + std::to_string(rows);
      if (preparedInserts_.insert(name).second) {
        prepare(name.c_str(),
                multiRowInsert(table, columns, 5, rows, "DEFAULT", Placeholders::Dollar,
                               columns.substr(0, columns.find(',')))
                    .c_str());
      }
      values.clear();
      for (int r = 0; r < rows; ++r) addRow(values, begin + r);
      const Result result = execPrepared(name.c_str(), values);
      for (int i = 0; i < result.rows(); ++i) keys.push_back(result.i64(i, 0));
    }
    exec("COMMIT");
    return static_cast<std::int64_t>(keys.size());
  }
  // The seed's tags and their junction rows, in one transaction of multi-row INSERTs (as many
  // rows each as bulkCreate puts in one), each shape prepared once.
  void seedTags(const Scale& s) {
    exec("BEGIN");
    std::vector<std::string> values;
    values.reserve(kTags);
    for (int i = 0; i < kTags; ++i) values.push_back(tagName(i));
    execOnce(
        "seed_tags",
        multiRowInsert("many_tags", "tag_id,name", 1, kTags, "DEFAULT", Placeholders::Dollar, ""),
        values);
    const std::int64_t links = seededStories(s) * kTagsPerStory;
    for (std::int64_t begin = 0; begin < links; begin += kPostgresLinksPerInsert) {
      const int rows =
          static_cast<int>(std::min<std::int64_t>(kPostgresLinksPerInsert, links - begin));
      values.clear();
      for (int r = 0; r < rows; ++r) {
        const std::int64_t link = begin + r;
        const std::int64_t story = link / kTagsPerStory + 1;
        values.push_back(std::to_string(story));
        values.push_back(std::to_string(tagOf(story, static_cast<int>(link % kTagsPerStory))));
        values.push_back("1");
      }
      execOnce("seed_links_" + std::to_string(rows),
               multiRowInsert("many_story_tags", "story_id,tag_id,weight", 3, rows, "",
                              Placeholders::Dollar, ""),
               values);
    }
    exec("COMMIT");
  }
  // Executes `sql` as the prepared statement `name`, prepared the first time.
  void execOnce(const std::string& name, const std::string& sql,
                const std::vector<std::string>& params) {
    if (preparedInserts_.insert(name).second) prepare(name.c_str(), sql.c_str());
    execPrepared(name.c_str(), params);
  }
  // One call of add_tags_xM, the statements the ORM's addAssociations sends: in a transaction,
  // the story's junction rows among the tags, then one INSERT of the tags not among them (all
  // three: the story has none), the keys read back. Returns the rows inserted.
  std::int64_t addTags(const std::string& story, std::int64_t call) {
    std::array<std::int64_t, kTagsPerStory> tags{};
    std::vector<std::string> params;
    params.reserve(1 + kTagsPerStory);
    params.push_back(story);
    for (int k = 0; k < kTagsPerStory; ++k) {
      tags[static_cast<std::size_t>(k)] = tagOf(call, k);
      params.push_back(std::to_string(tags[static_cast<std::size_t>(k)]));
    }
    exec("BEGIN");
    const Result among = execPrepared("story_tags_among", params);
    std::vector<StoryTagRow> found;
    found.reserve(static_cast<std::size_t>(among.rows()));
    for (int i = 0; i < among.rows(); ++i) {
      found.push_back(StoryTagRow{among.i64(i, 0), among.i64(i, 1), among.i64(i, 2)});
    }
    // The INSERT's parameters: story, tag, weight per tag not linked yet.
    std::vector<std::string> rows;
    rows.reserve(std::size_t{3} * kTagsPerStory);
    for (std::size_t k = 0; k < tags.size(); ++k) {
      const bool linked = std::any_of(found.begin(), found.end(), [&](const StoryTagRow& row) {
        return row.tag_id == tags[k];
      });
      if (linked) continue;
      rows.push_back(story);
      rows.push_back(params[k + 1]);
      rows.push_back("1");
    }
    std::int64_t inserted = 0;
    if (!rows.empty()) {
      const Result r = execPrepared(kInsertLinks[rows.size() / 3 - 1], rows);
      inserted = r.affected();
    }
    exec("COMMIT");
    return inserted;
  }
  static UserRow readUser(const Result& r, int row, int c) {
    return UserRow{r.i64(row, c),      r.text(row, c + 1), r.text(row, c + 2),
                   r.text(row, c + 3), r.time(row, c + 4), r.time(row, c + 5)};
  }
  static StoryRow readStory(const Result& r, int row, int c) {
    return StoryRow{r.i64(row, c),      r.i64(row, c + 1),  r.text(row, c + 2),
                    r.text(row, c + 3), r.time(row, c + 4), r.time(row, c + 5)};
  }
  // Every user with its stories: the join's rows folded by user_id (raw_rows.hpp).
  static std::vector<UserWithStories> foldUsersWithStories(const Result& r) {
    std::vector<UserWithStories> users;
    UserFolder folder(users);
    for (int i = 0; i < r.rows(); ++i) {
      UserWithStories& u = folder.entryFor(r.i64(i, 0), [&] { return readUser(r, i, 0); });
      if (!r.null(i, 6)) u.stories.push_back(readStory(r, i, 6));
    }
    return users;
  }
  std::vector<UserRow> findAllUsers() {
    const Result r = execPrepared("all_users", {});
    std::vector<UserRow> rows;
    rows.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) rows.push_back(readUser(r, i, 0));
    return rows;
  }

  // The prepared INSERTs of 1 … kTagsPerStory junction rows.
  static constexpr const char* kInsertLinks[] = {"ins_links_1", "ins_links_2", "ins_links_3"};
  static_assert(std::size(kInsertLinks) == kTagsPerStory);

  PGconn* conn_ = nullptr;
  bool prepared_ = false;
  std::set<std::string> preparedInserts_;
  std::vector<std::string> toTag_;  // add_tags_xM's stories (keys as text), found by beforeRun
};

}  // namespace

std::unique_ptr<Side> makeRawPostgres(const ServerAddress& address) {
  return std::make_unique<RawPostgres>(address);
}

}  // namespace bench
