#include <algorithm>

#include "connection/connection_pool.hpp"
#include "connection/query_runner.hpp"
#include "connection/transaction_state.hpp"
#include "connection/url.hpp"
#include "dialects/dialect.hpp"
#include "model/model_builder.hpp"
#include "model/model_registry.hpp"
#include "sequelize/database.hpp"
#include "sequelize/errors.hpp"

namespace sequelize {

Sequelize::Sequelize(std::string_view url, SequelizeOptions options)
    : options_(std::move(options)),
      config_(std::make_unique<detail::ConnectionConfig>(detail::parseUrl(url))),
      dialect_(detail::makeDialect(*config_)) {
  PoolOptions pool = options_.pool;
  if (dialect_->databaseIsItsConnection(*config_)) {
    // The database lives and dies with its one connection: keep exactly one, forever.
    pool.max = 1;
    pool.min = 1;
    pool.idle = std::chrono::hours(24 * 365 * 100);
  }
  const detail::Dialect* dialect = dialect_.get();
  const detail::ConnectionConfig* config = config_.get();
  pool_ = std::make_unique<detail::ConnectionPool>(
      [dialect, config] { return dialect->connect(*config); }, pool, dialect_->rollbackSql());
  runner_ =
      std::make_unique<detail::QueryRunner>(*dialect_, *pool_, options_.logging, options_.retry);
  openTransactions_ = std::make_unique<detail::OpenTransactions>();
  registry_ = std::make_shared<detail::ModelRegistry>(*this);
  // As Sequelize, nothing is opened yet: the first query connects (and reports a bad server).
}

Sequelize::~Sequelize() {
  // Transactions first: their connections go back to the pool before it closes, and nothing
  // in them can reach this object afterwards.
  openTransactions_->abandonAll();
  registry_->detach();
  registry_.reset();  // the models live on while instances of them do
  pool_->close();
}

Model& Sequelize::define(const std::string& modelName, const AttributeDefinitions& attributes,
                         const ModelOptions& options) {
  if (isDefined(modelName)) {
    throw Error("Model \"" + modelName +
                "\" is already defined on this Sequelize instance; models are defined once");
  }
  auto& models = registry_->models;
  models.push_back(detail::ModelBuilder::build(*this, *registry_, modelName, attributes, options));
  return *models.back();
}

Model& Sequelize::model(std::string_view modelName) const {
  for (const auto& m : registry_->models) {
    if (m->name() == modelName) return *m;
  }
  throw Error(std::string(modelName) + " has not been defined");
}

bool Sequelize::isDefined(std::string_view modelName) const {
  const auto& models = registry_->models;
  return std::any_of(models.begin(), models.end(),
                     [&](const auto& m) { return m->name() == modelName; });
}

std::vector<Model*> Sequelize::models() const {
  std::vector<Model*> out;
  out.reserve(registry_->models.size());
  for (const auto& m : registry_->models) out.push_back(m.get());
  return out;
}

void Sequelize::authenticate() {
  runner_->run(nullptr, dialect_->authenticateSql(), {}, nullptr);
}

void Sequelize::close() {
  pool_->close();
}

namespace {
class RowCollector final : public detail::RowConsumer {
 public:
  explicit RowCollector(std::vector<Values>& rows) : rows_(rows) {}
  void onRow(detail::RowReader& row) override {
    Values values;
    values.reserve(static_cast<std::size_t>(row.columnCount()));
    for (int c = 0; c < row.columnCount(); ++c) {
      values.push_back(Field{std::string(row.columnName(c)), row.readRaw(c)});
    }
    rows_.push_back(std::move(values));
  }

 private:
  std::vector<Values>& rows_;
};
}  // namespace

QueryResult Sequelize::query(const std::string& sql, const QueryOptions& options) {
  QueryResult result;
  std::vector<const Value*> params;
  params.reserve(options.bind.size());
  for (const Value& v : options.bind) params.push_back(&v);
  RowCollector rows(result.rows);
  const detail::ExecResult exec =
      runner_->run(options.transaction, sql, params, &rows, options.silent);
  result.affectedRows = exec.affectedRows;
  result.insertId = exec.insertId;
  return result;
}

std::string_view Sequelize::getDialect() const noexcept {
  return dialect_->name();
}

const std::string& Sequelize::databaseName() const noexcept {
  return config_->database;
}

Transaction Sequelize::transaction(const TransactionOptions& options) {
  return detail::TransactionAccess::begin(*this, options, true);
}

void Sequelize::rollbackQuietly(Transaction& t) noexcept {
  try {
    t.rollback();
  } catch (...) {  // NOLINT(bugprone-empty-catch): the error that caused the rollback wins
  }
}

}  // namespace sequelize
