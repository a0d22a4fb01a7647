#include "support/secure_random.hpp"

#include <pthread.h>
#include <sys/random.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "sequelize/errors.hpp"

namespace sequelize::detail {
namespace {

// getrandom returns fewer bytes than asked when a signal arrives (or above 32 MiB), and fails
// with EINTR when one arrives before any: both are retried.
void kernelRandom(std::uint8_t* out, std::size_t size) {
  while (size > 0) {
    const ssize_t got = getrandom(out, size, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw Error("Reading random bytes from the operating system failed: " +
                  std::system_category().message(errno));
    }
    out += got;
    size -= static_cast<std::size_t>(got);
  }
}

// One system call per id would be most of the cost of a UUIDV4 default, so each thread keeps a
// few ids' worth of bytes. fork() copies that pool into the child, which would then hand out
// the same ids as its parent: the child's pool is dropped by counting forks (pthread_atfork) and
// refilling when the count has changed since the pool was filled.
std::atomic<std::uint64_t> forkCount{0};
void onForkInChild() {
  forkCount.fetch_add(1, std::memory_order_relaxed);
}

// Registered once, before any pool is filled; if it cannot be, nothing is pooled.
bool forksAreCounted() {
  static const bool registered = pthread_atfork(nullptr, nullptr, onForkInChild) == 0;
  return registered;
}

struct RandomPool {
  std::array<std::uint8_t, 256> bytes{};
  std::size_t used = bytes.size();     // all used: filled on first use
  std::uint64_t filledAfterForks = 0;  // forkCount when filled
};

}  // namespace

void secureRandomBytes(std::span<std::uint8_t> out) {
  thread_local RandomPool pool;
  if (!forksAreCounted() || out.size() > pool.bytes.size()) {
    kernelRandom(out.data(), out.size());
    return;
  }
  const std::uint64_t forks = forkCount.load(std::memory_order_relaxed);
  if (pool.filledAfterForks != forks || pool.bytes.size() - pool.used < out.size()) {
    kernelRandom(pool.bytes.data(), pool.bytes.size());
    pool.used = 0;
    pool.filledAfterForks = forks;
  }
  std::memcpy(out.data(), pool.bytes.data() + pool.used, out.size());
  pool.used += out.size();
}

}  // namespace sequelize::detail
