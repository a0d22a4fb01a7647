#pragma once
// Instance: one row of a model, as Sequelize's model instances. Values are kept in slots indexed
// by attribute position; the order in which keys were set (what toJSON prints) is kept
// separately and shared by every row of one query.
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sequelize/options.hpp"
#include "sequelize/value.hpp"

namespace sequelize {

class Model;
class Association;

namespace detail {
struct KeyOrder;
struct InstanceExtras;
struct IncludedSlot;
class InstanceAccess;
// IncludedView's errors (instance.cpp), out of line so that the header needs no error classes.
[[noreturn]] void throwIncludedShape(std::string_view alias, bool isList);
[[noreturn]] void throwIncludedIndex(std::string_view alias, std::size_t index, std::size_t size);
// Lets the library construct instances in place (in a result vector) while users make them
// only through Model::build, the finders and the writers.
class InstanceKey {
  friend class InstanceAccess;
  InstanceKey() = default;
};
// Asks the library's constructor for slots with room but no values yet: the caller constructs
// every one of them before anything else touches the instance (the hydrator, which builds
// each value in its slot instead of assigning over an undefined one).
struct SlotsLeftUnconstructed {};
}  // namespace detail

class Instance;

// What Instance::included returns: one instance or none (a one-to-one association), or a list
// (a to-many one). Iterable either way; the pointer conversion and -> are for the one-to-one
// form and throw EagerLoadingError on a list.
template <class I>
class IncludedView {
 public:
  IncludedView(I* first, std::size_t count, bool isList, std::string_view alias) noexcept
      : first_(first), count_(count), isList_(isList), alias_(alias) {}
  // The association's alias (it outlives the view: it is the association's own string).
  [[nodiscard]] std::string_view alias() const noexcept { return alias_; }

  [[nodiscard]] bool isList() const noexcept { return isList_; }
  [[nodiscard]] std::size_t size() const noexcept { return count_; }
  [[nodiscard]] bool empty() const noexcept { return count_ == 0; }
  [[nodiscard]] I* begin() const noexcept { return first_; }
  [[nodiscard]] I* end() const noexcept { return first_ + count_; }
  // The i-th instance; throws std::out_of_range past the end.
  [[nodiscard]] I& operator[](std::size_t i) const {
    if (i >= count_) throwOutOfRange(i);
    return first_[i];
  }
  // Whether anything was loaded: `if (user.included("stories"))`, `if (user.included("story"))`.
  explicit operator bool() const noexcept { return count_ != 0; }
  // The one-to-one instance, or nullptr.
  operator I*() const {  // NOLINT(google-explicit-constructor)
    if (isList_) throwIsList();
    return count_ == 0 ? nullptr : first_;
  }
  I* operator->() const {
    I* one = *this;
    if (one == nullptr) throwIsList();
    return one;
  }

 private:
  [[noreturn]] void throwIsList() const { detail::throwIncludedShape(alias_, isList_); }
  [[noreturn]] void throwOutOfRange(std::size_t i) const {
    detail::throwIncludedIndex(alias_, i, count_);
  }

  I* first_;
  std::size_t count_;
  bool isList_;
  std::string_view alias_;
};

// What Instance::setAssociated links to: an instance of the association's target, its primary
// key, or nullptr to unlink. A non-const instance is updated in place, as Sequelize updates the
// object it is given.
class AssociatedValue {
 public:
  AssociatedValue(std::nullptr_t) {}  // NOLINT(google-explicit-constructor)
  AssociatedValue(Instance& instance) : instance_(&instance), mutable_(&instance) {}  // NOLINT
  AssociatedValue(const Instance& instance) : instance_(&instance) {}                 // NOLINT
  // A template, so that an Instance or a braced list never takes this path (and, constrained
  // so, it never stands in for the copy and move constructors).
  template <class T, std::enable_if_t<std::constructible_from<Value, T&&> &&
                                          !std::same_as<std::remove_cvref_t<T>, std::nullptr_t> &&
                                          !std::same_as<std::remove_cvref_t<T>, Instance> &&
                                          !std::same_as<std::remove_cvref_t<T>, AssociatedValue>,
                                      int> = 0>
  AssociatedValue(T&& key) : key_(std::forward<T>(key)) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] const Instance* instance() const noexcept { return instance_; }
  [[nodiscard]] Instance* mutableInstance() const noexcept { return mutable_; }
  [[nodiscard]] const Value& key() const noexcept { return key_; }
  [[nodiscard]] bool isNull() const noexcept { return instance_ == nullptr && key_.isNullish(); }

 private:
  const Instance* instance_ = nullptr;
  Instance* mutable_ = nullptr;
  Value key_;
};

class Instance {
 public:
  // The library's own constructors (see detail::InstanceKey): every attribute undefined, and
  // the key order the instance starts with (the one the rows of a query share).
  Instance(detail::InstanceKey /*unused*/, const Model& model, bool isNewRecord,
           std::shared_ptr<const detail::KeyOrder> order);
  Instance(detail::InstanceKey /*unused*/, const Model& model, bool isNewRecord,
           std::shared_ptr<const detail::KeyOrder> order,
           detail::SlotsLeftUnconstructed /*unused*/);
  Instance(const Instance& other);
  Instance(Instance&& other) noexcept;
  Instance& operator=(const Instance& other);
  Instance& operator=(Instance&& other) noexcept;
  ~Instance();

  [[nodiscard]] const Model& model() const noexcept { return *model_; }
  [[nodiscard]] bool isNewRecord() const noexcept { return isNewRecord_; }

  // The value of an attribute (or of a selected alias); undefined when it was never set.
  [[nodiscard]] const Value& get(std::string_view key) const;
  // Typed access: get<std::string>("username"), get<std::optional<std::int64_t>>("age").
  // Null throws TypeError unless T is a std::optional.
  template <class T>
  [[nodiscard]] T get(std::string_view key) const {
    return get(key).as<T>();
  }

  // Sets an attribute (or, for an association alias, the associated instance from an object).
  Instance& set(std::string_view key, Value value);
  Instance& set(const Values& values);

  // What was loaded for an included association: for a one-to-one association the instance
  // (converts to a pointer, nullptr when the row had no match: `user.included("story")->get(…)`),
  // for a to-many one the list (`for (const Instance& s : user.included("stories"))`, size(),
  // [i]; empty when nothing matched). Throws EagerLoadingError when the association was not
  // included.
  [[nodiscard]] IncludedView<const Instance> included(std::string_view alias) const;
  [[nodiscard]] IncludedView<Instance> included(std::string_view alias);
  [[nodiscard]] bool hasIncluded(std::string_view alias) const;

  // Keys set on this instance, in the order toJSON prints them.
  [[nodiscard]] std::vector<std::string> keys() const;
  // get({plain: true}): the values and included instances as one nested object.
  [[nodiscard]] Value toPlain() const;
  // Exactly what JSON.stringify prints for the same Sequelize instance.
  [[nodiscard]] std::string toJSON() const;

  // Attributes changed since the instance was built, fetched or last saved.
  [[nodiscard]] std::vector<std::string> changed() const;
  [[nodiscard]] bool changed(std::string_view key) const;
  // The value before the unsaved change (the current value when unchanged).
  [[nodiscard]] Value previous(std::string_view key) const;

  // get({plain: true}): the same as toPlain().
  [[nodiscard]] Value get(const GetOptions& options) const;

  // INSERT for a new record, UPDATE of the changed attributes otherwise.
  Instance& save(const SaveOptions& options = {});
  // set(values), then save() (only what changed is written; nothing when nothing changed).
  Instance& update(const Values& values, const SaveOptions& options = {});
  // DELETE of this row (by its primary key).
  void destroy(const InstanceOptions& options = {});
  // Reads the row again (and its loaded one-to-one includes); unsaved changes are dropped.
  Instance& reload(const InstanceOptions& options = {});
  // UPDATE SET attribute = attribute + by for this row. As Sequelize, the instance keeps its
  // values: reload() to see the new ones.
  template <class S>
  requires std::convertible_to<S, std::string_view> Instance& increment(
      S&& attribute, const IncrementOptions& options = {}) {
    return incrementBy(Values{Field{std::string(std::string_view(attribute)), options.by}}, options,
                       1);
  }
  Instance& increment(const Values& amounts, const IncrementOptions& options = {}) {
    return incrementBy(amounts, options, 1);
  }
  template <class S>
  requires std::convertible_to<S, std::string_view> Instance& decrement(
      S&& attribute, const IncrementOptions& options = {}) {
    return incrementBy(Values{Field{std::string(std::string_view(attribute)), options.by}}, options,
                       -1);
  }
  Instance& decrement(const Values& amounts, const IncrementOptions& options = {}) {
    return incrementBy(amounts, options, -1);
  }
  // Runs the validators (as save does) and throws ValidationError on failure.
  void validate() const;

  // ---- association accessors, found by the association's alias. Sequelize's one-to-one
  // user.getStory() / setStory() / createStory() are
  //   std::optional<Instance> story = user.getAssociated("story", {.attributes = {{"title"}}});
  //   user.setAssociated("story", otherStory);   // an instance, a primary key, or nullptr
  //   story.setAssociated("author", ivan, {.save = false});  // belongsTo: key changed, not saved
  //   Instance created = user.createAssociated("story", {{"title", "t"}, {"content", "c"}});
  // and its to-many (hasMany) user.getStories() / countStories() / hasStory() / hasStories() /
  // setStories() / addStory() / addStories() / removeStory() / removeStories() / createStory():
  //   std::vector<Instance> stories = user.getAssociations("stories", {.order = {{"title"}}});
  //   std::int64_t n = user.countAssociations("stories");
  //   bool linked = user.hasAssociations("stories", {story, 7});  // every one of them linked
  //   user.setAssociations("stories", {story, 7});  // exactly these (an empty list: none)
  //   user.addAssociations("stories", {story});   user.removeAssociations("stories", {7});
  //   Instance created = user.createAssociated("stories", {{"title", "t"}});
  // Unknown aliases, and an accessor of the other cardinality, throw before any SQL. See
  // README.md ("Association accessors").

  // The associated instance, or nullopt: a find on the target (where, attributes, transaction
  // and the other find options apply). An unsaved source or an unset key finds nothing without
  // a query.
  [[nodiscard]] std::optional<Instance> getAssociated(std::string_view alias,
                                                      const FindOptions& options = {}) const;
  // hasOne: unlinks the current target (its key set to null) and links the new one; one
  // transaction (a savepoint inside the caller's). belongsTo: sets this instance's foreign key
  // and saves it (unless save = false).
  void setAssociated(std::string_view alias, const AssociatedValue& value,
                     const SetAssociationOptions& options = {});
  // Creates a target row linked to this instance. belongsTo: the target is inserted and this
  // instance's key updated, atomically.
  Instance createAssociated(std::string_view alias, const Values& values = {},
                            const CreateOptions& options = {});

  // To-many: the targets linked to this instance (a findAll on the target, the options applying).
  [[nodiscard]] std::vector<Instance> getAssociations(std::string_view alias,
                                                      const FindOptions& options = {}) const;
  // To-many: how many targets are linked (where applies).
  [[nodiscard]] std::int64_t countAssociations(std::string_view alias,
                                               const FindOptions& options = {}) const;
  // To-many: whether every one of `targets` (instances or primary keys) is linked.
  [[nodiscard]] bool hasAssociations(std::string_view alias,
                                     const std::vector<AssociatedValue>& targets,
                                     const FindOptions& options = {}) const;
  [[nodiscard]] bool hasAssociation(std::string_view alias, const AssociatedValue& target,
                                    const FindOptions& options = {}) const {
    return hasAssociations(alias, std::vector<AssociatedValue>{target}, options);
  }
  // To-many: links exactly `targets`: those linked and not listed are unlinked, those listed
  // and not linked are linked; one transaction (a savepoint inside the caller's).
  void setAssociations(std::string_view alias, const std::vector<AssociatedValue>& targets,
                       const SetAssociationOptions& options = {});
  // To-many: links `targets` too (one UPDATE).
  void addAssociations(std::string_view alias, const std::vector<AssociatedValue>& targets,
                       const SetAssociationOptions& options = {});
  void addAssociation(std::string_view alias, const AssociatedValue& target,
                      const SetAssociationOptions& options = {}) {
    addAssociations(alias, std::vector<AssociatedValue>{target}, options);
  }
  // To-many: unlinks `targets` (their foreign key set to null; one UPDATE).
  void removeAssociations(std::string_view alias, const std::vector<AssociatedValue>& targets,
                          const SetAssociationOptions& options = {});
  void removeAssociation(std::string_view alias, const AssociatedValue& target,
                         const SetAssociationOptions& options = {}) {
    removeAssociations(alias, std::vector<AssociatedValue>{target}, options);
  }

 private:
  friend class detail::InstanceAccess;
  // With a key order of its own, empty.
  Instance(const Model& model, bool isNewRecord);
  Instance& incrementBy(const Values& amounts, const IncrementOptions& options, int sign);

  // One slot per attribute of the model. Models with up to kInlineSlots attributes keep them
  // inside the instance, so that a hydrated row or a new record allocates nothing for its
  // values; larger models keep one heap array.
  static constexpr std::uint32_t kInlineSlots = 8;
  [[nodiscard]] bool slotsInline() const noexcept { return slotCount_ <= kInlineSlots; }
  [[nodiscard]] Value* slots() noexcept {
    return slotsInline() ? std::launder(reinterpret_cast<Value*>(storage_.inlineBytes))
                         : storage_.heap;
  }
  [[nodiscard]] const Value* slots() const noexcept {
    return slotsInline() ? std::launder(reinterpret_cast<const Value*>(storage_.inlineBytes))
                         : storage_.heap;
  }
  // Room for `count` slots, none of them constructed yet.
  void allocateSlots(std::uint32_t count);
  // Destroys the slots and gives their room back; the instance then has none.
  void releaseSlots() noexcept;
  // Takes the slots of `other` (which is left with none) into this instance, which has none.
  void stealSlots(Instance& other) noexcept;

  const Model* model_;
  // Never null but in a moved-from instance. It also keeps the models alive (KeyOrder::models),
  // so that an instance may outlive its Sequelize object.
  std::shared_ptr<const detail::KeyOrder> order_;
  std::unique_ptr<detail::IncludedSlot> included_;  // the first included association, if any
  std::unique_ptr<detail::InstanceExtras> extras_;
  // Change tracking of the first 64 slots, one bit each (the others: InstanceExtras).
  std::uint64_t changedBits_ = 0;
  std::uint32_t slotCount_ = 0;
  bool isNewRecord_ = true;
  union Storage {
    Value* heap;
    alignas(Value) unsigned char inlineBytes[kInlineSlots * sizeof(Value)];
  } storage_;  // set by the constructors: a zeroed union would write all of its bytes
};

// JSON.stringify of an array of instances: "[" + each toJSON() + "]".
std::string toJSON(const std::vector<Instance>& instances);

}  // namespace sequelize
