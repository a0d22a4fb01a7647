// Errors a user meets: validation before SQL, constraint failures classified by the database's
// codes, and the Sequelize names.
#include "test_database.hpp"

namespace sequelize::test {
namespace {

class ErrorsTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    models_ = std::make_unique<SeedModels>(defineSeedModels(db()));
    db().sync({.force = true});
    clearLog();
  }
  std::unique_ptr<SeedModels> models_;
};

TEST_F(ErrorsTest, NullInNonNullAttributeIsAValidationErrorWithoutSql) {
  try {
    models_->Users.create({{"username", nullptr}, {"email", "a"}, {"password", "b"}});
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.name(), "SequelizeValidationError");
    EXPECT_EQ(std::string(e.what()), "notNull Violation: Users.username cannot be null");
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].message, "Users.username cannot be null");
    EXPECT_EQ(e.errors()[0].type, "notNull Violation");
    EXPECT_EQ(e.errors()[0].path, "username");
    EXPECT_EQ(e.errors()[0].validatorKey, "is_null");
  }
  EXPECT_TRUE(statements().empty());
}

TEST_F(ErrorsTest, AllFailuresAreReportedTogether) {
  try {
    models_->Users.create({{"email", "a"}});
    FAIL();
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.errors().size(), 2u);
    EXPECT_EQ(std::string(e.what()),
              "notNull Violation: Users.username cannot be null,\nnotNull Violation: "
              "Users.password cannot be null");
  }
}

TEST_F(ErrorsTest, ForeignKeyViolation) {
  try {
    models_->Stories.create({{"created_by", 999}, {"title", "x"}, {"content", "y"}});
    FAIL();
  } catch (const ForeignKeyConstraintError& e) {
    EXPECT_EQ(e.name(), "SequelizeForeignKeyConstraintError");
    EXPECT_FALSE(e.sql().empty());
    EXPECT_FALSE(e.code().empty());
  }
  EXPECT_EQ(countRows(db(), "stories"), 0);
}

TEST_F(ErrorsTest, NotNullInTheDatabaseIsADatabaseErrorNotAUniqueOne) {
  // Bypass validation to reach the database's own NOT NULL check.
  try {
    models_->Users.create({{"username", nullptr}, {"email", "a"}, {"password", "b"}},
                          {.validate = false});
    FAIL();
  } catch (const UniqueConstraintError&) {
    FAIL() << "a NOT NULL failure is not a unique violation";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.name(), "SequelizeDatabaseError");
  }
}

TEST_F(ErrorsTest, StringAttributeGivenAnObject) {
  try {
    models_->Users.create(
        {{"username", Value(Values{{"a", 1}})}, {"email", "a"}, {"password", "b"}});
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(std::string(e.what()), "string violation: username cannot be an array or an object");
  }
}

TEST_F(ErrorsTest, EveryClassHasSequelizesName) {
  EXPECT_EQ(Error("x").name(), "Error");
  EXPECT_EQ(BaseError("x").name(), "SequelizeBaseError");
  EXPECT_EQ(ConnectionError("x").name(), "SequelizeConnectionError");
  EXPECT_EQ(ConnectionRefusedError("x").name(), "SequelizeConnectionRefusedError");
  EXPECT_EQ(AccessDeniedError("x").name(), "SequelizeAccessDeniedError");
  EXPECT_EQ(ConnectionAcquireTimeoutError("x").name(), "SequelizeConnectionAcquireTimeoutError");
  EXPECT_EQ(EagerLoadingError("x").name(), "SequelizeEagerLoadingError");
  EXPECT_EQ(AssociationError("x").name(), "SequelizeAssociationError");
  EXPECT_EQ(TimeoutError("x", {}).name(), "SequelizeTimeoutError");
  EXPECT_EQ(UnknownConstraintError("x", {}).name(), "SequelizeUnknownConstraintError");
  EXPECT_EQ(ValidationError("", {}).name(), "SequelizeValidationError");
  const BaseError& asBase = ConnectionRefusedError("x");
  EXPECT_EQ(asBase.name(), "SequelizeConnectionRefusedError");
}

}  // namespace
}  // namespace sequelize::test
