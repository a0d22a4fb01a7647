// The tutorial's one-to-many and many-to-many chapter in C++ (Users hasMany Stories as
// "stories", Stories belongsTo Users as "author", Stories and Tags belongToMany each other
// through the junction model StoryTags, which carries a `weight`): Sequelize's has-many
// scenario step by step, printing the same data lines, then the SQL that was sent.
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

// JSON.stringify of a string (the scenario's are plain ASCII without quotes).
std::string jsonString(const std::string& text) {
  return "\"" + text + "\"";
}

// JSON.stringify(tags.map((t) => t.name)).
std::string jsonNames(const std::vector<Instance>& tags) {
  std::string out = "[";
  for (std::size_t i = 0; i < tags.size(); ++i) {
    if (i > 0) out += ",";
    out += jsonString(tags[i].get("name").as<std::string>());
  }
  return out + "]";
}

// JSON.stringify(tags.map((t) => [t.name, t.StoryTags.weight])).
std::string jsonNamesAndWeights(const std::vector<Instance>& tags) {
  std::string out = "[";
  for (std::size_t i = 0; i < tags.size(); ++i) {
    if (i > 0) out += ",";
    out += "[" + jsonString(tags[i].get("name").as<std::string>()) + "," +
           std::to_string(tags[i].included("StoryTags")->get("weight").as<std::int64_t>()) + "]";
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

    Model& Tags = db.define(
        "Tags",
        {
            {"tag_id",
             {.type = DataTypes::INTEGER.UNSIGNED(), .primaryKey = true, .autoIncrement = true}},
            {"name", {.type = DataTypes::STRING(64), .allowNull = false, .unique = true}},
        },
        {.tableName = "tags", .timestamps = false});
    Model& StoryTags = db.define(
        "StoryTags",
        {
            {"story_id", {.type = DataTypes::INTEGER.UNSIGNED(), .allowNull = false}},
            {"tag_id", {.type = DataTypes::INTEGER.UNSIGNED(), .allowNull = false}},
            {"weight", {.type = DataTypes::INTEGER, .allowNull = false, .defaultValue = 1}},
        },
        {.tableName = "story_tags", .timestamps = false});

    Users.hasMany(Stories, {.foreignKey = "created_by", .as = "stories"});
    Stories.belongsTo(Users, {.foreignKey = "created_by", .as = "author"});
    Stories.belongsToMany(
        Tags, {.through = StoryTags, .as = "tags", .foreignKey = "story_id", .otherKey = "tag_id"});
    Tags.belongsToMany(
        Stories,
        {.through = StoryTags, .as = "stories", .foreignKey = "tag_id", .otherKey = "story_id"});

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

      // Many-to-many: tags, and the junction rows the accessors write.
      const Instance food = Tags.create({{"name", "food"}});
      const Instance travel = Tags.create({{"name", "travel"}});
      const Instance family = Tags.create({{"name", "family"}});
      std::cout << "TAGS " << toJSON({food, travel, family}) << "\n";
      Instance cheburek = boris.included("stories")[0];
      Instance kvass = boris.included("stories")[1];
      cheburek.addAssociations("tags", {food, family}, {.through = {{"weight", 3}}});
      cheburek.addAssociation("tags", travel);
      std::cout << "ADD_TAGS "
                << toJSON(cheburek.getAssociations(
                       "tags", {.order = {{"name", "ASC"}}, .joinTableAttributes = {{{"weight"}}}}))
                << "\n";
      kvass.setAssociations("tags", {food}, {.through = {{"weight", 2}}});
      Instance vodkaStory = vodka;
      vodkaStory.setAssociations("tags", {food, travel}, {.through = {{"weight", 5}}});
      std::cout << "SET_TAGS "
                << toJSON(vodkaStory.getAssociations(
                       "tags", {.order = {{"name", "ASC"}},
                                .joinTableAttributes = {{{"story_id", "tag_id", "weight"}}}}))
                << "\n";
      vodkaStory.setAssociations("tags", {travel, family}, {.through = {{"weight", 4}}});
      std::cout << "SET_TAGS_AGAIN "
                << jsonNamesAndWeights(
                       vodkaStory.getAssociations("tags", {.order = {{"name", "ASC"}}}))
                << "\n";
      cheburek.removeAssociation("tags", travel);
      std::cout << "REMOVE_TAG "
                << jsonNames(cheburek.getAssociations("tags", {.order = {{"name", "ASC"}}}))
                << "\n";
      std::cout << "HAS_TAG "
                << jsonBooleans({cheburek.hasAssociation("tags", food),
                                 cheburek.hasAssociation("tags", travel),
                                 cheburek.hasAssociations("tags", {food, family}),
                                 cheburek.hasAssociations("tags", {food, travel})})
                << "\n";
      std::cout << "COUNT_TAGS "
                << jsonNumbers({cheburek.countAssociations("tags"), kvass.countAssociations("tags"),
                                vodkaStory.countAssociations("tags"),
                                vodkaStory.countAssociations(
                                    "tags", {.through = {.where = {{"weight", 4}}}}),
                                cheburek.countAssociations("tags", {.where = {{"name", "food"}}})})
                << "\n";
      std::cout << "TAG_STORIES "
                << toJSON(
                       food.getAssociations("stories", {.attributes = {{"story_id", "title"}},
                                                        .order = {{"story_id", "ASC"}},
                                                        .joinTableAttributes = {{.none = true}}}))
                << "\n";

      // Eager loading.
      std::cout << "USERS "
                << toJSON(
                       Users.findAll({.include = {"stories"},
                                      .order = {{"user_id", "ASC"}, {"stories", "title", "DESC"}}}))
                << "\n";
      std::cout << "STORIES_TAGS "
                << toJSON(
                       Stories.findAll({.include = {{.association = "tags",
                                                     .through = {.attributes = {{"weight"}}}}},
                                        .order = {{"story_id", "ASC"}, {"tags", "name", "ASC"}}}))
                << "\n";
      std::cout << "STORIES_TAGS_NO_THROUGH "
                << toJSON(
                       Stories.findAll({.attributes = {{"story_id", "title"}},
                                        .include = {{.association = "tags",
                                                     .through = {.attributes = {.none = true}}}},
                                        .order = {{"story_id", "ASC"}, {"tags", "name", "ASC"}}}))
                << "\n";
      std::cout << "JUNCTION_WHERE "
                << toJSON(Stories.findAll(
                       {.attributes = {{"story_id", "title"}},
                        .include = {{.association = "tags",
                                     .attributes = {{"name"}},
                                     .through = {.attributes = {{"weight"}},
                                                 .where = {{"weight", Op::gte(3)}}}}},
                        .order = {{"story_id", "ASC"}, {"tags", "name", "ASC"}}}))
                << "\n";
      std::cout << "JUNCTION_WHERE_REQUIRED "
                << toJSON(
                       Stories.findAll({.attributes = {{"story_id", "title"}},
                                        .include = {{.association = "tags",
                                                     .attributes = {{"name"}},
                                                     .required = true,
                                                     .through = {.attributes = {.none = true},
                                                                 .where = {{"weight", 3}}}}},
                                        .order = {{"story_id", "ASC"}, {"tags", "name", "ASC"}}}))
                << "\n";
      std::cout << "NESTED "
                << toJSON(Users.findAll(
                       {.attributes = {{"user_id", "username"}},
                        .include = {{.association = "stories",
                                     .attributes = {{"story_id", "title"}},
                                     .include = {{.association = "tags",
                                                  .attributes = {{"name"}},
                                                  .through = {.attributes = {{"weight"}}}}}}},
                        .order = {{"user_id", "ASC"},
                                  {"stories", "story_id", "ASC"},
                                  {"stories", "tags", "name", "ASC"}}}))
                << "\n";
      std::cout << "TAGS_STORIES_AUTHOR "
                << toJSON(Tags.findAll({.include = {{.association = "stories",
                                                     .attributes = {{"title"}},
                                                     .include = {{.association = "author",
                                                                  .attributes = {{"username"}}}},
                                                     .through = {.attributes = {.none = true}}}},
                                        .order = {{"name", "ASC"}, {"stories", "title", "ASC"}}}))
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

      // Errors.
      try {
        (void)Users.findAll({.include = {"tags"}});
      } catch (const Error& e) {
        std::cout << "BADINC " << e.name() << " " << e.what() << "\n";
      }
      try {
        StoryTags.create({{"story_id", cheburek.get("story_id")},
                          {"tag_id", food.get("tag_id")},
                          {"weight", 9}});
      } catch (const Error& e) {
        std::cout << "DUP_TAG " << e.name() << "\n";
      }
      std::cout << "AFTER_DUP "
                << jsonNamesAndWeights(
                       cheburek.getAssociations("tags", {.order = {{"name", "ASC"}}}))
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
