// sequelize_bench URL N [RUNS]
//
// Runs the workloads of bench/README.md through sequelize-cpp and through a raw baseline
// written against the database's C API, alternating which goes first, each run on fresh tables,
// and prints one line per workload: name, ORM median ms, raw median ms, ORM/raw. Then the peak
// resident memory, the heap bytes held per row of find_all_users and per user (its stories
// included) of find_all_users_include_stories. Every run checks how much each workload did and
// stops with an error when it did less than it claims.
#include <malloc.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "connection/url.hpp"
#include "instruction_counter.hpp"
#include "orm_side.hpp"
#include "raw_sides.hpp"

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

// Both sides are measured on a heap that keeps what it has grown to, as a long-running program's
// heap does. By default glibc hands freed memory back to the kernel (past 128 KiB at the top of
// the heap, and every block above its mmap threshold), so the next workload touches fresh pages
// again; on a virtual machine each such page fault can cost some 10 µs (bench/README.md), and
// whether a workload pays them depends on what the previous workload freed, not on its own code.
// SEQUELIZE_BENCH_MALLOC=default keeps glibc's own behaviour.
void keepHeapGrown() {
  const char* choice = std::getenv("SEQUELIZE_BENCH_MALLOC");
  if (choice != nullptr && std::string(choice) == "default") return;
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's largest: blocks below come from the heap
}

int usage() {
  std::cerr << "usage: sequelize_bench URL N [RUNS]\n"
               "  URL   sqlite::memory:, postgres://…, mariadb://…\n"
               "  N     rows for the bulk workloads (10000 by default in the README's runs)\n"
               "  RUNS  runs per side, medians reported (default 5)\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return usage();
  const std::string url = argv[1];
  const int n = std::atoi(argv[2]);
  const int runs = argc > 3 ? std::atoi(argv[3]) : 5;
  if (n < 2 || runs < 1) return usage();
  keepHeapGrown();
  const bench::Scale scale{n, std::min(n, 2000)};

  try {
    const sequelize::detail::ConnectionConfig config = sequelize::detail::parseUrl(url);
    std::vector<std::string> ddl;
    std::unique_ptr<bench::Side> orm =
        bench::makeOrmSide(url, config.dialect == "sqlite" ? &ddl : nullptr);
    std::unique_ptr<bench::Side> raw;
    if (config.dialect == "sqlite") {
      if (config.database != ":memory:") {
        std::cerr << "sequelize_bench: use sqlite::memory: (the raw side needs its own database)\n";
        return 2;
      }
      raw = bench::makeRawSqlite(":memory:", ddl);
    } else {
      const bench::ServerAddress address{config.host, config.port, config.user, config.password,
                                         config.database};
      raw = config.dialect == "postgres" ? bench::makeRawPostgres(address)
                                         : bench::makeRawMariadb(address);
    }
    const bool sharedDatabase = config.dialect != "sqlite";

    // Two phases, each its own alternating runs on fresh tables: the workloads on users and
    // stories, then the to-many ones on many_users and many_stories, seeded first. In one
    // sequence, the seed and the to-many results (6 N rows, 6 N instances) left the ORM's heap
    // and its SQLite database larger for the next run's one-to-one workloads, whose ORM/raw
    // ratios on SQLite then rose by up to 30 % over a run without the to-many workloads.
    const auto toMany =
        std::find(bench::kWorkloads.begin(), bench::kWorkloads.end(), bench::kFirstToMany);
    const std::span<const bench::Workload> phases[] = {{bench::kWorkloads.begin(), toMany},
                                                       {toMany, bench::kWorkloads.end()}};
    std::map<bench::Workload, std::vector<double>> ormMs;
    std::map<bench::Workload, std::vector<double>> rawMs;
    for (const std::span<const bench::Workload> phase : phases) {
      for (int run = 0; run < runs; ++run) {
        bench::Side* order[2] = {orm.get(), raw.get()};
        if (run % 2 == 1) std::swap(order[0], order[1]);
        for (bench::Side* side : order) {
          // On a server both sides use the same tables: the ORM creates them afresh.
          if (sharedDatabase && side == raw.get()) orm->freshTables();
          side->freshTables();
          if (phase.front() == bench::kFirstToMany) side->seedToMany(scale);
          for (const bench::Workload w : phase) {
            side->beforeRun(w, scale);
            bench::startCounting();
            const auto start = std::chrono::steady_clock::now();
            const bench::Outcome claimed = side->run(w, scale);
            const auto stop = std::chrono::steady_clock::now();
            bench::stopCounting(std::string(side->name()) + "/" +
                                std::string(bench::workloadName(w)));
            const bench::Outcome got = side->written(w, scale, claimed);
            const bench::Outcome want = bench::expectedOutcome(w, scale);
            if (got.rows != want.rows || got.nested != want.nested) {
              std::cerr << "sequelize_bench: " << side->name() << " " << bench::workloadName(w)
                        << " did " << got.rows << " rows / " << got.nested << " nested, expected "
                        << want.rows << " / " << want.nested << "\n";
              return 1;
            }
            const double ms = std::chrono::duration<double, std::milli>(stop - start).count();
            (side == orm.get() ? ormMs : rawMs)[w].push_back(ms);
          }
        }
      }
    }

    for (const bench::Workload w : bench::kWorkloads) {
      const double o = median(ormMs[w]);
      const double r = median(rawMs[w]);
      std::printf("%s\t%.2f\t%.2f\t%.3f\n", std::string(bench::workloadName(w)).c_str(), o, r,
                  o / r);
    }
    // Held bytes per row: each side reads find_all_users again with the allocation counter on
    // (on a server both read the ORM's fresh tables; SQLite's raw side has its own database).
    // The same for find_all_users_include_stories, on the to-many seed.
    orm->freshTables();
    orm->run(bench::Workload::BulkInsertUsers, scale);
    orm->seedToMany(scale);
    const double ormBytes = orm->heldBytesPerUser(scale);
    const double ormStoriesBytes = orm->heldBytesPerUserWithStories(scale);
    raw->freshTables();
    if (!sharedDatabase) {
      raw->run(bench::Workload::BulkInsertUsers, scale);
      raw->seedToMany(scale);
    }
    const double rawBytes = raw->heldBytesPerUser(scale);
    const double rawStoriesBytes = raw->heldBytesPerUserWithStories(scale);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("peak_rss_kb\t%ld\n", usage.ru_maxrss);
    std::printf("find_all_users_bytes_per_instance\t%.1f\t%.1f\t%.3f\n", ormBytes, rawBytes,
                ormBytes / rawBytes);
    std::printf("find_all_users_include_stories_bytes_per_instance\t%.1f\t%.1f\t%.3f\n",
                ormStoriesBytes, rawStoriesBytes, ormStoriesBytes / rawStoriesBytes);
  } catch (const std::exception& e) {
    std::cerr << "sequelize_bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
