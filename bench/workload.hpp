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
  // To-many (ManyUsers hasMany ManyStories as 'stories'), on tables of their own: many_users
  // and many_stories, seeded with N users and 5 stories each before the first of them runs.
  FindAllUsersIncludeStories,
  FindAllUsersIncludeStoriesLimit,
  CreateNestedMany,
};

inline constexpr std::array<Workload, 13> kWorkloads = {
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
};

// The first workload on the to-many tables: from it on, the harness runs the workloads in a
// phase of their own, on fresh tables it seeds (untimed) first (bench/main.cpp says why).
inline constexpr Workload kFirstToMany = Workload::FindAllUsersIncludeStories;
// Stories per user in the to-many seed and in each nested create of create_nested_many_xM.
inline constexpr int kStoriesPerUser = 5;
// Users the limited to-many find asks for.
inline constexpr int kToManyLimit = 100;

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

class Side {
 public:
  virtual ~Side() = default;
  [[nodiscard]] virtual std::string_view name() const = 0;
  // Empty tables with the benchmark's schema (not timed).
  virtual void freshTables() = 0;
  virtual Outcome run(Workload w, const Scale& s) = 0;
  // The to-many tables' data (not timed): N users in many_users, kStoriesPerUser stories each
  // in many_stories (story i belongs to user i / kStoriesPerUser + 1), written in the same
  // multi-row INSERTs as the bulk workloads.
  virtual void seedToMany(const Scale& s) = 0;
  // Bytes of heap held per row by the result of find_all_users, measured by the harness's
  // allocation counter while the result is alive.
  virtual double heldBytesPerUser(const Scale& s) = 0;
  // The same for find_all_users_include_stories, per user (its stories included).
  virtual double heldBytesPerUserWithStories(const Scale& s) = 0;
};

}  // namespace bench
