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

// A row of many_story_tags: what links a story to a tag, and the link's weight.
struct StoryTagRow {
  std::int64_t story_id = 0;
  std::int64_t tag_id = 0;
  std::int64_t weight = 0;
};

// A tag of the many-to-many include, with the junction row that links it to its story.
struct TagRow {
  std::int64_t tag_id = 0;
  std::string name;
  StoryTagRow through;
};

// A story with every tag of the many-to-many include, folded from the joined rows by story_id.
struct StoryWithTags {
  StoryRow story;
  std::vector<TagRow> tags;
};

// The key a joined row is folded by: the entry's own row's.
inline std::int64_t foldKey(const UserWithStories& u) {
  return u.user.user_id;
}
inline std::int64_t foldKey(const StoryWithTags& s) {
  return s.story.story_id;
}

// Folds the rows of a to-many join into one entry per key of the joined-to row (a user with its
// stories, a story with its tags). The rows of one entry normally arrive together and entries in
// ascending key order, but without an ORDER BY SQL promises neither (a hash join may interleave
// them), so a key that is neither the last entry's nor above every key so far is looked up in an
// index of the entries, built the first time that happens.
template <class Entry>
class RowFolder {
 public:
  explicit RowFolder(std::vector<Entry>& entries) : entries_(entries) {}

  // The entry for `key`; a new one, its own row read by `readRow()`, when the key is new.
  template <class ReadRow>
  Entry& entryFor(std::int64_t key, ReadRow&& readRow) {
    if (!entries_.empty() && foldKey(entries_.back()) == key) return entries_.back();
    if (!indexed_ && (entries_.empty() || key > foldKey(entries_.back()))) {
      entries_.push_back({readRow(), {}});
      return entries_.back();
    }
    if (!indexed_) {
      for (std::size_t i = 0; i < entries_.size(); ++i) index_.emplace(foldKey(entries_[i]), i);
      indexed_ = true;
    }
    const auto [it, added] = index_.emplace(key, entries_.size());
    if (added) entries_.push_back({readRow(), {}});
    return entries_[it->second];
  }

 private:
  std::vector<Entry>& entries_;
  std::unordered_map<std::int64_t, std::size_t> index_;
  bool indexed_ = false;
};

using UserFolder = RowFolder<UserWithStories>;
using StoryFolder = RowFolder<StoryWithTags>;

// Stories in every user's list.
inline std::int64_t storyCount(const std::vector<UserWithStories>& users) {
  std::int64_t n = 0;
  for (const UserWithStories& u : users) n += static_cast<std::int64_t>(u.stories.size());
  return n;
}

// Tags in every story's list.
inline std::int64_t tagCount(const std::vector<StoryWithTags>& stories) {
  std::int64_t n = 0;
  for (const StoryWithTags& s : stories) n += static_cast<std::int64_t>(s.tags.size());
  return n;
}

// "2026-11-24 10:00:00.123 +00:00" / "2026-11-24 10:00:00.123+00" / "2026-11-24 10:00:00":
// the text forms the databases return, read as UTC.
TimePoint parseTimestamp(std::string_view text);
// "2026-11-24 10:00:00.123 +00:00", what the ORM writes for SQLite and PostgreSQL.
std::string formatTimestamp(TimePoint tp, bool withOffset = true, bool withMillis = true);

}  // namespace bench
