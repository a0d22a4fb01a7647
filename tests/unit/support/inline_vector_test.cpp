// InlineVector: the same elements as a std::vector fed the same calls, whether they still fit
// inside the object or have moved to the heap, through copies, moves and reuse.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "support/inline_vector.hpp"

namespace sequelize::detail {
namespace {

using Small = InlineVector<std::uint32_t, 4>;

std::vector<std::uint32_t> elements(const Small& v) {
  return {v.begin(), v.end()};
}

std::vector<std::uint32_t> upTo(std::uint32_t count) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < count; ++i) out.push_back(i * 7 + 1);
  return out;
}

Small filled(std::uint32_t count) {
  Small v;
  for (const std::uint32_t x : upTo(count)) v.push_back(x);
  return v;
}

TEST(InlineVectorTest, KeepsEveryElementInsideAndPastItsInlineRoom) {
  for (std::uint32_t count = 0; count <= 11; ++count) {
    const Small v = filled(count);
    EXPECT_EQ(v.size(), count);
    EXPECT_EQ(v.empty(), count == 0);
    EXPECT_EQ(elements(v), upTo(count)) << count << " elements";
    EXPECT_EQ(v.view().size(), count);
  }
}

TEST(InlineVectorTest, CopiesAndMovesAreIndependentOfTheirSource) {
  for (const std::uint32_t count : {0U, 3U, 4U, 5U, 9U}) {
    Small original = filled(count);
    Small copy = original;
    original.push_back(99);
    EXPECT_EQ(elements(copy), upTo(count));

    Small moved = std::move(copy);
    EXPECT_EQ(elements(moved), upTo(count));
    EXPECT_TRUE(copy.empty());  // NOLINT(bugprone-use-after-move): a moved-from one is empty
    copy.push_back(5);          // and usable again
    EXPECT_EQ(elements(copy), std::vector<std::uint32_t>{5});

    Small assigned = filled(7);
    assigned = moved;
    EXPECT_EQ(elements(assigned), upTo(count));
    Small moveAssigned = filled(2);
    moveAssigned = std::move(assigned);
    EXPECT_EQ(elements(moveAssigned), upTo(count));
    moveAssigned.push_back(1);
    EXPECT_EQ(elements(moved), upTo(count)) << "changing a copy never changes its source";
  }
}

TEST(InlineVectorTest, AssignAppendAndTruncateReuseTheRoom) {
  Small v;
  v.assign(6, 3);
  EXPECT_EQ(elements(v), std::vector<std::uint32_t>(6, 3));
  v.assign(2, 8);
  EXPECT_EQ(elements(v), std::vector<std::uint32_t>(2, 8));
  const std::vector<std::uint32_t> more = upTo(5);
  v.append(more.data(), more.size());
  std::vector<std::uint32_t> expected{8, 8};
  expected.insert(expected.end(), more.begin(), more.end());
  EXPECT_EQ(elements(v), expected);
  v.truncate(3);
  EXPECT_EQ(elements(v), (std::vector<std::uint32_t>{8, 8, 1}));
  v.truncate(10);  // never grows
  EXPECT_EQ(v.size(), 3U);
  v[1] = 4;
  EXPECT_EQ(elements(v), (std::vector<std::uint32_t>{8, 4, 1}));
  v.clear();
  EXPECT_TRUE(v.empty());
}

}  // namespace
}  // namespace sequelize::detail
