// Which failed statements the retry option may repeat (see RetryOptions): the decision alone,
// without a database. The database-backed cases are in tests/dialects/retry_timeout_test.cpp.
#include <gtest/gtest.h>

#include "connection/retry_policy.hpp"
#include "sequelize/errors.hpp"

namespace sequelize::detail {
namespace {

template <class E>
FailedTry failed(E error, bool sent, bool isRead, bool rowsSeen = false) {
  return FailedTry{std::make_exception_ptr(std::move(error)), sent, isRead, rowsSeen};
}

const RetryOptions kThree{.max = 3};

TEST(RetryPolicyTest, ReadsAreTheStatementsThatStartWithSelect) {
  EXPECT_TRUE(isReadStatement("SELECT 1"));
  EXPECT_TRUE(isReadStatement("  (select `id` FROM t)"));
  EXPECT_TRUE(isReadStatement("SELECT"));
  EXPECT_FALSE(isReadStatement("SELECTED"));
  EXPECT_FALSE(isReadStatement("INSERT INTO t SELECT 1"));
  EXPECT_FALSE(isReadStatement("UPDATE t SET a = 1"));
  EXPECT_FALSE(isReadStatement(""));
  EXPECT_FALSE(isReadStatement("SEL"));
}

TEST(RetryPolicyTest, NothingIsRetriedBeyondMax) {
  const auto f = failed(ConnectionRefusedError("refused"), false, false);
  EXPECT_TRUE(mayRetry(kThree, 3, f));
  EXPECT_FALSE(mayRetry(kThree, 4, f));
  EXPECT_FALSE(mayRetry(RetryOptions{}, 1, f));
}

TEST(RetryPolicyTest, AStatementNeverSentIsRetried) {
  EXPECT_TRUE(mayRetry(kThree, 1, failed(ConnectionRefusedError("refused"), false, false)));
  EXPECT_TRUE(mayRetry(kThree, 1, failed(ConnectionAcquireTimeoutError("busy"), false, false)));
  // A wrong password stays wrong.
  EXPECT_FALSE(mayRetry(kThree, 1, failed(AccessDeniedError("denied"), false, true)));
}

TEST(RetryPolicyTest, ALostConnectionRepeatsOnlyAReadThatHandedNoRowsOn) {
  EXPECT_TRUE(mayRetry(kThree, 1, failed(ConnectionError("lost"), true, true)));
  EXPECT_FALSE(mayRetry(kThree, 1, failed(ConnectionError("lost"), true, true, true)));
  EXPECT_FALSE(mayRetry(kThree, 1, failed(ConnectionError("lost"), true, false)));
}

TEST(RetryPolicyTest, StatementsRefusedBeforeTheyRanAreRetriedWhateverTheyDo) {
  EXPECT_TRUE(mayRetry(
      kThree, 1, failed(TimeoutError("SQLITE_BUSY: database is locked", {}, true), true, false)));
  EXPECT_TRUE(
      mayRetry(kThree, 1, failed(DatabaseError("deadlock detected", {}, true), true, false)));
  EXPECT_FALSE(mayRetry(kThree, 1, failed(DatabaseError("syntax error", {}), true, true)));
  // A statement timeout would most likely time out again.
  EXPECT_FALSE(
      mayRetry(kThree, 1, failed(TimeoutError("max_statement_time exceeded", {}), true, true)));
  EXPECT_FALSE(mayRetry(
      kThree, 1, failed(UniqueConstraintError("Validation error", {}, {}, {}), true, false)));
  EXPECT_FALSE(mayRetry(kThree, 1, failed(Error("not a database error"), true, true)));
}

TEST(RetryPolicyTest, MatchNarrowsByNameOrMessage) {
  const RetryOptions byName{.max = 3, .match = {"SequelizeConnectionRefusedError"}};
  EXPECT_TRUE(mayRetry(byName, 1, failed(ConnectionRefusedError("refused"), false, false)));
  EXPECT_FALSE(mayRetry(byName, 1, failed(ConnectionError("lost"), true, true)));
  const RetryOptions byMessage{.max = 3, .match = {"SQLITE_BUSY"}};
  EXPECT_TRUE(
      mayRetry(byMessage, 1,
               failed(TimeoutError("SQLITE_BUSY: database is locked", {}, true), true, false)));
  EXPECT_FALSE(mayRetry(byMessage, 1, failed(ConnectionError("lost"), true, true)));
}

TEST(RetryPolicyTest, TheDelayGrowsAsSequelizesDefaultBackoff) {
  EXPECT_EQ(retryDelay(1).count(), 100);
  EXPECT_EQ(retryDelay(2).count(), 110);
  EXPECT_EQ(retryDelay(3).count(), 121);
}

}  // namespace
}  // namespace sequelize::detail
