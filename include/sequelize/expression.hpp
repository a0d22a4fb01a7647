#pragma once
// SQL expressions for `attributes`, `order` and `group`, as Sequelize's fn / col / literal:
//
//   .attributes = {{"user_id", {fn("COUNT", col("story.story_id")), "stories"}}}
//   .order = {{fn("MAX", col("created_at")), "DESC"}}
//   {unsafeLiteral("1 + 1"), "two"}
//
// col() names an attribute ("title", or "story.title" for an included association's) and is
// resolved against the models like any other name: unknown names are errors. Values given to
// fn() are bound parameters. unsafeLiteral() is the one way to put SQL text of your own into a
// query; its name says what it is, and it must never carry user input.
#include <concepts>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "sequelize/value.hpp"

namespace sequelize {

class Expr {
 public:
  enum class Kind : std::uint8_t { Column, Function, Literal, Bound };

  [[nodiscard]] Kind kind() const noexcept { return kind_; }
  // The attribute path (Column), the function name (Function) or the SQL text (Literal).
  [[nodiscard]] const std::string& text() const noexcept { return text_; }
  [[nodiscard]] const std::vector<Expr>& args() const noexcept { return args_; }
  // The value of a Bound argument.
  [[nodiscard]] const Value& value() const noexcept { return value_; }

  static Expr column(std::string path);
  static Expr function(std::string name, std::vector<Expr> args);
  static Expr literal(std::string sql);
  static Expr bound(Value value);

 private:
  Expr() = default;
  Kind kind_ = Kind::Literal;
  std::string text_;
  std::vector<Expr> args_;
  Value value_;
};

// An attribute as a column: col("username"), col("story.title"); col("*") for COUNT(*).
inline Expr col(std::string path) {
  return Expr::column(std::move(path));
}

// SQL text written into the query exactly as given. Never build it from user input.
inline Expr unsafeLiteral(std::string sql) {
  return Expr::literal(std::move(sql));
}

namespace detail {
inline Expr toExpr(Expr e) {
  return e;
}
template <class T>
requires(!std::same_as<std::remove_cvref_t<T>, Expr> && std::constructible_from<Value, T&&>) Expr
    toExpr(T&& value) {
  return Expr::bound(Value(std::forward<T>(value)));
}
}  // namespace detail

// A function call: fn("COUNT", col("story_id")), fn("LOWER", col("username")),
// fn("COALESCE", col("nickname"), "none") (the "none" is bound). The name must be a plain
// SQL identifier.
template <class... Args>
Expr fn(const std::string& name, Args&&... args) {
  return Expr::function(name, {detail::toExpr(std::forward<Args>(args))...});
}

}  // namespace sequelize
