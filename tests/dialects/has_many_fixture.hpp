#pragma once
// Models and helpers shared by the hasMany tests (definitions, accessors, includes, nested
// create): a blog where a user has many stories and a story many comments, next to one-to-one
// links. Every table has a lowercase name and no timestamps, so that rows compare as plain
// values on every dialect.
//
//   Users --hasMany stories--> Stories --hasMany comments--> Comments
//     |   <--belongsTo author--'   '--belongsTo category--> Categories
//     '--hasOne profile--> Profiles
#include <string>
#include <string_view>
#include <vector>

#include "association_fixture.hpp"

namespace sequelize::test {

struct HasManyModels {
  Model& Users;       // users:      id, username
  Model& Stories;     // stories:    id, title, authorId, categoryId
  Model& Comments;    // comments:   id, body, storyId
  Model& Profiles;    // profiles:   id, bio, userId
  Model& Categories;  // categories: id, name
};

// Defines the models and their associations, and syncs them (force).
HasManyModels defineHasManyModels(Sequelize& db);

// A value as text: "null" for null (and undefined), numbers in decimal, strings as they are.
std::string cellText(const Value& value);

// The rows of a plain SQL query written with backtick-quoted identifiers and `?` placeholders
// (see dialectSql), each row its cells' text joined by "|": what the database holds, read
// without the finders under test. Not logged.
std::vector<std::string> plainRows(Sequelize& db, std::string_view backticked,
                                   std::vector<Value> bind = {},
                                   Transaction* transaction = nullptr);

// The single value of a plain SQL query (first row, first column), as cellText.
std::string plainValue(Sequelize& db, std::string_view backticked, std::vector<Value> bind = {});

// The columns of a table as the database reports them, in table order.
std::vector<std::string> columnsOf(Sequelize& db, const std::string& table);
// Whether the database lets the column hold NULL.
bool columnAllowsNull(Sequelize& db, const std::string& table, const std::string& column);

// One attribute of each instance of a list (a std::vector<Instance> or what
// Instance::included returns), as cellText, joined by ",".
template <class Range>
std::string joined(const Range& instances, std::string_view attribute) {
  std::string out;
  bool first = true;
  for (const Instance& i : instances) {
    if (!first) out += ',';
    first = false;
    out += cellText(i.get(attribute));
  }
  return out;
}

// Rows of two cells "parent|child" (ordered by parent, then child) folded into one line per
// parent: "ann:Alpha,Kappa", "cid:" for a parent whose child cell is null (a LEFT JOIN miss).
std::vector<std::string> foldPairs(const std::vector<std::string>& rows);

}  // namespace sequelize::test
