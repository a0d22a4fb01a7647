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

#include "model/validation.hpp"
#include "sequelize/model.hpp"
#include "support/hash_mix.hpp"

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

  // A single-row INSERT's shape when its slots ascend and are below 64 (every new record's
  // INSERT unless `fields` are given out of order): which slots it writes and which of them the
  // database generates. Looking it up builds no text key, as every row of a nested create asks.
  struct InsertShape {
    std::uint64_t written;
    std::uint64_t generated;
    bool operator==(const InsertShape&) const = default;
  };
  struct InsertShapeHash {
    std::size_t operator()(const InsertShape& s) const noexcept {
      return mixHash(s.written * 0x9E3779B97F4A7C15ULL + s.generated);
    }
  };
  std::unordered_map<InsertShape, std::shared_ptr<const std::string>, InsertShapeHash> insertSql;

  // Forgets everything (the model's attributes changed).
  void clear() {
    std::lock_guard lock(mutex);
    insertSql.clear();
    sql.clear();
    plainSelect.reset();
    plainSelectSql.clear();
    findByPkSql.reset();
  }

  static ModelCaches& of(const Model& model) { return *model.caches_; }

  // The text cached under `key`, rendered by `render()` the first time.
  template <class Render>
  std::shared_ptr<const std::string> text(const ShapeKey& key, Render&& render) {
    return cached(sql, key.view(), std::forward<Render>(render));
  }
  template <class Render>
  std::shared_ptr<const std::string> text(InsertShape shape, Render&& render) {
    return cached(insertSql, shape, std::forward<Render>(render));
  }

 private:
  // Looks `key` up in `map`; renders outside the lock when it is missing (another thread may
  // render the same text meanwhile: the first one stored is the one every caller gets).
  template <class Map, class Key, class Render>
  std::shared_ptr<const std::string> cached(Map& map, const Key& key, Render&& render) {
    {
      std::lock_guard lock(mutex);
      if (auto it = map.find(key); it != map.end()) return it->second;
    }
    auto rendered = std::make_shared<const std::string>(std::forward<Render>(render)());
    std::lock_guard lock(mutex);
    return map.emplace(key, std::move(rendered)).first->second;
  }
};

}  // namespace sequelize::detail
