// Where / order / limit options built from arbitrary bytes, rendered to SQL. Invariants: names
// that are not attributes are rejected; what renders holds only quoted identifiers, placeholders
// and the generator's own words (no user value ever appears in the text); each placeholder has
// exactly one bound value. Wheres may hold empty groups (folded to `0 = 1` or to no condition)
// and may be wrapped in up to 1100 more levels (past Where::kMaxDepth: an Error, never a crash);
// the root may select an attribute under a name the numbered query of a limited include uses.
#include <fuzzer/FuzzedDataProvider.h>

#include <memory>
#include <string>
#include <vector>

#include "fuzz_values.hpp"
#include "query/select_plan.hpp"
#include "query/statements.hpp"
#include "sequelize/sequelize.hpp"
#include "sql_tokens.hpp"

namespace {

using namespace sequelize;

struct Schema {
  Sequelize db{"sqlite::memory:"};
  Model& Users = db.define(
      "Us`ers",
      {{"user_id", {.type = DataTypes::INTEGER, .primaryKey = true, .autoIncrement = true}},
       {"name", DataTypes::STRING},
       {"we`ird \"name'", DataTypes::STRING},
       {"born", DataTypes::DATE},
       {"flag", DataTypes::BOOLEAN},
       {"data", DataTypes::JSON}});
  Model& Stories = db.define("Stories", {{"title", DataTypes::STRING}});
  Schema() { Users.hasOne(Stories, {.as = "story"}); }
};

const char* const kNames[] = {"user_id", "name", "we`ird \"name'", "born",
                              "flag",    "data", "$story.title$"};

std::string attributeName(FuzzedDataProvider& in) {
  if (in.ConsumeIntegralInRange<int>(0, 4) == 0) return in.ConsumeRandomLengthString(16);
  return kNames[in.ConsumeIntegralInRange<std::size_t>(0, std::size(kNames) - 1)];
}

OpValue makeOp(FuzzedDataProvider& in) {
  const auto kind =
      static_cast<OpKind>(in.ConsumeIntegralInRange<int>(0, static_cast<int>(OpKind::notBetween)));
  return OpValue{kind, fuzzcheck::makeValue(in)};
}

Where makeWhere(FuzzedDataProvider& in, int depth) {
  const int choice = in.ConsumeIntegralInRange<int>(0, depth < 3 ? 4 : 1);
  if (choice <= 1) {
    if (in.ConsumeBool())
      return Where::attribute(attributeName(in), Predicate(fuzzcheck::makeValue(in)));
    return Where::attribute(attributeName(in), Predicate{makeOp(in), makeOp(in)});
  }
  std::vector<Where> children;
  const int n = in.ConsumeIntegralInRange<int>(0, 3);
  for (int i = 0; i < n; ++i) children.push_back(makeWhere(in, depth + 1));
  if (choice == 2) return Where::all(std::move(children));
  if (choice == 3) return Where::any(std::move(children));
  return Where::negate(children.empty() ? Where() : std::move(children.front()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Schema schema;
  FuzzedDataProvider in(data, size);
  FindOptions options;
  options.where = makeWhere(in, 0);
  if (in.ConsumeBool()) options.include = {"story"};
  if (in.ConsumeBool()) {
    const char* directions[] = {"ASC", "DESC", "desc", "ASC NULLS FIRST", "; DROP"};
    const std::string attr = attributeName(in);
    options.order.push_back(OrderItem{attr, directions[in.ConsumeIntegralInRange<int>(0, 4)]});
  }
  if (in.ConsumeBool()) options.limit = in.ConsumeIntegral<std::int64_t>();
  if (in.ConsumeBool()) options.offset = in.ConsumeIntegral<std::int64_t>();
  // Read after the options above, so that older corpus inputs keep their meaning.
  const bool wrap = in.ConsumeBool();
  const int levels = wrap ? in.ConsumeIntegralInRange<int>(1, 1100) : 0;
  if (in.ConsumeBool()) {
    const char* aliases[] = {"__row", "__ROW", "__order_0", "__column", "user_id", "name"};
    options.attributes = {{"user_id", {"name", aliases[in.ConsumeIntegralInRange<int>(0, 5)]}}};
  }
  try {
    for (int i = 0; i < levels; ++i) {
      if (i % 3 == 2) {
        options.where = Op::notWhere(std::move(options.where));
        continue;
      }
      std::vector<Where> group;  // moved in: a braced list would copy the tree at every level
      group.push_back(std::move(options.where));
      if (i % 3 == 1) group.push_back(Op::or_({}));
      options.where = i % 3 == 0 ? Op::and_(std::move(group)) : Op::or_(std::move(group));
    }
    const detail::SelectPlan plan = detail::planSelect(schema.Users, options);
    detail::BoundStatement stmt;
    detail::StatementBuilder b(schema.db.dialect(), stmt);
    detail::renderSelect(b, plan.statement);
    if (!fuzzcheck::onlyAllowedTokens(stmt.sql)) __builtin_trap();
    if (stmt.sql.find("\x01VAL") != std::string::npos) __builtin_trap();
    std::size_t placeholders = 0;
    for (std::size_t i = 0; i < stmt.sql.size(); ++i) {
      if (stmt.sql[i] == '`') {  // skip quoted identifiers
        for (++i; i < stmt.sql.size(); ++i) {
          if (stmt.sql[i] == '`') {
            if (i + 1 < stmt.sql.size() && stmt.sql[i + 1] == '`') {
              ++i;
              continue;
            }
            break;
          }
        }
      } else if (stmt.sql[i] == '$') {
        ++placeholders;
      }
    }
    if (placeholders != stmt.params.size()) __builtin_trap();
    if ((options.limit && *options.limit < 0) || (options.offset && *options.offset < 0))
      __builtin_trap();
  } catch (const Error&) {
    // rejected before any SQL: fine
  }
  return 0;
}
