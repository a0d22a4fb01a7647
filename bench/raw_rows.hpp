#pragma once
// What hand-written C API code reads rows into: plain structs, a nested struct for the joined
// row. The raw baselines fill these; their size is what an ORM instance is compared against.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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

struct StoryWithAuthor {
  StoryRow story;
  std::optional<AuthorRow> author;
};

// "2026-11-24 10:00:00.123 +00:00" / "2026-11-24 10:00:00.123+00" / "2026-11-24 10:00:00":
// the text forms the databases return, read as UTC.
TimePoint parseTimestamp(std::string_view text);
// "2026-11-24 10:00:00.123 +00:00", what the ORM writes for SQLite and PostgreSQL.
std::string formatTimestamp(TimePoint tp, bool withOffset = true, bool withMillis = true);

}  // namespace bench
