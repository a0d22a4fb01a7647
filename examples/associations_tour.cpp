// A tour of one-to-one associations: definitions with Sequelize's defaults, the accessors
// (getAssociated / setAssociated / createAssociated) and every form of `include`, with the SQL
// each step sends.
//
//   associations_tour                      (embedded SQLite in memory)
//   associations_tour postgres://user:password@127.0.0.1:5432/db
#include <iostream>
#include <optional>
#include <string>

#include "sequelize/sequelize.hpp"

using namespace sequelize;

namespace {

void step(const std::string& title) {
  std::cout << "\n== " << title << "\n";
}

std::string show(const std::optional<Instance>& instance) {
  return instance ? instance->toJSON() : std::string("null");
}

}  // namespace

int main(int argc, char** argv) {
  const std::string url = argc > 1 ? argv[1] : "sqlite::memory:";
  Sequelize db(url, {.logging = [](const std::string& sql) { std::cout << "  " << sql << "\n"; }});

  step("Models and associations");
  Model& Users =
      db.define("User", {{"username", {.type = DataTypes::STRING(64), .allowNull = false}}},
                {.timestamps = false});
  Model& Profiles = db.define("Profile", {{"bio", DataTypes::TEXT}}, {.timestamps = false});
  Model& Stories = db.define("Story", {{"title", {.type = DataTypes::STRING, .allowNull = false}}},
                             {.timestamps = false});
  // Sequelize's defaults: alias "Profile" (the target's singular), foreign key "UserId",
  // ON DELETE SET NULL (the key may be null), ON UPDATE CASCADE.
  const Association& profile = Users.hasOne(Profiles);
  Profiles.belongsTo(Users);  // the same key: one foreign key, not two
  // Aliased: "story" / "author" on the key "authorId", which may not be null (so ON DELETE
  // CASCADE for the hasOne).
  Users.hasOne(Stories, {.foreignKey = ForeignKeyOptions{.name = "authorId", .allowNull = false},
                         .as = "story"});
  Stories.belongsTo(Users, {.foreignKey = "authorId", .as = "author"});
  std::cout << "User.hasOne(Profile): as " << profile.as() << ", foreign key "
            << profile.foreignKey() << ", ON DELETE " << profile.onDelete() << ", ON UPDATE "
            << profile.onUpdate() << "\n";
  for (const Association* a : Users.associations()) {
    std::cout << "User association '" << a->as() << "': " << a->associationTypeName() << " "
              << a->target().name() << "\n";
  }
  db.sync({.force = true});

  step("Nested create: a user with a profile and a story, in one atomic write");
  Instance ann = Users.create({{"username", "ann"},
                               {"Profile", {{"bio", "writes about bread"}}},
                               {"story", {{"title", "Sourdough at altitude"}}}},
                              {.include = {"Profile", "story"}});
  std::cout << ann.toJSON() << "\n";
  Instance bob = Users.create({{"username", "bob"}});

  step("hasOne accessors");
  const std::optional<Instance> annsStory = ann.getAssociated("story");
  std::cout << "ann.getAssociated(\"story\") -> " << show(annsStory) << "\n";
  const std::optional<Instance> noStory = bob.getAssociated("story");
  std::cout << "bob.getAssociated(\"story\") -> " << show(noStory) << "\n";
  Instance bobsStory = bob.createAssociated("story", {{"title", "Kvass for beginners"}});
  std::cout << "bob.createAssociated(\"story\", …) -> " << bobsStory.toJSON() << "\n";
  // Only the title, and only if it matches.
  const std::optional<Instance> titleOnly = bob.getAssociated(
      "story", {.where = {{"title", Op::like("Kvass%")}}, .attributes = {{"title"}}});
  std::cout << "with attributes and where -> " << show(titleOnly) << "\n";
  Instance bobsProfile = Profiles.create({{"bio", "ferments things"}});
  bob.setAssociated("Profile", bobsProfile);  // an instance (updated in place) …
  std::cout << "after bob.setAssociated(\"Profile\", profile): " << bobsProfile.toJSON() << "\n";
  bob.setAssociated("Profile", nullptr);  // … or nullptr to unlink (a primary key works too)
  const std::optional<Instance> unlinked = bob.getAssociated("Profile");
  std::cout << "after bob.setAssociated(\"Profile\", nullptr): " << show(unlinked) << "\n";

  step("belongsTo accessors");
  const std::optional<Instance> storyAuthor = bobsStory.getAssociated("author");
  std::cout << "story.getAssociated(\"author\") -> " << show(storyAuthor) << "\n";
  bobsStory.setAssociated("author", ann, {.save = false});  // only the key changes, unsaved
  std::cout << "changed after setAssociated(…, {.save = false}): " << bobsStory.changed().front()
            << "\n";
  bobsStory.save();
  Instance cid = bobsStory.createAssociated("author", {{"username", "cid"}});
  std::cout << "story.createAssociated(\"author\", …) -> " << cid.toJSON() << "; story is now "
            << bobsStory.toJSON() << "\n";

  step("include: an alias");
  const auto withStory = Users.findAll({.include = {"story"}});
  std::cout << toJSON(withStory) << "\n";

  step("include: a model with its alias, and an association object");
  const auto withAuthor = Stories.findAll({.include = {{.model = Users, .as = "author"}}});
  std::cout << toJSON(withAuthor) << "\n";
  const auto withProfile = Users.findAll({.include = {profile}});
  std::cout << toJSON(withProfile) << "\n";

  step("include: all associations, nested");
  const auto everything = Stories.findAll({.include = {{.all = true, .nested = true}}});
  std::cout << toJSON(everything) << "\n";

  step("include: a story's author's profile, with attributes, required");
  const auto stories = Stories.findAll(
      {.include = {{.association = "author",
                    .attributes = {{"username"}},
                    .required = true,
                    .include = {{.association = "Profile", .attributes = {{"bio"}}}}}}});
  for (const Instance& s : stories) {
    const Instance* author = s.included("author");
    const Instance* authorProfile = author->included("Profile");
    std::cout << s.get<std::string>("title") << " by " << author->get<std::string>("username")
              << " ("
              << (authorProfile != nullptr ? authorProfile->get<std::string>("bio")
                                           : std::string("no profile"))
              << ")\n";
  }

  step("include: a where (which makes it required), ordered by the included title, limited");
  const auto latest =
      Users.findAll({.include = {{.association = "story", .where = {{"title", Op::ne("x")}}}},
                     .order = {{"story", "title", "DESC"}},
                     .limit = 1});
  std::cout << toJSON(latest) << "\n";

  step("Mistakes are Sequelize's errors, before any SQL");
  try {
    (void)Users.findAll({.include = {Stories}});
  } catch (const EagerLoadingError& e) {
    std::cout << e.name() << ": " << e.what() << "\n";
  }
  return 0;
}
