#include "sequelize/instance.hpp"

#include <algorithm>
#include <new>

#include "model/instance_builder.hpp"
#include "model/instance_internals.hpp"
#include "model/model_registry.hpp"
#include "model/type_coercion.hpp"
#include "sequelize/association.hpp"
#include "sequelize/errors.hpp"
#include "sequelize/model.hpp"
#include "support/json_writer.hpp"

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
std::span<const KeyRef> keyRefs(const std::shared_ptr<const KeyOrder>& order) {
  return order ? order->keys() : std::span<const KeyRef>{};
}

std::unique_ptr<InstanceExtras> cloneExtras(const InstanceExtras& src) {
  auto out = std::make_unique<InstanceExtras>();
  out->extra = src.extra;
  out->previous = src.previous;
  out->changedHigh = src.changedHigh;
  out->includes = src.includes;
  return out;
}

// A deep copy of an included list (each slot's instances copied with their own includes).
std::unique_ptr<detail::IncludedSlot> cloneIncluded(const detail::IncludedSlot* from) {
  std::unique_ptr<detail::IncludedSlot> first;
  std::unique_ptr<detail::IncludedSlot>* tail = &first;
  for (; from != nullptr; from = from->next.get()) {
    *tail = from->clone();
    tail = &(*tail)->next;
  }
  return first;
}

}  // namespace

void Instance::allocateSlots(std::uint32_t count) {
  if (count > kInlineSlots) {
    storage_.heap = static_cast<Value*>(::operator new(sizeof(Value) * count));
  }
  slotCount_ = count;
}

void Instance::releaseSlots() noexcept {
  Value* values = slots();
  for (std::uint32_t i = 0; i < slotCount_; ++i) values[i].~Value();
  if (!slotsInline()) ::operator delete(storage_.heap);
  slotCount_ = 0;
}

void Instance::stealSlots(Instance& other) noexcept {
  slotCount_ = other.slotCount_;
  if (other.slotsInline()) {
    Value* from = other.slots();
    Value* to = std::launder(reinterpret_cast<Value*>(storage_.inlineBytes));
    // A moved-from Value is null and owns nothing: its lifetime ends here without a destructor
    // call (other keeps no slots), which saves a release check per value on every move.
    for (std::uint32_t i = 0; i < slotCount_; ++i) {
      ::new (static_cast<void*>(to + i)) Value(std::move(from[i]));
    }
  } else {
    storage_.heap = other.storage_.heap;
  }
  other.slotCount_ = 0;
}

void KeyOrder::assign(std::span<const KeyRef> keys) {
  keys_.clear();
  keys_.append(keys.data(), keys.size());
  attributes_ = 0;
  for (const KeyRef k : keys_) noteAttribute(k);
}

void KeyOrder::truncate(std::size_t count) {
  keys_.truncate(count);
  attributes_ = 0;
  for (const KeyRef k : keys_) noteAttribute(k);
}

std::shared_ptr<KeyOrder> KeyOrder::emptyFor(const Model& model) {
  auto order = std::make_shared<KeyOrder>();
  // Keys are added one by one: room for every attribute and a few includes at once.
  order->keys_.reserve(model.rawAttributes().size() + 4);
  order->models = detail::ModelRegistry::of(model);
  return order;
}

Instance::Instance(const Model& model, bool isNewRecord)
    : Instance(detail::InstanceAccess::key(), model, isNewRecord, KeyOrder::emptyFor(model)) {}

Instance::Instance(detail::InstanceKey /*unused*/, const Model& model, bool isNewRecord,
                   std::shared_ptr<const detail::KeyOrder> order)
    : model_(&model), order_(std::move(order)), isNewRecord_(isNewRecord) {
  allocateSlots(static_cast<std::uint32_t>(model.rawAttributes().size()));
  Value* values = slots();
  // Constructed as undefined in place: a null Value holds nothing, so no assignment (release
  // and copy) is needed.
  for (std::uint32_t i = 0; i < slotCount_; ++i) {
    ::new (static_cast<void*>(values + i)) Value(Value::undefined());
  }
}

Instance::Instance(detail::InstanceKey /*unused*/, const Model& model, bool isNewRecord,
                   std::shared_ptr<const detail::KeyOrder> order,
                   detail::SlotsLeftUnconstructed /*unused*/)
    : model_(&model), order_(std::move(order)), isNewRecord_(isNewRecord) {
  allocateSlots(static_cast<std::uint32_t>(model.rawAttributes().size()));
}

Instance::Instance(const Instance& other)
    : model_(other.model_),
      order_(other.order_),
      included_(cloneIncluded(other.included_.get())),
      extras_(other.extras_ ? cloneExtras(*other.extras_) : nullptr),
      changedBits_(other.changedBits_),
      isNewRecord_(other.isNewRecord_) {
  allocateSlots(other.slotCount_);
  Value* values = slots();
  const bool onHeap = !slotsInline();
  const Value* from = other.slots();
  std::uint32_t built = 0;
  try {
    for (; built < slotCount_; ++built)
      ::new (static_cast<void*>(values + built)) Value(from[built]);
  } catch (...) {
    for (std::uint32_t i = 0; i < built; ++i) values[i].~Value();
    if (onHeap) ::operator delete(values);
    slotCount_ = 0;
    throw;
  }
}

Instance::Instance(Instance&& other) noexcept
    : model_(other.model_),
      order_(std::move(other.order_)),
      included_(std::move(other.included_)),
      extras_(std::move(other.extras_)),
      changedBits_(other.changedBits_),
      isNewRecord_(other.isNewRecord_) {
  stealSlots(other);
}

Instance& Instance::operator=(const Instance& other) {
  if (this != &other) {
    Instance copy(other);
    *this = std::move(copy);
  }
  return *this;
}

Instance& Instance::operator=(Instance&& other) noexcept {
  if (this != &other) {
    releaseSlots();
    model_ = other.model_;
    order_ = std::move(other.order_);
    included_ = std::move(other.included_);
    extras_ = std::move(other.extras_);
    changedBits_ = other.changedBits_;
    isNewRecord_ = other.isNewRecord_;
    stealSlots(other);
  }
  return *this;
}

Instance::~Instance() {
  releaseSlots();
}

const Value& Instance::get(std::string_view key) const {
  if (auto slot = model_->attributeIndex(key)) {
    if (*slot < slotCount_) return slots()[*slot];
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
    detail::setNestedValues(*this, *assoc, key, value);
    return *this;
  }
  throw Error("\"" + std::string(key) + "\" is neither an attribute nor an association of model " +
              model_->name());
}

Instance& Instance::set(const Values& values) {
  for (const Field& f : values) set(f.key, f.value);
  return *this;
}

IncludedView<const Instance> Instance::included(std::string_view alias) const {
  for (const detail::IncludedSlot& slot : InstanceAccess::included(*this)) {
    if (slot.association->as() != alias) continue;
    if (slot.association->isMultiAssociation()) {
      return {slot.list().data(), slot.list().size(), true, slot.association->as()};
    }
    return {slot.one() ? &*slot.one() : nullptr, slot.one() ? 1U : 0U, false,
            slot.association->as()};
  }
  throw EagerLoadingError("Association \"" + std::string(alias) + "\" was not loaded on this " +
                          model_->name() + " instance; include it in the query");
}

IncludedView<Instance> Instance::included(std::string_view alias) {
  // The view's alias is the slot's association's own string (a junction row's association is
  // registered on no model, so the model is not asked for it).
  const IncludedView<const Instance> view = std::as_const(*this).included(alias);
  return {const_cast<Instance*>(view.begin()), view.size(), view.isList(), view.alias()};
}

namespace detail {

void throwIncludedShape(std::string_view alias, bool isList) {
  if (isList) {
    throw EagerLoadingError("The included association \"" + std::string(alias) +
                            "\" is a list: iterate it, or use size() and []");
  }
  throw EagerLoadingError("The included association \"" + std::string(alias) + "\" matched no row");
}

void throwIncludedIndex(std::string_view alias, std::size_t index, std::size_t size) {
  throw std::out_of_range("Included \"" + std::string(alias) + "\" has " + std::to_string(size) +
                          " instances; there is none at " + std::to_string(index));
}

}  // namespace detail

bool Instance::hasIncluded(std::string_view alias) const {
  for (const detail::IncludedSlot& slot : InstanceAccess::included(*this)) {
    if (slot.association->as() == alias) return true;
  }
  return false;
}

std::vector<std::string> Instance::keys() const {
  std::vector<std::string> out;
  for (const KeyRef& k : keyRefs(order_)) {
    switch (k.kind) {
      case KeyRef::Kind::Attribute:
        out.push_back(model_->rawAttributes()[k.index].name);
        break;
      case KeyRef::Kind::Include:
        out.push_back(InstanceAccess::includedAt(*this, k.index).association->as());
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
        out.push_back(Field{model_->rawAttributes()[k.index].name, slots()[k.index]});
        break;
      case KeyRef::Kind::Include: {
        const auto& slot = InstanceAccess::includedAt(*this, k.index);
        if (slot.association->isMultiAssociation()) {
          std::vector<Value> items;
          items.reserve(slot.list().size());
          for (const Instance& item : slot.list()) items.push_back(item.toPlain());
          out.push_back(Field{slot.association->as(), Value(std::move(items))});
        } else {
          out.push_back(
              Field{slot.association->as(), slot.one() ? slot.one()->toPlain() : Value(nullptr)});
        }
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
        key = &InstanceAccess::includedAt(*this, k.index).association->as();
        break;
      case KeyRef::Kind::Extra:
        key = &extras_->extra[k.index].key;
        break;
    }
    const Value* value = nullptr;
    if (k.kind == KeyRef::Kind::Attribute) value = &slots()[k.index];
    if (k.kind == KeyRef::Kind::Extra) value = &extras_->extra[k.index].value;
    if (value != nullptr && value->isUndefined()) continue;  // JSON.stringify omits undefined
    if (!first) out.push_back(',');
    first = false;
    detail::appendJsonString(out, *key);
    out.push_back(':');
    if (k.kind == KeyRef::Kind::Include) {
      const auto& slot = InstanceAccess::includedAt(*this, k.index);
      if (slot.association->isMultiAssociation()) {
        out.push_back('[');
        for (std::size_t n = 0; n < slot.list().size(); ++n) {
          if (n > 0) out.push_back(',');
          out.append(slot.list()[n].toJSON());
        }
        out.push_back(']');
      } else if (slot.one()) {
        out.append(slot.one()->toJSON());
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
  for (const KeyRef& k : keyRefs(order_)) {
    if (k.kind == KeyRef::Kind::Attribute && InstanceAccess::isChanged(*this, k.index)) {
      out.push_back(model_->rawAttributes()[k.index].name);
    }
  }
  return out;
}

bool Instance::changed(std::string_view key) const {
  const auto slot = model_->attributeIndex(key);
  return slot && *slot < slotCount_ && InstanceAccess::isChanged(*this, *slot);
}

Value Instance::previous(std::string_view key) const {
  const auto slot = model_->attributeIndex(key);
  if (!slot || *slot >= slotCount_) return Value::undefined();
  if (InstanceAccess::isChanged(*this, *slot)) {
    return extras_ && *slot < extras_->previous.size() ? extras_->previous[*slot]
                                                       : Value::undefined();
  }
  return slots()[*slot];
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

void InstanceAccess::appendKey(Instance& i, KeyRef key) {
  // The order may be shared with the other rows of a query: copy it before changing it.
  if (!i.order_) {
    i.order_ = KeyOrder::emptyFor(*i.model_);  // a moved-from instance, given keys again
  } else if (i.order_.use_count() > 1) {
    i.order_ = std::make_shared<KeyOrder>(*i.order_);
  }
  std::const_pointer_cast<KeyOrder>(i.order_)->append(key);
}

void InstanceAccess::setAttribute(Instance& i, std::size_t slot, Value value, KeyBookkeeping keys) {
  const Attribute& attr = i.model_->rawAttributes()[slot];
  const Value& current = i.slots()[slot];
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
  setTracked(i, slot, std::move(value), keys);
}

void InstanceAccess::setTracked(Instance& i, std::size_t slot, Value value, KeyBookkeeping keys) {
  const Attribute& attr = i.model_->rawAttributes()[slot];
  Value coerced = coerceForType(attr.type, std::move(value));
  const Value& current = i.slots()[slot];
  // A new record's slots start undefined: anything set there is a change, without comparing.
  const bool differs = current.isUndefined()
                           ? !coerced.isUndefined()
                           : !(coerced == current) || coerced.kind() != current.kind();
  if (differs) {
    // The value before the change: kept only when there was one (undefined needs no room).
    if (!current.isUndefined()) {
      InstanceExtras& ex = extras(i);
      if (ex.previous.size() < i.slotCount_) ex.previous.resize(i.slotCount_, Value::undefined());
      ex.previous[slot] = current;
    } else if (i.extras_ && slot < i.extras_->previous.size()) {
      i.extras_->previous[slot] = current;
    }
    setChanged(i, slot, true);
  }
  setRaw(i, slot, std::move(coerced), keys);
}

bool InstanceAccess::isChanged(const Instance& i, std::size_t slot) noexcept {
  if (slot < 64) return ((i.changedBits_ >> slot) & 1U) != 0;
  const InstanceExtras* ex = i.extras_.get();
  return ex != nullptr && slot - 64 < ex->changedHigh.size() && ex->changedHigh[slot - 64];
}

void InstanceAccess::setChanged(Instance& i, std::size_t slot, bool changed) {
  if (slot < 64) {
    const std::uint64_t bit = std::uint64_t{1} << slot;
    i.changedBits_ = changed ? (i.changedBits_ | bit) : (i.changedBits_ & ~bit);
    return;
  }
  if (!changed && !i.extras_) return;
  std::vector<bool>& high = extras(i).changedHigh;
  if (high.size() <= slot - 64) {
    if (!changed) return;
    high.resize(slot - 64 + 1, false);
  }
  high[slot - 64] = changed;
}

Instance* InstanceAccess::setIncluded(Instance& i, const Association& association,
                                      std::optional<Instance> value) {
  for (IncludedSlot& slot : included(i)) {
    if (slot.association == &association) {
      slot.one() = std::move(value);
      return slot.one() ? &*slot.one() : nullptr;
    }
  }
  std::uint32_t index = 0;
  for ([[maybe_unused]] const IncludedSlot& slot : included(i)) ++index;
  IncludedSlot& slot = appendIncluded(i, association);
  slot.one() = std::move(value);
  appendKey(i, KeyRef{KeyRef::Kind::Include, index});
  return slot.one() ? &*slot.one() : nullptr;
}

void InstanceAccess::setIncludedList(Instance& i, const Association& association,
                                     std::vector<Instance> list) {
  for (IncludedSlot& slot : included(i)) {
    if (slot.association == &association) {
      slot.list() = std::move(list);
      return;
    }
  }
  std::uint32_t index = 0;
  for ([[maybe_unused]] const IncludedSlot& slot : included(i)) ++index;
  IncludedSlot& slot = appendIncluded(i, association);
  slot.list() = std::move(list);
  appendKey(i, KeyRef{KeyRef::Kind::Include, index});
}

IncludedSlot& InstanceAccess::appendIncluded(Instance& i, const Association& association) {
  std::unique_ptr<IncludedSlot>* tail = &i.included_;
  while (*tail) tail = &(*tail)->next;
  *tail = IncludedSlot::make(association);
  return **tail;
}

std::unique_ptr<IncludedSlot> IncludedSlot::make(const Association& association) {
  if (association.isMultiAssociation()) return std::make_unique<ListSlot>(association);
  return std::make_unique<OneSlot>(association);
}

std::unique_ptr<IncludedSlot> IncludedSlot::clone() const {
  std::unique_ptr<IncludedSlot> copy = make(*association);
  if (isList_) {
    copy->list() = list();
  } else {
    copy->one() = one();
  }
  return copy;
}

const IncludedSlot& InstanceAccess::includedAt(const Instance& i, std::size_t index) {
  const IncludedSlot* slot = i.included_.get();
  for (std::size_t k = 0; k < index && slot != nullptr; ++k) slot = slot->next.get();
  if (slot == nullptr) throw Error("Included association " + std::to_string(index) + " is missing");
  return *slot;
}

InstanceAccess::TrackingState InstanceAccess::trackingState(const Instance& i) {
  TrackingState state;
  state.changedBits = i.changedBits_;
  state.isNewRecord = i.isNewRecord_;
  state.hadOrder = i.order_ != nullptr;
  state.keyCount = i.order_ ? i.order_->keys().size() : 0;
  if (i.extras_) {
    state.previous = i.extras_->previous;
    state.changedHigh = i.extras_->changedHigh;
  }
  return state;
}

void InstanceAccess::restoreTrackingState(Instance& i, TrackingState&& state) {
  i.changedBits_ = state.changedBits;
  i.isNewRecord_ = state.isNewRecord;
  if (!state.hadOrder) {
    i.order_.reset();
  } else if (i.order_ && i.order_->keys().size() > state.keyCount) {
    // The keys appended since are cut off; an order shared meanwhile is copied first.
    if (i.order_.use_count() > 1) i.order_ = std::make_shared<KeyOrder>(*i.order_);
    std::const_pointer_cast<KeyOrder>(i.order_)->truncate(state.keyCount);
  }
  if (i.extras_) {
    i.extras_->previous = std::move(state.previous);
    i.extras_->changedHigh = std::move(state.changedHigh);
  }
}

void InstanceAccess::markSaved(Instance& i, std::span<const std::size_t> slots) {
  if (!i.extras_) {
    // Nothing kept beside the bits (no previous values, no slots past 64): one mask.
    std::uint64_t saved = 0;
    for (const std::size_t s : slots) {
      if (s < 64) saved |= std::uint64_t{1} << s;
    }
    i.changedBits_ &= ~saved;
    return;
  }
  for (const std::size_t s : slots) {
    setChanged(i, s, false);
    if (s < i.extras_->previous.size()) i.extras_->previous[s] = Value::undefined();
  }
}

}  // namespace detail
}  // namespace sequelize
