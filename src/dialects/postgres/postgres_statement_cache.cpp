#include "dialects/postgres/postgres_statement_cache.hpp"

namespace sequelize::detail {

const PreparedStatement* PostgresStatementCache::find(std::string_view sql) {
  const auto it = index_.find(sql);
  if (it == index_.end()) return nullptr;
  entries_.splice(entries_.begin(), entries_, it->second);
  return &it->second->statement;
}

std::optional<std::string> PostgresStatementCache::add(std::string sql,
                                                       PreparedStatement statement) {
  erase(sql);
  entries_.push_front(Entry{std::move(sql), std::move(statement)});
  index_.emplace(entries_.front().sql, entries_.begin());
  if (entries_.size() <= capacity_) return std::nullopt;
  std::string evicted = std::move(entries_.back().statement.name);
  index_.erase(entries_.back().sql);
  entries_.pop_back();
  return evicted;
}

void PostgresStatementCache::erase(std::string_view sql) {
  const auto it = index_.find(sql);
  if (it == index_.end()) return;
  const auto entry = it->second;
  index_.erase(it);
  entries_.erase(entry);
}

}  // namespace sequelize::detail
