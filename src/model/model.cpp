#include "sequelize/model.hpp"

#include <algorithm>
#include <cctype>

#include "model/model_builder.hpp"
#include "model/model_caches.hpp"
#include "model/model_registry.hpp"
#include "model/type_coercion.hpp"
#include "model/validators/builtin.hpp"
#include "sequelize/association.hpp"
#include "sequelize/database.hpp"
#include "sequelize/errors.hpp"
#include "support/inflection.hpp"

namespace sequelize {

Model::Model(detail::ModelRegistry& registry, std::string name)
    : registry_(&registry),
      name_(std::move(name)),
      caches_(std::make_unique<detail::ModelCaches>()) {}

Model::~Model() = default;

Sequelize& Model::sequelize() const {
  Sequelize* owner = registry_->owner();
  if (owner == nullptr) {
    throw Error("Model " + name_ +
                " belongs to a Sequelize object that has been destroyed: its instances can still "
                "be read, but nothing can reach the database any more");
  }
  return *owner;
}

const Attribute* Model::attribute(std::string_view name) const {
  const auto index = attributeIndex(name);
  return index ? &attributes_[*index] : nullptr;
}

namespace {
// Up to this many attributes, comparing the names one by one is quicker than hashing the one
// looked up (instance.get("name") does this on every call).
constexpr std::size_t kScannedAttributes = 16;
}  // namespace

std::optional<std::size_t> Model::attributeIndex(std::string_view name) const {
  if (attributes_.size() <= kScannedAttributes) {
    for (std::size_t i = 0; i < attributes_.size(); ++i) {
      if (attributes_[i].name == name) return i;
    }
    return std::nullopt;
  }
  const auto it = byName_.find(name);
  if (it == byName_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::size_t> Model::fieldIndex(std::string_view field) const {
  if (attributes_.size() <= kScannedAttributes) {
    for (std::size_t i = 0; i < attributes_.size(); ++i) {
      if (attributes_[i].field == field) return i;
    }
    return std::nullopt;
  }
  const auto it = byField_.find(field);
  if (it == byField_.end()) return std::nullopt;
  return it->second;
}

const std::string& Model::primaryKeyAttribute() const {
  static const std::string kNone;
  return pkIndex_ ? attributes_[*pkIndex_].name : kNone;
}

void Model::reindex() {
  byName_.clear();
  byField_.clear();
  pkIndex_.reset();
  createdAt_.reset();
  updatedAt_.reset();
  for (std::size_t i = 0; i < attributes_.size(); ++i) {
    byName_.emplace(attributes_[i].name, i);
    byField_.emplace(attributes_[i].field, i);
    if (attributes_[i].primaryKey && !pkIndex_) pkIndex_ = i;
  }
  const bool timestamps = options_.timestamps.value_or(true);
  if (timestamps) {
    if (!options_.createdAt || options_.createdAt->enabled()) {
      const std::string n = options_.createdAt && !options_.createdAt->name().empty()
                                ? options_.createdAt->name()
                                : "createdAt";
      createdAt_ = attributeIndex(n);
    }
    if (!options_.updatedAt || options_.updatedAt->enabled()) {
      const std::string n = options_.updatedAt && !options_.updatedAt->name().empty()
                                ? options_.updatedAt->name()
                                : "updatedAt";
      updatedAt_ = attributeIndex(n);
    }
  }
  caches_->clear();
  caches_->validation = detail::ValidationPlan::of(*this);
}

std::vector<const Association*> Model::associations() const {
  std::vector<const Association*> out;
  out.reserve(associations_.size());
  for (const auto& a : associations_) out.push_back(a.get());
  return out;
}

const Association* Model::association(std::string_view alias) const {
  for (const auto& a : associations_) {
    if (a->as() == alias) return a.get();
  }
  return nullptr;
}

Association& Model::addAssociation(std::unique_ptr<Association> association) {
  associations_.push_back(std::move(association));
  return *associations_.back();
}

namespace detail {

std::string normalizeReferentialAction(const std::string& action, const std::string& context) {
  std::string upper(action);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  static const char* const kActions[] = {"CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT",
                                         "NO ACTION"};
  if (std::none_of(std::begin(kActions), std::end(kActions),
                   [&](const char* a) { return upper == a; })) {
    throw Error("Invalid referential action \"" + action + "\" for " + context +
                ": use CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION");
  }
  return upper;
}

namespace {

std::string underscoredIf(const std::string& s, bool condition) {
  return condition ? underscore(s) : s;
}

Attribute fromDefinition(const Model& model, const AttributeDefinition& def, bool underscored) {
  const AttributeOptions& o = def.options;
  if (def.name.empty()) throw Error("An attribute of model " + model.name() + " has no name");
  if (!o.type) {
    throw Error("Unrecognized datatype for attribute \"" + model.name() + "." + def.name + "\"");
  }
  Attribute a;
  a.name = def.name;
  a.field = o.field.empty() ? underscoredIf(def.name, underscored) : o.field;
  a.type = *o.type;
  a.allowNull = o.allowNull.value_or(true);
  a.allowNullGiven = o.allowNull.has_value();
  a.defaultValue = o.defaultValue;
  if (a.defaultValue.has() && !a.defaultValue.isGenerated()) {
    a.defaultValue = DefaultValue(coerceOperand(a, a.defaultValue.constant(), columnLimits(model)));
  }
  a.primaryKey = o.primaryKey;
  a.autoIncrement = o.autoIncrement;
  a.unique = o.unique;
  a.references = o.references;
  const std::string context = "attribute " + model.name() + "." + def.name;
  if (!o.onDelete.empty()) a.onDelete = normalizeReferentialAction(o.onDelete, context);
  if (!o.onUpdate.empty()) a.onUpdate = normalizeReferentialAction(o.onUpdate, context);
  a.comment = o.comment;
  a.validate = o.validate;
  checkValidatorDefinition(a.validate, context);
  return a;
}

}  // namespace

std::unique_ptr<Model> ModelBuilder::build(Sequelize& sequelize, ModelRegistry& registry,
                                           const std::string& name,
                                           const AttributeDefinitions& definitions,
                                           const ModelOptions& given) {
  if (name.empty()) throw Error("A model needs a name");
  std::unique_ptr<Model> model(new Model(registry, name));
  model->options_ = given.mergedOver(sequelize.options().define);
  const ModelOptions& o = model->options_;
  for (const ModelCheck& check : o.validate) {
    if (check.name.empty() || !check.check) {
      throw Error("A validator of model " + name + " needs a name and a function");
    }
  }
  const bool underscored = o.underscored.value_or(false);

  model->modelName_ = o.name;
  if (model->modelName_.singular.empty()) model->modelName_.singular = singularize(name);
  if (model->modelName_.plural.empty()) model->modelName_.plural = pluralize(name);

  if (o.tableName && !o.tableName->empty()) {
    model->tableName_ = *o.tableName;
  } else {
    model->tableName_ =
        o.freezeTableName.value_or(false) ? name : underscoredIf(pluralize(name), underscored);
  }

  std::vector<Attribute> attributes;
  for (const AttributeDefinition& def : definitions) {
    if (std::any_of(attributes.begin(), attributes.end(),
                    [&](const Attribute& a) { return a.name == def.name; })) {
      throw Error("Attribute \"" + def.name + "\" is defined twice on model " + name);
    }
    attributes.push_back(fromDefinition(*model, def, underscored));
  }

  // As Sequelize: a model without a primary key gets `id`, first.
  const bool hasKey = std::any_of(attributes.begin(), attributes.end(),
                                  [](const Attribute& a) { return a.primaryKey; });
  if (!hasKey) {
    if (std::any_of(attributes.begin(), attributes.end(),
                    [](const Attribute& a) { return a.name == "id"; })) {
      throw Error("A column called 'id' was added to the attributes of '" + model->tableName_ +
                  "' but not marked with 'primaryKey: true'");
    }
    Attribute id;
    id.name = "id";
    id.field = id.name;  // (not the literal again: g++ 12 -O3 warns about it falsely)
    id.type = DataTypes::INTEGER;
    id.allowNull = false;
    id.allowNullGiven = true;
    id.primaryKey = true;
    id.autoIncrement = true;
    id.autoGenerated = true;
    attributes.insert(attributes.begin(), std::move(id));
  }

  // Timestamps go last, unless the definition already has them.
  if (o.timestamps.value_or(true)) {
    auto addTimestamp = [&](const std::optional<TimestampAttribute>& option, const char* fallback) {
      if (option && !option->enabled()) return;
      const std::string attrName = option && !option->name().empty() ? option->name() : fallback;
      if (std::any_of(attributes.begin(), attributes.end(),
                      [&](const Attribute& a) { return a.name == attrName; })) {
        return;
      }
      Attribute ts;
      ts.name = attrName;
      ts.field = underscoredIf(attrName, underscored);
      ts.type = DataTypes::DATE;
      ts.allowNull = false;
      ts.allowNullGiven = true;
      ts.autoGenerated = true;
      attributes.push_back(std::move(ts));
    };
    addTimestamp(o.createdAt, "createdAt");
    addTimestamp(o.updatedAt, "updatedAt");
  }

  model->attributes_ = std::move(attributes);
  model->reindex();
  return model;
}

void ModelBuilder::addAttribute(Model& model, Attribute attribute) {
  model.attributes_.push_back(std::move(attribute));
  model.reindex();
}

void ModelBuilder::removeAttribute(Model& model, std::size_t index) {
  model.attributes_.erase(model.attributes_.begin() + static_cast<std::ptrdiff_t>(index));
  model.reindex();
}

}  // namespace detail
}  // namespace sequelize
