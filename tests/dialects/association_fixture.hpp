#pragma once
// Models and helpers shared by the association tests (definitions, include forms, accessors,
// nested writes): a small blog schema with one-to-one links several levels deep.
//
//   Users --hasOne story--> Stories --belongsTo category--> Categories
//     |  <--belongsTo author--'
//     '--hasOne profile--> Profiles --hasOne avatar--> Avatars
#include <string>
#include <string_view>
#include <vector>

#include "test_database.hpp"

namespace sequelize::test {

struct BlogModels {
  Model& Users;
  Model& Stories;
  Model& Profiles;
  Model& Avatars;
  Model& Categories;
};

// Defines the models (no timestamps, so that rows compare as plain values) and syncs them.
BlogModels defineBlogModels(Sequelize& db);

// SQL written with backtick-quoted identifiers and `?` placeholders, in the dialect's own
// quoting and placeholders: what the library sends there.
std::string dialectSql(Sequelize& db, std::string_view text);

// Foreign key constraints the database has on a table.
std::int64_t foreignKeyCount(Sequelize& db, const std::string& table);

// Runs `fn`, expecting it to throw E with exactly `message`.
template <class E, class Fn>
void expectThrowWithMessage(Fn&& fn, const std::string& message) {
  try {
    fn();
    ADD_FAILURE() << "expected an exception: " << message;
  } catch (const E& e) {
    EXPECT_EQ(std::string(e.what()), message);
  }
}

}  // namespace sequelize::test
