#include "support/uuid.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <span>

#include "support/secure_random.hpp"

namespace sequelize::detail {
namespace {

std::string format(const std::array<std::uint8_t, 16>& b) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 0xF]);
  }
  return out;
}

}  // namespace

std::string uuidV4() {
  // Unpredictable, as Node's crypto.randomUUID: an id given to one client tells nothing of others.
  std::array<std::uint8_t, 16> b{};
  secureRandomBytes(b);
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);
  return format(b);
}

std::string uuidV1() {
  // 100 ns intervals since 1582-10-15, plus a sequence so ids within one tick differ
  static std::atomic<std::uint64_t> sequence{0};
  constexpr std::uint64_t kGregorianOffset = 0x01B21DD213814000ULL;
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const std::uint64_t ticks =
      static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count() /
                                 100) +
      kGregorianOffset + (sequence.fetch_add(1) % 10);
  std::array<std::uint8_t, 16> b{};
  const auto timeLow = static_cast<std::uint32_t>(ticks);
  const auto timeMid = static_cast<std::uint16_t>(ticks >> 32);
  const auto timeHi = static_cast<std::uint16_t>((ticks >> 48) & 0x0FFF);
  b[0] = static_cast<std::uint8_t>(timeLow >> 24);
  b[1] = static_cast<std::uint8_t>(timeLow >> 16);
  b[2] = static_cast<std::uint8_t>(timeLow >> 8);
  b[3] = static_cast<std::uint8_t>(timeLow);
  b[4] = static_cast<std::uint8_t>(timeMid >> 8);
  b[5] = static_cast<std::uint8_t>(timeMid);
  b[6] = static_cast<std::uint8_t>((timeHi >> 8) | 0x10);
  b[7] = static_cast<std::uint8_t>(timeHi);
  // Clock sequence and node id: random, from the same source as UUIDV4.
  secureRandomBytes(std::span(b).subspan<8>());
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);
  b[10] |= 0x01;  // multicast bit: a random node id, not a MAC address
  return format(b);
}

}  // namespace sequelize::detail
