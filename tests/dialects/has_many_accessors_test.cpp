// The to-many accessors of hasMany (Sequelize's getStories / countStories / hasStory /
// hasStories / setStories / addStory / addStories / removeStory / removeStories / createStory):
// what each leaves in the database, read back with plain SQL, and the statements it sends, in
// Sequelize's order (values bound); set made atomic where Sequelize runs separate statements.
#include "has_many_fixture.hpp"

namespace sequelize::test {
namespace {

class HasManyAccessorsTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    m_ = std::make_unique<HasManyModels>(defineHasManyModels(db()));
    ann_ = m().Users.create({{"username", "ann"}});
    bob_ = m().Users.create({{"username", "bob"}});
    // s_[0..5]: alpha, gamma, beta (ann's), delta (bob's), epsilon, zeta (nobody's).
    for (const auto& [title, author] :
         std::vector<std::pair<const char*, Value>>{{"alpha", ann_->get("id")},
                                                    {"gamma", ann_->get("id")},
                                                    {"beta", ann_->get("id")},
                                                    {"delta", bob_->get("id")},
                                                    {"epsilon", nullptr},
                                                    {"zeta", nullptr}}) {
      s_.push_back(m().Stories.create({{"title", title}, {"authorId", author}}));
    }
    clearLog();
  }
  HasManyModels& m() { return *m_; }
  std::string sql(std::string_view backticked) { return dialectSql(db(), backticked); }
  // Every story as stored, "title|author's username" ("null": nobody's), in id order.
  std::vector<std::string> authors() {
    return plainRows(db(),
                     "SELECT `s`.`title`, `u`.`username` FROM `stories` AS `s` LEFT JOIN `users` "
                     "AS `u` ON `u`.`id` = `s`.`authorId` ORDER BY `s`.`id`");
  }
  std::string storiesOf(const Instance& user) {
    return plainValue(db(), "SELECT COUNT(*) FROM `stories` WHERE `authorId` = ?",
                      {user.get("id")});
  }

  std::unique_ptr<HasManyModels> m_;
  std::optional<Instance> ann_, bob_;
  std::vector<Instance> s_;
};

constexpr const char* kHasManyUnlink =
    "UPDATE `stories` SET `authorId`=? WHERE `authorId` = ? AND `id` IN (";
constexpr const char* kHasManyLink = "UPDATE `stories` SET `authorId`=? WHERE `id` IN (";

TEST_F(HasManyAccessorsTest, GetAssociations) {
  const std::vector<Instance> stories =
      ann_->getAssociations("stories", {.order = {{"id", "ASC"}}});
  EXPECT_EQ(joined(stories, "title"), "alpha,gamma,beta");
  EXPECT_EQ(statements(), std::vector<std::string>{sql(
                              "SELECT `id`, `title`, `authorId`, `categoryId` FROM `stories` AS "
                              "`Stories` WHERE `Stories`.`authorId` = ? ORDER BY `Stories`.`id` "
                              "ASC;")});
  // What the database holds for her.
  EXPECT_EQ(plainRows(db(), "SELECT `title` FROM `stories` WHERE `authorId` = ? ORDER BY `id`",
                      {ann_->get("id")}),
            (std::vector<std::string>{"alpha", "gamma", "beta"}));
  for (const Instance& s : stories) {
    EXPECT_FALSE(s.isNewRecord());
    EXPECT_EQ(s.get("authorId"), ann_->get("id"));
    EXPECT_TRUE(s.changed().empty());
  }

  // Find options apply: where (ANDed with the key, in parentheses as Sequelize's Op.and),
  // attributes, order, limit.
  clearLog();
  const auto some = ann_->getAssociations("stories", {.where = {{"title", Op::ne("gamma")}},
                                                      .attributes = {{"title"}},
                                                      .order = {{"title", "DESC"}},
                                                      .limit = 1});
  ASSERT_EQ(some.size(), 1u);
  EXPECT_EQ(some[0].toJSON(), R"({"title":"beta"})");
  EXPECT_EQ(statements(),
            std::vector<std::string>{
                sql("SELECT `title` FROM `stories` AS `Stories` WHERE (`Stories`.`authorId` = ? "
                    "AND `Stories`.`title` != ?) ORDER BY `Stories`.`title` DESC LIMIT 1;")});
  EXPECT_EQ(joined(ann_->getAssociations("stories",
                                         {.order = {{"title", "ASC"}}, .limit = 2, .offset = 1}),
                   "title"),
            "beta,gamma");
  // Only her own: bob's and nobody's stories never come back.
  EXPECT_EQ(joined(bob_->getAssociations("stories", {.order = {{"id", "ASC"}}}), "title"), "delta");
  const Instance cid = m().Users.create({{"username", "cid"}});
  EXPECT_TRUE(cid.getAssociations("stories").empty());
}

TEST_F(HasManyAccessorsTest, CountAssociations) {
  EXPECT_EQ(ann_->countAssociations("stories"), 3);
  EXPECT_EQ(statements(), std::vector<std::string>{sql(
                              "SELECT COUNT(`Stories`.`id`) AS `count` FROM `stories` AS `Stories` "
                              "WHERE `Stories`.`authorId` = ?;")});
  clearLog();
  EXPECT_EQ(ann_->countAssociations("stories", {.where = {{"title", Op::ne("gamma")}}}), 2);
  EXPECT_EQ(statements(), std::vector<std::string>{sql(
                              "SELECT COUNT(`Stories`.`id`) AS `count` FROM `stories` AS `Stories` "
                              "WHERE (`Stories`.`authorId` = ? AND `Stories`.`title` != ?);")});
  EXPECT_EQ(bob_->countAssociations("stories"), 1);
  EXPECT_EQ(storiesOf(*ann_), "3");
  EXPECT_EQ(storiesOf(*bob_), "1");
  const Instance cid = m().Users.create({{"username", "cid"}});
  EXPECT_EQ(cid.countAssociations("stories"), 0);
  EXPECT_EQ(cid.countAssociations("stories", {.where = {{"title", "alpha"}}}), 0);
}

TEST_F(HasManyAccessorsTest, HasAssociationsIsTrueOnlyWhenEveryOneIsLinked) {
  std::size_t calls = 0;
  auto has = [&](const std::vector<AssociatedValue>& targets, const FindOptions& options = {}) {
    ++calls;
    return ann_->hasAssociations("stories", targets, options);
  };
  EXPECT_TRUE(ann_->hasAssociation("stories", s_[0]));            // an instance
  EXPECT_TRUE(ann_->hasAssociation("stories", s_[1].get("id")));  // a key
  EXPECT_FALSE(ann_->hasAssociation("stories", s_[3]));           // bob's
  EXPECT_FALSE(ann_->hasAssociation("stories", s_[4]));           // nobody's
  EXPECT_FALSE(ann_->hasAssociation("stories", 999));             // no such row
  calls += 5;
  EXPECT_TRUE(has({s_[0], s_[2].get("id")}));
  EXPECT_TRUE(has({s_[0], s_[1], s_[2]}));
  EXPECT_FALSE(has({s_[0], s_[3]}));  // one of them is bob's
  EXPECT_FALSE(has({s_[4], s_[0]}));  // one of them is nobody's
  EXPECT_FALSE(has({s_[0], 999}));
  EXPECT_TRUE(bob_->hasAssociations("stories", {s_[3]}));
  EXPECT_FALSE(bob_->hasAssociations("stories", {s_[3], s_[0]}));
  calls += 2;
  // Options are find options: the targets must also match the where.
  EXPECT_TRUE(has({s_[0]}, {.where = {{"title", "alpha"}}}));
  EXPECT_FALSE(has({s_[0]}, {.where = {{"title", "gamma"}}}));
  EXPECT_FALSE(has({s_[0], s_[1]}, {.where = {{"title", "alpha"}}}));
  // One read each, nothing written.
  ASSERT_EQ(statements().size(), calls);
  for (const std::string& s : statements()) EXPECT_TRUE(s.starts_with("SELECT ")) << s;
  EXPECT_EQ(storiesOf(*ann_), "3");
}

TEST_F(HasManyAccessorsTest, SetAssociationsUnlinksOnlyTheObsoleteAndLinksOnlyTheNew) {
  // ann: alpha, gamma, beta -> alpha (kept), delta (bob's: taken), epsilon (nobody's).
  ann_->setAssociations("stories", {s_[0], s_[3].get("id"), s_[4]});
  ASSERT_EQ(statements().size(), 3u) << ::testing::PrintToString(statements());
  // Her current stories (Sequelize reads every attribute; the key is what is needed) ...
  EXPECT_TRUE(statements()[0].starts_with("SELECT ")) << statements()[0];
  EXPECT_TRUE(statements()[0].ends_with(
      sql(" FROM `stories` AS `Stories` WHERE `Stories`.`authorId` = ?;")))
      << statements()[0];
  // ... gamma and beta unlinked (only if still hers), delta and epsilon linked.
  EXPECT_EQ(statements()[1], sql(std::string(kHasManyUnlink) + "?, ?)"));
  EXPECT_EQ(statements()[2], sql(std::string(kHasManyLink) + "?, ?)"));
  EXPECT_EQ(authors(), (std::vector<std::string>{"alpha|ann", "gamma|null", "beta|null",
                                                 "delta|ann", "epsilon|ann", "zeta|null"}));

  // The same targets in another order: nothing to change, only the read.
  clearLog();
  ann_->setAssociations("stories", {s_[4], s_[0], s_[3]});
  ASSERT_EQ(statements().size(), 1u);
  EXPECT_TRUE(statements()[0].starts_with("SELECT "));

  // Only additions: no unlink.
  clearLog();
  ann_->setAssociations("stories", {s_[0], s_[3], s_[4], s_[5]});
  ASSERT_EQ(statements().size(), 2u);
  EXPECT_EQ(statements()[1], sql(std::string(kHasManyLink) + "?)"));
  // Only removals: no link.
  clearLog();
  ann_->setAssociations("stories", {s_[0]});
  ASSERT_EQ(statements().size(), 2u);
  EXPECT_EQ(statements()[1], sql(std::string(kHasManyUnlink) + "?, ?, ?)"));
  EXPECT_EQ(authors(), (std::vector<std::string>{"alpha|ann", "gamma|null", "beta|null",
                                                 "delta|null", "epsilon|null", "zeta|null"}));

  // An empty list unlinks every one.
  clearLog();
  ann_->setAssociations("stories", {});
  ASSERT_EQ(statements().size(), 2u);
  EXPECT_EQ(statements()[1], sql(std::string(kHasManyUnlink) + "?)"));
  EXPECT_EQ(storiesOf(*ann_), "0");
  EXPECT_EQ(authors(), (std::vector<std::string>{"alpha|null", "gamma|null", "beta|null",
                                                 "delta|null", "epsilon|null", "zeta|null"}));
  // Bob's link was taken away by ann's set, nobody else was touched.
  EXPECT_EQ(bob_->countAssociations("stories"), 0);
  EXPECT_EQ(countRows(db(), "stories"), 6);
}

TEST_F(HasManyAccessorsTest, SetAssociationsIsAtomic) {
  // Bob's story becomes a second "alpha", and (author, title) unique: linking it to ann fails
  // in the database after gamma and beta were unlinked.
  db().query(sql("UPDATE `stories` SET `title` = 'alpha' WHERE `id` = ?"),
             {.bind = {s_[3].get("id")}, .silent = true});
  db().query(sql("CREATE UNIQUE INDEX `stories_author_title` ON `stories` (`authorId`, `title`)"),
             {.silent = true});
  const std::vector<std::string> before = authors();
  ASSERT_EQ(before, (std::vector<std::string>{"alpha|ann", "gamma|ann", "beta|ann", "alpha|bob",
                                              "epsilon|null", "zeta|null"}));
  clearLog();
  EXPECT_THROW(ann_->setAssociations("stories", {s_[0], s_[3]}), UniqueConstraintError);
  // The unlink ran, then the link failed: the unlink is undone (Sequelize keeps it).
  ASSERT_EQ(statements().size(), 3u) << ::testing::PrintToString(statements());
  EXPECT_EQ(statements()[1], sql(std::string(kHasManyUnlink) + "?, ?)"));
  EXPECT_EQ(authors(), before);

  // Inside a caller's transaction: a savepoint; the transaction lives on with its own work.
  {
    Transaction t = db().transaction();
    ann_->addAssociation("stories", s_[5], {.transaction = &t});
    EXPECT_THROW(ann_->setAssociations("stories", {s_[0], s_[3], s_[5]}, {.transaction = &t}),
                 UniqueConstraintError);
    EXPECT_EQ(ann_->countAssociations("stories", {.transaction = &t}), 4);
    t.commit();
  }
  std::vector<std::string> expected = before;
  expected[5] = "zeta|ann";
  EXPECT_EQ(authors(), expected);

  // A set that succeeds inside a transaction rolled back leaves nothing either.
  {
    Transaction t = db().transaction();
    ann_->setAssociations("stories", {s_[4]}, {.transaction = &t});
    EXPECT_EQ(joined(ann_->getAssociations("stories", {.transaction = &t}), "title"), "epsilon");
    t.rollback();
  }
  EXPECT_EQ(authors(), expected);
}

TEST_F(HasManyAccessorsTest, AddAssociationsIsOneUpdate) {
  ann_->addAssociations("stories", {s_[4], s_[5].get("id")});
  EXPECT_EQ(statements(), std::vector<std::string>{sql(std::string(kHasManyLink) + "?, ?)")});
  EXPECT_EQ(authors(), (std::vector<std::string>{"alpha|ann", "gamma|ann", "beta|ann", "delta|bob",
                                                 "epsilon|ann", "zeta|ann"}));
  // A story of someone else's moves.
  clearLog();
  bob_->addAssociation("stories", s_[0]);
  EXPECT_EQ(statements(), std::vector<std::string>{sql(std::string(kHasManyLink) + "?)")});
  EXPECT_EQ(authors(), (std::vector<std::string>{"alpha|bob", "gamma|ann", "beta|ann", "delta|bob",
                                                 "epsilon|ann", "zeta|ann"}));
  // Adding one already linked changes nothing.
  bob_->addAssociation("stories", s_[3]);
  EXPECT_EQ(storiesOf(*bob_), "2");
}

TEST_F(HasManyAccessorsTest, RemoveAssociationsSetsTheKeyToNull) {
  ann_->removeAssociations("stories", {s_[0], s_[1].get("id")});
  EXPECT_EQ(statements(), std::vector<std::string>{sql(std::string(kHasManyUnlink) + "?, ?)")});
  EXPECT_EQ(authors(), (std::vector<std::string>{"alpha|null", "gamma|null", "beta|ann",
                                                 "delta|bob", "epsilon|null", "zeta|null"}));
  // The rows stay; only the link goes.
  EXPECT_EQ(countRows(db(), "stories"), 6);
  // Bob's story is not ann's to remove.
  clearLog();
  ann_->removeAssociation("stories", s_[3]);
  EXPECT_EQ(statements(), std::vector<std::string>{sql(std::string(kHasManyUnlink) + "?)")});
  EXPECT_EQ(authors()[3], "delta|bob");
  EXPECT_EQ(joined(ann_->getAssociations("stories"), "title"), "beta");
}

TEST_F(HasManyAccessorsTest, AKeyThatMayNotBeNullIsNotUnlinked) {
  Model& Owners = db().define("Owner", {{"name", DataTypes::STRING}},
                              {.tableName = "owners", .timestamps = false});
  Model& Pets =
      db().define("Pet", {{"name", DataTypes::STRING}}, {.tableName = "pets", .timestamps = false});
  Owners.hasMany(
      Pets, {.foreignKey = ForeignKeyOptions{.name = "ownerId", .allowNull = false}, .as = "pets"});
  Owners.sync();
  Pets.sync();
  Instance owner = Owners.create({{"name", "o"}});
  const Instance pet = Pets.create({{"name", "p"}, {"ownerId", owner.get("id")}});
  clearLog();
  // As Sequelize's update with its validation: the null key is refused before any UPDATE.
  expectThrowWithMessage<ValidationError>([&] { owner.removeAssociation("pets", pet); },
                                          "notNull Violation: Pet.ownerId cannot be null");
  EXPECT_TRUE(statements().empty());
  EXPECT_THROW(owner.setAssociations("pets", {}), ValidationError);
  for (const std::string& s : statements()) EXPECT_FALSE(s.starts_with("UPDATE ")) << s;
  EXPECT_EQ(plainRows(db(), "SELECT `name`, `ownerId` FROM `pets`"),
            std::vector<std::string>{"p|" + cellText(owner.get("id"))});
}

TEST_F(HasManyAccessorsTest, CreateAssociatedInsertsALinkedRow) {
  const Instance created = ann_->createAssociated("stories", {{"title", "new"}});
  EXPECT_FALSE(created.isNewRecord());
  EXPECT_EQ(created.get("authorId"), ann_->get("id"));
  ASSERT_EQ(statements().size(), 1u);
  EXPECT_TRUE(
      statements()[0].starts_with(sql("INSERT INTO `stories` (`id`,`title`,`authorId`) VALUES (")))
      << statements()[0];
  const std::string annId = cellText(ann_->get("id"));
  EXPECT_EQ(plainRows(db(), "SELECT `title`, `authorId` FROM `stories` WHERE `id` = ?",
                      {created.get("id")}),
            std::vector<std::string>{"new|" + annId});
  EXPECT_EQ(storiesOf(*ann_), "4");
  // A key given in the values is replaced by the source's.
  const Instance other =
      bob_->createAssociated("stories", {{"authorId", ann_->get("id")}, {"title", "b"}});
  EXPECT_EQ(other.get("authorId"), bob_->get("id"));
  EXPECT_EQ(plainRows(db(), "SELECT `authorId` FROM `stories` WHERE `id` = ?", {other.get("id")}),
            std::vector<std::string>{cellText(bob_->get("id"))});
  // A failing create leaves nothing.
  EXPECT_THROW((void)ann_->createAssociated("stories", {{"title", nullptr}}), ValidationError);
  EXPECT_EQ(countRows(db(), "stories"), 8);
}

TEST_F(HasManyAccessorsTest, AccessorsOfTheOtherCardinalityAreRefusedBeforeAnySql) {
  const auto before = authors();
  clearLog();
  auto expectRefused = [&](const char* what, std::string_view alias, auto&& call) {
    try {
      call();
      ADD_FAILURE() << what << ": expected sequelize::Error";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(alias), std::string::npos) << what << ": " << e.what();
    }
  };
  Instance story = s_[0];
  Instance profile = m().Profiles.create({{"bio", "b"}, {"userId", ann_->get("id")}});
  clearLog();
  // One-to-one accessors on the to-many alias.
  expectRefused("getAssociated", "stories", [&] { (void)ann_->getAssociated("stories"); });
  expectRefused("setAssociated", "stories", [&] { ann_->setAssociated("stories", s_[4]); });
  expectRefused("setAssociated(nullptr)", "stories",
                [&] { ann_->setAssociated("stories", nullptr); });
  // To-many accessors on a hasOne alias ...
  expectRefused("getAssociations", "profile", [&] { (void)ann_->getAssociations("profile"); });
  expectRefused("countAssociations", "profile", [&] { (void)ann_->countAssociations("profile"); });
  expectRefused("hasAssociation", "profile",
                [&] { (void)ann_->hasAssociation("profile", profile); });
  expectRefused("hasAssociations", "profile",
                [&] { (void)ann_->hasAssociations("profile", {profile}); });
  expectRefused("setAssociations", "profile", [&] { ann_->setAssociations("profile", {profile}); });
  expectRefused("addAssociation", "profile", [&] { ann_->addAssociation("profile", profile); });
  expectRefused("addAssociations", "profile", [&] { ann_->addAssociations("profile", {profile}); });
  expectRefused("removeAssociation", "profile",
                [&] { ann_->removeAssociation("profile", profile); });
  expectRefused("removeAssociations", "profile",
                [&] { ann_->removeAssociations("profile", {profile}); });
  // ... and on a belongsTo alias.
  expectRefused("getAssociations(author)", "author",
                [&] { (void)story.getAssociations("author"); });
  expectRefused("setAssociations(author)", "author",
                [&] { story.setAssociations("author", {*bob_}); });
  EXPECT_TRUE(statements().empty()) << ::testing::PrintToString(statements());
  EXPECT_EQ(authors(), before);
  EXPECT_EQ(plainRows(db(), "SELECT `bio`, `userId` FROM `profiles`"),
            std::vector<std::string>{"b|" + cellText(ann_->get("id"))});
}

TEST_F(HasManyAccessorsTest, UnsavedSourcesAndTargets) {
  const auto before = authors();
  clearLog();
  Instance fresh = m().Users.build({{"username", "new"}});
  // Nothing can be linked to a row that does not exist: nothing found, without a query
  // (Sequelize would look for the stories whose authorId IS NULL, and find nobody's).
  EXPECT_TRUE(fresh.getAssociations("stories").empty());
  EXPECT_EQ(fresh.countAssociations("stories"), 0);
  EXPECT_TRUE(statements().empty());
  expectThrowWithMessage<Error>(
      [&] { fresh.setAssociations("stories", {s_[4]}); },
      "setAssociations(\"stories\"): this Users instance has no id yet; save it first");
  expectThrowWithMessage<Error>(
      [&] { fresh.addAssociations("stories", {s_[4]}); },
      "addAssociations(\"stories\"): this Users instance has no id yet; save it first");
  expectThrowWithMessage<Error>(
      [&] { fresh.removeAssociations("stories", {s_[4]}); },
      "removeAssociations(\"stories\"): this Users instance has no id yet; save it first");
  expectThrowWithMessage<Error>(
      [&] {
        (void)fresh.createAssociated("stories", {{"title", "t"}});
      },
      "createAssociated(\"stories\"): this Users instance has no id yet; save it first");
  // A target without a key cannot be linked either.
  const Instance draft = m().Stories.build({{"title", "draft"}});
  EXPECT_THROW(ann_->addAssociation("stories", draft), Error);
  EXPECT_THROW(ann_->setAssociations("stories", {s_[0], draft}), Error);
  EXPECT_THROW(ann_->addAssociation("stories", nullptr), Error);
  // Nor an instance of another model.
  const Instance profile = m().Profiles.build({{"bio", "x"}});
  expectThrowWithMessage<TypeError>(
      [&] { ann_->addAssociation("stories", profile); },
      "The association \"stories\" of Users links to Stories instances, not to Profile");
  EXPECT_THROW(ann_->setAssociations("stories", {profile}), TypeError);
  EXPECT_TRUE(statements().empty()) << ::testing::PrintToString(statements());
  EXPECT_EQ(authors(), before);
  EXPECT_EQ(countRows(db(), "users"), 2);
}

TEST_F(HasManyAccessorsTest, TransactionsAreUsed) {
  db().transaction([&](Transaction& t) {
    EXPECT_EQ(ann_->getAssociations("stories", {.transaction = &t}).size(), 3u);
    EXPECT_EQ(ann_->countAssociations("stories", {.transaction = &t}), 3);
    EXPECT_TRUE(ann_->hasAssociation("stories", s_[0], {.transaction = &t}));
    ann_->setAssociations("stories", {s_[0], s_[4]}, {.transaction = &t});
    ann_->addAssociation("stories", s_[5], {.transaction = &t});
    ann_->removeAssociation("stories", s_[0], {.transaction = &t});
    (void)ann_->createAssociated("stories", {{"title", "in t"}}, {.transaction = &t});
  });
  for (const std::string& line : log()) {
    EXPECT_EQ(line.find("Executing (default)"), std::string::npos) << line;
  }
  EXPECT_EQ(authors(),
            (std::vector<std::string>{"alpha|null", "gamma|null", "beta|null", "delta|bob",
                                      "epsilon|ann", "zeta|ann", "in t|ann"}));
}

}  // namespace
}  // namespace sequelize::test
