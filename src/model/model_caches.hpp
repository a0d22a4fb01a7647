#pragma once
// SQL text a model renders again and again (the same INSERT, the same find by key, the same
// UPDATE of the same attributes): rendered once per shape and reused, so repeated calls skip
// statement building. The shape key must determine the text completely.
#include <array>
#include <charconv>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/validation.hpp"
#include "sequelize/model.hpp"

namespace sequelize::detail {

struct SelectPlan;

// The key of a cached text, written into a buffer on the stack: looking a text up allocates
// nothing (the cache's map accepts a string_view).
class ShapeKey {
 public:
  explicit ShapeKey(std::string_view kind) { append(kind); }
  ShapeKey& append(std::string_view text) {
    for (const char c : text) push(c);
    return *this;
  }
  ShapeKey& number(std::size_t n) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    return append(std::string_view(digits, static_cast<std::size_t>(end - digits)));
  }
  ShapeKey& push(char c) {
    if (size_ < kInline) {
      inline_[size_] = c;
    } else {
      if (size_ == kInline) spill_.assign(inline_.data(), kInline);
      spill_.push_back(c);
    }
    ++size_;
    return *this;
  }
  [[nodiscard]] std::string_view view() const {
    return size_ <= kInline ? std::string_view(inline_.data(), size_) : std::string_view(spill_);
  }

 private:
  static constexpr std::size_t kInline = 120;
  std::array<char, kInline> inline_;  // NOLINT: written before it is read
  std::string spill_;                 // only for keys longer than the buffer
  std::size_t size_ = 0;
};

struct ModelCaches {
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const noexcept {
      return std::hash<std::string_view>{}(key);
    }
  };

  std::mutex mutex;
  // shape key -> SQL text, shared: a caller keeps it however the cache changes meanwhile
  std::unordered_map<std::string, std::shared_ptr<const std::string>, KeyHash, std::equal_to<>> sql;
  // The plan of a find with every attribute and no include, and its SQL up to WHERE: what
  // findByPk, findOne and most findAlls share, planned once.
  std::shared_ptr<const SelectPlan> plainSelect;
  std::string plainSelectSql;
  // The complete text of findByPk with default options: only its key is bound per call.
  std::shared_ptr<const std::string> findByPkSql;
  // What validating an instance checks. Not a cache: Model::reindex sets it with the
  // attributes it derives from, and clear() keeps it.
  ValidationPlan validation;

  // A single-row INSERT's text by which of the first 64 attribute slots it writes, in slot
  // order, and which of them the database generates: looked up without building a text key, as
  // every row of a nested create asks for one. A model has a handful of such shapes at most.
  struct InsertShape {
    std::uint64_t written;
    std::uint64_t generated;
    std::shared_ptr<const std::string> sql;
  };
  static constexpr std::size_t kInsertShapeLimit = 16;  // beyond, the text keys take over
  std::vector<InsertShape> insertShapes;

  // The INSERT text for that shape, rendered by `render()` the first time; null when there is
  // no room left for another shape (the caller keys it by text instead).
  template <class Render>
  std::shared_ptr<const std::string> insertText(std::uint64_t written, std::uint64_t generated,
                                                Render&& render) {
    {
      std::lock_guard lock(mutex);
      for (const InsertShape& shape : insertShapes) {
        if (shape.written == written && shape.generated == generated) return shape.sql;
      }
      if (insertShapes.size() >= kInsertShapeLimit) return nullptr;
    }
    auto rendered = std::make_shared<const std::string>(std::forward<Render>(render)());
    std::lock_guard lock(mutex);
    for (const InsertShape& shape : insertShapes) {
      if (shape.written == written && shape.generated == generated) return shape.sql;
    }
    if (insertShapes.size() >= kInsertShapeLimit) return rendered;
    insertShapes.push_back(InsertShape{written, generated, rendered});
    return rendered;
  }

  // Forgets everything (the model's attributes changed).
  void clear() {
    std::lock_guard lock(mutex);
    insertShapes.clear();
    sql.clear();
    plainSelect.reset();
    plainSelectSql.clear();
    findByPkSql.reset();
  }

  static ModelCaches& of(const Model& model) { return *model.caches_; }

  // The text cached under `key`, rendered by `render()` the first time.
  template <class Render>
  std::shared_ptr<const std::string> text(const ShapeKey& key, Render&& render) {
    {
      std::lock_guard lock(mutex);
      if (auto it = sql.find(key.view()); it != sql.end()) return it->second;
    }
    auto rendered = std::make_shared<const std::string>(std::forward<Render>(render)());
    std::lock_guard lock(mutex);
    return sql.emplace(std::string(key.view()), std::move(rendered)).first->second;
  }
};

}  // namespace sequelize::detail
