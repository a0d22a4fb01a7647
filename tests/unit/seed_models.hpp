#pragma once
// The seed tutorial's models on a Sequelize object that never connects (nothing here runs SQL).
#include <string_view>

#include "sequelize/sequelize.hpp"

namespace sequelize::test {

struct UnitSeed {
  // Any dialect's URL: a server URL is fine, nothing connects.
  explicit UnitSeed(std::string_view url = "sqlite::memory:") : db(url) {}
  Sequelize db;
  Model& Users = db.define(
      "Users",
      {
          {"user_id",
           {.type = DataTypes::INTEGER.UNSIGNED(), .primaryKey = true, .autoIncrement = true}},
          {"username", {.type = DataTypes::STRING(64), .allowNull = false}},
          {"email", {.type = DataTypes::STRING(255), .allowNull = false}},
          {"password", {.type = DataTypes::STRING(255), .allowNull = false}},
      },
      {.tableName = "users",
       .timestamps = true,
       .createdAt = "created_at",
       .updatedAt = "updated_at"});
  Model& Stories = db.define(
      "Stories",
      {
          {"story_id",
           {.type = DataTypes::INTEGER.UNSIGNED(), .primaryKey = true, .autoIncrement = true}},
          {"created_by",
           {.type = DataTypes::INTEGER.UNSIGNED(),
            .allowNull = false,
            .references = {.model = "Users", .key = "user_id"}}},
          {"title", {.type = DataTypes::STRING(255), .allowNull = false}},
          {"content", {.type = DataTypes::TEXT, .allowNull = false}},
      },
      {.tableName = "stories",
       .timestamps = true,
       .createdAt = "created_at",
       .updatedAt = "updated_at"});
  const Association& story = Users.hasOne(Stories, {.foreignKey = "created_by", .as = "story"});
  const Association& author =
      Stories.belongsTo(Users, {.foreignKey = "created_by", .as = "author"});
};

}  // namespace sequelize::test
