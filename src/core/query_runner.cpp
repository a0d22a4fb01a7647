#include "core/query_runner.hpp"

#include "core/transaction_state.hpp"
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
  if (transaction != nullptr) {
    TransactionState& st = TransactionAccess::state(*transaction);
    if (st.finished) {
      throw Error("Transaction cannot be used because it has been finished with state: " +
                  st.finishedAs);
    }
    if (!silent) log(st.logId(), sql);
    return st.connection->execute(sql, params, rows);
  }
  ConnectionPool::Lease lease = pool_.acquire();
  if (!silent) log("default", sql);
  return lease->execute(sql, params, rows);
}

}  // namespace sequelize::detail
