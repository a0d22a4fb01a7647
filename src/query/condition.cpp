#include "query/condition.hpp"

#include "model/type_coercion.hpp"
#include "sequelize/errors.hpp"

namespace sequelize::detail {
namespace {

// Operands compared with the column's value are brought to its type and checked as values
// written to it would be; LIKE patterns are text whatever the column, and IS takes only null,
// true or false (checked below).
bool comparesValues(OpKind op) {
  switch (op) {
    case OpKind::like:
    case OpKind::notLike:
    case OpKind::iLike:
    case OpKind::notILike:
    case OpKind::startsWith:
    case OpKind::endsWith:
    case OpKind::substring:
    case OpKind::is:
      return false;
    default:
      return true;
  }
}

// Kept out of line: inlined, its locals (messages, coerced values) would sit in every frame of
// the recursion over groups, which Where::kMaxDepth bounds in levels, not in bytes.
[[gnu::noinline]] Condition compileAttribute(const Where& node, const ColumnResolver& resolver) {
  ColumnResolver::Column col = resolver.resolve(node.attributeName());
  Condition group;
  group.kind = Condition::Kind::And;
  // One operator (most attributes): its comparison is the condition, with the column's names
  // moved into it rather than copied.
  const bool single = node.ops().size() == 1;
  for (const OpValue& op : node.ops()) {
    Condition c;
    c.kind = Condition::Kind::Compare;
    c.table = single ? std::move(col.table) : col.table;
    c.column = single ? std::move(col.column) : col.column;
    c.op = op.op;
    const Attribute& attribute = *col.attribute;
    const ColumnLimits& limits = columnLimits(*col.model);
    const bool coerce = comparesValues(op.op) &&
                        !(op.op == OpKind::isNot &&
                          (op.operand.isNullish() || op.operand.kind() == ValueKind::Bool));
    auto operand = [&](const Value& v) { return coerce ? coerceOperand(attribute, v, limits) : v; };
    const bool listOp = c.op == OpKind::in || c.op == OpKind::notIn || c.op == OpKind::between ||
                        c.op == OpKind::notBetween;
    if (op.operand.kind() == ValueKind::Array) {
      if (!listOp && c.op != OpKind::eq && c.op != OpKind::ne) {
        throw Error("This operator takes a single value, not a list, for attribute \"" +
                    node.attributeName() + "\"");
      }
      for (const Value& v : op.operand.items()) {
        if (v.kind() == ValueKind::Array || v.kind() == ValueKind::Object) {
          throw Error("A list for attribute \"" + node.attributeName() +
                      "\" may not nest lists or objects");
        }
        c.operands.push_back(operand(v));
      }
      if (c.op == OpKind::eq) c.op = OpKind::in;
      if (c.op == OpKind::ne) c.op = OpKind::notIn;
    } else if (listOp) {
      throw Error("Op.in, Op.notIn, Op.between and Op.notBetween on attribute \"" +
                  node.attributeName() + "\" take a list");
    } else if (op.operand.kind() == ValueKind::Object && !attribute.type.isJson()) {
      throw Error("An object cannot be compared with attribute \"" + node.attributeName() + "\"");
    } else {
      c.operands.push_back(operand(op.operand));
    }
    if ((c.op == OpKind::between || c.op == OpKind::notBetween) && c.operands.size() != 2) {
      throw Error("Op.between needs exactly two values for attribute \"" + node.attributeName() +
                  "\"");
    }
    // As Sequelize: NOT IN of nothing excludes nothing, so the condition is left out.
    if (c.op == OpKind::notIn && c.operands.empty()) continue;
    if (c.operands.empty() && c.op != OpKind::in) {
      throw Error("An empty list is not a value for attribute \"" + node.attributeName() + "\"");
    }
    if (c.op == OpKind::is &&
        !(c.operands.at(0).isNullish() || c.operands.at(0).kind() == ValueKind::Bool)) {
      throw Error("Op.is on attribute \"" + node.attributeName() + "\" takes null, true or false");
    }
    // Op.not with a value other than null, true or false is Sequelize's !=.
    if (c.op == OpKind::isNot &&
        !(c.operands.at(0).isNullish() || c.operands.at(0).kind() == ValueKind::Bool)) {
      c.op = OpKind::ne;
    }
    if (single) return c;
    group.children.push_back(std::move(c));
  }
  // Every operator left out (NOT IN of nothing): the attribute restricts nothing.
  if (group.children.empty()) return Condition{};
  if (group.children.size() == 1) return std::move(group.children.front());
  group.parenthesize = true;
  return group;
}

// The walk over groups below fills conditions in place, in the parent's vector of children,
// and keeps every Condition-sized temporary in these small out-of-line helpers: a frame of the
// recursion holds a few pointers, whatever a level compiles to.
void compileInto(Condition& out, const Where& where, const ColumnResolver& resolver);

[[gnu::noinline]] void compileAttributeInto(Condition& out, const Where& node,
                                            const ColumnResolver& resolver) {
  out = compileAttribute(node, resolver);
}

[[gnu::noinline]] void setConstant(Condition& out, bool matchesEveryRow) {
  out = Condition{};
  out.kind = matchesEveryRow ? Condition::Kind::MatchAll : Condition::Kind::MatchNone;
}

// A group of one unparenthesized condition is that condition.
[[gnu::noinline]] void hoistOnlyChild(Condition& group) {
  Condition only = std::move(group.children.front());
  group = std::move(only);
}

[[gnu::noinline]] void wrapInNot(Condition& out) {
  Condition negated = std::move(out);
  out = Condition{};
  out.kind = Condition::Kind::Not;
  out.children.push_back(std::move(negated));
}

// AND / OR of the compiled children, constants folded: a child that decides the group (no row
// for AND, every row for OR) decides it, a child that cannot change it (every row for AND, no
// row for OR) is left out, and a group left with nothing is the neutral constant (every row for
// AND, no row for OR, as Sequelize's `0 = 1` for an empty Op.or).
void compileGroupInto(Condition& out, bool isAnd, const std::vector<Where>& children,
                      bool explicitGroup, const ColumnResolver& resolver) {
  const Condition::Kind decides = isAnd ? Condition::Kind::MatchNone : Condition::Kind::MatchAll;
  const Condition::Kind neutral = isAnd ? Condition::Kind::MatchAll : Condition::Kind::MatchNone;
  out.kind = isAnd ? Condition::Kind::And : Condition::Kind::Or;
  out.children.reserve(children.size());  // `slot` stays valid while the next one is added
  for (const Where& child : children) {
    Condition& slot = out.children.emplace_back();
    compileInto(slot, child, resolver);
    if (slot.kind == decides) {
      setConstant(out, !isAnd);
      return;
    }
    if (slot.kind == neutral) out.children.pop_back();
  }
  if (out.children.empty()) {
    setConstant(out, isAnd);
    return;
  }
  out.parenthesize = isAnd && explicitGroup;
  if (isAnd && out.children.size() == 1 && !out.parenthesize) hoistOnlyChild(out);
}

void compileInto(Condition& out, const Where& where, const ColumnResolver& resolver) {
  switch (where.kind()) {
    case Where::Kind::Attribute:
      compileAttributeInto(out, where, resolver);
      return;
    case Where::Kind::And:
    case Where::Kind::Or:
      compileGroupInto(out, where.kind() == Where::Kind::And, where.children(),
                       where.isExplicitGroup(), resolver);
      return;
    case Where::Kind::Not:
      // NOT of every row is no row (Sequelize's `0 = 1` for NOT of an empty where), and NOT of
      // no row is every row. The children of a NOT are ANDed.
      compileGroupInto(out, true, where.children(), false, resolver);
      if (out.matchesAll() || out.matchesNone()) {
        setConstant(out, out.matchesNone());
      } else {
        wrapInNot(out);
      }
      return;
  }
}

const char* comparator(OpKind op, const Value& operand, const StatementBuilder& b) {
  const bool isNull = operand.isNullish();
  switch (op) {
    case OpKind::eq:
      return isNull ? " IS " : " = ";
    case OpKind::ne:
      return isNull ? " IS NOT " : " != ";
    case OpKind::gt:
      return " > ";
    case OpKind::gte:
      return " >= ";
    case OpKind::lt:
      return " < ";
    case OpKind::lte:
      return " <= ";
    case OpKind::is:
      return " IS ";
    case OpKind::isNot:
      return " IS NOT ";
    case OpKind::like:
    case OpKind::startsWith:
    case OpKind::endsWith:
    case OpKind::substring:
      return " LIKE ";
    case OpKind::notLike:
      return " NOT LIKE ";
    case OpKind::iLike:
      return b.dialect().capabilities().iLike ? " ILIKE " : " LIKE ";
    case OpKind::notILike:
      return b.dialect().capabilities().iLike ? " NOT ILIKE " : " NOT LIKE ";
    default:
      return " = ";
  }
}

// startsWith / endsWith / substring match the text literally: its own % _ and \ are escaped.
std::string likePattern(OpKind op, std::string_view text) {
  std::string escaped;
  for (const char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') escaped.push_back('\\');
    escaped.push_back(ch);
  }
  if (op == OpKind::startsWith) return escaped + "%";
  if (op == OpKind::endsWith) return "%" + escaped;
  return "%" + escaped + "%";
}

// Out of line for the same reason as compileAttribute: renderCondition recurses over groups.
[[gnu::noinline]] void renderCompare(StatementBuilder& b, const Condition& c) {
  auto column = [&] {
    if (c.table.empty()) {
      b.id(c.column);
    } else {
      b.qualified(c.table, c.column);
    }
  };
  switch (c.op) {
    case OpKind::in:
    case OpKind::notIn: {
      if (c.operands.empty()) {
        // Sequelize's rendering of an empty IN list, which matches nothing. (An empty NOT IN
        // never gets here: it is left out when compiled.)
        column();
        b.raw(" IN (NULL)");
        return;
      }
      column();
      const bool negated = c.op == OpKind::notIn;
      if (const auto whole = b.dialect().wholeListComparison(negated, c.operands.size())) {
        b.raw(whole->before).bindOwned(b.dialect().wholeListValue(c.operands)).raw(whole->after);
        return;
      }
      b.raw(negated ? " NOT IN (" : " IN (");
      for (std::size_t i = 0; i < c.operands.size(); ++i) {
        if (i > 0) b.raw(", ");
        b.bind(c.operands[i]);
      }
      b.raw(")");
      return;
    }
    case OpKind::between:
    case OpKind::notBetween:
      column();
      b.raw(c.op == OpKind::between ? " BETWEEN " : " NOT BETWEEN ");
      b.bind(c.operands[0]);
      b.raw(" AND ");
      b.bind(c.operands[1]);
      return;
    case OpKind::startsWith:
    case OpKind::endsWith:
    case OpKind::substring:
      column();
      b.raw(" LIKE ");
      b.bindOwned(Value(likePattern(c.op, c.operands[0].as<std::string>())));
      b.raw(b.dialect().likeEscapeClause());
      return;
    default:
      break;
  }
  const Value& operand = c.operands.at(0);
  column();
  b.raw(comparator(c.op, operand, b));
  if (operand.isNullish()) {
    b.raw("NULL");
  } else if ((c.op == OpKind::is || c.op == OpKind::isNot) && operand.kind() == ValueKind::Bool) {
    b.raw(operand.boolean() ? "TRUE" : "FALSE");
  } else {
    b.bind(operand);
  }
}

}  // namespace

ColumnResolver::Column ModelColumnResolver::resolve(std::string_view name) const {
  const Attribute* attr = model_.attribute(name);
  if (attr == nullptr) {
    throw Error("Unknown attribute \"" + std::string(name) + "\" in where clause of model " +
                model_.name());
  }
  return Column{alias_, attr->field, attr, &model_};
}

Condition compileWhere(const Where& where, const ColumnResolver& resolver) {
  Condition compiled;
  compileInto(compiled, where, resolver);
  return compiled;
}

void renderCondition(StatementBuilder& b, const Condition& c, bool topLevel) {
  switch (c.kind) {
    case Condition::Kind::MatchNone:
      b.raw("0 = 1");  // Sequelize's words for an empty Op.or
      return;
    case Condition::Kind::MatchAll:
      // Only ever a whole where, which callers leave out (appendWhereClause); written for
      // completeness.
      b.raw("1 = 1");
      return;
    case Condition::Kind::Compare:
      renderCompare(b, c);
      return;
    case Condition::Kind::Not:
      // As Sequelize: NOT (a AND b), NOT ((a OR b)), NOT (a). Its one child holds what was
      // negated, several conditions ANDed.
      b.raw("NOT (");
      renderCondition(b, c.children.front(), true);
      b.raw(")");
      return;
    case Condition::Kind::And:
    case Condition::Kind::Or: {
      const bool parens = !topLevel || c.parenthesize || c.kind == Condition::Kind::Or;
      if (parens) b.raw("(");
      for (std::size_t i = 0; i < c.children.size(); ++i) {
        if (i > 0) b.raw(c.kind == Condition::Kind::And ? " AND " : " OR ");
        renderCondition(b, c.children[i], false);
      }
      if (parens) b.raw(")");
      return;
    }
  }
}

void appendWhereClause(StatementBuilder& b, const Condition& condition) {
  if (condition.matchesAll()) return;
  b.raw(" WHERE ");
  renderCondition(b, condition);
}

Condition conjoin(Condition a, Condition b) {
  if (a.matchesAll() || b.matchesNone()) return b;
  if (b.matchesAll() || a.matchesNone()) return a;
  Condition both;
  both.kind = Condition::Kind::And;
  both.children.push_back(std::move(a));
  both.children.push_back(std::move(b));
  return both;
}

}  // namespace sequelize::detail
