#pragma once
// Per-workload instruction counts under valgrind's callgrind (bench/callgrind.sh): the counters
// are zeroed before a workload and written to a dump named after it when it ends. Outside
// valgrind these are a handful of instructions each; without valgrind's headers, nothing.
#include <string>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define SEQUELIZE_BENCH_HAS_CALLGRIND 1
#endif

namespace bench {

inline void startCounting() {
#ifdef SEQUELIZE_BENCH_HAS_CALLGRIND
  CALLGRIND_ZERO_STATS;
#endif
}

// `label` names the dump: "<side>/<workload>".
inline void stopCounting([[maybe_unused]] const std::string& label) {
#ifdef SEQUELIZE_BENCH_HAS_CALLGRIND
  CALLGRIND_DUMP_STATS_AT(label.c_str());
#endif
}

}  // namespace bench
