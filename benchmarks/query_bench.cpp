// Times bulkCreate, findAll, findByPk and instance update against the same work written
// directly on the sqlite3 C API (prepared statements, one transaction for the inserts), on an
// in-memory database. Prints milliseconds per run and the ratio library / C API.
//   build/…/benchmarks/query_bench [rows]
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "sequelize/sequelize.hpp"

using namespace sequelize;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Row {
  std::int64_t id;
  std::string name;
  std::string email;
  std::int64_t qty;
  std::string createdAt;
  std::string updatedAt;
};

const char* kCreate =
    "CREATE TABLE people (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(255) NOT NULL, "
    "email VARCHAR(255) NOT NULL, qty INTEGER, createdAt DATETIME NOT NULL, updatedAt DATETIME "
    "NOT NULL)";

struct Times {
  double bulk = 0, findAll = 0, findByPk = 0, update = 0;
};

Times rawCApi(int rows) {
  Times t;
  sqlite3* db = nullptr;
  sqlite3_open(":memory:", &db);
  sqlite3_exec(db, kCreate, nullptr, nullptr, nullptr);
  const std::string now = "2026-01-01 00:00:00.000 +00:00";

  auto start = Clock::now();
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO people (name,email,qty,createdAt,updatedAt) VALUES (?,?,?,?,?)",
                     -1, &insert, nullptr);
  sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
  for (int i = 0; i < rows; ++i) {
    const std::string name = "person" + std::to_string(i);
    const std::string email = name + "@example.com";
    sqlite3_bind_text(insert, 1, name.c_str(), static_cast<int>(name.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 2, email.c_str(), static_cast<int>(email.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(insert, 3, i);
    sqlite3_bind_text(insert, 4, now.c_str(), static_cast<int>(now.size()), SQLITE_STATIC);
    sqlite3_bind_text(insert, 5, now.c_str(), static_cast<int>(now.size()), SQLITE_STATIC);
    sqlite3_step(insert);
    sqlite3_reset(insert);
  }
  sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_finalize(insert);
  t.bulk = msSince(start);

  auto text = [](sqlite3_stmt* s, int c) {
    return std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, c)),
                       static_cast<std::size_t>(sqlite3_column_bytes(s, c)));
  };
  auto readRow = [&](sqlite3_stmt* s) {
    return Row{sqlite3_column_int64(s, 0), text(s, 1), text(s, 2),
               sqlite3_column_int64(s, 3), text(s, 4), text(s, 5)};
  };
  start = Clock::now();
  sqlite3_stmt* all = nullptr;
  sqlite3_prepare_v2(db, "SELECT id, name, email, qty, createdAt, updatedAt FROM people", -1, &all,
                     nullptr);
  std::vector<Row> found;
  while (sqlite3_step(all) == SQLITE_ROW) found.push_back(readRow(all));
  sqlite3_finalize(all);
  t.findAll = msSince(start);

  start = Clock::now();
  sqlite3_stmt* byId = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT id, name, email, qty, createdAt, updatedAt FROM people WHERE id = ?",
                     -1, &byId, nullptr);
  std::size_t seen = 0;
  for (int i = 1; i <= rows; ++i) {
    sqlite3_bind_int64(byId, 1, i);
    if (sqlite3_step(byId) == SQLITE_ROW) seen += readRow(byId).name.size();
    sqlite3_reset(byId);
  }
  sqlite3_finalize(byId);
  t.findByPk = msSince(start);

  start = Clock::now();
  sqlite3_stmt* update = nullptr;
  sqlite3_prepare_v2(db, "UPDATE people SET qty=?, updatedAt=? WHERE id = ?", -1, &update, nullptr);
  for (Row& r : found) {
    r.qty += 1;
    sqlite3_bind_int64(update, 1, r.qty);
    sqlite3_bind_text(update, 2, now.c_str(), static_cast<int>(now.size()), SQLITE_STATIC);
    sqlite3_bind_int64(update, 3, r.id);
    sqlite3_step(update);
    sqlite3_reset(update);
  }
  sqlite3_finalize(update);
  t.update = msSince(start);
  sqlite3_close(db);
  if (seen == 0) std::puts("(nothing read)");
  return t;
}

Times library(int rows) {
  Times t;
  Sequelize db("sqlite::memory:");
  Model& People = db.define("Person",
                            {
                                {"name", {.type = DataTypes::STRING, .allowNull = false}},
                                {"email", {.type = DataTypes::STRING, .allowNull = false}},
                                {"qty", DataTypes::INTEGER},
                            },
                            {.tableName = "people"});
  db.sync();
  std::vector<Values> records;
  records.reserve(static_cast<std::size_t>(rows));
  for (int i = 0; i < rows; ++i) {
    const std::string name = "person" + std::to_string(i);
    records.push_back({{"name", name}, {"email", name + "@example.com"}, {"qty", i}});
  }
  auto start = Clock::now();
  People.bulkCreate(records);
  t.bulk = msSince(start);

  start = Clock::now();
  std::vector<Instance> found = People.findAll();
  t.findAll = msSince(start);

  start = Clock::now();
  std::size_t seen = 0;
  for (int i = 1; i <= rows; ++i) {
    if (auto p = People.findByPk(i)) seen += p->get("name").text().size();
  }
  t.findByPk = msSince(start);

  start = Clock::now();
  for (Instance& p : found) p.update({{"qty", p.get<std::int64_t>("qty") + 1}});
  t.update = msSince(start);
  if (seen == 0) std::puts("(nothing read)");
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  const int rows = argc > 1 ? std::atoi(argv[1]) : 10000;
  // The best of a few runs of each: the first run warms caches and the allocator.
  Times raw{1e9, 1e9, 1e9, 1e9}, lib{1e9, 1e9, 1e9, 1e9};
  for (int run = 0; run < 3; ++run) {
    const Times r = rawCApi(rows);
    const Times l = library(rows);
    raw = {std::min(raw.bulk, r.bulk), std::min(raw.findAll, r.findAll),
           std::min(raw.findByPk, r.findByPk), std::min(raw.update, r.update)};
    lib = {std::min(lib.bulk, l.bulk), std::min(lib.findAll, l.findAll),
           std::min(lib.findByPk, l.findByPk), std::min(lib.update, l.update)};
  }
  std::printf("%d rows, sqlite::memory:, best of 3 (ms)\n", rows);
  std::printf("%-28s %10s %10s %8s\n", "operation", "C API", "library", "ratio");
  auto line = [](const char* what, double a, double b) {
    std::printf("%-28s %10.2f %10.2f %8.2f\n", what, a, b, b / a);
  };
  line("bulkCreate (all rows)", raw.bulk, lib.bulk);
  line("findAll (all rows)", raw.findAll, lib.findAll);
  line("findByPk (each row)", raw.findByPk, lib.findByPk);
  line("instance update (each row)", raw.update, lib.update);
  return 0;
}
