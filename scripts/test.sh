#!/usr/bin/env bash
# Builds everything with warnings as errors and runs every test: unit tests, the database suite
# and the seed conformance test on SQLite, PostgreSQL and MariaDB (throwaway servers on
# 127.0.0.1, started and stopped here), then the same suite built with AddressSanitizer and
# UndefinedBehaviorSanitizer.
#   scripts/test.sh            everything
#   SEQUELIZE_SKIP_SANITIZERS=1 scripts/test.sh   the plain build only (quicker, local use)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh all

jobs="$(nproc)"
configure_and_build() {
  local dir="$1"
  shift
  cmake -S . -B "${dir}" -DSEQUELIZE_WERROR=ON "$@" >/dev/null
  cmake --build "${dir}" -j "${jobs}"
}

configure_and_build build/test -DCMAKE_BUILD_TYPE=RelWithDebInfo
if [[ -z ${SEQUELIZE_SKIP_SANITIZERS:-} ]]; then
  configure_and_build build/sanitize -DCMAKE_BUILD_TYPE=Debug -DSEQUELIZE_SANITIZE=ON \
    -DSEQUELIZE_BUILD_EXAMPLES=ON
fi

# Both runs always happen; the result fails if either failed (the function runs in a fresh
# bash without -e, so each status is kept explicitly).
run_suites() {
  local rc=0
  ctest --test-dir build/test --output-on-failure -j "${jobs}" || rc=1
  if [[ -z ${SEQUELIZE_SKIP_SANITIZERS:-} ]]; then
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      ctest --test-dir build/sanitize --output-on-failure -j "${jobs}" || rc=1
  fi
  return "${rc}"
}
export -f run_suites
export jobs
scripts/with-test-servers.sh bash -c run_suites
