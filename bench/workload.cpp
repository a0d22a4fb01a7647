#include "workload.hpp"

#include <algorithm>

namespace bench {

std::string_view workloadName(Workload w) {
  switch (w) {
    case Workload::BulkInsertUsers:
      return "bulk_insert_users";
    case Workload::BulkInsertStories:
      return "bulk_insert_stories";
    case Workload::CreateSingle:
      return "create_single_xM";
    case Workload::CreateNested:
      return "create_nested_xM";
    case Workload::FindByPk:
      return "find_by_pk_xM";
    case Workload::FindAllUsers:
      return "find_all_users";
    case Workload::FindAllUsersIncludeStory:
      return "find_all_users_include_story";
    case Workload::FindAllStoriesIncludeAuthorExcl:
      return "find_all_stories_include_author_excl";
    case Workload::FindWhereLikeOrderLimit:
      return "find_where_like_order_limit";
    case Workload::UpdateWhere:
      return "update_where";
    case Workload::FindAllUsersIncludeStories:
      return "find_all_users_include_stories";
    case Workload::FindAllUsersIncludeStoriesLimit:
      return "find_all_users_include_stories_limit";
    case Workload::CreateNestedMany:
      return "create_nested_many_xM";
    case Workload::FindAllStoriesIncludeTags:
      return "find_all_stories_include_tags";
    case Workload::AddTags:
      return "add_tags_xM";
  }
  return "?";
}

namespace {
// Usernames user0 … user<n-1> that start with "user1".
std::int64_t likeUser1(int n) {
  std::int64_t count = 0;
  for (int i = 0; i < n; ++i) {
    if (username(i).starts_with("user1")) ++count;
  }
  return count;
}
}  // namespace

Outcome expectedOutcome(Workload w, const Scale& s) {
  const std::int64_t n = s.n;
  const std::int64_t m = s.m;
  switch (w) {
    case Workload::BulkInsertUsers:
    case Workload::BulkInsertStories:
      return {n, 0};
    case Workload::CreateSingle:
      return {m, 0};
    case Workload::CreateNested:
      return {m, m};
    case Workload::FindByPk:
      return {m, 0};
    case Workload::FindAllUsers:
      return {n + 2 * m, 0};
    // Every bulk user has a story (created_by = i + 1), and so has every nested user.
    case Workload::FindAllUsersIncludeStory:
      return {n + 2 * m, n + m};
    case Workload::FindAllStoriesIncludeAuthorExcl:
      return {n + m, n + m};
    case Workload::FindWhereLikeOrderLimit:
      return {std::min<std::int64_t>(100, likeUser1(s.n)), 0};
    case Workload::UpdateWhere:
      return {n / 2, 0};
    // The seed alone: the finds run before create_nested_many_xM adds to it.
    case Workload::FindAllUsersIncludeStories:
      return {n, n * kStoriesPerUser};
    case Workload::FindAllUsersIncludeStoriesLimit: {
      const std::int64_t users = std::min<std::int64_t>(kToManyLimit, n);
      return {users, users * kStoriesPerUser};
    }
    case Workload::CreateNestedMany:
      return {m, m * kStoriesPerUser};
    // Every story, the seed's with their tags and create_nested_many_xM's with none.
    case Workload::FindAllStoriesIncludeTags:
      return {(n + m) * kStoriesPerUser, n * kStoriesPerUser * kTagsPerStory};
    // Junction rows inserted: each call's tags are new to its story.
    case Workload::AddTags:
      return {m, m * kTagsPerStory};
  }
  return {};
}

std::string username(int i) {
  return "user" + std::to_string(i);
}
std::string email(int i) {
  return "user" + std::to_string(i) + "@example.com";
}
std::string password(int i) {
  return "pw" + std::to_string(i);
}
std::string storyTitle(int i) {
  return "title " + std::to_string(i);
}
std::string storyContent(int i) {
  return "content of story " + std::to_string(i);
}
std::string tagName(int i) {
  return "tag" + std::to_string(i);
}

}  // namespace bench
