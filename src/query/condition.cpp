#include "query/condition.hpp"

#include "core/type_coercion.hpp"
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

Condition compileAttribute(const Where& node, const ColumnResolver& resolver) {
  const ColumnResolver::Column col = resolver.resolve(node.attributeName());
  Condition group;
  group.kind = Condition::Kind::And;
  for (const OpValue& op : node.ops()) {
    Condition c;
    c.kind = Condition::Kind::Compare;
    c.table = col.table;
    c.column = col.column;
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
    group.children.push_back(std::move(c));
  }
  if (group.children.size() == 1) return std::move(group.children.front());
  group.parenthesize = true;
  return group;
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

void renderCompare(StatementBuilder& b, const Condition& c) {
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
      b.raw(c.op == OpKind::in ? " IN (" : " NOT IN (");
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
  switch (where.kind()) {
    case Where::Kind::Attribute:
      return compileAttribute(where, resolver);
    case Where::Kind::And:
    case Where::Kind::Or:
    case Where::Kind::Not: {
      Condition c;
      c.kind = where.kind() == Where::Kind::And  ? Condition::Kind::And
               : where.kind() == Where::Kind::Or ? Condition::Kind::Or
                                                 : Condition::Kind::Not;
      for (const Where& child : where.children()) {
        Condition compiled = compileWhere(child, resolver);
        if (!compiled.empty()) c.children.push_back(std::move(compiled));
      }
      if (c.kind == Condition::Kind::And && where.isExplicitGroup()) c.parenthesize = true;
      if (c.kind == Condition::Kind::And && c.children.size() == 1 && !c.parenthesize) {
        return std::move(c.children.front());
      }
      return c;
    }
  }
  return {};
}

void renderCondition(StatementBuilder& b, const Condition& c, bool topLevel) {
  switch (c.kind) {
    case Condition::Kind::Compare:
      renderCompare(b, c);
      return;
    case Condition::Kind::Not:
      // As Sequelize: NOT (a AND b), NOT ((a OR b)), NOT (a).
      b.raw("NOT (");
      if (c.children.size() == 1) {
        renderCondition(b, c.children.front(), true);
      } else {
        for (std::size_t i = 0; i < c.children.size(); ++i) {
          if (i > 0) b.raw(" AND ");
          renderCondition(b, c.children[i], false);
        }
      }
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

}  // namespace sequelize::detail
