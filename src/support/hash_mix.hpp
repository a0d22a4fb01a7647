#pragma once
// The last step of the library's hashes (MurmurHash3's fmix64): every input bit reaches every
// output bit, so that a table indexed by the low bits (or a modulo) sees all of them.
#include <cstddef>
#include <cstdint>

namespace sequelize::detail {

inline std::size_t mixHash(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return static_cast<std::size_t>(x);
}

}  // namespace sequelize::detail
