#pragma once
// A table of items with values chosen to tell every operator apart (nulls, LIKE wildcards in
// the data, mixed case), plus helpers that read ids straight from the database.
#include <algorithm>
#include <vector>

#include "dialects/dialect.hpp"
#include "test_database.hpp"

namespace sequelize::test {

inline Model& defineItems(Sequelize& db) {
  return db.define("Item",
                   {
                       {"name", {.type = DataTypes::STRING(64), .allowNull = false}},
                       {"qty", DataTypes::INTEGER},
                       {"price", DataTypes::DOUBLE},
                       {"active", DataTypes::BOOLEAN},
                       {"note", DataTypes::STRING},
                   },
                   {.tableName = "items", .timestamps = false});
}

// id name     qty price active note
//  1 apple      5  1.5   true  fresh
//  2 banana     0  0.25  false (null)
//  3 cherry    12  3     true  100% ripe
//  4 a_b%c      7  2     (null) x_y
//  5 Apricot    3  1     false back\slash
//  6 axbc       9  4     true  100 ripe
inline void insertItems(Model& items) {
  items.bulkCreate({
      {{"name", "apple"}, {"qty", 5}, {"price", 1.5}, {"active", true}, {"note", "fresh"}},
      {{"name", "banana"}, {"qty", 0}, {"price", 0.25}, {"active", false}, {"note", nullptr}},
      {{"name", "cherry"}, {"qty", 12}, {"price", 3.0}, {"active", true}, {"note", "100% ripe"}},
      {{"name", "a_b%c"}, {"qty", 7}, {"price", 2.0}, {"active", nullptr}, {"note", "x_y"}},
      {{"name", "Apricot"}, {"qty", 3}, {"price", 1.0}, {"active", false}, {"note", "back\\slash"}},
      {{"name", "axbc"}, {"qty", 9}, {"price", 4.0}, {"active", true}, {"note", "100 ripe"}},
  });
}

inline std::vector<std::int64_t> idsOf(const std::vector<Instance>& rows, const char* key = "id") {
  std::vector<std::int64_t> ids;
  for (const Instance& r : rows) ids.push_back(r.get<std::int64_t>(key));
  std::sort(ids.begin(), ids.end());
  return ids;
}

// The ids in a table, read with plain SQL (not through the finders under test).
inline std::vector<std::int64_t> idsInTable(Sequelize& db, const std::string& table,
                                            const std::string& key = "id",
                                            Transaction* transaction = nullptr) {
  const QueryResult r = db.query(
      "SELECT " + quoted(db, key) + " FROM " + quoted(db, table) + " ORDER BY " + quoted(db, key),
      {.transaction = transaction, .silent = true});
  std::vector<std::int64_t> ids;
  for (const Values& row : r.rows) ids.push_back(row.at(0).value.as<std::int64_t>());
  return ids;
}

}  // namespace sequelize::test
