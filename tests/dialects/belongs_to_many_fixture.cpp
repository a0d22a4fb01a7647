#include "belongs_to_many_fixture.hpp"

namespace sequelize::test {

TagModels defineTagModels(Sequelize& db) {
  Model& Users =
      db.define("Users", {{"username", {.type = DataTypes::STRING(64), .allowNull = false}}},
                {.tableName = "users", .timestamps = false});
  Model& Stories =
      db.define("Stories", {{"title", {.type = DataTypes::STRING, .allowNull = false}}},
                {.tableName = "stories", .timestamps = false});
  Model& Tags = db.define(
      "Tags", {{"name", {.type = DataTypes::STRING(64), .allowNull = false, .unique = true}}},
      {.tableName = "tags", .timestamps = false});
  Model& StoryTags =
      db.define("StoryTags",
                {{"weight", {.type = DataTypes::INTEGER, .allowNull = false, .defaultValue = 1}}},
                {.tableName = "story_tags", .timestamps = false});
  Users.hasMany(Stories, {.foreignKey = "authorId", .as = "stories"});
  Stories.belongsTo(Users, {.foreignKey = "authorId", .as = "author"});
  Stories.belongsToMany(
      Tags, {.through = StoryTags, .as = "tags", .foreignKey = "storyId", .otherKey = "tagId"});
  Tags.belongsToMany(
      Stories,
      {.through = StoryTags, .as = "stories", .foreignKey = "tagId", .otherKey = "storyId"});
  db.sync({.force = true});
  return TagModels{Users, Stories, Tags, StoryTags};
}

std::vector<std::string> junctionRows(Sequelize& db) {
  return plainRows(db,
                   "SELECT `storyId`, `tagId`, `weight` FROM `story_tags` ORDER BY `storyId`, "
                   "`tagId`");
}

std::vector<std::string> dataStatements(const std::vector<std::string>& statements) {
  std::vector<std::string> out;
  for (const std::string& s : statements) {
    for (const char* verb : {"SELECT", "INSERT", "UPDATE", "DELETE"}) {
      if (s.rfind(verb, 0) == 0) {
        out.push_back(s);
        break;
      }
    }
  }
  return out;
}

}  // namespace sequelize::test
