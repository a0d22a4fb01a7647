#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a bounded time, starting from the
# corpus in fuzz/corpus/<target>. New inputs found go to a temporary folder (the committed corpus
# only changes when someone copies interesting inputs in on purpose); an input that fails is
# kept as build/fuzz/artifacts/<target>-crash-… (add it to the corpus once fixed).
#   scripts/fuzz.sh [seconds-per-target]   (default 30)
# The targets run side by side, one per core (each is single-threaded), each for the full time.
# Any sanitizer report (AddressSanitizer, UndefinedBehaviorSanitizer: the build makes every check
# fatal) or a failed invariant stops that target, saves its input and fails the run; the last
# lines name each target that failed and its saved input. Replay one with
#   build/fuzz/fuzz/fuzz_<target> build/fuzz/artifacts/<file>
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
targets=(url where values)
# Ninja and a unity build, as in scripts/test.sh (which says why); an existing build folder
# keeps its generator.
generator=()
if [[ ! -f build/fuzz/CMakeCache.txt ]]; then
  generator=(-G Ninja)
fi
CC=clang CXX=clang++ cmake -S . -B build/fuzz "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_UNITY_BUILD=ON -DSEQUELIZE_BUILD_FUZZERS=ON -DSEQUELIZE_BUILD_TESTS=OFF \
  -DSEQUELIZE_BUILD_EXAMPLES=OFF >/dev/null
cmake --build build/fuzz -j "$(nproc)" --target "${targets[@]/#/fuzz_}"
scratch="$(mktemp -d)"
trap 'rm -rf "${scratch}"' EXIT
mkdir -p build/fuzz/artifacts
# A stack trace with each UndefinedBehaviorSanitizer report (the report itself is fatal).
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"

# run_target NAME: fuzzes one target; its output goes to ${scratch}/NAME.log and its exit status
# to ${scratch}/NAME.status, printed in order once all have run.
run_target() {
  local target="$1" rc=0
  mkdir -p "${scratch}/${target}"
  build/fuzz/fuzz/fuzz_${target} -max_total_time="${seconds}" -print_final_stats=1 \
    -timeout=10 -rss_limit_mb=2048 -artifact_prefix="build/fuzz/artifacts/${target}-" \
    "${scratch}/${target}" "fuzz/corpus/${target}" >"${scratch}/${target}.log" 2>&1 || rc=$?
  echo "${rc}" >"${scratch}/${target}.status"
}

parallel="$(nproc)"
for target in "${targets[@]}"; do
  # At most one target per core, so that each gets a whole core for its time.
  while (($(jobs -rp | wc -l) >= parallel)); do
    wait -n || true
  done
  echo "fuzz_${target}: ${seconds}s"
  run_target "${target}" &
done
wait

status=0
summary=()
for target in "${targets[@]}"; do
  echo "=== fuzz_${target}"
  cat "${scratch}/${target}.log"
  rc="$(cat "${scratch}/${target}.status" 2>/dev/null || echo 1)"
  if [[ ${rc} == 0 ]]; then
    summary+=("fuzz_${target}: passed")
    continue
  fi
  status=1
  # libFuzzer names the input it saved: "Test unit written to <path>".
  artifact="$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "${scratch}/${target}.log" | tail -n1)"
  # The first report line says what went wrong (sanitizer, deadly signal, timeout …).
  reason="$(grep -m1 -E 'runtime error:|ERROR: (AddressSanitizer|libFuzzer|UndefinedBehaviorSanitizer)|==[0-9]+== ?ERROR' \
    "${scratch}/${target}.log" || true)"
  summary+=("fuzz_${target}: FAILED (exit ${rc})${reason:+: ${reason}}")
  summary+=("  input saved as: ${artifact:-none (see the log above)}")
done
echo "=== summary"
printf '%s\n' "${summary[@]}"
exit "${status}"
