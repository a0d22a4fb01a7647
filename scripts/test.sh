#!/usr/bin/env bash
# Builds everything with warnings as errors and runs every test: unit tests, the database suite
# and the seed conformance test on SQLite, PostgreSQL and MariaDB (throwaway servers on
# 127.0.0.1, started and stopped here), then the same suite built with AddressSanitizer and
# UndefinedBehaviorSanitizer, the threaded tests built with ThreadSanitizer, and each libFuzzer
# target for a bounded time from the committed corpus (scripts/fuzz.sh). The benchmark is built
# in Release and run once at a small scale on every dialect as a smoke test (its row-count
# checks must pass; timings are not judged). Formatting and clang-tidy (scripts/lint.sh) are
# checked on the working tree while the suites run (they wait on the databases more than they
# use the processors); a finding fails the run.
#   scripts/test.sh            everything
#   SEQUELIZE_SKIP_SANITIZERS=1 scripts/test.sh   the plain build only (quicker, local use)
#   SEQUELIZE_FUZZ_SECONDS=60 scripts/test.sh     longer fuzzing (default 20 s per target)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh all

jobs="$(nproc)"
# Every configuration here (and scripts/fuzz.sh) builds with Ninja and as a unity build:
# - Ninja compiles a target's objects while the library it links is still being built, where
#   Make waits for the library first, so both cores stay busy.
# - A unity build compiles a target's sources in batches of 8 per translation unit: the headers
#   (GoogleTest's, the library's, the standard library's) are parsed, and their inline functions
#   compiled, once per batch instead of once per file. That halves the compile time of every
#   configuration. Builds made without this script stay file by file (CMake's default), so a
#   source that forgets an #include still fails there.
# An existing build folder keeps the generator it was made with (CMake refuses to switch).

# configure_and_build DIR [CMAKE_OPTION...] [--target NAME]
configure_and_build() {
  local dir="$1"
  shift
  local options=() build=()
  while [[ $# -gt 0 ]]; do
    if [[ $1 == --target ]]; then
      build+=(--target "$2")
      shift 2
    else
      options+=("$1")
      shift
    fi
  done
  if [[ ! -f ${dir}/CMakeCache.txt ]]; then
    options+=(-G Ninja)
  fi
  cmake -S . -B "${dir}" -DCMAKE_UNITY_BUILD=ON -DSEQUELIZE_WERROR=ON "${options[@]}" >/dev/null
  cmake --build "${dir}" -j "${jobs}" "${build[@]}"
}

# One optimised build serves the tests and the benchmark (Release, as the benchmark is measured).
configure_and_build build/test -DCMAKE_BUILD_TYPE=Release -DSEQUELIZE_BUILD_BENCH=ON
if [[ -z ${SEQUELIZE_SKIP_SANITIZERS:-} ]]; then
  configure_and_build build/sanitize -DCMAKE_BUILD_TYPE=Debug -DSEQUELIZE_SANITIZE=ON \
    -DSEQUELIZE_BUILD_EXAMPLES=ON
  # Only the threaded tests: they are the ones ThreadSanitizer is for.
  configure_and_build build/tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSEQUELIZE_TSAN=ON \
    -DSEQUELIZE_BUILD_EXAMPLES=OFF --target threaded_tests
fi

# Every run happens; the result fails if any failed (the function runs in a fresh
# bash without -e, so each status is kept explicitly).
run_suites() {
  local rc=0
  ctest --test-dir build/test --output-on-failure -j "${jobs}" || rc=1
  if [[ -z ${SEQUELIZE_SKIP_SANITIZERS:-} ]]; then
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      ctest --test-dir build/sanitize --output-on-failure -j "${jobs}" || rc=1
    # The threaded tests (every dialect) under ThreadSanitizer; a report fails the run.
    ctest --test-dir build/tsan --output-on-failure -j "${jobs}" -R '^threads[.]' || rc=1
  fi
  local url
  for url in "sqlite::memory:" "${SEQUELIZE_TEST_POSTGRES_URL}" "${SEQUELIZE_TEST_MARIADB_URL}"; do
    echo "sequelize_bench smoke: ${url%%:*}"
    build/test/bench/sequelize_bench "${url}" 200 1 || rc=1
  done
  return "${rc}"
}
export -f run_suites
export jobs
status=0
mkdir -p build
bash scripts/lint.sh >build/lint.log 2>&1 &
lint_pid=$!
scripts/with-test-servers.sh bash -c run_suites || status=1
lint_status=0
wait "${lint_pid}" || lint_status=$?
cat build/lint.log
if [[ ${lint_status} != 0 ]]; then
  echo "scripts/lint.sh failed: see above"
  status=1
fi
if [[ -z ${SEQUELIZE_SKIP_SANITIZERS:-} ]]; then
  bash scripts/fuzz.sh "${SEQUELIZE_FUZZ_SECONDS:-20}" || status=1
fi
exit "${status}"
