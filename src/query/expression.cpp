#include "query/expression.hpp"

#include <cctype>

#include "sequelize/errors.hpp"

namespace sequelize {

Expr Expr::column(std::string path) {
  Expr e;
  e.kind_ = Kind::Column;
  e.text_ = std::move(path);
  return e;
}

Expr Expr::function(std::string name, std::vector<Expr> args) {
  Expr e;
  e.kind_ = Kind::Function;
  e.text_ = std::move(name);
  e.args_ = std::move(args);
  return e;
}

Expr Expr::literal(std::string sql) {
  Expr e;
  e.kind_ = Kind::Literal;
  e.text_ = std::move(sql);
  return e;
}

Expr Expr::bound(Value value) {
  Expr e;
  e.kind_ = Kind::Bound;
  e.value_ = std::move(value);
  return e;
}

namespace detail {
namespace {

// A function name goes into the SQL text as it is, so only plain identifiers are accepted.
bool isPlainIdentifier(const std::string& name) {
  if (name.empty()) return false;
  if (std::isdigit(static_cast<unsigned char>(name.front())) != 0) return false;
  for (const char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_') return false;
  }
  return true;
}

}  // namespace

CompiledExpr compileExpr(const Expr& expr, const ColumnResolver& resolver) {
  CompiledExpr out;
  out.kind = expr.kind();
  switch (expr.kind()) {
    case Expr::Kind::Column:
      if (expr.text() == "*") {
        out.column.push_back('*');  // (assigning a literal trips a g++ 12 false warning)
      } else {
        ColumnResolver::Column c = resolver.resolve(expr.text());
        out.table = std::move(c.table);
        out.column = std::move(c.column);
        out.attribute = c.attribute;
      }
      break;
    case Expr::Kind::Function:
      if (!isPlainIdentifier(expr.text())) {
        throw Error("Invalid function name \"" + expr.text() +
                    "\" in fn(): use a plain SQL identifier");
      }
      out.text = expr.text();
      for (const Expr& arg : expr.args()) out.args.push_back(compileExpr(arg, resolver));
      break;
    case Expr::Kind::Literal:
      out.text = expr.text();
      break;
    case Expr::Kind::Bound:
      if (expr.value().kind() == ValueKind::Object || expr.value().kind() == ValueKind::Array) {
        throw Error("An object or array cannot be an argument of fn()");
      }
      out.value = expr.value();
      break;
  }
  return out;
}

void renderExpr(StatementBuilder& b, const CompiledExpr& expr) {
  switch (expr.kind) {
    case Expr::Kind::Column:
      if (expr.column == "*") {
        b.raw("*");
      } else if (expr.table.empty()) {
        b.id(expr.column);
      } else {
        b.qualified(expr.table, expr.column);
      }
      return;
    case Expr::Kind::Function:
      b.raw(expr.text).raw("(");
      for (std::size_t i = 0; i < expr.args.size(); ++i) {
        if (i > 0) b.raw(", ");
        renderExpr(b, expr.args[i]);
      }
      b.raw(")");
      return;
    case Expr::Kind::Literal:
      b.raw(expr.text);
      return;
    case Expr::Kind::Bound:
      b.bind(expr.value);
      return;
  }
}

}  // namespace detail
}  // namespace sequelize
