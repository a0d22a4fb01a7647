// Sequelize's messages for association and include mistakes, word for word, each raised before
// any SQL is sent.
#include "association_fixture.hpp"

namespace sequelize::test {
namespace {

class AssociationErrorsTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    m_ = std::make_unique<BlogModels>(defineBlogModels(db()));
    Tags_ = &db().define("Tag", {{"name", DataTypes::STRING}}, {.timestamps = false});
    Notes_ = &db().define("Note", {{"text", DataTypes::STRING}}, {.timestamps = false});
    m().Users.hasOne(*Tags_, {.as = "firstTag", .constraints = false});
    m().Users.hasOne(*Tags_, {.as = "lastTag", .constraints = false});
    m().Users.hasOne(*Notes_, {.constraints = false});
    clearLog();
  }
  void TearDown() override {
    // Nothing may have reached the database.
    if (!IsSkipped()) {
      EXPECT_EQ(statements(), std::vector<std::string>{});
    }
    DatabaseTest::TearDown();
  }
  void expectFind(const Model& model, const FindOptions& options, const std::string& message,
                  std::string_view errorName = "SequelizeEagerLoadingError") {
    try {
      (void)model.findAll(options);
      ADD_FAILURE() << "expected: " << message;
    } catch (const Error& e) {
      EXPECT_EQ(std::string(e.what()), message);
      EXPECT_EQ(e.name(), errorName);
    }
  }
  BlogModels& m() { return *m_; }
  std::unique_ptr<BlogModels> m_;
  Model* Tags_ = nullptr;
  Model* Notes_ = nullptr;
};

TEST_F(AssociationErrorsTest, NotAssociated) {
  expectFind(*Tags_, {.include = {m().Users}}, "Users is not associated to Tag!");
  // A level down, against the included model.
  expectFind(m().Users, {.include = {{.association = "story", .include = {m().Avatars}}}},
             "Avatar is not associated to Stories!");
  // An association object of another model.
  expectFind(m().Stories, {.include = {*m().Users.association("profile")}},
             "Profile is not associated to Stories!");
}

TEST_F(AssociationErrorsTest, AliasedAssociationNeedsAs) {
  expectFind(
      m().Users, {.include = {m().Stories}},
      "Stories is associated to Users using an alias. You must use the 'as' keyword to specify "
      "the alias within your include statement.");
}

TEST_F(AssociationErrorsTest, WrongAlias) {
  expectFind(
      m().Users, {.include = {{.model = m().Stories, .as = "tale"}}},
      "Stories is associated to Users using an alias. You've included an alias (tale), but it "
      "does not match the alias(es) defined in your association (story).");
  // An association without `as` is aliased by its model name.
  expectFind(
      m().Users, {.include = {{.model = *Notes_, .as = "memo"}}},
      "Note is associated to Users using an alias. You've included an alias (memo), but it does "
      "not match the alias(es) defined in your association (Note).");
}

TEST_F(AssociationErrorsTest, AssociatedMoreThanOnce) {
  const std::string message =
      "Tag is associated to Users multiple times. To identify the correct association, you must "
      "use "
      "the 'as' keyword to specify the alias of the association you want to include.";
  expectFind(m().Users, {.include = {*Tags_}}, message);
  expectFind(m().Users, {.include = {{.model = *Tags_, .as = "middleTag"}}}, message);
}

TEST_F(AssociationErrorsTest, UnknownAliasString) {
  expectFind(m().Users, {.include = {"nope"}},
             "Association with alias \"nope\" does not exist on Users", "Error");
}

TEST_F(AssociationErrorsTest, IncludeUnexpected) {
  const std::string message =
      "Include unexpected. Element has to be either a Model, an Association or an object.";
  expectFind(m().Users, {.include = {{.as = "story"}}}, message, "Error");
  expectFind(m().Users, {.include = {{.where = {{"title", "x"}}}}}, message, "Error");
  expectFind(m().Users, {.include = {{.model = "NoSuchModel"}}}, message, "Error");
  // In a create's include as well.
  expectThrowWithMessage<Error>(
      [&] {
        (void)m().Users.create({{"username", "x"}}, {.include = {{.as = "story"}}});
      },
      message);
}

TEST_F(AssociationErrorsTest, InvalidAllType) {
  expectFind(
      m().Users, {.include = {{.all = "Foo"}}},
      "include all 'Foo' is not valid - must be BelongsTo, HasOne, HasMany, One, Has, Many or All");
}

TEST_F(AssociationErrorsTest, AliasUsedTwice) {
  try {
    m().Users.belongsTo(*Tags_, {.as = "story"});
    FAIL() << "expected AssociationError";
  } catch (const AssociationError& e) {
    EXPECT_EQ(
        std::string(e.what()),
        "You have used the alias story in two separate associations. Aliased associations must "
        "have unique aliases.");
    EXPECT_EQ(e.name(), "SequelizeAssociationError");
  }
}

TEST_F(AssociationErrorsTest, NamingCollisionLeavesTheModelsUnchanged) {
  const std::size_t tagAttributes = Tags_->rawAttributes().size();
  const std::size_t associations = m().Users.associations().size();
  try {
    m().Users.hasOne(*Tags_, {.as = "username"});
    FAIL() << "expected a naming collision";
  } catch (const Error& e) {
    EXPECT_EQ(
        std::string(e.what()),
        "Naming collision between attribute 'username' and association 'username' on model Users. "
        "To remedy this, change either foreignKey or as in your association definition");
    EXPECT_EQ(e.name(), "Error");
  }
  // belongsTo: the foreign key itself would take the alias's name.
  expectThrowWithMessage<Error>(
      [&] { m().Stories.belongsTo(*Tags_, {.foreignKey = "tag", .as = "tag"}); },
      "Naming collision between attribute 'tag' and association 'tag' on model Stories. To remedy "
      "this, change either foreignKey or as in your association definition");
  // Sequelize adds the foreign key (and the association) before it notices; here nothing stays.
  EXPECT_EQ(Tags_->rawAttributes().size(), tagAttributes);
  EXPECT_EQ(Tags_->attribute("usernameId"), nullptr);
  EXPECT_EQ(m().Stories.attribute("tag"), nullptr);
  EXPECT_EQ(m().Users.associations().size(), associations);
  EXPECT_EQ(m().Users.association("username"), nullptr);
}

TEST_F(AssociationErrorsTest, AccessorWithUnknownAliasOrWrongModel) {
  Instance user = m().Users.build({{"id", 1}, {"username", "u"}}, {.isNewRecord = false});
  expectThrowWithMessage<Error>([&] { (void)user.getAssociated("nope"); },
                                "Association with alias \"nope\" does not exist on Users");
  const Instance tag = Tags_->build({{"name", "t"}});
  expectThrowWithMessage<TypeError>(
      [&] { user.setAssociated("story", tag); },
      "The association \"story\" of Users links to Stories instances, not to Tag");
}

}  // namespace
}  // namespace sequelize::test
