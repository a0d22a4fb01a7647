#include "sequelize/instance.hpp"

#include <algorithm>
#include <new>

#include "core/instance_internals.hpp"
#include "core/json_writer.hpp"
#include "core/persistence.hpp"
#include "core/type_coercion.hpp"
#include "sequelize/association.hpp"
#include "sequelize/errors.hpp"
#include "sequelize/model.hpp"

namespace sequelize {

using detail::InstanceAccess;
using detail::InstanceExtras;
using detail::KeyOrder;
using detail::KeyRef;

namespace {

const Value& undefinedValue() {
  static const Value kUndefined = Value::undefined();
  return kUndefined;
}

// An instance has no key order of its own until a key is set: rows of a query share theirs,
// so allocating one per instance only to replace it would be wasted.
const std::vector<KeyRef>& keyRefs(const std::shared_ptr<const KeyOrder>& order) {
  static const std::vector<KeyRef> kNone;
  return order ? order->keys : kNone;
}

std::unique_ptr<InstanceExtras> cloneExtras(const InstanceExtras& src) {
  auto out = std::make_unique<InstanceExtras>();
  out->included.reserve(src.included.size());
  for (const auto& slot : src.included) {
    detail::IncludedSlot copy;
    copy.association = slot.association;
    if (slot.instance) copy.instance = std::make_unique<Instance>(*slot.instance);
    out->included.push_back(std::move(copy));
  }
  out->extra = src.extra;
  out->previous = src.previous;
  out->changed = src.changed;
  out->includes = src.includes;
  return out;
}

}  // namespace

Instance::Instance(const Model& model, bool isNewRecord)
    : model_(&model),
      values_(std::make_unique<Value[]>(model.rawAttributes().size())),
      slotCount_(static_cast<std::uint32_t>(model.rawAttributes().size())),
      isNewRecord_(isNewRecord) {
  // A null Value holds nothing, so its storage is reused for undefined without destroying it
  // first: constructed in place instead of assigned (an assignment releases and copies).
  for (std::uint32_t i = 0; i < slotCount_; ++i) {
    ::new (static_cast<void*>(&values_[i])) Value(Value::undefined());
  }
}

Instance::Instance(const Instance& other)
    : model_(other.model_),
      order_(other.order_),
      values_(std::make_unique<Value[]>(other.slotCount_)),
      extras_(other.extras_ ? cloneExtras(*other.extras_) : nullptr),
      slotCount_(other.slotCount_),
      isNewRecord_(other.isNewRecord_) {
  std::copy(other.values_.get(), other.values_.get() + slotCount_, values_.get());
}

Instance::Instance(Instance&& other) noexcept = default;

Instance& Instance::operator=(const Instance& other) {
  if (this != &other) {
    Instance copy(other);
    *this = std::move(copy);
  }
  return *this;
}

Instance& Instance::operator=(Instance&& other) noexcept = default;
Instance::~Instance() = default;

const Value& Instance::get(std::string_view key) const {
  if (auto slot = model_->attributeIndex(key)) {
    if (*slot < slotCount_) return values_[*slot];
    return undefinedValue();
  }
  if (extras_) {
    for (const Field& f : extras_->extra) {
      if (f.key == key) return f.value;
    }
  }
  return undefinedValue();
}

Instance& Instance::set(std::string_view key, Value value) {
  if (auto slot = model_->attributeIndex(key); slot && *slot < slotCount_) {
    InstanceAccess::setAttribute(*this, *slot, std::move(value));
    return *this;
  }
  if (const Association* assoc = model_->association(key)) {
    if (value.isNullish()) {
      InstanceAccess::setIncluded(*this, *assoc, nullptr);
      return *this;
    }
    if (value.kind() != ValueKind::Object) {
      throw TypeError("The value for association \"" + std::string(key) + "\" of " +
                      model_->name() + " must be an object of its attributes");
    }
    // Keep the nested includes this association was built with, if any.
    std::vector<detail::IncludeTree> nested;
    if (extras_) {
      for (const auto& tree : extras_->includes) {
        if (tree.association == assoc) nested = tree.children;
      }
    }
    auto child = std::make_unique<Instance>(
        detail::buildInstance(assoc->target(), value.object(), std::move(nested), isNewRecord_));
    InstanceAccess::setIncluded(*this, *assoc, std::move(child));
    return *this;
  }
  throw Error("\"" + std::string(key) + "\" is neither an attribute nor an association of model " +
              model_->name());
}

Instance& Instance::set(const Values& values) {
  for (const Field& f : values) set(f.key, f.value);
  return *this;
}

const Instance* Instance::included(std::string_view alias) const {
  if (extras_) {
    for (const auto& slot : extras_->included) {
      if (slot.association->as() == alias) return slot.instance.get();
    }
  }
  throw EagerLoadingError("Association \"" + std::string(alias) + "\" was not loaded on this " +
                          model_->name() + " instance; include it in the query");
}

Instance* Instance::included(std::string_view alias) {
  return const_cast<Instance*>(std::as_const(*this).included(alias));
}

bool Instance::hasIncluded(std::string_view alias) const {
  if (!extras_) return false;
  return std::any_of(extras_->included.begin(), extras_->included.end(),
                     [&](const auto& slot) { return slot.association->as() == alias; });
}

std::vector<std::string> Instance::keys() const {
  std::vector<std::string> out;
  for (const KeyRef& k : keyRefs(order_)) {
    switch (k.kind) {
      case KeyRef::Kind::Attribute:
        out.push_back(model_->rawAttributes()[k.index].name);
        break;
      case KeyRef::Kind::Include:
        out.push_back(extras_->included[k.index].association->as());
        break;
      case KeyRef::Kind::Extra:
        out.push_back(extras_->extra[k.index].key);
        break;
    }
  }
  return out;
}

Value Instance::toPlain() const {
  Values out;
  for (const KeyRef& k : keyRefs(order_)) {
    switch (k.kind) {
      case KeyRef::Kind::Attribute:
        out.push_back(Field{model_->rawAttributes()[k.index].name, values_[k.index]});
        break;
      case KeyRef::Kind::Include: {
        const auto& slot = extras_->included[k.index];
        out.push_back(Field{slot.association->as(),
                            slot.instance ? slot.instance->toPlain() : Value(nullptr)});
        break;
      }
      case KeyRef::Kind::Extra:
        out.push_back(extras_->extra[k.index]);
        break;
    }
  }
  return Value(std::move(out));
}

std::string Instance::toJSON() const {
  std::string out;
  out.push_back('{');
  bool first = true;
  for (const KeyRef& k : keyRefs(order_)) {
    const std::string* key = nullptr;
    switch (k.kind) {
      case KeyRef::Kind::Attribute:
        key = &model_->rawAttributes()[k.index].name;
        break;
      case KeyRef::Kind::Include:
        key = &extras_->included[k.index].association->as();
        break;
      case KeyRef::Kind::Extra:
        key = &extras_->extra[k.index].key;
        break;
    }
    const Value* value = nullptr;
    if (k.kind == KeyRef::Kind::Attribute) value = &values_[k.index];
    if (k.kind == KeyRef::Kind::Extra) value = &extras_->extra[k.index].value;
    if (value != nullptr && value->isUndefined()) continue;  // JSON.stringify omits undefined
    if (!first) out.push_back(',');
    first = false;
    detail::appendJsonString(out, *key);
    out.push_back(':');
    if (k.kind == KeyRef::Kind::Include) {
      const auto& slot = extras_->included[k.index];
      if (slot.instance) {
        out.append(slot.instance->toJSON());
      } else {
        out.append("null");
      }
    } else {
      detail::appendJsonValue(out, *value);
    }
  }
  out.push_back('}');
  return out;
}

std::vector<std::string> Instance::changed() const {
  std::vector<std::string> out;
  if (!extras_ || extras_->changed.empty()) return out;
  for (const KeyRef& k : keyRefs(order_)) {
    if (k.kind == KeyRef::Kind::Attribute && k.index < extras_->changed.size() &&
        extras_->changed[k.index]) {
      out.push_back(model_->rawAttributes()[k.index].name);
    }
  }
  return out;
}

bool Instance::changed(std::string_view key) const {
  const auto slot = model_->attributeIndex(key);
  if (!slot || !extras_ || *slot >= extras_->changed.size()) return false;
  return extras_->changed[*slot];
}

Value Instance::previous(std::string_view key) const {
  const auto slot = model_->attributeIndex(key);
  if (!slot) return Value::undefined();
  if (extras_ && *slot < extras_->changed.size() && extras_->changed[*slot]) {
    return *slot < extras_->previous.size() ? extras_->previous[*slot] : Value::undefined();
  }
  return *slot < slotCount_ ? values_[*slot] : Value::undefined();
}

Instance& Instance::save(const SaveOptions& options) {
  detail::saveInstance(*this, options);
  return *this;
}

std::string toJSON(const std::vector<Instance>& instances) {
  std::string out = "[";
  for (std::size_t i = 0; i < instances.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.append(instances[i].toJSON());
  }
  out.push_back(']');
  return out;
}

namespace detail {

InstanceExtras& InstanceAccess::extras(Instance& i) {
  if (!i.extras_) i.extras_ = std::make_unique<InstanceExtras>();
  return *i.extras_;
}

bool InstanceAccess::hasKey(const Instance& i, KeyRef::Kind kind, std::uint32_t index) {
  const auto& keys = keyRefs(i.order_);
  return std::any_of(keys.begin(), keys.end(),
                     [&](const KeyRef& k) { return k.kind == kind && k.index == index; });
}

void InstanceAccess::appendKey(Instance& i, KeyRef key) {
  // The order may be shared with the other rows of a query: copy it before changing it.
  if (!i.order_) {
    i.order_ = std::make_shared<KeyOrder>();
  } else if (i.order_.use_count() > 1) {
    i.order_ = std::make_shared<KeyOrder>(*i.order_);
  }
  std::const_pointer_cast<KeyOrder>(i.order_)->keys.push_back(key);
}

void InstanceAccess::setRaw(Instance& i, std::size_t slot, Value value) {
  if (i.values_[slot].isUndefined() &&
      !hasKey(i, KeyRef::Kind::Attribute, static_cast<std::uint32_t>(slot))) {
    appendKey(i, KeyRef{KeyRef::Kind::Attribute, static_cast<std::uint32_t>(slot)});
  }
  i.values_[slot] = std::move(value);
}

void InstanceAccess::setAttribute(Instance& i, std::size_t slot, Value value) {
  const Attribute& attr = i.model_->rawAttributes()[slot];
  const Value& current = i.values_[slot];
  // As Sequelize: a primary key that is already set stays, and timestamps of a stored row
  // are the database's to change.
  if (attr.primaryKey && !current.isNullish() && !(current == Value(0)) &&
      !(current == Value(false)) && !(current == Value(""))) {
    return;
  }
  if (!i.isNewRecord_ && ((i.model_->createdAtIndex() && *i.model_->createdAtIndex() == slot) ||
                          (i.model_->updatedAtIndex() && *i.model_->updatedAtIndex() == slot))) {
    return;
  }
  setTracked(i, slot, std::move(value));
}

void InstanceAccess::setTracked(Instance& i, std::size_t slot, Value value) {
  const Attribute& attr = i.model_->rawAttributes()[slot];
  Value coerced = coerceForType(attr.type, std::move(value));
  Value& current = i.values_[slot];
  if (!(coerced == current) || coerced.kind() != current.kind()) {
    InstanceExtras& ex = extras(i);
    if (ex.changed.size() < i.slotCount_) ex.changed.resize(i.slotCount_, false);
    if (!current.isUndefined()) {
      if (ex.previous.size() < i.slotCount_) ex.previous.resize(i.slotCount_, Value::undefined());
      ex.previous[slot] = current;
    } else if (slot < ex.previous.size()) {
      ex.previous[slot] = current;
    }
    ex.changed[slot] = true;
  }
  setRaw(i, slot, std::move(coerced));
}

Instance* InstanceAccess::setIncluded(Instance& i, const Association& association,
                                      std::unique_ptr<Instance> value) {
  InstanceExtras& ex = extras(i);
  for (std::size_t k = 0; k < ex.included.size(); ++k) {
    if (ex.included[k].association == &association) {
      ex.included[k].instance = std::move(value);
      return ex.included[k].instance.get();
    }
  }
  ex.included.push_back(IncludedSlot{&association, std::move(value)});
  appendKey(i, KeyRef{KeyRef::Kind::Include, static_cast<std::uint32_t>(ex.included.size() - 1)});
  return ex.included.back().instance.get();
}

void InstanceAccess::markSaved(Instance& i, const std::vector<std::size_t>& slots) {
  if (!i.extras_) return;
  InstanceExtras& ex = *i.extras_;
  for (const std::size_t s : slots) {
    if (s < ex.changed.size()) ex.changed[s] = false;
    if (s < ex.previous.size()) ex.previous[s] = Value::undefined();
  }
}

}  // namespace detail
}  // namespace sequelize
