#include "query/ddl.hpp"

#include <algorithm>
#include <map>

namespace sequelize::detail {

std::string createTableSql(const Dialect& dialect, const Model& model,
                           const std::function<std::string(const Attribute&)>& referencedTable) {
  const DialectCapabilities& caps = dialect.capabilities();
  const auto& attributes = model.rawAttributes();
  std::size_t primaryKeys = 0;
  for (const Attribute& a : attributes) primaryKeys += a.primaryKey ? 1 : 0;

  std::string sql = "CREATE TABLE IF NOT EXISTS ";
  dialect.quoteIdentifier(sql, model.tableName());
  sql.append(" (");
  std::vector<const Attribute*> pkColumns;
  std::vector<std::pair<const Attribute*, std::string>> foreignKeys;
  // Columns sharing a named unique index form one UNIQUE (…) clause, in first-seen order.
  std::vector<std::pair<std::string, std::vector<const Attribute*>>> namedUniques;
  bool first = true;
  for (const Attribute& a : attributes) {
    if (!first) sql.append(", ");
    first = false;
    const std::string refTable = a.hasReferences() ? referencedTable(a) : std::string{};
    dialect.quoteIdentifier(sql, a.field);
    sql.push_back(' ');
    Attribute shown = a;
    // A composite key cannot be declared on each column: it becomes one PRIMARY KEY clause.
    if (primaryKeys > 1 && !caps.primaryKeyClause && shown.primaryKey) {
      shown.primaryKey = false;
      shown.allowNull = false;
    }
    if (!a.unique.indexName().empty()) shown.unique = false;
    sql.append(dialect.columnDefinition(shown, refTable));
    if (a.primaryKey && (caps.primaryKeyClause || primaryKeys > 1)) pkColumns.push_back(&a);
    if (a.hasReferences() && caps.foreignKeyClause) foreignKeys.emplace_back(&a, refTable);
    if (!a.unique.indexName().empty()) {
      auto it = std::find_if(namedUniques.begin(), namedUniques.end(),
                             [&](const auto& u) { return u.first == a.unique.indexName(); });
      if (it == namedUniques.end()) {
        namedUniques.push_back({a.unique.indexName(), {&a}});
      } else {
        it->second.push_back(&a);
      }
    }
  }
  for (const auto& [name, columns] : namedUniques) {
    sql.append(", UNIQUE ");
    if (dialect.namesUniqueClause()) {
      dialect.quoteIdentifier(sql, name);
      sql.push_back(' ');
    }
    sql.push_back('(');
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) sql.append(", ");
      dialect.quoteIdentifier(sql, columns[i]->field);
    }
    sql.push_back(')');
  }
  if (!pkColumns.empty()) {
    sql.append(", PRIMARY KEY (");
    for (std::size_t i = 0; i < pkColumns.size(); ++i) {
      if (i > 0) sql.append(dialect.primaryKeySeparator());
      dialect.quoteIdentifier(sql, pkColumns[i]->field);
    }
    sql.push_back(')');
  }
  for (const auto& [a, table] : foreignKeys) {
    sql.append(", FOREIGN KEY (");
    dialect.quoteIdentifier(sql, a->field);
    sql.append(") REFERENCES ");
    dialect.quoteIdentifier(sql, table);
    sql.append(" (");
    dialect.quoteIdentifier(sql, a->references.key.empty() ? "id" : a->references.key);
    sql.push_back(')');
    if (!a->onDelete.empty()) sql.append(" ON DELETE ").append(a->onDelete);
    if (!a->onUpdate.empty()) sql.append(" ON UPDATE ").append(a->onUpdate);
  }
  sql.push_back(')');
  sql.append(dialect.createTableSuffix());
  sql.push_back(';');
  return sql;
}

}  // namespace sequelize::detail
