// One Sequelize object shared by 16 threads doing 500 mixed operations each: nested creates,
// bulkCreate, findOrCreate, updates (save, instance update, static update), deletes (instance
// and static destroy), finds with includes, managed and unmanaged transactions that commit and
// that roll back, savepoints. Each thread only touches its own rows and keeps the state it expects
// them to have; it compares that with the database while it runs, and at the end every thread's
// expected state must be exactly what the database holds. Also built with ThreadSanitizer in CI.
#include <cstdlib>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "test_database.hpp"

namespace sequelize::test {
namespace {

constexpr int kWorkers = 16;

// 500 per thread; the ThreadSanitizer run (about 20 times slower) asks for fewer through
// SEQUELIZE_TEST_CONCURRENCY_OPERATIONS: a race shows in a few hundred operations as well.
int operationsPerThread() {
  const char* v = std::getenv("SEQUELIZE_TEST_CONCURRENCY_OPERATIONS");
  return v != nullptr ? std::atoi(v) : 500;
}

struct Expected {
  int version = 0;
  bool hasBook = false;
};
using ExpectedRows = std::map<int, Expected>;  // by seq

class Concurrency : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped()) return;
    shared_ = connect({.pool = {.max = 8}});
    Author_ =
        // (worker, seq) names a row; the unique index also lets InnoDB lock just that row for
        // an UPDATE or DELETE by it, where a full scan would lock every row and deadlock.
        &shared_->define(
            "Author",
            {{"worker", {.type = DataTypes::INTEGER, .allowNull = false, .unique = "worker_seq"}},
             {"seq", {.type = DataTypes::INTEGER, .allowNull = false, .unique = "worker_seq"}},
             {"name", DataTypes::STRING},
             {"version", DataTypes::INTEGER}});
    Book_ = &shared_->define("Book", {{"title", DataTypes::STRING}});
    Author_->hasOne(*Book_, {.foreignKey = "authorId", .as = "book"});
    Book_->belongsTo(*Author_, {.foreignKey = "authorId", .as = "author"});
    shared_->sync({.force = true});
    // Every find here joins each author to its book by Books.authorId. Without an index on it,
    // SQLite and PostgreSQL scan the whole Books table once per author row, so the test's time
    // grew with the cube of its size (half a minute on SQLite, most of the suite's time) without
    // testing anything more. InnoDB already indexes every foreign key.
    if (!isMariadb()) {
      shared_->query("CREATE INDEX " + quoted(*shared_, "books_author_id") + " ON " +
                         quoted(*shared_, "Books") + " (" + quoted(*shared_, "authorId") + ")",
                     {.silent = true});
    }
  }
  void TearDown() override {
    if (shared_) shared_->close();
    DatabaseTest::TearDown();
  }

  // SQLite takes its write lock at BEGIN IMMEDIATE; a deferred transaction that reads and then
  // writes while another connection writes fails at once with SQLITE_BUSY (documented).
  Transaction begin() {
    return shared_->transaction(
        {.type = isSqlite() ? TransactionType::IMMEDIATE : TransactionType::DEFERRED});
  }

  Instance createAuthor(int worker, int seq, bool withBook, Transaction* t) {
    Values values{
        {"worker", worker}, {"seq", seq}, {"name", "a'" + std::to_string(seq)}, {"version", 0}};
    if (!withBook) return Author_->create(values, {.transaction = t});
    values.push_back({"book", {{"title", "b\"" + std::to_string(seq)}}});
    return Author_->create(values, {.include = {"book"}, .transaction = t});
  }

  std::optional<Instance> findMine(int worker, int seq, Transaction* t) {
    return Author_->findOne(
        {.where = {{"worker", worker}, {"seq", seq}}, .include = {"book"}, .transaction = t});
  }

  // Adds one to an author's version: set + save, instance update, or a static update by key.
  void bump(int worker, int seq, Transaction* t, unsigned how = 0) {
    std::optional<Instance> a = findMine(worker, seq, t);
    if (!a) throw std::runtime_error("row " + std::to_string(seq) + " missing before update");
    const int next = a->get<int>("version") + 1;
    switch (how % 3) {
      case 0:
        a->set("version", next);
        a->save({.transaction = t});
        break;
      case 1:
        a->update({{"version", next}}, {.transaction = t});
        break;
      default: {
        const std::int64_t changed = Author_->update(
            {{"version", next}}, {.where = {{"worker", worker}, {"seq", seq}}, .transaction = t});
        if (changed != 1)
          throw std::runtime_error("static update changed " + std::to_string(changed));
      }
    }
  }

  // Runs fn(transaction) and commits, again from the start when the database chose it as a
  // deadlock victim (InnoDB's next-key locks can make two threads' disjoint rows collide); the
  // caller records the change only once this returns.
  template <class Fn>
  void inTransaction(Fn&& fn) {
    for (int attempt = 1;; ++attempt) {
      try {
        Transaction t = begin();
        fn(t);
        return;
      } catch (const DatabaseError& e) {
        if (!e.isRetryable() || attempt == 10) throw;
      }
    }
  }

  // Deletes an author and its book in one managed transaction: the book by a static destroy or
  // as an instance, then the author as an instance.
  void remove(int worker, int seq, bool bookAsInstance) {
    inTransaction([&](Transaction& t) {
      shared_->transaction(
          [&](Transaction& inner) {
            std::optional<Instance> a = findMine(worker, seq, &inner);
            if (!a)
              throw std::runtime_error("row " + std::to_string(seq) + " missing before delete");
            if (Instance* book = a->included("book"); book != nullptr && bookAsInstance) {
              book->destroy({.transaction = &inner});
            } else {
              Book_->destroy({.where = {{"authorId", a->get("id")}}, .transaction = &inner});
            }
            a->destroy({.transaction = &inner});
          },
          {.transaction = &t});  // a savepoint inside the retried transaction
      t.commit();
    });
  }

  // What the database holds for one worker, as the expected state is written.
  ExpectedRows actual(int worker, Transaction* t = nullptr) {
    ExpectedRows out;
    for (const Instance& a :
         Author_->findAll({.where = {{"worker", worker}}, .include = {"book"}, .transaction = t})) {
      const Instance* book = a.included("book");
      if (book != nullptr &&
          book->get<std::string>("title") != "b\"" + std::to_string(a.get<int>("seq"))) {
        throw std::runtime_error("book of " + std::to_string(a.get<int>("seq")) +
                                 " has the wrong title");
      }
      out[a.get<int>("seq")] = Expected{a.get<int>("version"), book != nullptr};
    }
    return out;
  }

  static std::string describe(const ExpectedRows& rows) {
    std::string s;
    for (const auto& [seq, e] : rows) {
      s += std::to_string(seq) + ":v" + std::to_string(e.version) + (e.hasBook ? "+b " : " ");
    }
    return s;
  }

  void work(int worker, ExpectedRows& mine) {
    std::mt19937 random(static_cast<unsigned>(worker) * 7919U + 17U);
    int nextSeq = 0;
    auto anyRow = [&]() -> int {
      auto it = mine.begin();
      std::advance(it, static_cast<long>(random() % mine.size()));
      return it->first;
    };
    const int operations = operationsPerThread();
    for (int op = 0; op < operations; ++op) {
      const unsigned kind = mine.empty() ? 0U : static_cast<unsigned>(random() % 11U);
      switch (kind) {
        case 0:
        case 1: {  // nested create: the author and its book in one atomic write
          const int seq = nextSeq++;
          createAuthor(worker, seq, true, nullptr);
          mine[seq] = Expected{0, true};
          break;
        }
        case 2: {  // plain rows: one create, or three in one bulkCreate
          if ((op & 1) != 0) {
            const int seq = nextSeq++;
            createAuthor(worker, seq, false, nullptr);
            mine[seq] = Expected{0, false};
            break;
          }
          std::vector<Values> records;
          records.reserve(3);
          for (int i = 0; i < 3; ++i) {
            records.push_back(
                {{"worker", worker}, {"seq", nextSeq + i}, {"name", "bulk"}, {"version", 0}});
          }
          Author_->bulkCreate(records);
          for (int i = 0; i < 3; ++i) mine[nextSeq + i] = Expected{0, false};
          nextSeq += 3;
          break;
        }
        case 3: {  // update
          const int seq = anyRow();
          bump(worker, seq, nullptr, static_cast<unsigned>(op));
          ++mine[seq].version;
          break;
        }
        case 4: {  // delete
          const int seq = anyRow();
          remove(worker, seq, (op & 1) != 0);
          mine.erase(seq);
          break;
        }
        case 5:
        case 6: {  // find with include: the database matches what this thread expects
          const ExpectedRows now = actual(worker);
          if (describe(now) != describe(mine)) {
            throw std::runtime_error("expected " + describe(mine) + "\nfound    " + describe(now));
          }
          break;
        }
        case 7: {  // a transaction that commits: two creates and an update
          const int updated = anyRow();
          const int a = nextSeq++;
          const int b = nextSeq++;
          inTransaction([&](Transaction& t) {
            createAuthor(worker, a, true, &t);
            createAuthor(worker, b, false, &t);
            bump(worker, updated, &t, static_cast<unsigned>(op));
            t.commit();
          });
          mine[a] = Expected{0, true};
          mine[b] = Expected{0, false};
          ++mine[updated].version;
          break;
        }
        case 8: {  // a transaction that rolls back: nothing of it may stay
          const int updated = anyRow();
          inTransaction([&](Transaction& t) {
            createAuthor(worker, 100000 + op, true, &t);
            bump(worker, updated, &t);
            // Inside the transaction its own writes are visible.
            if (actual(worker, &t).count(100000 + op) != 1) {
              throw std::runtime_error("a transaction does not see its own write");
            }
            if ((op & 1) != 0) {
              t.rollback();
              return;
            }
            // A managed transaction that throws rolls back too.
            try {
              shared_->transaction(
                  [&](Transaction& inner) {
                    createAuthor(worker, 200000 + op, false, &inner);
                    throw std::logic_error("abandon");
                  },
                  {.transaction = &t});
            } catch (const std::logic_error&) {
            }
            t.rollback();
          });
          break;
        }
        case 9: {  // findOrCreate of an existing row finds it, of a new one creates it
          if ((op & 1) != 0) {
            const int seq = anyRow();
            const auto [found, created] =
                Author_->findOrCreate({.where = {{"worker", worker}, {"seq", seq}}});
            if (created || found.get<int>("version") != mine[seq].version) {
              throw std::runtime_error("findOrCreate did not find row " + std::to_string(seq));
            }
          } else {
            const int seq = nextSeq++;
            const auto [made, created] = Author_->findOrCreate(
                {.where = {{"worker", worker}, {"seq", seq}}, .defaults = {{"version", 0}}});
            if (!created) throw std::runtime_error("findOrCreate found a row that did not exist");
            mine[seq] = Expected{0, false};
          }
          break;
        }
        default: {  // findOne with include by key
          const int seq = anyRow();
          const std::optional<Instance> a = findMine(worker, seq, nullptr);
          if (!a || a->get<int>("version") != mine[seq].version ||
              (a->included("book") != nullptr) != mine[seq].hasBook) {
            throw std::runtime_error("row " + std::to_string(seq) +
                                     " differs from what was written");
          }
          break;
        }
      }
    }
  }

  std::unique_ptr<Sequelize> shared_;
  Model* Author_ = nullptr;
  Model* Book_ = nullptr;
};

TEST_F(Concurrency, SixteenThreadsShareOneSequelizeAndEveryCommittedChangeIsThere) {
  std::vector<ExpectedRows> expected(kWorkers);
  std::mutex mutex;
  std::vector<std::string> failures;
  std::vector<std::thread> threads;
  threads.reserve(kWorkers);
  for (int w = 0; w < kWorkers; ++w) {
    threads.emplace_back([&, w] {
      try {
        work(w, expected[static_cast<std::size_t>(w)]);
      } catch (const DatabaseError& e) {
        const std::lock_guard lock(mutex);
        failures.push_back("worker " + std::to_string(w) + ": " + e.what() + " in " + e.sql());
      } catch (const std::exception& e) {
        const std::lock_guard lock(mutex);
        failures.push_back("worker " + std::to_string(w) + ": " + e.what());
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const std::string& f : failures) ADD_FAILURE() << f;

  std::int64_t authors = 0;
  std::int64_t books = 0;
  for (int w = 0; w < kWorkers; ++w) {
    const ExpectedRows& mine = expected[static_cast<std::size_t>(w)];
    EXPECT_EQ(describe(actual(w)), describe(mine)) << "worker " << w;
    authors += static_cast<std::int64_t>(mine.size());
    for (const auto& [seq, e] : mine) books += e.hasBook ? 1 : 0;
  }
  EXPECT_EQ(countRows(*shared_, "Authors"), authors);
  EXPECT_EQ(countRows(*shared_, "Books"), books);
  EXPECT_GT(authors, kWorkers * operationsPerThread() / 10);  // the mix wrote many rows
}

}  // namespace
}  // namespace sequelize::test
