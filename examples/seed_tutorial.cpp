// The seed tutorial (one-to-one associations) in C++: the same steps as Sequelize's version,
// printing the same lines, the SQL that was sent included.
//
//   seed_tutorial sqlite::memory:
//   seed_tutorial postgres://user:password@127.0.0.1:5432/seed
#include <iostream>
#include <string>
#include <vector>

#include "sequelize/sequelize.hpp"

using namespace sequelize;

namespace {

// How Node's console.log shows an array of strings: [ 'a', 'b' ].
std::string inspectStrings(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += i == 0 ? " " : ", ";
    const bool hasSingle = items[i].find('\'') != std::string::npos;
    const char quote = hasSingle ? '"' : '\'';
    out += quote;
    for (const char c : items[i]) {
      if (c == '\n') {
        out += "\\n";
      } else if (c == '\\') {
        out += "\\\\";
      } else if (c == quote) {
        out += '\\';
        out += c;
      } else {
        out += c;
      }
    }
    out += quote;
  }
  out += items.empty() ? "]" : " ]";
  return out;
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

    Users.hasOne(Stories, {.foreignKey = "created_by", .as = "story"});
    Stories.belongsTo(Users, {.foreignKey = "created_by", .as = "author"});

    db.sync({.force = true});

    const Instance boris =
        Users.create({{"username", "boris"},
                      {"email", "boris@example.com"},
                      {"password", "kvass123"},
                      {"story",
                       {{"title", "cheeki breeki cheburek"},
                        {"content", "how to make cheburek at your cousin's place"}}}},
                     {.include = {"story"}});
    std::cout << "CREATED " << boris.toJSON() << "\n";

    const Instance ivan =
        Users.create({{"username", "ivan"}, {"email", "ivan@example.com"}, {"password", "x"}});
    const Instance s2 =
        Stories.create({{"created_by", ivan.get("user_id")}, {"title", "t2"}, {"content", "c2"}});
    std::cout << "CREATED2 " << s2.toJSON() << "\n";
    Users.create({{"username", "olga"}, {"email", "olga@example.com"}, {"password", "y"}});

    std::cout << "USERS " << toJSON(Users.findAll({.include = {"story"}})) << "\n";
    std::cout << "STORIES " << toJSON(Stories.findAll({.include = {"author"}})) << "\n";
    std::cout << "STORIES_EXCL "
              << toJSON(Stories.findAll({.include = {{.association = "author",
                                                      .attributes = {.exclude = {"password"}}}}}))
              << "\n";

    try {
      Stories.create({{"created_by", 999}, {"title", "x"}, {"content", "y"}});
    } catch (const Error& e) {
      std::cout << "FKERR " << e.name() << "\n";
    }
    try {
      Users.create({{"username", nullptr}, {"email", "a"}, {"password", "b"}});
    } catch (const ValidationError& e) {
      std::vector<std::string> messages;
      for (const auto& item : e.errors()) messages.push_back(item.message);
      std::cout << "NULLERR " << e.name() << " " << inspectStrings(messages) << "\n";
    }
    try {
      (void)Users.findAll({.include = {"nope"}});
    } catch (const Error& e) {
      std::cout << "BADINC " << e.name() << " " << e.message() << "\n";
    }

    db.close();
  } catch (const Error& e) {
    std::cerr << e.name() << ": " << e.what() << "\n";
    return 1;
  }
  std::cout << "SQL\n";
  for (const std::string& line : log) std::cout << line << "\n";
  return 0;
}
