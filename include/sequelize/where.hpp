#pragma once
// Where clauses, as Sequelize's `where` objects:
//
//   {.where = {{"username", "boris"}}}                          username = 'boris'
//   {.where = {{"user_id", Op::lte(5000)}}}                      user_id <= 5000
//   {.where = {{"user_id", {Op::gte(1), Op::lt(10)}}}}          1 <= user_id < 10
//   {.where = {Op::or_({{{"a", 5}}, {{"b", 6}}})}}             (a = 5 OR b = 6)
//   {.where = {{"$story.title$", Op::like("%x%")}}}            a condition on an include
//
// Attribute names are checked against the model before any SQL is built, and every value is
// sent as a bound parameter, never as SQL text.
#include <concepts>
#include <initializer_list>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "sequelize/value.hpp"

namespace sequelize {

enum class OpKind : std::uint8_t {
  eq,
  ne,
  gt,
  gte,
  lt,
  lte,
  is,
  isNot,  // Sequelize's Op.not on an attribute: IS NOT
  like,
  notLike,
  iLike,
  notILike,
  startsWith,
  endsWith,
  substring,
  in,
  notIn,
  between,
  notBetween,
};

// One operator applied to an attribute, with its operand(s).
struct OpValue {
  OpKind op;
  Value operand;  // for in/notIn an Array; for between/notBetween an Array of two
};

class Where;

// What an attribute must satisfy: a value (equality, IS NULL for null, IN for an array), one
// operator, or several operators that must all hold.
class Predicate {
 public:
  template <class T, std::enable_if_t<std::constructible_from<Value, T&&> &&
                                          !std::same_as<std::remove_cvref_t<T>, Predicate>,
                                      int> = 0>
  Predicate(T&& value) {  // NOLINT(google-explicit-constructor)
    ops_.push_back(OpValue{OpKind::eq, Value(std::forward<T>(value))});
  }
  Predicate(OpValue op) { ops_.push_back(std::move(op)); }  // NOLINT(google-explicit-constructor)
  Predicate(std::initializer_list<OpValue> ops) : ops_(ops) {}

  [[nodiscard]] const std::vector<OpValue>& ops() const noexcept { return ops_; }
  [[nodiscard]] std::vector<OpValue>&& takeOps() noexcept { return std::move(ops_); }

 private:
  std::vector<OpValue> ops_;
};

struct WhereEntry;

// A tree of conditions. An empty Where matches every row; an empty Op::or_ matches none.
//
// Groups nest at most kMaxDepth levels: building a deeper one throws sequelize::Error. Every
// walk over the tree (compiling, copying, destroying) is recursive, and the bound keeps it far
// from the end of a thread's stack while staying far above any real query.
class Where {
 public:
  enum class Kind : std::uint8_t { And, Or, Not, Attribute };
  static constexpr std::size_t kMaxDepth = 1000;

  Where() = default;
  Where(std::initializer_list<WhereEntry> entries);  // the entries, ANDed

  static Where attribute(std::string name, Predicate predicate);
  static Where all(std::vector<Where> children);  // AND
  static Where any(std::vector<Where> children);  // OR
  static Where negate(Where child);               // NOT (...)
  // Every row, said on purpose: Sequelize's `where: {}` for update and destroy, which refuse
  // to touch the whole table when no where is given at all.
  static Where allRows();

  [[nodiscard]] Kind kind() const noexcept { return kind_; }
  // No condition at all (Where(), Op::and_({})): every row. An empty Op::or_ is not empty: it
  // matches no row.
  [[nodiscard]] bool empty() const noexcept { return kind_ == Kind::And && children_.empty(); }
  [[nodiscard]] const std::string& attributeName() const noexcept { return attribute_; }
  [[nodiscard]] const std::vector<OpValue>& ops() const noexcept { return ops_; }
  [[nodiscard]] const std::vector<Where>& children() const noexcept { return children_; }
  // An explicit Op.and group, which Sequelize writes in parentheses even at the top level (the
  // entries of a where literal are ANDed without them).
  [[nodiscard]] bool isExplicitGroup() const noexcept { return explicitGroup_; }
  // True for Where::allRows(): empty, and meant to be.
  [[nodiscard]] bool isAllRows() const noexcept { return allRows_ && empty(); }

  // Adds a condition that must also hold (used by association accessors and finders).
  Where& andAlso(Where other);
  // Levels of nesting: 1 for an attribute or an empty group, one more per group around it.
  [[nodiscard]] std::size_t depth() const noexcept { return depth_; }

 private:
  // Sets depth_ from the children; throws when it passes kMaxDepth.
  void measureDepth();

  Kind kind_ = Kind::And;
  std::string attribute_;
  std::vector<OpValue> ops_;
  std::vector<Where> children_;
  bool allRows_ = false;
  bool explicitGroup_ = false;
  std::uint16_t depth_ = 1;
};

// One entry of a Where literal: an attribute with its predicate, or a nested group.
struct WhereEntry {
  WhereEntry(std::string attribute, Predicate predicate)
      : node(Where::attribute(std::move(attribute), std::move(predicate))) {}
  WhereEntry(Where group) : node(std::move(group)) {}  // NOLINT(google-explicit-constructor)
  Where node;
};

namespace Op {
inline OpValue eq(Value v) {
  return {OpKind::eq, std::move(v)};
}
inline OpValue ne(Value v) {
  return {OpKind::ne, std::move(v)};
}
inline OpValue gt(Value v) {
  return {OpKind::gt, std::move(v)};
}
inline OpValue gte(Value v) {
  return {OpKind::gte, std::move(v)};
}
inline OpValue lt(Value v) {
  return {OpKind::lt, std::move(v)};
}
inline OpValue lte(Value v) {
  return {OpKind::lte, std::move(v)};
}
// IS NULL / IS TRUE / IS FALSE; the operand must be null or a boolean.
inline OpValue is(Value v) {
  return {OpKind::is, std::move(v)};
}
// Op.not on an attribute: IS NOT NULL / IS NOT TRUE …
inline OpValue not_(Value v) {
  return {OpKind::isNot, std::move(v)};
}
inline OpValue like(Value pattern) {
  return {OpKind::like, std::move(pattern)};
}
inline OpValue notLike(Value pattern) {
  return {OpKind::notLike, std::move(pattern)};
}
// ILIKE on PostgreSQL; LIKE elsewhere, as Sequelize renders it.
inline OpValue iLike(Value pattern) {
  return {OpKind::iLike, std::move(pattern)};
}
inline OpValue notILike(Value pattern) {
  return {OpKind::notILike, std::move(pattern)};
}
// LIKE 'text%' / '%text' / '%text%', the text's own % and _ matched literally.
inline OpValue startsWith(Value text) {
  return {OpKind::startsWith, std::move(text)};
}
inline OpValue endsWith(Value text) {
  return {OpKind::endsWith, std::move(text)};
}
inline OpValue substring(Value text) {
  return {OpKind::substring, std::move(text)};
}
inline OpValue in(std::vector<Value> values) {
  return {OpKind::in, Value(std::move(values))};
}
inline OpValue notIn(std::vector<Value> values) {
  return {OpKind::notIn, Value(std::move(values))};
}
inline OpValue between(Value low, Value high) {
  return {OpKind::between, Value(std::vector<Value>{std::move(low), std::move(high)})};
}
inline OpValue notBetween(Value low, Value high) {
  return {OpKind::notBetween, Value(std::vector<Value>{std::move(low), std::move(high)})};
}
// Op.and / Op.or / Op.not over groups of conditions.
inline Where and_(std::vector<Where> children) {
  return Where::all(std::move(children));
}
inline Where or_(std::vector<Where> children) {
  return Where::any(std::move(children));
}
inline Where notWhere(Where child) {
  return Where::negate(std::move(child));
}
}  // namespace Op

}  // namespace sequelize
