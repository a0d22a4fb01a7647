// The workloads through sequelize-cpp, written as a user of the library would write them.
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <utility>
#include <vector>

#include "heap_counter.hpp"
#include "orm_side.hpp"
#include "sequelize/sequelize.hpp"

namespace bench {
namespace {

using namespace sequelize;

// The columns of users and of stories: the one-to-one tables and the to-many ones share them.
AttributeDefinitions userAttributes() {
  return {
      {"user_id",
       {.type = DataTypes::INTEGER.UNSIGNED(), .primaryKey = true, .autoIncrement = true}},
      {"username", {.type = DataTypes::STRING(64), .allowNull = false}},
      {"email", {.type = DataTypes::STRING(255), .allowNull = false}},
      {"password", {.type = DataTypes::STRING(255), .allowNull = false}},
  };
}

AttributeDefinitions storyAttributes(Model& users) {
  return {
      {"story_id",
       {.type = DataTypes::INTEGER.UNSIGNED(), .primaryKey = true, .autoIncrement = true}},
      {"created_by",
       {.type = DataTypes::INTEGER.UNSIGNED(),
        .allowNull = false,
        .references = {.model = users, .key = "user_id"}}},
      {"title", {.type = DataTypes::STRING(255), .allowNull = false}},
      {"content", {.type = DataTypes::TEXT, .allowNull = false}},
  };
}

// The to-many tags (many_tags) and the junction linking them to stories (many_story_tags): its
// key columns are named as the raw sides name them, its primary key is the pair (the
// association makes it so, as Sequelize does for a junction without a key of its own).
AttributeDefinitions tagAttributes() {
  return {
      {"tag_id",
       {.type = DataTypes::INTEGER.UNSIGNED(), .primaryKey = true, .autoIncrement = true}},
      {"name", {.type = DataTypes::STRING(64), .allowNull = false, .unique = true}},
  };
}

AttributeDefinitions storyTagAttributes() {
  return {
      {"story_id", {.type = DataTypes::INTEGER.UNSIGNED(), .allowNull = false}},
      {"tag_id", {.type = DataTypes::INTEGER.UNSIGNED(), .allowNull = false}},
      {"weight", {.type = DataTypes::INTEGER, .allowNull = false, .defaultValue = 1}},
  };
}

ModelOptions tableOptions(const std::string& table) {
  return {
      .tableName = table, .timestamps = true, .createdAt = "created_at", .updatedAt = "updated_at"};
}

// Stories, and how many tags came with them, each with its junction row (the weight).
Outcome countWithTags(const std::vector<Instance>& stories) {
  std::int64_t tags = 0;
  for (const Instance& story : stories) {
    for (const Instance& tag : story.included("tags")) {
      tags += tag.included("ManyStoryTags") != nullptr ? 1 : 0;
    }
  }
  return {static_cast<std::int64_t>(stories.size()), tags};
}

// Users, and how many stories came with them.
Outcome countWithStories(const std::vector<Instance>& users) {
  std::int64_t stories = 0;
  for (const Instance& u : users) {
    stories += static_cast<std::int64_t>(u.included("stories").size());
  }
  return {static_cast<std::int64_t>(users.size()), stories};
}

class OrmSide final : public Side {
 public:
  // Without `captureSchema` and SEQUELIZE_BENCH_LOG there is no logging function: a user who
  // measures speed does not format a log line per statement either.
  OrmSide(const std::string& url, bool captureSchema)
      : db_(url, loggingOptions(captureSchema)),
        Users_(db_.define("Users", userAttributes(), tableOptions("users"))),
        Stories_(db_.define("Stories", storyAttributes(Users_), tableOptions("stories"))),
        // The to-many workloads' models, on tables of their own, so that five stories per user
        // do not change what the one-to-one workloads read.
        ManyUsers_(db_.define("ManyUsers", userAttributes(), tableOptions("many_users"))),
        ManyStories_(
            db_.define("ManyStories", storyAttributes(ManyUsers_), tableOptions("many_stories"))),
        ManyTags_(db_.define("ManyTags", tagAttributes(),
                             {.tableName = "many_tags", .timestamps = false})),
        ManyStoryTags_(db_.define("ManyStoryTags", storyTagAttributes(),
                                  {.tableName = "many_story_tags", .timestamps = false})) {
    Users_.hasOne(Stories_, {.foreignKey = "created_by", .as = "story"});
    Stories_.belongsTo(Users_, {.foreignKey = "created_by", .as = "author"});
    ManyUsers_.hasMany(ManyStories_, {.foreignKey = "created_by", .as = "stories"});
    ManyStories_.belongsToMany(
        ManyTags_,
        {.through = ManyStoryTags_, .as = "tags", .foreignKey = "story_id", .otherKey = "tag_id"});
  }

  std::string_view name() const override { return "orm"; }

  SequelizeOptions loggingOptions(bool captureSchema) {
    SequelizeOptions options;
    if (captureSchema || echo_) {
      options.logging = [this](const std::string& line) {
        if (capture_) log_.push_back(line);
        if (echo_) std::fprintf(stderr, "orm: %s\n", line.c_str());
      };
    }
    return options;
  }

  void freshTables() override {
    capture_ = true;
    log_.clear();
    db_.sync({.force = true});
    capture_ = false;
  }

  // The CREATE TABLE statements of the last sync, for a raw side on its own SQLite database.
  std::vector<std::string> createTableStatements() const {
    std::vector<std::string> out;
    for (const std::string& line : log_) {
      const std::size_t p = line.find("): ");
      const std::string sql = p == std::string::npos ? line : line.substr(p + 3);
      if (sql.starts_with("CREATE TABLE")) out.push_back(sql);
    }
    return out;
  }

  // add_tags_xM tags stories that create_nested_many_xM wrote (they have no tags): the first M
  // after the seed's, read into instances here, as a caller would hold them.
  void beforeRun(Workload w, const Scale& s) override {
    toTag_.clear();
    if (w != Workload::AddTags) return;
    toTag_ = ManyStories_.findAll({.where = {{"story_id", Op::gt(seededStories(s))}},
                                   .order = {{"story_id", "ASC"}},
                                   .limit = s.m});
  }

  // addAssociations reports nothing: the junction rows of the stories add_tags_xM tagged are
  // counted in the table.
  Outcome written(Workload w, const Scale& s, Outcome claimed) override {
    if (w != Workload::AddTags) return claimed;
    return {claimed.rows,
            ManyStoryTags_.count({.where = {{"story_id", Op::gt(seededStories(s))}}})};
  }

  Outcome run(Workload w, const Scale& s) override {
    switch (w) {
      case Workload::BulkInsertUsers: {
        std::vector<Values> rows;
        rows.reserve(static_cast<std::size_t>(s.n));
        for (int i = 0; i < s.n; ++i) {
          rows.push_back(
              {{"username", username(i)}, {"email", email(i)}, {"password", password(i)}});
        }
        const auto created = db_.transaction([&](Transaction& t) {
          return Users_.bulkCreate(std::move(rows), {.transaction = &t});
        });
        return {static_cast<std::int64_t>(created.size()), 0};
      }
      case Workload::BulkInsertStories: {
        std::vector<Values> rows;
        rows.reserve(static_cast<std::size_t>(s.n));
        for (int i = 0; i < s.n; ++i) {
          rows.push_back(
              {{"created_by", i + 1}, {"title", storyTitle(i)}, {"content", storyContent(i)}});
        }
        const auto created = db_.transaction([&](Transaction& t) {
          return Stories_.bulkCreate(std::move(rows), {.transaction = &t});
        });
        return {static_cast<std::int64_t>(created.size()), 0};
      }
      case Workload::CreateSingle: {
        std::int64_t made = 0;
        for (int i = 0; i < s.m; ++i) {
          const Instance u =
              Users_.create({{"username", "single" + std::to_string(i)},
                             {"email", "single" + std::to_string(i) + "@example.com"},
                             {"password", "pw"}});
          made += u.isNewRecord() ? 0 : 1;
        }
        return {made, 0};
      }
      case Workload::CreateNested: {
        std::int64_t users = 0;
        std::int64_t stories = 0;
        for (int i = 0; i < s.m; ++i) {
          const Instance u =
              Users_.create({{"username", "nested" + std::to_string(i)},
                             {"email", "nested" + std::to_string(i) + "@example.com"},
                             {"password", "pw"},
                             {"story", {{"title", "nested title"}, {"content", "nested content"}}}},
                            {.include = {"story"}});
          users += u.isNewRecord() ? 0 : 1;
          const Instance* story = u.included("story");
          stories += story != nullptr && !story->isNewRecord() ? 1 : 0;
        }
        return {users, stories};
      }
      case Workload::FindByPk: {
        std::int64_t found = 0;
        for (int i = 0; i < s.m; ++i) {
          const auto u = Users_.findByPk(1 + (static_cast<std::int64_t>(i) * 7919) % s.n);
          if (u && u->get<std::int64_t>("user_id") > 0) ++found;
        }
        return {found, 0};
      }
      case Workload::FindAllUsers:
        return {static_cast<std::int64_t>(Users_.findAll().size()), 0};
      case Workload::FindAllUsersIncludeStory: {
        const auto users = Users_.findAll({.include = {"story"}});
        std::int64_t withStory = 0;
        for (const Instance& u : users) withStory += u.included("story") != nullptr ? 1 : 0;
        return {static_cast<std::int64_t>(users.size()), withStory};
      }
      case Workload::FindAllStoriesIncludeAuthorExcl: {
        const auto stories = Stories_.findAll(
            {.include = {{.association = "author", .attributes = {.exclude = {"password"}}}}});
        std::int64_t withAuthor = 0;
        for (const Instance& st : stories) withAuthor += st.included("author") != nullptr ? 1 : 0;
        return {static_cast<std::int64_t>(stories.size()), withAuthor};
      }
      case Workload::FindWhereLikeOrderLimit: {
        const auto users = Users_.findAll({.where = {{"username", Op::like("user1%")}},
                                           .order = {{"user_id", "DESC"}},
                                           .limit = 100});
        return {static_cast<std::int64_t>(users.size()), 0};
      }
      case Workload::UpdateWhere: {
        const std::int64_t updated =
            Users_.update({{"password", "changed"}}, {.where = {{"user_id", Op::lte(s.n / 2)}}});
        return {updated, 0};
      }
      case Workload::FindAllUsersIncludeStories:
        return countWithStories(ManyUsers_.findAll({.include = {"stories"}}));
      case Workload::FindAllUsersIncludeStoriesLimit:
        return countWithStories(ManyUsers_.findAll(
            {.include = {"stories"}, .order = {{"user_id", "ASC"}}, .limit = kToManyLimit}));
      case Workload::CreateNestedMany: {
        std::int64_t users = 0;
        std::int64_t stories = 0;
        for (int i = 0; i < s.m; ++i) {
          std::vector<Value> list;
          list.reserve(kStoriesPerUser);
          for (int k = 0; k < kStoriesPerUser; ++k) {
            list.push_back(Value{{"title", "nested title"}, {"content", "nested content"}});
          }
          const Instance u =
              ManyUsers_.create({{"username", "many" + std::to_string(i)},
                                 {"email", "many" + std::to_string(i) + "@example.com"},
                                 {"password", "pw"},
                                 {"stories", Value(std::move(list))}},
                                {.include = {"stories"}});
          users += u.isNewRecord() ? 0 : 1;
          for (const Instance& story : u.included("stories")) {
            stories += story.isNewRecord() ? 0 : 1;
          }
        }
        return {users, stories};
      }
      case Workload::FindAllStoriesIncludeTags:
        return countWithTags(ManyStories_.findAll(
            {.include = {{.association = "tags", .through = {.attributes = {{"weight"}}}}}}));
      case Workload::AddTags: {
        std::int64_t calls = 0;
        for (std::size_t i = 0; i < toTag_.size(); ++i) {
          const auto call = static_cast<std::int64_t>(i);
          toTag_[i].addAssociations("tags", {tagOf(call, 0), tagOf(call, 1), tagOf(call, 2)},
                                    {.through = {{"weight", 1}}});
          ++calls;
        }
        return {calls, calls * kTagsPerStory};
      }
    }
    return {};
  }

  void seedToMany(const Scale& s) override {
    std::vector<Values> users;
    users.reserve(static_cast<std::size_t>(s.n));
    for (int i = 0; i < s.n; ++i) {
      users.push_back({{"username", username(i)}, {"email", email(i)}, {"password", password(i)}});
    }
    const int storyCount = s.n * kStoriesPerUser;
    std::vector<Values> stories;
    stories.reserve(static_cast<std::size_t>(storyCount));
    for (int i = 0; i < storyCount; ++i) {
      stories.push_back({{"created_by", i / kStoriesPerUser + 1},
                         {"title", storyTitle(i)},
                         {"content", storyContent(i)}});
    }
    std::vector<Values> tags;
    tags.reserve(kTags);
    for (int i = 0; i < kTags; ++i) tags.push_back({{"name", tagName(i)}});
    std::vector<Values> links;
    links.reserve(static_cast<std::size_t>(storyCount) * kTagsPerStory);
    for (std::int64_t story = 1; story <= storyCount; ++story) {
      for (int k = 0; k < kTagsPerStory; ++k) {
        links.push_back({{"story_id", story}, {"tag_id", tagOf(story, k)}, {"weight", 1}});
      }
    }
    db_.transaction([&](Transaction& t) {
      ManyUsers_.bulkCreate(std::move(users), {.transaction = &t});
      ManyStories_.bulkCreate(std::move(stories), {.transaction = &t});
      ManyTags_.bulkCreate(std::move(tags), {.transaction = &t});
      ManyStoryTags_.bulkCreate(std::move(links), {.transaction = &t});
    });
  }

  double heldBytesPerUser(const Scale&) override {
    const HeapWindow window;
    const std::vector<Instance> users = Users_.findAll();
    return static_cast<double>(window.heldBytes()) / static_cast<double>(users.size());
  }

  double heldBytesPerUserWithStories(const Scale&) override {
    const HeapWindow window;
    const std::vector<Instance> users = ManyUsers_.findAll({.include = {"stories"}});
    return static_cast<double>(window.heldBytes()) / static_cast<double>(users.size());
  }

 private:
  bool capture_ = false;
  // SEQUELIZE_BENCH_LOG=1: every statement the ORM sends, on stderr (to compare with raw).
  bool echo_ = std::getenv("SEQUELIZE_BENCH_LOG") != nullptr;
  std::vector<std::string> log_;
  Sequelize db_;
  Model& Users_;
  Model& Stories_;
  Model& ManyUsers_;
  Model& ManyStories_;
  Model& ManyTags_;
  Model& ManyStoryTags_;
  std::vector<Instance> toTag_;  // add_tags_xM's stories, found by beforeRun
};

}  // namespace

std::unique_ptr<Side> makeOrmSide(const std::string& url, std::vector<std::string>* createTables) {
  if (createTables != nullptr) {
    // The schema comes from a first instance with a logging function, on its own database.
    OrmSide schema(url, true);
    schema.freshTables();
    *createTables = schema.createTableStatements();
  }
  auto side = std::make_unique<OrmSide>(url, false);
  side->freshTables();
  return side;
}

}  // namespace bench
