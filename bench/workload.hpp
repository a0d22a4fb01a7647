#pragma once
// The workloads of the benchmark (docs: bench/README.md), in the order they run, and the
// interface both sides implement: sequelize-cpp, and a raw baseline written directly against
// the database's C API. Every workload reports how much it did; the harness checks it.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace bench {

struct Scale {
  int n;  // rows for the bulk workloads
  int m;  // calls for the per-call workloads: min(n, 2000)
};

enum class Workload {
  BulkInsertUsers,
  BulkInsertStories,
  CreateSingle,
  CreateNested,
  FindByPk,
  FindAllUsers,
  FindAllUsersIncludeStory,
  FindAllStoriesIncludeAuthorExcl,
  FindWhereLikeOrderLimit,
  UpdateWhere,
  // To-many (ManyUsers hasMany ManyStories as 'stories', ManyStories belongsToMany ManyTags
  // through ManyStoryTags as 'tags'), on tables of their own: many_users, many_stories,
  // many_tags and many_story_tags, seeded with N users, 5 stories each, 20 tags and 3 tags per
  // story before the first of them runs.
  FindAllUsersIncludeStories,
  FindAllUsersIncludeStoriesLimit,
  CreateNestedMany,
  FindAllStoriesIncludeTags,
  AddTags,
};

inline constexpr std::array<Workload, 15> kWorkloads = {
    Workload::BulkInsertUsers,
    Workload::BulkInsertStories,
    Workload::CreateSingle,
    Workload::CreateNested,
    Workload::FindByPk,
    Workload::FindAllUsers,
    Workload::FindAllUsersIncludeStory,
    Workload::FindAllStoriesIncludeAuthorExcl,
    Workload::FindWhereLikeOrderLimit,
    Workload::UpdateWhere,
    Workload::FindAllUsersIncludeStories,
    Workload::FindAllUsersIncludeStoriesLimit,
    Workload::CreateNestedMany,
    Workload::FindAllStoriesIncludeTags,
    Workload::AddTags,
};

// The first workload on the to-many tables: from it on, the harness runs the workloads in a
// phase of their own, on fresh tables it seeds (untimed) first (bench/main.cpp says why).
inline constexpr Workload kFirstToMany = Workload::FindAllUsersIncludeStories;
// Stories per user in the to-many seed and in each nested create of create_nested_many_xM.
inline constexpr int kStoriesPerUser = 5;
// Users the limited to-many find asks for.
inline constexpr int kToManyLimit = 100;
// Tags in the to-many seed, and tags linked to each story (by the seed, and by each call of
// add_tags_xM).
inline constexpr int kTags = 20;
inline constexpr int kTagsPerStory = 3;

// The k-th tag (0 ≤ k < kTagsPerStory) linked to story `i` (the seed: the story's 1-based key;
// add_tags_xM: the call's number): three distinct tag keys out of 1 … kTags.
constexpr std::int64_t tagOf(std::int64_t i, int k) {
  return (i * kTagsPerStory + k) % kTags + 1;
}
// Stories in the to-many seed: their keys are 1 … seededStories(s), those create_nested_many_xM
// writes come after them.
constexpr std::int64_t seededStories(const Scale& s) {
  return static_cast<std::int64_t>(s.n) * kStoriesPerUser;
}

std::string_view workloadName(Workload w);

// What a workload did, for the harness to check against what it claims.
struct Outcome {
  std::int64_t rows = 0;    // rows written, found, or updated
  std::int64_t nested = 0;  // included rows found (or nested rows written)
};

// The expected outcome of each workload at a scale, given the data the earlier ones wrote.
Outcome expectedOutcome(Workload w, const Scale& s);

// The values every side writes, so that both do the same work.
std::string username(int i);
std::string email(int i);
std::string password(int i);
std::string storyTitle(int i);
std::string storyContent(int i);
std::string tagName(int i);

class Side {
 public:
  virtual ~Side() = default;
  [[nodiscard]] virtual std::string_view name() const = 0;
  // Empty tables with the benchmark's schema (not timed).
  virtual void freshTables() = 0;
  // What a workload needs found before it runs (not timed): add_tags_xM's stories.
  virtual void beforeRun(Workload /*w*/, const Scale& /*s*/) {}
  virtual Outcome run(Workload w, const Scale& s) = 0;
  // What a workload wrote, counted after it ran (not timed), for a side whose calls do not
  // report it (the ORM's addAssociations returns nothing); `claimed` is what run returned.
  virtual Outcome written(Workload /*w*/, const Scale& /*s*/, Outcome claimed) { return claimed; }
  // The to-many tables' data (not timed): N users in many_users, kStoriesPerUser stories each
  // in many_stories (story i belongs to user i / kStoriesPerUser + 1), kTags tags in many_tags
  // (tag0 … tag19) and kTagsPerStory rows per story in many_story_tags (story s, 1-based, has
  // the tags tagOf(s, k), weight 1), written in multi-row INSERTs as the bulk workloads' are.
  virtual void seedToMany(const Scale& s) = 0;
  // Bytes of heap held per row by the result of find_all_users, measured by the harness's
  // allocation counter while the result is alive.
  virtual double heldBytesPerUser(const Scale& s) = 0;
  // The same for find_all_users_include_stories, per user (its stories included).
  virtual double heldBytesPerUserWithStories(const Scale& s) = 0;
};

}  // namespace bench
