#pragma once
// What hand-written C API code reads rows into: plain structs, a nested struct for the joined
// row. The raw baselines fill these; their size is what an ORM instance is compared against.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bench {

using TimePoint = std::chrono::system_clock::time_point;

struct UserRow {
  std::int64_t user_id = 0;
  std::string username;
  std::string email;
  std::string password;
  TimePoint created_at;
  TimePoint updated_at;
};

struct StoryRow {
  std::int64_t story_id = 0;
  std::int64_t created_by = 0;
  std::string title;
  std::string content;
  TimePoint created_at;
  TimePoint updated_at;
};

struct AuthorRow {  // a user without the password
  std::int64_t user_id = 0;
  std::string username;
  std::string email;
  TimePoint created_at;
  TimePoint updated_at;
};

struct UserWithStory {
  UserRow user;
  std::optional<StoryRow> story;
};

// A user with every story of the to-many include, folded from the joined rows by user_id.
struct UserWithStories {
  UserRow user;
  std::vector<StoryRow> stories;
};

struct StoryWithAuthor {
  StoryRow story;
  std::optional<AuthorRow> author;
};

// Folds the rows of a users-to-stories join into one UserWithStories per user_id. The rows of
// one user normally arrive together and users in ascending key order, but without an ORDER BY
// SQL promises neither (a hash join may interleave them), so a key that is neither the last
// user's nor above every key so far is looked up in an index of the users, built the first time
// that happens.
class UserFolder {
 public:
  explicit UserFolder(std::vector<UserWithStories>& users) : users_(users) {}

  // The entry for `key`; a new one, its user read by `readUser()`, when the key is new.
  template <class ReadUser>
  UserWithStories& userFor(std::int64_t key, ReadUser&& readUser) {
    if (!users_.empty() && users_.back().user.user_id == key) return users_.back();
    if (!indexed_ && (users_.empty() || key > users_.back().user.user_id)) {
      users_.push_back({readUser(), {}});
      return users_.back();
    }
    if (!indexed_) {
      for (std::size_t i = 0; i < users_.size(); ++i) index_.emplace(users_[i].user.user_id, i);
      indexed_ = true;
    }
    const auto [it, added] = index_.emplace(key, users_.size());
    if (added) users_.push_back({readUser(), {}});
    return users_[it->second];
  }

 private:
  std::vector<UserWithStories>& users_;
  std::unordered_map<std::int64_t, std::size_t> index_;
  bool indexed_ = false;
};

// Stories in every user's list.
inline std::int64_t storyCount(const std::vector<UserWithStories>& users) {
  std::int64_t n = 0;
  for (const UserWithStories& u : users) n += static_cast<std::int64_t>(u.stories.size());
  return n;
}

// "2026-11-24 10:00:00.123 +00:00" / "2026-11-24 10:00:00.123+00" / "2026-11-24 10:00:00":
// the text forms the databases return, read as UTC.
TimePoint parseTimestamp(std::string_view text);
// "2026-11-24 10:00:00.123 +00:00", what the ORM writes for SQLite and PostgreSQL.
std::string formatTimestamp(TimePoint tp, bool withOffset = true, bool withMillis = true);

}  // namespace bench
