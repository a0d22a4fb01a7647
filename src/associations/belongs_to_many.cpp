// belongsToMany's definition, as Sequelize's belongs-to-many.js: the alias and its singular, the
// junction (a model given, or one defined from a name), the two key columns with their types,
// references and CASCADE rules, the junction's composite primary key (or unique key, when it
// keeps a primary key of its own), and the pairing of the two sides of one junction.
#include "associations/belongs_to_many.hpp"

#include <algorithm>

#include "model/model_builder.hpp"
#include "sequelize/database.hpp"
#include "sequelize/errors.hpp"
#include "support/inflection.hpp"

namespace sequelize::detail {
namespace {

// The belongsToMany on `target` back to `source` through the same junction, if defined first.
BelongsToMany* pairOf(const Model& source, Model& target, const Model& junction,
                      const BelongsToMany* self) {
  for (const Association* a : target.associations()) {
    const auto* other = dynamic_cast<const BelongsToMany*>(a);
    if (other != nullptr && other != self && &other->target() == &source &&
        &other->junction() == &junction) {
      // The model owns its associations as mutable objects: pairing re-keys the first side.
      return const_cast<BelongsToMany*>(other);  // NOLINT(cppcoreguidelines-pro-type-const-cast)
    }
  }
  return nullptr;
}

}  // namespace

BelongsToMany::BelongsToMany(Model& source, Model& target, const BelongsToManyOptions& options)
    : Association(AssociationType::BelongsToMany, source, target) {
  if (options.through.empty()) {
    throw AssociationError(source.name() + ".belongsToMany(" + target.name() +
                           ") requires through option, pass either a string or a model");
  }
  const bool self = &source == &target;
  if (self && options.as.empty()) {
    throw AssociationError("'as' must be defined for many-to-many self-associations");
  }
  ToManyNames names = toManyNames(options.as, target);
  as_ = std::move(names.as);
  singular_ = std::move(names.singular);
  isAliased_ = names.aliased;
  checkAlias(source, as_, isAliased_);

  checkKeyAttribute(source, options.sourceKey, "sourceKey");
  checkKeyAttribute(target, options.targetKey, "targetKey");
  sourceKey_ = !options.sourceKey.empty() ? options.sourceKey : source.primaryKeyAttribute();
  targetKey_ = !options.targetKey.empty() ? options.targetKey : target.primaryKeyAttribute();
  targetKeyDefault_ = options.targetKey.empty();
  if (sourceKey_.empty()) throw Error("Model " + source.name() + " has no primary key to refer to");
  if (targetKey_.empty()) throw Error("Model " + target.name() + " has no primary key to refer to");

  foreignKey_ = options.foreignKey.options().name;
  if (foreignKey_.empty()) {
    foreignKey_ = camelize(source.names().singular + "_" + sourceKey_);
  }
  otherKey_ = options.otherKey.options().name;
  otherKeyDefault_ = otherKey_.empty();
  if (otherKeyDefault_) {
    otherKey_ = camelize((self ? singularize(as_) : target.names().singular) + "_" + targetKey_);
  }
  const std::string context = "belongsToMany " + source.name() + " -> " + target.name();
  if (!options.onDelete.empty()) onDelete_ = normalizeReferentialAction(options.onDelete, context);
  if (!options.onUpdate.empty()) onUpdate_ = normalizeReferentialAction(options.onUpdate, context);
  // Checked before the junction is touched, so that a failed definition changes no model.
  checkNamingCollision(source, as_, std::string());

  // Everything is decided and checked before any model changes, so that a failed definition
  // leaves every model as it was.
  Model* existing = existingJunction(options);
  BelongsToMany* paired = existing != nullptr ? pairOf(source, target, *existing, this) : nullptr;
  if (paired != nullptr) {
    // As Sequelize: the two sides of one junction share its columns. Default keys here follow
    // the other side (its sourceKey is this targetKey, its foreignKey this otherKey), and the
    // other side's default keys follow this one (below).
    if (targetKeyDefault_) targetKey_ = paired->sourceKey_;
    if (otherKeyDefault_) otherKey_ = paired->foreignKey_;
  }
  checkDistinctKeys(context);
  const bool rekeyPair =
      paired != nullptr && ((paired->targetKeyDefault_ && paired->targetKey_ != sourceKey_) ||
                            (paired->otherKeyDefault_ && paired->otherKey_ != foreignKey_));
  std::vector<std::string> giveWay;
  if (existing != nullptr) giveWay = columnsGivingWay(*existing, paired, rekeyPair);
  for (const std::string& column : giveWay) {
    if (const Association* user = keyUser(*existing, column, paired, rekeyPair)) {
      std::string message = context;
      message += ": the junction's column \"" + column;
      message += "\" would give way to this association's keys, but ";
      message += user->source().name() + "." + user->as();
      message += " uses it; give this association the same keys";
      throw AssociationError(message);
    }
  }

  junction_ = existing != nullptr ? existing : &junctionFor(options);
  if (rekeyPair) {
    if (paired->otherKeyDefault_ && paired->otherKey_ != foreignKey_ && paired->createdOtherKey_) {
      if (const auto index = junction_->attributeIndex(paired->otherKey_))
        ModelBuilder::removeAttribute(*junction_, *index);
      paired->createdOtherKey_ = false;
    }
    if (paired->targetKeyDefault_) paired->targetKey_ = sourceKey_;
    if (paired->otherKeyDefault_) paired->otherKey_ = foreignKey_;
    paired->row_->rekey(paired->otherKey_, paired->targetKey_);
    if (paired->otherKey_ != foreignKey_) {
      // An explicit other key there now holds this sourceKey: its column follows.
      if (const auto index = junction_->attributeIndex(paired->otherKey_)) {
        Attribute& a = ModelBuilder::attributeRef(*junction_, *index);
        a.type = source.attribute(sourceKey_)->type;
        if (a.hasReferences()) a.references.key = source.attribute(sourceKey_)->field;
      }
    }
  }
  injectKeys(options, paired);
  row_ = std::make_unique<JunctionRow>(target, *junction_, targetKey_, otherKey_);
  through_.emplace(Through{*junction_, *row_, foreignKey_, otherKey_});
}

std::vector<std::string> BelongsToMany::columnsGivingWay(const Model& junction,
                                                         const BelongsToMany* paired,
                                                         bool rekeyPair) const {
  std::vector<std::string> out;
  // The other side's provisional other key, replaced by this foreign key.
  if (rekeyPair && paired->otherKeyDefault_ && paired->otherKey_ != foreignKey_ &&
      paired->createdOtherKey_) {
    out.push_back(paired->otherKey_);
  }
  // A primary key the junction did not choose, which is neither of this association's keys.
  for (const Attribute& a : junction.rawAttributes()) {
    if (a.primaryKey && (a.autoGenerated || createdByPair(paired, a.name)) &&
        a.name != foreignKey_ && a.name != otherKey_ &&
        std::find(out.begin(), out.end(), a.name) == out.end()) {
      out.push_back(a.name);
    }
  }
  return out;
}

bool BelongsToMany::createdByPair(const BelongsToMany* paired, const std::string& name) {
  return paired != nullptr && ((paired->createdForeignKey_ && name == paired->foreignKey_) ||
                               (paired->createdOtherKey_ && name == paired->otherKey_));
}

const Association* BelongsToMany::keyUser(const Model& junction, const std::string& column,
                                          const BelongsToMany* paired, bool rekeyPair) const {
  for (const Model* model : source_->sequelize().models()) {
    for (const Association* a : model->associations()) {
      if (a == this) continue;
      const bool rekeyed =
          a == paired && rekeyPair && paired->otherKeyDefault_ && column == paired->otherKey_;
      if (const Through* t = a->through()) {
        if (&t->model == &junction && !rekeyed &&
            (t->foreignKey == column || t->otherKey == column))
          return a;
      } else if (&a->keyHolder() == &junction && a->foreignKey() == column) {
        return a;
      }
    }
  }
  return nullptr;
}

void BelongsToMany::checkDistinctKeys(const std::string& context) const {
  if (foreignKey_ == otherKey_) {
    // Sequelize would make one column of both (a junction that cannot link two rows).
    throw AssociationError(context + ": foreignKey and otherKey are both \"" + foreignKey_ +
                           "\"; give the junction two different key columns");
  }
}

Model* BelongsToMany::existingJunction(const BelongsToManyOptions& options) const {
  const ModelRef& ref = options.through.options().model;
  if (ref.model() != nullptr) {
    // The model given is one of the caller's: it is changed as Sequelize changes it.
    return const_cast<Model*>(ref.model());  // NOLINT(cppcoreguidelines-pro-type-const-cast)
  }
  Sequelize& db = source_->sequelize();
  return db.isDefined(ref.name()) ? &db.model(ref.name()) : nullptr;
}

Model& BelongsToMany::junctionFor(const BelongsToManyOptions& options) {
  const ModelRef& ref = options.through.options().model;
  Sequelize& db = source_->sequelize();
  // As Sequelize: a model of that name with no attributes of its own, its table the name as
  // given, timestamps unless the association says not, and the source's naming options.
  ModelOptions junction;
  junction.tableName = ref.name();
  junction.timestamps = options.timestamps;
  junction.underscored = source_->options().underscored;
  junction.createdAt = source_->options().createdAt;
  junction.updatedAt = source_->options().updatedAt;
  return db.define(ref.name(), {}, junction);
}

void BelongsToMany::injectKeys(const BelongsToManyOptions& options, const BelongsToMany* paired) {
  Model& junction = *junction_;
  // A primary key the junction did not choose (the `id` every model gets, or the key columns
  // the other side added) gives way to the two key columns; one of its own is kept, and the
  // pair of keys is made unique instead. (What goes was checked to be used by no other
  // association before anything changed.)
  bool primaryKeyDeleted = false;
  for (std::size_t i = junction.rawAttributes().size(); i-- > 0;) {
    Attribute& a = ModelBuilder::attributeRef(junction, i);
    if (!a.primaryKey || !(a.autoGenerated || createdByPair(paired, a.name))) continue;
    primaryKeyDeleted = true;
    if (a.name == foreignKey_ || a.name == otherKey_) {
      a.primaryKey = false;
    } else {
      ModelBuilder::removeAttribute(junction, i);
    }
  }
  const bool unique = options.through.options().unique;
  const std::string uniqueName =
      !options.uniqueKey.empty()
          ? options.uniqueKey
          : junction.tableName() + "_" + foreignKey_ + "_" + otherKey_ + "_unique";
  const bool constraints = options.constraints.value_or(true);
  const bool underscored = junction.options().underscored.value_or(false);

  auto keyColumn = [&](const std::string& name, const ForeignKeyOptions& given, const Model& owner,
                       const std::string& ownerKey, bool sourceSide) {
    bool created = false;
    auto index = junction.attributeIndex(name);
    if (!index) {
      Attribute a;
      a.name = name;
      a.field = !given.field.empty() ? given.field : (underscored ? underscore(name) : name);
      a.allowNull = given.allowNull.value_or(true);
      a.allowNullGiven = given.allowNull.has_value();
      ModelBuilder::addAttribute(junction, std::move(a));
      index = junction.attributeIndex(name);
      created = true;
    }
    Attribute& a = ModelBuilder::attributeRef(junction, *index);
    // Sequelize gives the column the type of the key it holds.
    a.type = owner.attribute(ownerKey)->type;
    if (primaryKeyDeleted) {
      a.primaryKey = true;
    } else if (unique) {
      a.unique = Unique(uniqueName);
    }
    if (constraints) {
      a.references = References{ModelRef(owner), owner.attribute(ownerKey)->field};
      // The source's column takes this association's rules first; the target's keeps those it
      // has (the other side's), as Sequelize merges them.
      auto rule = [&](std::string& current, const std::string& mine) {
        if (sourceSide) {
          if (!mine.empty()) current = mine;
        } else if (current.empty()) {
          current = mine;
        }
        if (current.empty()) current = "CASCADE";
      };
      rule(a.onDelete, onDelete_);
      rule(a.onUpdate, onUpdate_);
    }
    return created;
  };
  createdForeignKey_ =
      keyColumn(foreignKey_, options.foreignKey.options(), *source_, sourceKey_, true);
  createdOtherKey_ = keyColumn(otherKey_, options.otherKey.options(), *target_, targetKey_, false);
  ModelBuilder::reindex(junction);
  const Attribute& fk = *junction.attribute(foreignKey_);
  onDelete_ = fk.onDelete;
  onUpdate_ = fk.onUpdate;
}

}  // namespace sequelize::detail
