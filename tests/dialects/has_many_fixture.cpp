#include "has_many_fixture.hpp"

namespace sequelize::test {

HasManyModels defineHasManyModels(Sequelize& db) {
  Model& Users =
      db.define("Users", {{"username", {.type = DataTypes::STRING(64), .allowNull = false}}},
                {.tableName = "users", .timestamps = false});
  Model& Stories =
      db.define("Stories", {{"title", {.type = DataTypes::STRING, .allowNull = false}}},
                {.tableName = "stories", .timestamps = false});
  Model& Comments =
      db.define("Comment", {{"body", {.type = DataTypes::STRING, .allowNull = false}}},
                {.tableName = "comments", .timestamps = false});
  Model& Profiles = db.define("Profile", {{"bio", DataTypes::STRING}},
                              {.tableName = "profiles", .timestamps = false});
  Model& Categories = db.define("Category", {{"name", DataTypes::STRING}},
                                {.tableName = "categories", .timestamps = false});
  Users.hasMany(Stories, {.foreignKey = "authorId", .as = "stories"});
  Stories.belongsTo(Users, {.foreignKey = "authorId", .as = "author"});
  Stories.hasMany(Comments, {.foreignKey = "storyId", .as = "comments"});
  Users.hasOne(Profiles, {.foreignKey = "userId", .as = "profile"});
  Stories.belongsTo(Categories, {.foreignKey = "categoryId", .as = "category"});
  db.sync({.force = true});
  return HasManyModels{Users, Stories, Comments, Profiles, Categories};
}

std::string cellText(const Value& value) {
  if (value.isNullish()) return "null";
  if (value.kind() == ValueKind::Bool) return value.boolean() ? "true" : "false";
  return value.as<std::string>();
}

std::vector<std::string> plainRows(Sequelize& db, std::string_view backticked,
                                   std::vector<Value> bind, Transaction* transaction) {
  const QueryResult r =
      db.query(dialectSql(db, backticked),
               {.bind = std::move(bind), .transaction = transaction, .silent = true});
  std::vector<std::string> out;
  out.reserve(r.rows.size());
  for (const Values& row : r.rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) line += '|';
      line += cellText(row[i].value);
    }
    out.push_back(std::move(line));
  }
  return out;
}

std::string plainValue(Sequelize& db, std::string_view backticked, std::vector<Value> bind) {
  const QueryResult r =
      db.query(dialectSql(db, backticked), {.bind = std::move(bind), .silent = true});
  return cellText(r.rows.at(0).at(0).value);
}

namespace {

// (name, nullable) of every column of a table, in table order.
std::vector<std::pair<std::string, bool>> columnFacts(Sequelize& db, const std::string& table) {
  std::vector<std::pair<std::string, bool>> out;
  if (isSqlite()) {
    // cid, name, type, notnull, dflt_value, pk
    const QueryResult r =
        db.query("PRAGMA table_info(" + quoted(db, table) + ")", {.silent = true});
    for (const Values& row : r.rows) {
      out.emplace_back(row.at(1).value.as<std::string>(), row.at(3).value.as<std::int64_t>() == 0);
    }
    return out;
  }
  const std::string sql =
      isPostgres()
          ? "SELECT CAST(column_name AS TEXT) AS name, CAST(is_nullable AS TEXT) AS nullable "
            "FROM information_schema.columns WHERE table_schema = current_schema() AND "
            "table_name = $1 ORDER BY ordinal_position"
          : "SELECT column_name AS name, is_nullable AS nullable FROM information_schema.columns "
            "WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position";
  const QueryResult r = db.query(sql, {.bind = {Value(table)}, .silent = true});
  for (const Values& row : r.rows) {
    out.emplace_back(row.at(0).value.as<std::string>(), row.at(1).value.as<std::string>() == "YES");
  }
  return out;
}

}  // namespace

std::vector<std::string> columnsOf(Sequelize& db, const std::string& table) {
  std::vector<std::string> names;
  for (auto& [name, nullable] : columnFacts(db, table)) names.push_back(name);
  return names;
}

bool columnAllowsNull(Sequelize& db, const std::string& table, const std::string& column) {
  for (const auto& [name, nullable] : columnFacts(db, table)) {
    if (name == column) return nullable;
  }
  ADD_FAILURE() << "no column " << column << " in " << table;
  return false;
}

std::vector<std::string> foldPairs(const std::vector<std::string>& rows) {
  std::vector<std::string> out;
  std::string parent;
  for (const std::string& row : rows) {
    const std::size_t bar = row.find('|');
    const std::string p = row.substr(0, bar);
    const std::string child = bar == std::string::npos ? "null" : row.substr(bar + 1);
    if (out.empty() || p != parent) {
      parent = p;
      out.push_back(p + ":");
    } else if (child != "null") {
      out.back() += ',';
    }
    if (child != "null") out.back() += child;
  }
  return out;
}

}  // namespace sequelize::test
