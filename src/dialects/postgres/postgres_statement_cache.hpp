#pragma once
// The statements one connection has prepared, keyed by SQL text. Each SQL text is prepared once
// (PQprepare under a generated name) and then only executed. The cache is bounded: past
// `capacity` the least recently used statement is forgotten and handed back to be deallocated,
// so that a program sending ever-new SQL texts does not grow the server's memory without end.
#include <cstddef>
#include <list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "support/statement_text_hash.hpp"

namespace sequelize::detail {

struct PreparedStatement {
  std::string name;  // "sequelize_<n>"
};

class PostgresStatementCache {
 public:
  explicit PostgresStatementCache(std::size_t capacity) : capacity_(capacity) {}

  // The statement for `sql`, now the most recently used; nullptr when it is not prepared.
  const PreparedStatement* find(std::string_view sql);
  // Remembers a statement just prepared. Returns the name of the statement evicted to stay
  // within capacity, which the caller deallocates.
  std::optional<std::string> add(std::string sql, PreparedStatement statement);
  void erase(std::string_view sql);
  // A name no statement of this cache has used.
  std::string nextName() { return "sequelize_" + std::to_string(++counter_); }
  [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }

 private:
  struct Entry {
    std::string sql;
    PreparedStatement statement;
  };
  std::size_t capacity_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string_view, std::list<Entry>::iterator, StatementTextHash>
      index_;  // views into entries_
  unsigned long long counter_ = 0;
};

}  // namespace sequelize::detail
