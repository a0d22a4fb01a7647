// Table names and default aliases come from Sequelize's inflection rules; these pairs are what
// Sequelize v6 itself produces, quirks included.
#include <gtest/gtest.h>

#include "support/inflection.hpp"

namespace sequelize::detail {
namespace {

struct Case {
  const char* word;
  const char* plural;
  const char* singular;
};

TEST(InflectionTest, MatchesSequelize) {
  const Case cases[] = {
      {"Leaf", "Leafs", "Leaf"},
      {"Person", "People", "Person"},
      {"Story", "Stories", "Story"},
      {"Stories", "Stories", "Story"},
      {"Users", "Users", "User"},
      {"Knife", "Knives", "Knife"},
      {"Wolf", "Wolves", "Wolf"},
      {"Category", "Categories", "Category"},
      {"Bus", "Buses", "Bus"},
      {"Child", "Children", "Child"},
      {"Octopus", "Octopuses", "Octopus"},
      {"Status", "Statuses", "Status"},
      {"Quiz", "Quizzes", "Quiz"},
      {"Datum", "Data", "Datum"},
      {"Index", "Indices", "Index"},
      {"Matrix", "Matrices", "Matrix"},
      {"Mouse", "Mice", "Mouse"},
      {"Ox", "Oxen", "Ox"},
      {"Sheep", "Sheep", "Sheep"},
      {"Movie", "Movies", "Movie"},
      {"Thing", "Things", "Thing"},
      {"Analysis", "Analyses", "Analysis"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(pluralize(c.word), c.plural) << c.word;
    EXPECT_EQ(singularize(c.word), c.singular) << c.word;
  }
  // Sequelize's own oddities, kept so that names agree with it.
  EXPECT_EQ(singularize("Analyses"), "AnalyAsis");
  EXPECT_EQ(singularize("Shoes"), "Sho");
  EXPECT_EQ(singularize("Axes"), "Ax");
}

TEST(InflectionTest, CamelizeAndUnderscore) {
  EXPECT_EQ(camelize("User_user_id"), "UserUserId");
  EXPECT_EQ(camelize("story_id"), "storyId");
  EXPECT_EQ(camelize("author_id"), "authorId");
  EXPECT_EQ(underscore("createdAt"), "created_at");
  EXPECT_EQ(underscore("UserId"), "user_id");
  EXPECT_EQ(underscore("BlogPosts"), "blog_posts");
  EXPECT_EQ(upperFirst("story"), "Story");
}

}  // namespace
}  // namespace sequelize::detail
