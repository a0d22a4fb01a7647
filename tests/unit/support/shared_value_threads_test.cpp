// Objects and arrays share their contents between copies, counted by reference: copies made and
// dropped on several threads at once (as results and option values travel between threads) must
// neither free the contents early nor leak them. Also built with ThreadSanitizer in CI.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "sequelize/value.hpp"

namespace sequelize {
namespace {

TEST(SharedValueThreads, CopiesOnManyThreadsKeepOneSharedObjectAlive) {
  const Value shared{{"title", std::string(40, 't')},
                     {"tags", Value::array({"a", std::string(30, 'b')})}};
  constexpr int kThreads = 8;
  constexpr int kCopies = 2000;
  std::vector<std::thread> threads;
  std::vector<int> broken(kThreads, 0);  // copies whose contents were not the shared ones
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::vector<Value> mine;
      for (int i = 0; i < kCopies; ++i) {
        mine.push_back(shared);
        if (i % 3 == 0) {
          // A copy of its own, changed: the shared contents stay as they were.
          Value changed = shared;
          changed.object().push_back({"thread", t});
          mine.push_back(std::move(changed));
        }
        if (mine.size() > 16) mine.erase(mine.begin(), mine.begin() + 8);
      }
      for (const Value& v : mine) {
        if (v.find("title")->text() != std::string(40, 't') ||
            v.find("tags")->items().size() != 2) {
          ++broken[static_cast<std::size_t>(t)];
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (const int count : broken) EXPECT_EQ(count, 0);
  EXPECT_EQ(shared.object().size(), 2u);
  EXPECT_EQ(shared.find("thread"), nullptr);
}

}  // namespace
}  // namespace sequelize
