// The SQL of the bulk writers and of the operators, pinned without a database: each INSERT
// syntax the dialects choose between, increments, and Sequelize's text for every operator.
#include <gtest/gtest.h>

#include "dialects/sqlite/sqlite_dialect.hpp"
#include "query/select_plan.hpp"
#include "query/write_statements.hpp"
#include "unit/seed_models.hpp"

namespace sequelize::test {
namespace {

using namespace sequelize::detail;

// SQLite's text, with the capabilities of another database swapped in.
class OtherCapabilities final : public Dialect {
 public:
  explicit OtherCapabilities(DialectCapabilities caps) : caps_(caps) {}
  [[nodiscard]] std::string_view name() const override { return "test"; }
  [[nodiscard]] const DialectCapabilities& capabilities() const override { return caps_; }
  [[nodiscard]] std::unique_ptr<Connection> connect(const ConnectionConfig&) const override {
    return nullptr;
  }
  void quoteIdentifier(std::string& out, std::string_view n) const override {
    sqlite_.quoteIdentifier(out, n);
  }
  void appendPlaceholder(std::string& out, int i) const override {
    sqlite_.appendPlaceholder(out, i);
  }
  void appendLimitOffset(std::string& out, std::optional<std::int64_t> l,
                         std::optional<std::int64_t> o) const override {
    sqlite_.appendLimitOffset(out, l, o);
  }
  [[nodiscard]] std::string typeSql(const DataType& t) const override { return sqlite_.typeSql(t); }
  [[nodiscard]] std::string columnDefinition(const Attribute& a,
                                             const std::string& r) const override {
    return sqlite_.columnDefinition(a, r);
  }
  [[nodiscard]] std::string showIndexesSql(const std::string& t) const override {
    return sqlite_.showIndexesSql(t);
  }
  [[nodiscard]] std::string tableExistsSql(const std::string& t,
                                           const std::string& d) const override {
    return sqlite_.tableExistsSql(t, d);
  }

 private:
  DialectCapabilities caps_;
  SqliteDialect sqlite_;
};

BulkInsertStatement twoRows(OnConflict onConflict) {
  BulkInsertStatement s;
  s.table = "Counters";
  s.columns = {"id", "name", "hits"};
  s.generated = {{true, false, false}, {true, false, false}};
  s.onConflict = onConflict;
  s.conflictColumns = {"name"};
  s.updateColumns = {"hits"};
  s.returning = {"id"};
  return s;
}

std::string render(const Dialect& d, const BulkInsertStatement& s) {
  BoundStatement out;
  StatementBuilder b(d, out);
  renderBulkInsert(b, s);
  return out.sql;
}

TEST(WriteRender, SqliteInsertsIgnoresAndUpserts) {
  const SqliteDialect sqlite;
  const bool returning = sqlite.capabilities().returning;
  const std::string tail = returning ? " RETURNING `id`;" : ";";
  EXPECT_EQ(render(sqlite, twoRows(OnConflict::None)),
            "INSERT INTO `Counters` (`id`,`name`,`hits`) VALUES (NULL,$1,$2),(NULL,$3,$4)" + tail);
  EXPECT_EQ(
      render(sqlite, twoRows(OnConflict::Ignore)),
      "INSERT OR IGNORE INTO `Counters` (`id`,`name`,`hits`) VALUES (NULL,$1,$2),(NULL,$3,$4)" +
          tail);
  EXPECT_EQ(
      render(sqlite, twoRows(OnConflict::Update)),
      "INSERT INTO `Counters` (`id`,`name`,`hits`) VALUES (NULL,$1,$2),(NULL,$3,$4) ON CONFLICT "
      "(`name`) DO UPDATE SET `hits`=EXCLUDED.`hits`" +
          tail);
}

TEST(WriteRender, PostgresAndMariadbSyntaxes) {
  DialectCapabilities pg;
  pg.returning = true;
  pg.defaultForAutoIncrement = true;
  pg.insertIgnore = InsertIgnoreSyntax::OnConflictDoNothing;
  const OtherCapabilities postgresLike(pg);
  EXPECT_EQ(render(postgresLike, twoRows(OnConflict::Ignore)),
            "INSERT INTO `Counters` (`id`,`name`,`hits`) VALUES (DEFAULT,$1,$2),(DEFAULT,$3,$4) ON "
            "CONFLICT DO NOTHING RETURNING `id`;");
  DialectCapabilities my;
  my.returning = false;
  my.defaultForAutoIncrement = false;
  my.insertIgnore = InsertIgnoreSyntax::InsertIgnore;
  my.upsert = UpsertSyntax::OnDuplicateKeyUpdate;
  const OtherCapabilities mariadbLike(my);
  EXPECT_EQ(render(mariadbLike, twoRows(OnConflict::Ignore)),
            "INSERT IGNORE INTO `Counters` (`id`,`name`,`hits`) VALUES (NULL,$1,$2),(NULL,$3,$4);");
  EXPECT_EQ(
      render(mariadbLike, twoRows(OnConflict::Update)),
      "INSERT INTO `Counters` (`id`,`name`,`hits`) VALUES (NULL,$1,$2),(NULL,$3,$4) ON DUPLICATE "
      "KEY UPDATE `hits`=VALUES(`hits`);");
}

TEST(WriteRender, IncrementAsSequelizeWritesIt) {
  const SqliteDialect sqlite;
  const Value by = 2;
  const Value now = "x";
  IncrementStatement s;
  s.table = "Counters";
  s.columns = {{"hits", &by}};
  s.subtract = true;
  s.assignments = {{"updatedAt", &now}};
  BoundStatement out;
  StatementBuilder b(sqlite, out);
  renderIncrement(b, s);
  EXPECT_EQ(out.sql, "UPDATE `Counters` SET `hits`=`hits`- $1,`updatedAt`=$2");
}

// Sequelize's text for each operator on SQLite, with the values in placeholders.
TEST(WriteRender, OperatorsRenderAsSequelize) {
  UnitSeed seed;
  auto where = [&](const Where& w) {
    auto plan = std::make_unique<SelectPlan>(
        planSelect(seed.Users, {.where = w, .attributes = {{"user_id"}}}));
    BoundStatement out;
    StatementBuilder b(seed.db.dialect(), out);
    renderSelect(b, plan->statement);
    const std::string prefix = "SELECT `user_id` FROM `users` AS `Users`";
    return out.sql.substr(prefix.size(), out.sql.size() - prefix.size() - 1);
  };
  EXPECT_EQ(where({{"username", nullptr}}), " WHERE `Users`.`username` IS NULL");
  EXPECT_EQ(where({{"username", Op::ne(nullptr)}}), " WHERE `Users`.`username` IS NOT NULL");
  EXPECT_EQ(where({{"user_id", {Op::gte(1), Op::lt(5)}}}),
            " WHERE (`Users`.`user_id` >= $1 AND `Users`.`user_id` < $2)");
  EXPECT_EQ(where({{"username", Op::notLike("a%")}}), " WHERE `Users`.`username` NOT LIKE $1");
  EXPECT_EQ(where({{"username", Op::iLike("a%")}}), " WHERE `Users`.`username` LIKE $1");
  EXPECT_EQ(where({{"user_id", Op::in({})}}), " WHERE `Users`.`user_id` IN (NULL)");
  EXPECT_EQ(where({{"user_id", Op::notIn({})}}), "");
  EXPECT_EQ(where({{"user_id", Op::notBetween(1, 2)}}),
            " WHERE `Users`.`user_id` NOT BETWEEN $1 AND $2");
  EXPECT_EQ(where({{"username", Op::not_(true)}}), " WHERE `Users`.`username` IS NOT TRUE");
  EXPECT_EQ(where({{"username", Op::not_("x")}}), " WHERE `Users`.`username` != $1");
  EXPECT_EQ(where({{"username", Op::startsWith("a_b%")}}),
            " WHERE `Users`.`username` LIKE $1 ESCAPE '\\'");
  EXPECT_EQ(where(Op::notWhere(Where{{"user_id", 1}, {"username", "x"}})),
            " WHERE NOT (`Users`.`user_id` = $1 AND `Users`.`username` = $2)");
  EXPECT_EQ(where({{"email", "x"}, {"user_id", {Op::gte(1), Op::lt(5)}}}),
            " WHERE `Users`.`email` = $1 AND (`Users`.`user_id` >= $2 AND `Users`.`user_id` < $3)");
  EXPECT_EQ(where(Op::notWhere(Op::or_({{{"user_id", 1}}, {{"username", "x"}}}))),
            " WHERE NOT ((`Users`.`user_id` = $1 OR `Users`.`username` = $2))");
  EXPECT_EQ(where(Op::or_({{{"user_id", 1}}})), " WHERE (`Users`.`user_id` = $1)");
  EXPECT_EQ(where(Op::and_({{{"user_id", 1}}, {{"username", "x"}}})),
            " WHERE (`Users`.`user_id` = $1 AND `Users`.`username` = $2)");
  EXPECT_EQ(
      where({{"email", "x"},
             Op::or_({{{"user_id", 1}}, Op::and_({{{"username", "x"}}, {{"password", "p"}}})})}),
      " WHERE `Users`.`email` = $1 AND (`Users`.`user_id` = $2 OR (`Users`.`username` = $3 AND "
      "`Users`.`password` = $4))");
}

}  // namespace
}  // namespace sequelize::test
