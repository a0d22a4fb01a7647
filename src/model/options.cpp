// Constructors and helpers of the public option types.
#include <algorithm>
#include <cctype>

#include "sequelize/errors.hpp"
#include "sequelize/options.hpp"
#include "sequelize/where.hpp"
#include "support/uuid.hpp"

namespace sequelize {

DataType DataType::operator()(std::string_view size) const {
  std::string lower(size);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  DataType t = *this;
  if (lower == "tiny")
    t.size_ = SizeVariant::Tiny;
  else if (lower == "medium")
    t.size_ = SizeVariant::Medium;
  else if (lower == "long")
    t.size_ = SizeVariant::Long;
  return t;
}

std::string_view DataType::keyName() const {
  switch (key_) {
    case TypeKey::STRING:
      return "STRING";
    case TypeKey::CHAR:
      return "CHAR";
    case TypeKey::TEXT:
      return "TEXT";
    case TypeKey::TINYINT:
      return "TINYINT";
    case TypeKey::SMALLINT:
      return "SMALLINT";
    case TypeKey::MEDIUMINT:
      return "MEDIUMINT";
    case TypeKey::INTEGER:
      return "INTEGER";
    case TypeKey::BIGINT:
      return "BIGINT";
    case TypeKey::FLOAT:
      return "FLOAT";
    case TypeKey::REAL:
      return "REAL";
    case TypeKey::DOUBLE:
      return "DOUBLE PRECISION";
    case TypeKey::DECIMAL:
      return "DECIMAL";
    case TypeKey::BOOLEAN:
      return "BOOLEAN";
    case TypeKey::DATE:
      return "DATE";
    case TypeKey::DATEONLY:
      return "DATEONLY";
    case TypeKey::TIME:
      return "TIME";
    case TypeKey::UUID:
      return "UUID";
    case TypeKey::JSON:
      return "JSON";
    case TypeKey::JSONB:
      return "JSONB";
    case TypeKey::BLOB:
      return "BLOB";
    case TypeKey::NOW:
      return "NOW";
    case TypeKey::UUIDV1:
      return "UUIDV1";
    case TypeKey::UUIDV4:
      return "UUIDV4";
  }
  return "UNKNOWN";
}

DefaultValue::DefaultValue(DataType generator) : set_(true) {
  switch (generator.key()) {
    case TypeKey::NOW:
    case TypeKey::UUIDV1:
    case TypeKey::UUIDV4:
      generator_ = generator.key();
      break;
    default:
      throw Error("A DataType used as defaultValue must be DataTypes::NOW, UUIDV1 or UUIDV4, not " +
                  std::string(generator.keyName()));
  }
}

Value DefaultValue::produce() const {
  if (!generator_) return value_;
  switch (*generator_) {
    case TypeKey::NOW:
      return Value(Date::now());
    case TypeKey::UUIDV1:
      return Value(detail::uuidV1());
    default:
      return Value(detail::uuidV4());
  }
}

ModelOptions ModelOptions::mergedOver(const ModelOptions& defaults) const {
  ModelOptions out = *this;
  if (!out.tableName) out.tableName = defaults.tableName;
  if (!out.freezeTableName) out.freezeTableName = defaults.freezeTableName;
  if (!out.timestamps) out.timestamps = defaults.timestamps;
  if (!out.createdAt) out.createdAt = defaults.createdAt;
  if (!out.updatedAt) out.updatedAt = defaults.updatedAt;
  if (!out.underscored) out.underscored = defaults.underscored;
  if (out.name.singular.empty()) out.name.singular = defaults.name.singular;
  if (out.name.plural.empty()) out.name.plural = defaults.name.plural;
  if (!out.omitNull) out.omitNull = defaults.omitNull;
  if (out.validate.empty()) out.validate = defaults.validate;
  return out;
}

Include::Include(const char* alias) : Include(std::string(alias)) {}
Include::Include(std::string alias) {
  // Built where it stays: an include by name is written on every call of a finder.
  auto options = std::make_shared<IncludeOptions>();
  options->association = AssociationRef(std::move(alias));
  options_ = std::move(options);
}
Include::Include(Model& model) {
  IncludeOptions o;
  o.model = ModelRef(model);
  options_ = std::make_shared<const IncludeOptions>(std::move(o));
}
Include::Include(const Association& association) {
  IncludeOptions o;
  o.association = AssociationRef(association);
  options_ = std::make_shared<const IncludeOptions>(std::move(o));
}
Include::Include(IncludeOptions options)
    : options_(std::make_shared<const IncludeOptions>(std::move(options))) {}

IncludeList::IncludeList(std::initializer_list<IncludeOptions> items) {
  items_.reserve(items.size());
  for (const IncludeOptions& o : items) items_.emplace_back(o);
}

namespace {
bool isDirection(const std::string& word) {
  std::string upper(word);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  static const char* const kDirections[] = {"ASC",
                                            "DESC",
                                            "ASC NULLS FIRST",
                                            "ASC NULLS LAST",
                                            "DESC NULLS FIRST",
                                            "DESC NULLS LAST",
                                            "NULLS FIRST",
                                            "NULLS LAST"};
  return std::any_of(std::begin(kDirections), std::end(kDirections),
                     [&](const char* d) { return upper == d; });
}
}  // namespace

OrderItem::OrderItem(Expr expression, std::string direction) : expr_(std::move(expression)) {
  if (!direction.empty()) {
    if (!isDirection(direction)) {
      throw Error("Invalid order direction \"" + direction +
                  "\": use ASC or DESC (and NULLS FIRST/LAST)");
    }
    std::transform(direction.begin(), direction.end(), direction.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    direction_ = std::move(direction);
  }
}

OrderItem::OrderItem(std::initializer_list<std::string> parts) : path_(parts) {
  if (path_.size() >= 2 && isDirection(path_.back())) {
    direction_ = path_.back();
    std::transform(direction_.begin(), direction_.end(), direction_.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    path_.pop_back();
  }
  if (path_.empty()) throw Error("An order item needs an attribute");
}

Where::Where(std::initializer_list<WhereEntry> entries) {
  children_.reserve(entries.size());
  for (const WhereEntry& e : entries) children_.push_back(e.node);
  measureDepth();
}

namespace {

void checkWhereDepth(std::size_t depth) {
  if (depth > Where::kMaxDepth) {
    throw Error("A where clause may nest at most " + std::to_string(Where::kMaxDepth) +
                " levels of groups (Op.and, Op.or, Op.not)");
  }
}

}  // namespace

void Where::measureDepth() {
  std::size_t deepest = 0;
  for (const Where& child : children_) deepest = std::max(deepest, std::size_t{child.depth_});
  checkWhereDepth(deepest + 1);
  depth_ = static_cast<std::uint16_t>(deepest + 1);
}

Where Where::attribute(std::string name, Predicate predicate) {
  Where w;
  w.kind_ = Kind::Attribute;
  w.attribute_ = std::move(name);
  w.ops_ = std::move(predicate).takeOps();
  return w;
}

Where Where::all(std::vector<Where> children) {
  Where w;
  w.kind_ = Kind::And;
  w.explicitGroup_ = true;
  w.children_ = std::move(children);
  w.measureDepth();
  return w;
}

Where Where::any(std::vector<Where> children) {
  Where w;
  w.kind_ = Kind::Or;
  w.children_ = std::move(children);
  w.measureDepth();
  return w;
}

Where Where::negate(Where child) {
  Where w;
  w.kind_ = Kind::Not;
  w.children_.push_back(std::move(child));
  w.measureDepth();
  return w;
}

Where Where::allRows() {
  Where w;
  w.allRows_ = true;
  return w;
}

Where& Where::andAlso(Where other) {
  if (other.empty()) return *this;
  if (empty()) {
    *this = std::move(other);
    return *this;
  }
  if (kind_ == Kind::And) {
    const auto depth = static_cast<std::uint16_t>(other.depth_ + 1);
    checkWhereDepth(depth);
    children_.push_back(std::move(other));
    depth_ = std::max(depth_, depth);
    return *this;
  }
  checkWhereDepth(std::size_t{std::max(depth_, other.depth_)} + 1);
  Where combined;  // the two ANDed as a where literal's entries would be
  combined.children_.push_back(std::move(*this));
  combined.children_.push_back(std::move(other));
  combined.measureDepth();
  *this = std::move(combined);
  return *this;
}

}  // namespace sequelize
