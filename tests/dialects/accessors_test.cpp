// getAssociated / setAssociated / createAssociated: the statements Sequelize sends for
// getStory / setStory / createStory (values bound), the rows afterwards, and atomicity where
// Sequelize has none.
#include "association_fixture.hpp"

namespace sequelize::test {
namespace {

class AccessorsTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    m_ = std::make_unique<BlogModels>(defineBlogModels(db()));
    ann_ = m().Users.create({{"username", "ann"}});
    bob_ = m().Users.create({{"username", "bob"}});
    first_ = m().Stories.create({{"title", "first"}});
    second_ = m().Stories.create({{"title", "second"}});
    clearLog();
  }
  BlogModels& m() { return *m_; }
  // The author of a story as stored: "null" or the id.
  std::string storedAuthor(const Instance& story) {
    const auto row = m().Stories.findByPk(story.get("id"), {.silent = true});
    const auto id = row->get<std::optional<std::int64_t>>("authorId");
    return id ? std::to_string(*id) : "null";
  }
  std::string sql(std::string_view backticked) { return dialectSql(db(), backticked); }

  std::unique_ptr<BlogModels> m_;
  std::optional<Instance> ann_, bob_, first_, second_;
};

constexpr const char* kStoryOfUser =
    "SELECT `id`, `title`, `authorId`, `categoryId` FROM `stories` AS `Stories` WHERE "
    "`Stories`.`authorId` = ? LIMIT 1;";
constexpr const char* kUnlinkOrLinkStory = "UPDATE `stories` SET `authorId`=? WHERE `id` = ?";

TEST_F(AccessorsTest, HasOneGet) {
  EXPECT_FALSE(ann_->getAssociated("story"));
  EXPECT_EQ(statements(), std::vector<std::string>{sql(kStoryOfUser)});
  m().Stories.create({{"title", "mine"}, {"authorId", ann_->get("id")}});
  const auto story = ann_->getAssociated("story");
  ASSERT_TRUE(story);
  EXPECT_EQ(story->get<std::string>("title"), "mine");
  EXPECT_FALSE(story->isNewRecord());
  // Options are find options: attributes and a where ANDed with the key (Sequelize's explicit
  // Op.and, so in parentheses).
  clearLog();
  const auto titled =
      ann_->getAssociated("story", {.where = {{"title", "mine"}}, .attributes = {{"title"}}});
  ASSERT_TRUE(titled);
  EXPECT_EQ(titled->toJSON(), R"({"title":"mine"})");
  EXPECT_FALSE(ann_->getAssociated("story", {.where = {{"title", "other"}}}));
  ASSERT_EQ(statements().size(), 2u);
  EXPECT_EQ(statements()[0],
            sql("SELECT `title` FROM `stories` AS `Stories` WHERE (`Stories`.`authorId` = ? AND "
                "`Stories`.`title` = ?) LIMIT 1;"));
}

TEST_F(AccessorsTest, HasOneSetWithAnInstanceUnlinksThePreviousOne) {
  ann_->setAssociated("story", *first_);
  EXPECT_EQ(statements(), (std::vector<std::string>{sql(kStoryOfUser), sql(kUnlinkOrLinkStory)}));
  EXPECT_EQ(storedAuthor(*first_), ann_->get("id").as<std::string>());
  // The instance given is updated in place, as in Sequelize.
  EXPECT_EQ(first_->get("authorId"), ann_->get("id"));
  EXPECT_TRUE(first_->changed().empty());

  clearLog();
  ann_->setAssociated("story", *second_);
  EXPECT_EQ(statements(), (std::vector<std::string>{sql(kStoryOfUser), sql(kUnlinkOrLinkStory),
                                                    sql(kUnlinkOrLinkStory)}));
  EXPECT_EQ(storedAuthor(*first_), "null");
  EXPECT_EQ(storedAuthor(*second_), ann_->get("id").as<std::string>());

  // Setting the one already linked sends nothing but the read.
  clearLog();
  ann_->setAssociated("story", *second_);
  EXPECT_EQ(statements(), std::vector<std::string>{sql(kStoryOfUser)});
}

TEST_F(AccessorsTest, HasOneSetWithAKeyOrNull) {
  ann_->setAssociated("story", second_->get("id"));
  // A key is linked without reading its row (Sequelize updates a built instance).
  EXPECT_EQ(statements(), (std::vector<std::string>{
                              sql(kStoryOfUser),
                              sql("UPDATE `stories` SET `id`=?,`authorId`=? WHERE `id` = ?")}));
  EXPECT_EQ(storedAuthor(*second_), ann_->get("id").as<std::string>());
  EXPECT_EQ(ann_->getAssociated("story")->get<std::string>("title"), "second");
  clearLog();
  ann_->setAssociated("story", nullptr);
  EXPECT_EQ(statements(), (std::vector<std::string>{sql(kStoryOfUser), sql(kUnlinkOrLinkStory)}));
  EXPECT_EQ(storedAuthor(*second_), "null");
  EXPECT_FALSE(ann_->getAssociated("story"));
}

TEST_F(AccessorsTest, HasOneSetIsAtomic) {
  ann_->setAssociated("story", *first_);
  // The new story fails validation after the old one was unlinked: the unlink is undone
  // (Sequelize leaves ann with no story).
  const Instance invalid = m().Stories.build({{"title", nullptr}});
  EXPECT_THROW(ann_->setAssociated("story", invalid), ValidationError);
  EXPECT_EQ(storedAuthor(*first_), ann_->get("id").as<std::string>());
  EXPECT_EQ(countRows(db(), "stories"), 2);
  // Inside a caller's transaction the same happens with a savepoint, and the transaction lives on.
  Transaction t = db().transaction();
  EXPECT_THROW(ann_->setAssociated("story", invalid, {.transaction = &t}), ValidationError);
  bob_->setAssociated("story", *second_, {.transaction = &t});
  t.commit();
  EXPECT_EQ(storedAuthor(*first_), ann_->get("id").as<std::string>());
  EXPECT_EQ(storedAuthor(*second_), bob_->get("id").as<std::string>());
}

TEST_F(AccessorsTest, HasOneCreate) {
  const Instance created = ann_->createAssociated("story", {{"title", "new"}});
  EXPECT_FALSE(created.isNewRecord());
  EXPECT_EQ(created.get("authorId"), ann_->get("id"));
  // (PostgreSQL's RETURNING adds the columns not given, categoryId, after these.)
  const std::vector<std::string> keys = created.keys();
  EXPECT_EQ(std::vector<std::string>(keys.begin(), keys.begin() + 3),
            (std::vector<std::string>{"id", "title", "authorId"}));
  ASSERT_EQ(statements().size(), 1u);
  EXPECT_TRUE(
      statements()[0].starts_with(sql("INSERT INTO `stories` (`id`,`title`,`authorId`) VALUES (")))
      << statements()[0];
  EXPECT_EQ(ann_->getAssociated("story")->get<std::string>("title"), "new");
  // A key given in the values is replaced by the source's.
  const Instance other = bob_->createAssociated("story", {{"authorId", 999}, {"title", "b"}});
  EXPECT_EQ(other.get("authorId"), bob_->get("id"));
}

TEST_F(AccessorsTest, BelongsToGet) {
  EXPECT_FALSE(first_->getAssociated("author"));  // no key: nothing to find, no query
  EXPECT_TRUE(statements().empty());
  first_->setAssociated("author", *ann_);
  clearLog();
  const auto author = first_->getAssociated("author");
  ASSERT_TRUE(author);
  EXPECT_EQ(author->get<std::string>("username"), "ann");
  // The target key is the primary key: a findByPk, no LIMIT.
  EXPECT_EQ(statements(),
            std::vector<std::string>{
                sql("SELECT `id`, `username` FROM `users` AS `Users` WHERE `Users`.`id` = ?;")});
  clearLog();
  EXPECT_FALSE(first_->getAssociated("author", {.where = {{"username", "bob"}}}));
  EXPECT_TRUE(first_->getAssociated(
      "author", {.where = {{"username", "ann"}}, .attributes = {{"username"}}}));
  ASSERT_EQ(statements().size(), 2u);
  EXPECT_EQ(statements()[0],
            sql("SELECT `id`, `username` FROM `users` AS `Users` WHERE (`Users`.`id` = ? AND "
                "`Users`.`username` = ?);"));
}

TEST_F(AccessorsTest, BelongsToSetSavesOnlyTheKey) {
  first_->set("title", "edited, not saved");
  first_->setAssociated("author", *bob_);
  EXPECT_EQ(statements(), std::vector<std::string>{sql(kUnlinkOrLinkStory)});
  EXPECT_EQ(storedAuthor(*first_), bob_->get("id").as<std::string>());
  // The other change is still pending, as in Sequelize.
  EXPECT_EQ(first_->changed(), std::vector<std::string>{"title"});
  clearLog();
  first_->setAssociated("author", ann_->get("id"));
  EXPECT_EQ(storedAuthor(*first_), ann_->get("id").as<std::string>());
  first_->setAssociated("author", nullptr);
  EXPECT_EQ(storedAuthor(*first_), "null");
  EXPECT_EQ(statements(),
            (std::vector<std::string>{sql(kUnlinkOrLinkStory), sql(kUnlinkOrLinkStory)}));
}

TEST_F(AccessorsTest, BelongsToSetWithoutSaving) {
  second_->setAssociated("author", *ann_, {.save = false});
  EXPECT_TRUE(statements().empty());
  EXPECT_EQ(second_->get("authorId"), ann_->get("id"));
  EXPECT_EQ(second_->changed(), std::vector<std::string>{"authorId"});
  EXPECT_TRUE(second_->changed("authorId"));
  EXPECT_EQ(storedAuthor(*second_), "null");
  second_->save();
  EXPECT_EQ(storedAuthor(*second_), ann_->get("id").as<std::string>());
  EXPECT_TRUE(second_->changed().empty());
}

TEST_F(AccessorsTest, BelongsToCreateInsertsTheParentThenUpdatesTheKey) {
  const Instance author = first_->createAssociated("author", {{"username", "cid"}});
  ASSERT_EQ(statements().size(), 2u);
  EXPECT_TRUE(statements()[0].starts_with(sql("INSERT INTO `users` ("))) << statements()[0];
  EXPECT_EQ(statements()[1], sql(kUnlinkOrLinkStory));
  EXPECT_EQ(first_->get("authorId"), author.get("id"));
  EXPECT_EQ(storedAuthor(*first_), author.get("id").as<std::string>());
  EXPECT_EQ(first_->getAssociated("author")->get<std::string>("username"), "cid");
}

TEST_F(AccessorsTest, BelongsToCreateIsAtomic) {
  // The source is a new record missing its title: the parent is inserted, then the source's
  // INSERT fails in the database. Sequelize keeps the parent row; here it goes too.
  Instance unsaved = m().Stories.build({{"title", nullptr}});
  const auto usersBefore = tableContents(db(), "users", "id");
  EXPECT_THROW(unsaved.createAssociated("author", {{"username", "orphan"}}), DatabaseError);
  EXPECT_EQ(tableContents(db(), "users", "id"), usersBefore);
  // The source is as it was.
  EXPECT_TRUE(unsaved.isNewRecord());
  EXPECT_TRUE(unsaved.get("authorId").isUndefined());
}

TEST_F(AccessorsTest, AKeyThatMayNotBeNullIsNotUnlinked) {
  Model& Owners = db().define("Owner", {{"name", DataTypes::STRING}}, {.timestamps = false});
  Model& Pets = db().define("Pet", {{"name", DataTypes::STRING}}, {.timestamps = false});
  Owners.hasOne(
      Pets, {.foreignKey = ForeignKeyOptions{.name = "ownerId", .allowNull = false}, .as = "pet"});
  Pets.belongsTo(Owners, {.foreignKey = "ownerId", .as = "owner"});
  Owners.sync();
  Pets.sync();
  Instance owner = Owners.create({{"name", "o"}, {"pet", {{"name", "p"}}}}, {.include = {"pet"}});
  Instance pet = *owner.getAssociated("pet");
  clearLog();
  expectThrowWithMessage<ValidationError>([&] { owner.setAssociated("pet", nullptr); },
                                          "notNull Violation: Pet.ownerId cannot be null");
  expectThrowWithMessage<ValidationError>([&] { pet.setAssociated("owner", nullptr); },
                                          "notNull Violation: Pet.ownerId cannot be null");
  // Only the hasOne's read was sent; the pet is still the owner's.
  ASSERT_EQ(statements().size(), 1u);
  EXPECT_TRUE(statements()[0].starts_with("SELECT ")) << statements()[0];
  EXPECT_EQ(Pets.findByPk(pet.get("id"))->get("ownerId"), owner.get("id"));
}

TEST_F(AccessorsTest, TransactionsAreUsed) {
  db().transaction([&](Transaction& t) {
    const Instance story =
        ann_->createAssociated("story", {{"title", "in t"}}, {.transaction = &t});
    EXPECT_EQ(ann_->getAssociated("story", {.transaction = &t})->get<std::string>("title"), "in t");
    EXPECT_EQ(story.getAssociated("author", {.transaction = &t})->get<std::string>("username"),
              "ann");
    bob_->setAssociated("story", *first_, {.transaction = &t});
  });
  for (const std::string& line : log()) {
    EXPECT_EQ(line.find("Executing (default)"), std::string::npos) << line;
  }
  EXPECT_EQ(storedAuthor(*first_), bob_->get("id").as<std::string>());
}

TEST_F(AccessorsTest, UnsavedSources) {
  const Instance fresh = m().Users.build({{"username", "new"}});
  // Sequelize would look for stories whose authorId IS NULL and return one of them.
  m().Stories.create({{"title", "nobody's"}});
  clearLog();
  EXPECT_FALSE(fresh.getAssociated("story"));
  EXPECT_TRUE(statements().empty());
  Instance copy = fresh;
  expectThrowWithMessage<Error>(
      [&] {
        copy.createAssociated("story", {{"title", "t"}});
      },
      "createAssociated(\"story\"): this Users instance has no id yet; save it first");
  expectThrowWithMessage<Error>(
      [&] { copy.setAssociated("story", *first_); },
      "setAssociated(\"story\"): this Users instance has no id yet; save it first");
  const Instance unsavedUser = m().Users.build({{"username", "u"}});
  expectThrowWithMessage<Error>(
      [&] { first_->setAssociated("author", unsavedUser); },
      "setAssociated(\"author\"): the Users instance has no id yet; save it "
      "first, or use createAssociated");
  EXPECT_TRUE(statements().empty());
}

}  // namespace
}  // namespace sequelize::test
