#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a bounded time, starting from the
# corpus in fuzz/corpus/<target>. New inputs found go to a temporary folder (the committed corpus
# only changes when someone copies interesting inputs in on purpose); an input that fails is
# kept as build/fuzz/artifacts/<target>-crash-… (add it to the corpus once fixed).
#   scripts/fuzz.sh [seconds-per-target]   (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
CC=clang CXX=clang++ cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSEQUELIZE_BUILD_FUZZERS=ON -DSEQUELIZE_BUILD_TESTS=OFF -DSEQUELIZE_BUILD_EXAMPLES=OFF >/dev/null
cmake --build build/fuzz -j "$(nproc)" --target fuzz_url fuzz_where fuzz_values
scratch="$(mktemp -d)"
trap 'rm -rf "${scratch}"' EXIT
mkdir -p build/fuzz/artifacts
status=0
for target in url where values; do
  mkdir -p "${scratch}/${target}"
  echo "fuzz_${target}: ${seconds}s"
  build/fuzz/fuzz/fuzz_${target} -max_total_time="${seconds}" -print_final_stats=1 \
    -timeout=10 -rss_limit_mb=2048 -artifact_prefix="build/fuzz/artifacts/${target}-" \
    "${scratch}/${target}" "fuzz/corpus/${target}" || status=1
done
exit "${status}"
