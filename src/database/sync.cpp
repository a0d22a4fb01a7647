// sync and drop: tables created in foreign-key order and dropped in the reverse, sending the
// statements Sequelize sends, in the same order.
#include <algorithm>
#include <functional>
#include <optional>

#include "connection/query_runner.hpp"
#include "database/sync_order.hpp"
#include "model/model_registry.hpp"
#include "query/ddl.hpp"
#include "sequelize/database.hpp"
#include "sequelize/errors.hpp"

namespace sequelize {
namespace detail {
namespace {

// Collects one column of every row (the constraint names of a foreign key listing).
class ColumnCollector final : public RowConsumer {
 public:
  explicit ColumnCollector(std::string column) : column_(std::move(column)) {}
  void onRow(RowReader& row) override {
    ++rows_;
    for (int c = 0; c < row.columnCount(); ++c) {
      if (row.columnName(c) == column_) {
        const Value v = row.readRaw(c);
        if (v.kind() == ValueKind::String) values_.emplace_back(v.text());
      }
    }
  }
  [[nodiscard]] const std::vector<std::string>& values() const { return values_; }
  [[nodiscard]] int rows() const { return rows_; }

 private:
  std::string column_;
  std::vector<std::string> values_;
  int rows_ = 0;
};

}  // namespace

std::string referencedTableName(const Sequelize& sequelize, const Attribute& attribute) {
  const ModelRef& ref = attribute.references.model;
  if (ref.model() != nullptr) return ref.model()->tableName();
  // A model name (as the seed tutorial allows, "Users") or else a table name.
  if (sequelize.isDefined(ref.name())) return sequelize.model(ref.name()).tableName();
  return ref.name();
}

std::optional<std::vector<Model*>> modelsInForeignKeyOrder(const Sequelize& sequelize) {
  // Sequelize sorts tables with toposort-class: each model depends on the tables its
  // attributes reference; dependents come first.
  struct Edge {
    std::string from;
    std::optional<std::string> to;
  };
  std::vector<Edge> edges;
  const std::vector<Model*> models = sequelize.models();
  for (const Model* m : models) {
    std::vector<std::string> deps;
    for (const Attribute& a : m->rawAttributes()) {
      if (a.hasReferences()) {
        std::string dep = referencedTableName(sequelize, a);
        if (dep != m->tableName()) deps.push_back(std::move(dep));
      }
    }
    if (deps.empty()) {
      edges.push_back(Edge{m->tableName(), std::nullopt});
    } else {
      for (auto& d : deps) edges.push_back(Edge{m->tableName(), std::move(d)});
    }
  }
  std::vector<std::optional<std::string>> nodes;
  auto indexOf = [&](const std::string& name) -> std::ptrdiff_t {
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (nodes[i] && *nodes[i] == name) return static_cast<std::ptrdiff_t>(i);
    }
    return -1;
  };
  for (const Edge& e : edges) {
    if (indexOf(e.from) < 0) nodes.emplace_back(e.from);
    if (e.to && indexOf(*e.to) < 0) nodes.emplace_back(*e.to);
  }
  std::vector<std::string> sorted(nodes.size());
  std::size_t place = nodes.size();
  bool cyclic = false;
  std::function<void(const std::string&, std::vector<std::string>&)> visit =
      [&](const std::string& node, std::vector<std::string>& predecessors) {
        if (std::find(predecessors.begin(), predecessors.end(), node) != predecessors.end()) {
          cyclic = true;
          return;
        }
        const std::ptrdiff_t index = indexOf(node);
        if (index < 0) return;
        nodes[static_cast<std::size_t>(index)].reset();
        predecessors.push_back(node);
        for (const Edge& e : edges) {
          if (e.from == node && e.to) visit(*e.to, predecessors);
        }
        predecessors.pop_back();
        sorted[--place] = node;
      };
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (!nodes[i]) continue;
    const std::string node = *nodes[i];
    nodes[i].reset();
    std::vector<std::string> predecessors{node};
    for (const Edge& e : edges) {
      if (e.from == node && e.to) visit(*e.to, predecessors);
    }
    sorted[--place] = node;
  }
  if (cyclic) return std::nullopt;
  std::vector<Model*> out;
  for (const std::string& table : sorted) {
    for (Model* m : models) {
      if (m->tableName() == table) {
        out.push_back(m);
        break;
      }
    }
  }
  return out;
}

}  // namespace detail

void Model::drop(const DropOptions& options) const {
  const detail::Dialect& dialect = sequelize().dialect();
  sequelize().runner().run(nullptr, dialect.dropTableSql(tableName_, options.cascade), {}, nullptr);
}

void Model::sync(const SyncOptions& options) const {
  const detail::Dialect& dialect = sequelize().dialect();
  detail::QueryRunner& runner = sequelize().runner();
  bool exists = false;
  if (options.force) {
    drop(DropOptions{.cascade = true});
  } else {
    detail::ColumnCollector rows("name");
    runner.run(nullptr, dialect.tableExistsSql(tableName_, sequelize().databaseName()), {}, &rows);
    exists = rows.rows() > 0;
  }
  if (!exists) {
    const Sequelize& db = sequelize();
    runner.run(nullptr,
               detail::createTableSql(
                   dialect, *this,
                   [&db](const Attribute& a) { return detail::referencedTableName(db, a); }),
               {}, nullptr);
  }
  detail::ColumnCollector indexes("name");
  runner.run(nullptr, dialect.showIndexesSql(tableName_), {}, &indexes);
  for (const std::string& index : indexes.values()) {
    const std::string details = dialect.indexDetailsSql(index);
    if (!details.empty()) runner.run(nullptr, details, {}, nullptr);
  }
}

void Sequelize::drop(const DropOptions& options) {
  detail::QueryRunner& runner = *runner_;
  const auto sorted = detail::modelsInForeignKeyOrder(*this);
  if (sorted) {
    for (const Model* m : *sorted) m->drop(options);
  }
  if (dialect_->capabilities().dropAllWithForeignKeysOff) {
    runner.run(nullptr, dialect_->foreignKeysOffSql(), {}, nullptr);
    for (const auto& m : registry_->models) m->drop(options);
    runner.run(nullptr, dialect_->foreignKeysOnSql(), {}, nullptr);
    return;
  }
  // Servers: remove each table's foreign keys first, so that any order of drops works.
  for (const auto& m : registry_->models) {
    detail::ColumnCollector constraints("constraint_name");
    const std::string listing = dialect_->foreignKeyReferencesSql(m->tableName(), databaseName());
    if (listing.empty()) continue;
    runner.run(nullptr, listing, {}, &constraints);
    for (const std::string& name : constraints.values()) {
      runner.run(nullptr, dialect_->removeConstraintSql(m->tableName(), name), {}, nullptr);
    }
  }
  for (const auto& m : registry_->models) m->drop(options);
}

void Sequelize::sync(const SyncOptions& options) {
  if (options.force) drop(DropOptions{.cascade = true});
  if (registry_->models.empty()) {
    authenticate();
    return;
  }
  auto sorted = detail::modelsInForeignKeyOrder(*this);
  if (!sorted) {
    // Models that reference each other: create them with foreign keys checked afterwards.
    if (!dialect_->capabilities().dropAllWithForeignKeysOff) {
      throw Error("Cyclic dependency found between the models' foreign keys; sync them one by one");
    }
    runner_->run(nullptr, dialect_->foreignKeysOffSql(), {}, nullptr);
    for (const auto& m : registry_->models) m->sync(options);
    runner_->run(nullptr, dialect_->foreignKeysOnSql(), {}, nullptr);
    return;
  }
  std::reverse(sorted->begin(), sorted->end());
  for (const Model* m : *sorted) m->sync(options);
}

}  // namespace sequelize
