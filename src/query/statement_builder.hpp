#pragma once
// SQL text under construction, with the values it binds. Identifiers go through the dialect's
// quoting and values become placeholders: nothing from a user is ever pasted into the text.
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "dialects/dialect.hpp"

namespace sequelize::detail {

struct BoundStatement {
  std::string sql;
  std::vector<const Value*> params;  // pointers into the caller's values or into `owned`
  std::deque<Value> owned;           // values made while rendering (stable addresses)
};

class StatementBuilder {
 public:
  StatementBuilder(const Dialect& dialect, BoundStatement& out) : dialect_(dialect), out_(out) {}

  StatementBuilder& raw(std::string_view text) {
    out_.sql.append(text);
    return *this;
  }
  StatementBuilder& id(std::string_view name) {
    dialect_.quoteIdentifier(out_.sql, name);
    return *this;
  }
  // `table`.`column`
  StatementBuilder& qualified(std::string_view table, std::string_view column) {
    dialect_.quoteIdentifier(out_.sql, table);
    out_.sql.push_back('.');
    dialect_.quoteIdentifier(out_.sql, column);
    return *this;
  }
  // A placeholder for a value the caller keeps alive until the statement has run.
  StatementBuilder& bind(const Value& value) {
    out_.params.push_back(&value);
    dialect_.appendPlaceholder(out_.sql, static_cast<int>(out_.params.size()));
    return *this;
  }
  StatementBuilder& bindOwned(Value value) {
    out_.owned.push_back(std::move(value));
    return bind(out_.owned.back());
  }

  [[nodiscard]] const Dialect& dialect() const noexcept { return dialect_; }
  [[nodiscard]] std::size_t boundCount() const noexcept { return out_.params.size(); }
  [[nodiscard]] std::string& sql() noexcept { return out_.sql; }

 private:
  const Dialect& dialect_;
  BoundStatement& out_;
};

}  // namespace sequelize::detail
