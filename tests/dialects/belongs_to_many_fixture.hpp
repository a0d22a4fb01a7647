#pragma once
// Models shared by the belongsToMany tests (accessors, includes, nested create): stories and
// tags linked through the junction model StoryTags, which carries a weight; users write
// stories. Lowercase tables, no timestamps, so that rows compare as plain values everywhere.
//
//   Users --hasMany stories--> Stories <--belongsToMany tags / stories--> Tags
//                                   (junction story_tags: storyId, tagId, weight)
#include "has_many_fixture.hpp"

namespace sequelize::test {

struct TagModels {
  Model& Users;      // users:      id, username
  Model& Stories;    // stories:    id, title, authorId
  Model& Tags;       // tags:       id, name (unique)
  Model& StoryTags;  // story_tags: storyId, tagId (primary key), weight (NOT NULL, default 1)
};

// Defines the models and their associations, and syncs them (force).
TagModels defineTagModels(Sequelize& db);

// The junction's rows, "storyId|tagId|weight", ordered by story then tag: what the database
// holds, read with plain SQL.
std::vector<std::string> junctionRows(Sequelize& db);

// Only the data statements of `statements` (SELECT, INSERT, UPDATE, DELETE), without
// transaction control.
std::vector<std::string> dataStatements(const std::vector<std::string>& statements);

}  // namespace sequelize::test
