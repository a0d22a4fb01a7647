#include "connection/query_runner.hpp"

#include <thread>

#include "connection/retry_policy.hpp"
#include "connection/transaction_state.hpp"
#include "sequelize/errors.hpp"

namespace sequelize::detail {

void QueryRunner::log(std::string_view id, const std::string& sql) const {
  if (!logging_) return;
  std::string line;
  line.reserve(sql.size() + id.size() + 14);
  line.append("Executing (");
  line.append(id);
  line.append("): ");
  line.append(sql);
  const std::lock_guard lock(logMutex_);
  logging_(line);
}

ExecResult QueryRunner::run(Transaction* transaction, const std::string& sql,
                            std::span<const Value* const> params, RowConsumer* rows, bool silent) {
  // Refused here, before anything is sent: past its limit a database fails the statement in
  // ways that may cost the connection or the open transaction.
  const auto maxParams = static_cast<std::size_t>(dialect_.capabilities().maxBoundParameters);
  if (params.size() > maxParams) {
    throw Error("A statement may bind at most " + std::to_string(maxParams) + " values on " +
                std::string(dialect_.name()) + "; this one binds " + std::to_string(params.size()) +
                " (an Op.in / Op.notIn list that long?)");
  }
  if (transaction != nullptr) {
    TransactionState& st = TransactionAccess::state(*transaction);
    st.requireOpen("be used");
    if (!silent) log(st.logId(), sql);
    return st.connection->execute(sql, params, rows);
  }
  for (int attempt = 1;; ++attempt) {
    FailedTry failed;
    try {
      return runOnce(sql, params, rows, silent, failed.sent, failed.rowsSeen);
    } catch (...) {
      failed.error = std::current_exception();
      failed.isRead = isReadStatement(sql);
      if (!mayRetry(retry_, attempt, failed)) throw;
    }
    std::this_thread::sleep_for(retryDelay(attempt));
  }
}

namespace {

// Passes rows on, noting whether any arrived (a read that has handed rows on is not repeated).
class SeenRows final : public RowConsumer {
 public:
  SeenRows(RowConsumer* inner, bool& seen) : inner_(inner), seen_(seen) {}
  void expectRows(std::size_t count) override { inner_->expectRows(count); }
  void onRow(RowReader& row) override {
    seen_ = true;
    inner_->onRow(row);
  }

 private:
  RowConsumer* inner_;
  bool& seen_;
};

}  // namespace

ExecResult QueryRunner::runOnce(const std::string& sql, std::span<const Value* const> params,
                                RowConsumer* rows, bool silent, bool& sent, bool& rowsSeen) {
  ConnectionPool::Lease lease = pool_.acquire();
  sent = true;
  if (!silent) log("default", sql);
  if (rows == nullptr) return lease->execute(sql, params, nullptr);
  SeenRows seen(rows, rowsSeen);
  return lease->execute(sql, params, &seen);
}

}  // namespace sequelize::detail
