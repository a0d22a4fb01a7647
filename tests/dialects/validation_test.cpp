// Validators: built-in checks with Sequelize's messages, custom checks per attribute and per
// model, every failure of a save in one ValidationError, and nothing sent when one fails.
// The expected messages and their order are what Sequelize 6 reports for the same models.
#include "query_fixture.hpp"

namespace sequelize::test {
namespace {

std::vector<std::string> messages(const ValidationError& e) {
  std::vector<std::string> out;
  for (const ValidationErrorItem& item : e.errors()) out.push_back(item.message);
  return out;
}

class ValidationTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    things_ = &db().define(
        "Thing",
        {
            {"name",
             {.type = DataTypes::STRING,
              .allowNull = false,
              .validate = {.notEmpty = true, .len = Length{2, 5}}}},
            {"email", {.type = DataTypes::STRING, .validate = {.isEmail = true}}},
            {"site", {.type = DataTypes::STRING, .validate = {.isUrl = true}}},
            {"n", {.type = DataTypes::INTEGER, .validate = {.isInt = true, .min = 1, .max = 10}}},
            {"f", {.type = DataTypes::STRING, .validate = {.isFloat = true}}},
            {"color", {.type = DataTypes::STRING, .validate = {.isIn = {"red", "green"}}}},
            {"bad", {.type = DataTypes::STRING, .validate = {.notIn = {"x", "y"}}}},
            {"code", {.type = DataTypes::STRING, .validate = {.is = Pattern{"^[a-z]+$", "i"}}}},
            {"u", {.type = DataTypes::STRING, .validate = {.isUUID = 4}}},
            {"ua", {.type = DataTypes::STRING, .validate = {.isUUID = 0}}},
            {"d", {.type = DataTypes::STRING, .validate = {.isDate = true}}},
            {"even",
             {.type = DataTypes::INTEGER,
              .validate = {.custom = {{"isEven",
                                       [](const Value& v) {
                                         // Custom checks also see nulls (allowNull permitting), as
                                         // in Sequelize.
                                         if (!v.isNull() && v.as<std::int64_t>() % 2 != 0) {
                                           throw std::runtime_error("Only even values");
                                         }
                                       }}}}}},
            {"msg",
             {.type = DataTypes::STRING,
              .validate = {.notEmpty = true,
                           .len = Length{3, 4},
                           .messages = {{"notEmpty", "msg required"}, {"len", "bad len"}}}}},
            {"nn",
             {.type = DataTypes::STRING,
              .allowNull = false,
              .validate = {.messages = {{"notNull", "nn please"}}}}},
        });
    db().sync({.force = true});
    clearLog();
  }
  Model& Things() { return *things_; }
  Model* things_ = nullptr;
};

TEST_F(ValidationTest, EveryFailureInOneErrorWithSequelizesMessagesAndOrder) {
  try {
    Things().create({{"name", ""},
                     {"email", "nope"},
                     {"site", "not a url"},
                     {"n", 11},
                     {"f", "abc"},
                     {"color", "blue"},
                     {"bad", "x"},
                     {"code", "12"},
                     {"u", "123"},
                     {"ua", "zz"},
                     {"d", "notadate"},
                     {"even", 3},
                     {"msg", ""},
                     {"nn", nullptr}});
    FAIL() << "expected ValidationError";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.name(), "SequelizeValidationError");
    EXPECT_EQ(messages(e),
              (std::vector<std::string>{
                  "Only even values", "nn please", "Validation notEmpty on name failed",
                  "Validation len on name failed", "Validation isEmail on email failed",
                  "Validation isUrl on site failed", "Validation max on n failed",
                  "Validation isFloat on f failed", "Validation isIn on color failed",
                  "Validation notIn on bad failed", "Validation is on code failed",
                  "Validation isUUID on u failed", "Validation isUUID on ua failed",
                  "Validation isDate on d failed", "msg required", "bad len"}));
    EXPECT_TRUE(std::string(e.what()).starts_with(
        "Validation error: Only even values,\nnotNull Violation: nn please,\nValidation error: "
        "Validation notEmpty on name failed,\n"))
        << e.what();
    const ValidationErrorItem& even = e.errors()[0];
    EXPECT_EQ(even.type, "Validation error");
    EXPECT_EQ(even.path, "even");
    EXPECT_EQ(even.origin, "FUNCTION");
    EXPECT_EQ(even.validatorKey, "isEven");
    EXPECT_EQ(even.validatorName, "");
    const ValidationErrorItem& len = e.errors()[3];
    EXPECT_EQ(len.validatorKey, "len");
    EXPECT_EQ(len.validatorName, "len");
    ASSERT_EQ(len.validatorArgs.size(), 2u);
    EXPECT_EQ(len.validatorArgs[0].as<int>(), 2);
    EXPECT_EQ(len.validatorArgs[1].as<int>(), 5);
    EXPECT_EQ(e.errors()[6].validatorArgs.at(0).as<int>(), 10);
    EXPECT_EQ(e.errors()[12].validatorArgs.at(0).as<std::string>(), "all");
    EXPECT_EQ(e.get("name").size(), 2u);
  }
  EXPECT_TRUE(statements().empty());
  EXPECT_EQ(countRows(db(), "Things"), 0);
}

TEST_F(ValidationTest, ValidValuesPassAndNullsSkipTheBuiltInChecks) {
  Things().create({{"name", "abc"},
                   {"n", 5},
                   {"nn", "x"},
                   {"u", "A987FBC9-4BED-4078-8F07-9141BA07C9F3"},
                   {"f", "1"},
                   {"d", "2020-01-01"},
                   {"site", "http://example.com/x"},
                   {"email", "a@b.co"},
                   {"even", 4},
                   {"color", "red"},
                   {"code", "AbC"}});
  EXPECT_EQ(countRows(db(), "Things"), 1);
  try {
    Things().create({{"name", "abcdef"}, {"n", 0}, {"nn", "x"}});
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(messages(e), (std::vector<std::string>{"Validation len on name failed",
                                                     "Validation min on n failed"}));
  }
  try {
    Things().create({{"name", "abc"}, {"n", 5.5}, {"nn", "x"}});
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(messages(e), std::vector<std::string>{"Validation isInt on n failed"});
  }
  EXPECT_EQ(countRows(db(), "Things"), 1);
}

TEST_F(ValidationTest, ModelValidatorsComeBetweenCustomAndBuiltInChecks) {
  Model& T = db().define(
      "Pair",
      {
          {"a", {.type = DataTypes::STRING, .validate = {.len = Length{2, 3}}}},
          {"b", {.type = DataTypes::INTEGER, .allowNull = false}},
          {"c",
           {.type = DataTypes::INTEGER,
            .validate = {.max = 3,
                         .custom = {{"isOdd",
                                     [](const Value& v) {
                                       if (!v.isNull() && v.as<std::int64_t>() % 2 == 0) {
                                         throw std::runtime_error("odd please");
                                       }
                                     }}}}}},
          {"e", {.type = DataTypes::STRING, .validate = {.isEmail = true}}},
      },
      {.validate = {{"aAndC", [](const Instance& i) {
                       if (i.get("a") == Value("zz") && i.get("c") == Value(4))
                         throw std::runtime_error("a and c clash");
                     }}}});
  T.sync();
  clearLog();
  try {
    T.create({{"a", "zz"}, {"c", 4}, {"e", ""}});
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(messages(e), (std::vector<std::string>{"Pair.b cannot be null", "odd please",
                                                     "a and c clash", "Validation max on c failed",
                                                     "Validation isEmail on e failed"}));
    EXPECT_EQ(e.errors()[2].path, "aAndC");
    EXPECT_EQ(e.errors()[2].validatorKey, "aAndC");
    EXPECT_TRUE(e.errors()[2].value.isNull());
  }
  // Static update validates only the values it writes.
  Instance ok = T.create({{"a", "ok"}, {"b", 1}, {"c", 1}});
  try {
    T.update({{"a", "x"}, {"c", 8}}, {.where = {{"id", ok.get("id")}}});
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(messages(e), (std::vector<std::string>{"odd please", "Validation len on a failed",
                                                     "Validation max on c failed"}));
  }
  EXPECT_EQ(T.findByPk(ok.get("id"))->get<int>("c"), 1);
  try {
    T.update({{"b", nullptr}}, {.where = {{"id", ok.get("id")}}});
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(messages(e), std::vector<std::string>{"Pair.b cannot be null"});
  }
}

TEST_F(ValidationTest, SaveValidatesOnlyTheFieldsItWrites) {
  Instance t = Things().create({{"name", "abc"}, {"nn", "x"}});
  t.set("n", 50);
  t.set("name", "ab");
  clearLog();
  t.save({.fields = {"name"}});
  EXPECT_EQ(statements().size(), 1u);
  const std::string table = Things().tableName();
  const std::vector<std::string> saved = tableContents(db(), table, "id");
  clearLog();
  EXPECT_THROW(t.save(), ValidationError);
  EXPECT_TRUE(statements().empty());
  EXPECT_EQ(tableContents(db(), table, "id"), saved);
  EXPECT_THROW(t.validate(), ValidationError);
  // validate: false sends it anyway.
  t.save({.validate = false});
  EXPECT_EQ(Things().findByPk(t.get("id"))->get<int>("n"), 50);
}

// Patterns run on user input: a long value gets the right answer, so does a pattern that would
// backtrack exponentially, and one that cannot be answered within the limits (back references)
// is a ValidationError naming the attribute, never a crash or a hang. Nothing is stored when
// one fails.
TEST_F(ValidationTest, PatternsOnHostileValuesAnswerOrFailAsValidationErrors) {
  Model& Words = db().define(
      "Word",
      {{"ab", {.type = DataTypes::TEXT, .validate = {.is = Pattern{"^(a|b)*$"}}}},
       {"nested", {.type = DataTypes::TEXT, .validate = {.is = Pattern{"^(a+)+$"}}}},
       {"twice", {.type = DataTypes::TEXT, .validate = {.is = Pattern{"^(a|aa)+\\1$"}}}},
       {"banned", {.type = DataTypes::TEXT, .validate = {.not_ = Pattern{"^(a|aa)+\\1$"}}}}});
  Words.sync({.force = true});
  const std::string table = Words.tableName();

  std::string alternating;
  for (int i = 0; i < 10'000; ++i) alternating += "ab";
  Words.create({{"ab", alternating}});
  const auto stored =
      db().query("SELECT " + quoted(db(), "ab") + " AS v FROM " + quoted(db(), table)).rows;
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored.at(0).at(0).value.as<std::string>(), alternating);
  db().query("DELETE FROM " + quoted(db(), table));

  auto failure = [&](const Values& values) -> std::vector<std::string> {
    clearLog();
    try {
      Words.create(values);
    } catch (const ValidationError& e) {
      EXPECT_TRUE(statements().empty());
      EXPECT_EQ(countRows(db(), table), 0);
      return messages(e);
    }
    ADD_FAILURE() << "expected a ValidationError";
    return {};
  };
  EXPECT_EQ(failure({{"ab", alternating + "c"}}),
            std::vector<std::string>{"Validation is on ab failed"});
  const std::string tooCostly = " failed: matching its pattern against this value was too costly";
  EXPECT_EQ(failure({{"nested", std::string(64, 'a') + "b"}}),
            std::vector<std::string>{"Validation is on nested failed"});
  EXPECT_EQ(failure({{"twice", std::string(64, 'a') + "b"}}),
            std::vector<std::string>{"Validation is on twice" + tooCostly});
  // `not` cannot say the value does not match either: it fails too.
  EXPECT_EQ(failure({{"banned", std::string(64, 'a') + "b"}}),
            std::vector<std::string>{"Validation not on banned" + tooCostly});
}

TEST_F(ValidationTest, BadDefinitionsAreErrorsWhenDefining) {
  EXPECT_THROW(
      db().define("B1",
                  {{"x", {.type = DataTypes::STRING, .validate = {.is = Pattern{"(unclosed"}}}}}),
      Error);
  EXPECT_THROW(
      db().define(
          "B2",
          {{"x", {.type = DataTypes::STRING, .validate = {.messages = {{"isEmial", "typo"}}}}}}),
      Error);
  EXPECT_THROW(
      db().define("B3", {{"x", {.type = DataTypes::STRING, .validate = {.len = Length{5, 2}}}}}),
      Error);
  EXPECT_THROW(db().define("B4", {{"x", {.type = DataTypes::STRING, .validate = {.isUUID = 9}}}}),
               Error);
}

}  // namespace
}  // namespace sequelize::test
