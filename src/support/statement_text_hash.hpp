#pragma once
// The hash of the caches of prepared statements, keyed by their SQL text and looked up once per
// statement run. std::hash<std::string> (MurmurHash) costs about 240 instructions for a
// 150-byte INSERT, more than the rest of a cached lookup; this one reads the text eight bytes at
// a time with a multiply per word (FxHash's step) and mixes the result once (mixHash), so that
// the buckets' modulo sees every bit. Whole texts, not samples: statements that differ in one
// column must not share a bucket. The caches compare whole texts on a hit, so the hash only
// decides speed. operator() is deliberately not noexcept: libstdc++ then keeps each entry's
// hash beside it, so that walking a bucket does not hash the other entries' texts again.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "support/hash_mix.hpp"

namespace sequelize::detail {

struct StatementTextHash {
  using is_transparent = void;  // lookups by string_view or string without a copy

  // NOLINTNEXTLINE(performance-noexcept-*): see above
  std::size_t operator()(std::string_view text) const {
    constexpr std::uint64_t kStep = 0x517cc1b727220a95ULL;
    std::uint64_t h = text.size();
    const char* p = text.data();
    std::size_t left = text.size();
    auto add = [&](std::uint64_t word) { h = (std::rotl(h, 5) ^ word) * kStep; };
    for (; left >= 8; p += 8, left -= 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, p, 8);
      add(word);
    }
    if (left > 0) {
      std::uint64_t word = 0;
      std::memcpy(&word, p, left);
      add(word);
    }
    return mixHash(h);  // the low bits depend on every word
  }
};

}  // namespace sequelize::detail
