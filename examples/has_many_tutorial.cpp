// The tutorial's one-to-many chapter in C++ (Users hasMany Stories as "stories", Stories
// belongsTo Users as "author"): the one-to-many steps of Sequelize's has-many scenario,
// printing the same data lines, then the SQL that was sent. The scenario's many-to-many part
// (Tags, StoryTags) is left out.
//
//   has_many_tutorial sqlite::memory:
//   has_many_tutorial postgres://user:password@127.0.0.1:5432/seed
#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

#include "sequelize/sequelize.hpp"

using namespace sequelize;

namespace {

// JSON.stringify of an array of numbers: [3,0,1,1].
std::string jsonNumbers(const std::vector<std::int64_t>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ",";
    out += std::to_string(items[i]);
  }
  return out + "]";
}

// JSON.stringify of an array of booleans: [true,false,true].
std::string jsonBooleans(const std::vector<bool>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ",";
    out += items[i] ? "true" : "false";
  }
  return out + "]";
}

// JSON.stringify({count: page.count, rows: page.rows}).
std::string jsonPage(const FindAndCountAllResult& page) {
  return "{\"count\":" + std::to_string(page.count) + ",\"rows\":" + toJSON(page.rows) + "}";
}

}  // namespace

int main(int argc, char** argv) {
  const std::string url = argc > 1 ? argv[1] : "sqlite::memory:";
  std::vector<std::string> log;
  try {
    Sequelize db(url, {.logging = [&log](const std::string& sql) { log.push_back(sql); }});

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
              .references = {.model = Users, .key = "user_id"}}},
            {"title", {.type = DataTypes::STRING(255), .allowNull = false}},
            {"content", {.type = DataTypes::TEXT, .allowNull = false}},
        },
        {.tableName = "stories",
         .timestamps = true,
         .createdAt = "created_at",
         .updatedAt = "updated_at"});

    Users.hasMany(Stories, {.foreignKey = "created_by", .as = "stories"});
    Stories.belongsTo(Users, {.foreignKey = "created_by", .as = "author"});

    // As the scenario's `finally`: the tables are dropped at the end, also after an error, and
    // the drop is not logged (Sequelize's `logging: false`).
    const auto dropTables = [&db, &log] {
      const std::size_t logged = log.size();
      db.drop();
      log.resize(logged);
    };

    try {
      db.sync({.force = true});

      // A user and three stories in one nested create, inside a transaction (one connection:
      // the stories are numbered in list order on every database).
      const Instance boris = db.transaction([&](Transaction& t) {
        return Users.create(
            {{"username", "boris"},
             {"email", "boris@example.com"},
             {"password", "kvass123"},
             {"stories",
              Value(std::vector<Value>{
                  Value{{"title", "cheeki breeki cheburek"},
                        {"content", "how to make cheburek at your cousin's place"}},
                  Value{{"title", "kvass at dawn"}, {"content", "the bread drink, brewed at home"}},
                  Value{{"title", "squatting in tracksuits"},
                        {"content", "three stripes, no chairs"}},
              })}},
            {.include = {"stories"}, .transaction = &t});
      });
      std::cout << "CREATED " << boris.toJSON() << "\n";

      const Instance olga =
          Users.create({{"username", "olga"}, {"email", "olga@example.com"}, {"password", "y"}});
      Instance ivan =
          Users.create({{"username", "ivan"}, {"email", "ivan@example.com"}, {"password", "x"}});
      const Instance vodka = ivan.createAssociated(
          "stories", {{"title", "vodka and pickles"}, {"content", "a balanced breakfast"}});
      std::cout << "CREATE_STORY " << vodka.toJSON() << "\n";

      std::cout << "GET_STORIES "
                << toJSON(boris.getAssociations("stories", {.where = {{"title", Op::like("%a%")}},
                                                            .order = {{"title", "DESC"}}}))
                << "\n";
      // A braced list is evaluated left to right: the counts run in the scenario's order.
      std::cout << "COUNT_STORIES "
                << jsonNumbers(
                       {boris.countAssociations("stories"), olga.countAssociations("stories"),
                        ivan.countAssociations("stories"),
                        boris.countAssociations("stories", {.where = {{"title", Op::like("k%")}}})})
                << "\n";
      std::cout << "HAS_STORY "
                << jsonBooleans({boris.hasAssociation("stories", boris.included("stories")[0]),
                                 boris.hasAssociation("stories", vodka),
                                 ivan.hasAssociation("stories", vodka.get("story_id"))})
                << "\n";

      // Eager loading.
      std::cout << "USERS "
                << toJSON(
                       Users.findAll({.include = {"stories"},
                                      .order = {{"user_id", "ASC"}, {"stories", "title", "DESC"}}}))
                << "\n";
      // findAndCountAll counts each user once, however many stories it joins (Sequelize's
      // `distinct: true`).
      const FindAndCountAllResult page = Users.findAndCountAll(
          {.attributes = {{"user_id", "username"}},
           .include = {{.association = "stories", .attributes = {{"story_id", "title"}}}},
           .order = {{"user_id", "ASC"}, {"stories", "story_id", "ASC"}},
           .limit = 2});
      std::cout << "FIND_AND_COUNT " << jsonPage(page) << "\n";
      const FindAndCountAllResult found =
          Users.findAndCountAll({.attributes = {{"user_id", "username"}},
                                 .include = {{.association = "stories",
                                              .attributes = {{"story_id", "title"}},
                                              .where = {{"title", Op::like("%a%")}}}},
                                 .order = {{"user_id", "ASC"}, {"stories", "story_id", "ASC"}}});
      std::cout << "FIND_AND_COUNT_WHERE " << jsonPage(found) << "\n";
      std::cout << "LIMIT_HAS_MANY "
                << toJSON(
                       Users.findAll({.attributes = {{"user_id", "username"}},
                                      .include = {{.association = "stories",
                                                   .attributes = {{"story_id", "title"}}}},
                                      .order = {{"user_id", "ASC"}, {"stories", "story_id", "ASC"}},
                                      .limit = 2}))
                << "\n";
      std::cout << "LIMIT_HAS_MANY_REQUIRED "
                << toJSON(
                       Users.findAll({.attributes = {{"user_id", "username"}},
                                      .include = {{.association = "stories",
                                                   .attributes = {{"story_id", "title"}},
                                                   .required = true}},
                                      .order = {{"user_id", "ASC"}, {"stories", "story_id", "ASC"}},
                                      .limit = 2}))
                << "\n";
      std::cout << "SEPARATE "
                << toJSON(Users.findAll({.attributes = {{"user_id", "username"}},
                                         .include = {{.association = "stories",
                                                      .separate = true,
                                                      .order = {{"title", "DESC"}}}},
                                         .order = {{"user_id", "ASC"}}}))
                << "\n";
    } catch (...) {
      try {
        dropTables();
      } catch (const Error&) {  // the first error is the one to report
      }
      throw;
    }
    dropTables();
    db.close();
  } catch (const Error& e) {
    std::cerr << e.name() << ": " << e.what() << "\n";
    return 1;
  }
  std::cout << "SQL\n";
  for (const std::string& line : log) std::cout << line << "\n";
  return 0;
}
