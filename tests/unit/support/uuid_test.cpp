// UUIDV1 / UUIDV4 defaults: the layout RFC 9562 gives each version, and randomness that a
// forked child does not share with its parent (a key handed to one client must not tell the
// keys of others).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstddef>
#include <set>
#include <string>

#include "support/uuid.hpp"

namespace sequelize::detail {
namespace {

bool isLowerHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

// 8-4-4-4-12 lower-case hex digits; returns the text without its dashes.
std::string hexDigits(const std::string& uuid) {
  EXPECT_EQ(uuid.size(), 36u) << uuid;
  std::string hex;
  for (std::size_t i = 0; i < uuid.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      EXPECT_EQ(uuid[i], '-') << uuid;
    } else {
      EXPECT_TRUE(isLowerHex(uuid[i])) << uuid;
      hex.push_back(uuid[i]);
    }
  }
  return hex;
}

int nibble(char c) {
  return c <= '9' ? c - '0' : c - 'a' + 10;
}

TEST(Uuid, V4HasItsVersionAndVariantBitsAndDiffers) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = uuidV4();
    const std::string hex = hexDigits(id);
    ASSERT_EQ(hex.size(), 32u);
    EXPECT_EQ(hex[12], '4') << id;                // version 4
    EXPECT_EQ(nibble(hex[16]) & 0xC, 0x8) << id;  // variant 10xx
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(Uuid, V4BitsOtherThanVersionAndVariantAllVary) {
  // Each of the 122 random bits is set in some and clear in others of a few hundred ids.
  std::array<int, 32> setBits{};
  std::array<int, 32> clearBits{};
  for (int i = 0; i < 400; ++i) {
    const std::string hex = hexDigits(uuidV4());
    for (std::size_t d = 0; d < 32; ++d) {
      const int v = nibble(hex[d]);
      for (int bit = 0; bit < 4; ++bit) {
        if (((v >> bit) & 1) != 0) {
          setBits[d] |= 1 << bit;
        } else {
          clearBits[d] |= 1 << bit;
        }
      }
    }
  }
  for (std::size_t d = 0; d < 32; ++d) {
    int fixed = 0;  // bits the version and variant fix
    if (d == 12) fixed = 0xF;
    if (d == 16) fixed = 0xC;
    EXPECT_EQ(setBits[d] & clearBits[d] & ~fixed & 0xF, ~fixed & 0xF) << "hex digit " << d;
  }
}

TEST(Uuid, V1HasItsVersionVariantAndMulticastBits) {
  const std::string id = uuidV1();
  const std::string hex = hexDigits(id);
  ASSERT_EQ(hex.size(), 32u);
  EXPECT_EQ(hex[12], '1') << id;
  EXPECT_EQ(nibble(hex[16]) & 0xC, 0x8) << id;
  EXPECT_EQ(nibble(hex[21]) & 0x1, 0x1) << id;  // a random node id, not a MAC address
}

// The ids a process generates, read from a pipe.
std::string readAll(int fd) {
  std::string out;
  std::array<char, 256> buf{};
  for (;;) {
    const ssize_t n = read(fd, buf.data(), buf.size());
    if (n <= 0) break;
    out.append(buf.data(), static_cast<std::size_t>(n));
  }
  return out;
}

std::string nextIds() {
  std::string ids;
  for (int i = 0; i < 4; ++i) ids += uuidV4() + " " + uuidV1().substr(19) + "\n";
  return ids;
}

TEST(Uuid, AForkedChildDoesNotRepeatItsParentsIds) {
  // The parent has generated before forking: whatever state it keeps is copied into the child.
  (void)uuidV4();
  (void)uuidV1();
  std::array<int, 2> fds{};
  ASSERT_EQ(pipe(fds.data()), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(fds[0]);
    const std::string ids = nextIds();
    const bool written = write(fds[1], ids.data(), ids.size()) == static_cast<ssize_t>(ids.size());
    _exit(written ? 0 : 1);
  }
  close(fds[1]);
  const std::string parentIds = nextIds();
  const std::string childIds = readAll(fds[0]);
  close(fds[0]);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  ASSERT_EQ(childIds.size(), parentIds.size());
  // v4 ids, and v1 clock sequence and node, are random: none may repeat across the fork.
  std::set<std::string> parts;
  for (const std::string* ids : {&parentIds, &childIds}) {
    std::size_t start = 0;
    while (start < ids->size()) {
      const std::size_t end = ids->find_first_of(" \n", start);
      parts.insert(ids->substr(start, end - start));
      start = end + 1;
    }
  }
  EXPECT_EQ(parts.size(), 16u) << "parent:\n" << parentIds << "child:\n" << childIds;
}

}  // namespace
}  // namespace sequelize::detail
