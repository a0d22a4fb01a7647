#include "support/inflection.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>
#include <vector>

namespace sequelize::detail {
namespace {

// Words with no separate plural form.
constexpr std::string_view kUncountable[] = {"accommodation",
                                             "adulthood",
                                             "advertising",
                                             "advice",
                                             "aggression",
                                             "aid",
                                             "air",
                                             "aircraft",
                                             "alcohol",
                                             "anger",
                                             "applause",
                                             "arithmetic",
                                             "assistance",
                                             "athletics",
                                             "bacon",
                                             "baggage",
                                             "beef",
                                             "biology",
                                             "blood",
                                             "botany",
                                             "bread",
                                             "butter",
                                             "carbon",
                                             "cardboard",
                                             "cash",
                                             "chalk",
                                             "chaos",
                                             "chess",
                                             "crossroads",
                                             "countryside",
                                             "dancing",
                                             "deer",
                                             "dignity",
                                             "dirt",
                                             "dust",
                                             "economics",
                                             "education",
                                             "electricity",
                                             "engineering",
                                             "enjoyment",
                                             "envy",
                                             "equipment",
                                             "ethics",
                                             "evidence",
                                             "evolution",
                                             "fame",
                                             "fiction",
                                             "flour",
                                             "flu",
                                             "food",
                                             "fuel",
                                             "fun",
                                             "furniture",
                                             "gallows",
                                             "garbage",
                                             "garlic",
                                             "genetics",
                                             "gold",
                                             "golf",
                                             "gossip",
                                             "gratitude",
                                             "grief",
                                             "guilt",
                                             "gymnastics",
                                             "happiness",
                                             "hardware",
                                             "harm",
                                             "hate",
                                             "hatred",
                                             "health",
                                             "heat",
                                             "help",
                                             "homework",
                                             "honesty",
                                             "honey",
                                             "hospitality",
                                             "housework",
                                             "humour",
                                             "hunger",
                                             "hydrogen",
                                             "ice",
                                             "importance",
                                             "inflation",
                                             "information",
                                             "innocence",
                                             "iron",
                                             "irony",
                                             "jam",
                                             "jewelry",
                                             "judo",
                                             "karate",
                                             "knowledge",
                                             "lack",
                                             "laughter",
                                             "lava",
                                             "leather",
                                             "leisure",
                                             "lightning",
                                             "linguine",
                                             "linguini",
                                             "linguistics",
                                             "literature",
                                             "litter",
                                             "livestock",
                                             "logic",
                                             "loneliness",
                                             "luck",
                                             "luggage",
                                             "macaroni",
                                             "machinery",
                                             "magic",
                                             "management",
                                             "mankind",
                                             "marble",
                                             "mathematics",
                                             "mayonnaise",
                                             "measles",
                                             "methane",
                                             "milk",
                                             "minus",
                                             "money",
                                             "mud",
                                             "music",
                                             "mumps",
                                             "nature",
                                             "news",
                                             "nitrogen",
                                             "nonsense",
                                             "nurture",
                                             "nutrition",
                                             "obedience",
                                             "obesity",
                                             "oxygen",
                                             "pasta",
                                             "patience",
                                             "physics",
                                             "poetry",
                                             "pollution",
                                             "poverty",
                                             "pride",
                                             "psychology",
                                             "publicity",
                                             "punctuation",
                                             "quartz",
                                             "racism",
                                             "relaxation",
                                             "reliability",
                                             "research",
                                             "respect",
                                             "revenge",
                                             "rice",
                                             "rubbish",
                                             "rum",
                                             "safety",
                                             "scenery",
                                             "seafood",
                                             "seaside",
                                             "series",
                                             "shame",
                                             "sheep",
                                             "shopping",
                                             "sleep",
                                             "smoke",
                                             "smoking",
                                             "snow",
                                             "soap",
                                             "software",
                                             "soil",
                                             "spaghetti",
                                             "species",
                                             "steam",
                                             "stuff",
                                             "stupidity",
                                             "sunshine",
                                             "symmetry",
                                             "tennis",
                                             "thirst",
                                             "thunder",
                                             "timber",
                                             "traffic",
                                             "transportation",
                                             "trust",
                                             "underwear",
                                             "unemployment",
                                             "unity",
                                             "validity",
                                             "veal",
                                             "vegetation",
                                             "vegetarianism",
                                             "vengeance",
                                             "violence",
                                             "vitality",
                                             "warmth",
                                             "wealth",
                                             "weather",
                                             "welfare",
                                             "wheat",
                                             "wildlife",
                                             "wisdom",
                                             "yoga",
                                             "zinc",
                                             "zoology"};

// A rule: words matching `pattern` become `replacement`; no replacement means "already in the
// wanted form, leave it".
struct Rule {
  std::regex pattern;
  const char* replacement;
};

Rule rule(const char* pattern, const char* replacement = nullptr) {
  return Rule{std::regex(pattern, std::regex::ECMAScript | std::regex::icase), replacement};
}

// Plural forms (recognised as already plural).
constexpr const char* kMen = "^(m|wom)en$";
constexpr const char* kPeople = "(pe)ople$";
constexpr const char* kChildren = "(child)ren$";
constexpr const char* kTia = "([ti])a$";
constexpr const char* kAnalyses = "((a)naly|(b)a|(d)iagno|(p)arenthe|(p)rogno|(s)ynop|(t)he)ses$";
constexpr const char* kDatabases = "(database)s$";
constexpr const char* kDrives = "(drive)s$";
constexpr const char* kHives = "(hi|ti)ves$";
constexpr const char* kCurves = "(curve)s$";
constexpr const char* kLrves = "([lr])ves$";
constexpr const char* kAves = "([a])ves$";
constexpr const char* kFoves = "([^fo])ves$";
constexpr const char* kMovies = "(m)ovies$";
constexpr const char* kAeiouyies = "([^aeiouy]|qu)ies$";
constexpr const char* kSeries = "(s)eries$";
constexpr const char* kXes = "(x|ch|ss|sh)es$";
constexpr const char* kMice = "([m|l])ice$";
constexpr const char* kBuses = "(bus)es$";
constexpr const char* kOes = "(o)es$";
constexpr const char* kShoes = "(shoe)s$";
constexpr const char* kCrises = "(cris|ax|test)es$";
constexpr const char* kOctopuses = "(octop|vir)uses$";
constexpr const char* kAliases = "(alias|canvas|status|campus)es$";
constexpr const char* kSummonses = "^(summons|bonus)es$";
constexpr const char* kOxen = "^(ox)en";
constexpr const char* kMatrices = "(matr)ices$";
constexpr const char* kVertices = "(vert|ind)ices$";
constexpr const char* kFeet = "^feet$";
constexpr const char* kTeeth = "^teeth$";
constexpr const char* kGeese = "^geese$";
constexpr const char* kQuizzes = "(quiz)zes$";
constexpr const char* kWhereases = "^(whereas)es$";
constexpr const char* kCriteria = "^(criteri)a$";
constexpr const char* kGenera = "^genera$";
constexpr const char* kSs = "ss$";
constexpr const char* kS = "s$";

// Singular forms.
constexpr const char* kMan = "^(m|wom)an$";
constexpr const char* kPerson = "(pe)rson$";
constexpr const char* kChild = "(child)$";
constexpr const char* kDrive = "(drive)$";
constexpr const char* kOx = "^(ox)$";
constexpr const char* kAxis = "(ax|test)is$";
constexpr const char* kOctopus = "(octop|vir)us$";
constexpr const char* kAlias = "(alias|status|canvas|campus)$";
constexpr const char* kSummons = "^(summons|bonus)$";
constexpr const char* kBus = "(bu)s$";
constexpr const char* kBuffalo = "(buffal|tomat|potat)o$";
constexpr const char* kTium = "([ti])um$";
constexpr const char* kSis = "sis$";
constexpr const char* kFfe = "(?:([^f])fe|([lr])f)$";
constexpr const char* kHive = "(hi|ti)ve$";
constexpr const char* kAeiouyy = "([^aeiouy]|qu)y$";
constexpr const char* kX = "(x|ch|ss|sh)$";
constexpr const char* kMatrix = "(matr)ix$";
constexpr const char* kVertex = "(vert|ind)ex$";
constexpr const char* kMouse = "([m|l])ouse$";
constexpr const char* kFoot = "^foot$";
constexpr const char* kTooth = "^tooth$";
constexpr const char* kGoose = "^goose$";
constexpr const char* kQuiz = "(quiz)$";
constexpr const char* kWhereas = "^(whereas)$";
constexpr const char* kCriterion = "^(criteri)on$";
constexpr const char* kGenus = "^genus$";
constexpr const char* kSingularS = "s$";
constexpr const char* kCommon = "$";

const std::vector<Rule>& pluralRules() {
  static const std::vector<Rule> rules = [] {
    std::vector<Rule> r;
    for (const char* p :
         {kMen,      kPeople, kChildren, kTia,       kAnalyses,  kDatabases, kDrives,    kHives,
          kCurves,   kLrves,  kFoves,    kAeiouyies, kSeries,    kMovies,    kXes,       kMice,
          kBuses,    kOes,    kShoes,    kCrises,    kOctopuses, kAliases,   kSummonses, kOxen,
          kMatrices, kFeet,   kTeeth,    kGeese,     kQuizzes,   kWhereases, kCriteria,  kGenera}) {
      r.push_back(rule(p));
    }
    const std::pair<const char*, const char*> changes[] = {
        {kMan, "$1en"},      {kPerson, "$1ople"}, {kChild, "$1ren"},    {kDrive, "$1s"},
        {kOx, "$1en"},       {kAxis, "$1es"},     {kOctopus, "$1uses"}, {kAlias, "$1es"},
        {kSummons, "$1es"},  {kBus, "$1ses"},     {kBuffalo, "$1oes"},  {kTium, "$1a"},
        {kSis, "ses"},       {kFfe, "$1$2ves"},   {kHive, "$1ves"},     {kAeiouyy, "$1ies"},
        {kMatrix, "$1ices"}, {kVertex, "$1ices"}, {kX, "$1es"},         {kMouse, "$1ice"},
        {kFoot, "feet"},     {kTooth, "teeth"},   {kGoose, "geese"},    {kQuiz, "$1zes"},
        {kWhereas, "$1es"},  {kCriterion, "$1a"}, {kGenus, "genera"},   {kSingularS, "s"},
        {kCommon, "s"}};
    for (const auto& [p, rep] : changes) r.push_back(rule(p, rep));
    return r;
  }();
  return rules;
}

const std::vector<Rule>& singularRules() {
  static const std::vector<Rule> rules = [] {
    std::vector<Rule> r;
    for (const char* p :
         {kMan,   kPerson,  kChild, kDrive, kOx,   kAxis,    kOctopus,   kAlias, kSummons,
          kBus,   kBuffalo, kTium,  kSis,   kFfe,  kHive,    kAeiouyy,   kX,     kMatrix,
          kMouse, kFoot,    kTooth, kGoose, kQuiz, kWhereas, kCriterion, kGenus}) {
      r.push_back(rule(p));
    }
    const std::pair<const char*, const char*> changes[] = {
        {kMen, "$1an"},         {kPeople, "$1rson"}, {kChildren, "$1"},   {kDatabases, "$1"},
        {kDrives, "$1"},        {kGenera, "genus"},  {kCriteria, "$1on"}, {kTia, "$1um"},
        {kAnalyses, "$1$2sis"}, {kHives, "$1ve"},    {kCurves, "$1"},     {kLrves, "$1f"},
        {kAves, "$1ve"},        {kFoves, "$1fe"},    {kMovies, "$1ovie"}, {kAeiouyies, "$1y"},
        {kSeries, "$1eries"},   {kXes, "$1"},        {kMice, "$1ouse"},   {kBuses, "$1"},
        {kOes, "$1"},           {kShoes, "$1"},      {kCrises, "$1is"},   {kOctopuses, "$1us"},
        {kAliases, "$1"},       {kSummonses, "$1"},  {kOxen, "$1"},       {kMatrices, "$1ix"},
        {kVertices, "$1ex"},    {kFeet, "foot"},     {kTeeth, "tooth"},   {kGeese, "goose"},
        {kQuizzes, "$1"},       {kWhereases, "$1"},  {kSs, "ss"},         {kS, ""}};
    for (const auto& [p, rep] : changes) r.push_back(rule(p, rep));
    return r;
  }();
  return rules;
}

std::string applyRules(std::string_view word, const std::vector<Rule>& rules) {
  std::string lower(word);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (std::find(std::begin(kUncountable), std::end(kUncountable), lower) !=
      std::end(kUncountable)) {
    return std::string(word);
  }
  std::string text(word);
  for (const Rule& r : rules) {
    if (std::regex_search(text, r.pattern)) {
      if (r.replacement == nullptr) return text;
      return std::regex_replace(text, r.pattern, r.replacement);
    }
  }
  return text;
}

}  // namespace

std::string pluralize(std::string_view word) {
  return applyRules(word, pluralRules());
}
std::string singularize(std::string_view word) {
  return applyRules(word, singularRules());
}

std::string camelize(std::string_view text) {
  // trim
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '-' || c == '_' || std::isspace(static_cast<unsigned char>(c))) {
      while (i < text.size() && (text[i] == '-' || text[i] == '_' ||
                                 std::isspace(static_cast<unsigned char>(text[i])))) {
        ++i;
      }
      if (i < text.size()) {
        out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(text[i]))));
        ++i;
      }
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

std::string underscore(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 4);
  for (const char c : text) {
    if (c >= 'A' && c <= 'Z') out.push_back('_');
    out.push_back(c);
  }
  if (!out.empty() && out.front() == '_') out.erase(0, 1);
  // "::" separates namespaces in inflection and becomes "/"
  std::string result;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == ':' && i + 1 < out.size() && out[i + 1] == ':') {
      result.push_back('/');
      ++i;
      if (i + 1 < out.size() && out[i + 1] == '_') ++i;
      continue;
    }
    result.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(out[i]))));
  }
  return result;
}

std::string upperFirst(std::string_view text) {
  std::string out(text);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

}  // namespace sequelize::detail
