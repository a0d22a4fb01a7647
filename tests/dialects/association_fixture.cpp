#include "association_fixture.hpp"

#include "dialects/dialect.hpp"

namespace sequelize::test {

BlogModels defineBlogModels(Sequelize& db) {
  const ModelOptions plain{.timestamps = false};
  Model& Users =
      db.define("Users", {{"username", {.type = DataTypes::STRING(64), .allowNull = false}}},
                {.tableName = "users", .timestamps = false});
  Model& Stories =
      db.define("Stories", {{"title", {.type = DataTypes::STRING, .allowNull = false}}},
                {.tableName = "stories", .timestamps = false});
  Model& Profiles = db.define("Profile", {{"bio", DataTypes::STRING}}, plain);
  Model& Avatars = db.define("Avatar", {{"url", DataTypes::STRING}}, plain);
  Model& Categories = db.define("Category", {{"name", DataTypes::STRING}}, plain);
  Users.hasOne(Stories, {.foreignKey = "authorId", .as = "story"});
  Stories.belongsTo(Users, {.foreignKey = "authorId", .as = "author"});
  Users.hasOne(Profiles, {.foreignKey = "userId", .as = "profile"});
  Profiles.hasOne(Avatars, {.foreignKey = "profileId", .as = "avatar"});
  Stories.belongsTo(Categories, {.as = "category"});
  db.sync({.force = true});
  return BlogModels{Users, Stories, Profiles, Avatars, Categories};
}

std::string dialectSql(Sequelize& db, std::string_view text) {
  std::string out;
  int placeholder = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '`') {
      const std::size_t end = text.find('`', i + 1);
      db.dialect().quoteIdentifier(out, text.substr(i + 1, end - i - 1));
      i = end;
    } else if (text[i] == '?') {
      db.dialect().appendPlaceholder(out, ++placeholder);
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::int64_t foreignKeyCount(Sequelize& db, const std::string& table) {
  if (isSqlite()) {
    // One row per column of each constraint; these tables have single-column keys.
    return static_cast<std::int64_t>(
        db.query("PRAGMA foreign_key_list(" + quoted(db, table) + ")", {.silent = true})
            .rows.size());
  }
  const std::string schema = isPostgres() ? "current_schema()" : "DATABASE()";
  const QueryResult r = db.query(
      "SELECT COUNT(*) AS n FROM information_schema.table_constraints WHERE table_schema = " +
          schema + " AND table_name = " + (isPostgres() ? std::string("$1") : std::string("?")) +
          " AND constraint_type = 'FOREIGN KEY'",
      {.bind = {Value(table)}, .silent = true});
  return r.rows.at(0).at(0).value.as<std::int64_t>();
}

}  // namespace sequelize::test
