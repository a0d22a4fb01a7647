#!/usr/bin/env bash
# Checks the working tree's C++ sources against the project's .clang-format and .clang-tidy
# (bug-prone and performance checks); any difference or finding fails.
#   scripts/lint.sh          both checks, on every source of the tree
#   scripts/lint.sh format   formatting only (seconds)
#   scripts/lint.sh FILE...  both checks, on the given sources only
# clang-tidy needs each file's compile command: a non-unity configuration in build/lint is made
# for that (configured only, never built). Headers are checked through the sources that include
# them (.clang-tidy's HeaderFilterRegex: include/sequelize and src).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=all
files=()
if [[ ${1:-} == format ]]; then
  mode=format
  shift
fi
if [[ $# -gt 0 ]]; then
  files=("$@")
else
  mapfile -t files < <(git ls-files -- '*.cpp' '*.hpp')
fi

for tool in clang-format clang-tidy; do
  command -v "${tool}" >/dev/null || {
    echo "lint: ${tool} is missing (scripts/install-deps.sh installs it)"
    exit 1
  }
done

status=0

# --- formatting: every file as .clang-format writes it
unformatted=()
for f in "${files[@]}"; do
  if ! clang-format --dry-run --Werror "${f}" >/dev/null 2>&1; then
    unformatted+=("${f}")
  fi
done
if ((${#unformatted[@]} > 0)); then
  echo "lint: not formatted as .clang-format says (run clang-format -i on them):"
  printf '  %s\n' "${unformatted[@]}"
  status=1
else
  echo "lint: formatting ok (${#files[@]} files)"
fi
if [[ ${mode} == format ]]; then
  exit "${status}"
fi

# --- clang-tidy: the sources (headers come with them)
generator=()
if [[ ! -f build/lint/CMakeCache.txt ]]; then
  generator=(-G Ninja)
fi
cmake -S . -B build/lint "${generator[@]}" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_UNITY_BUILD=OFF \
  -DSEQUELIZE_BUILD_BENCH=ON -DSEQUELIZE_BUILD_EXAMPLES=ON -DSEQUELIZE_BUILD_TESTS=ON \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
sources=()
for f in "${files[@]}"; do
  # tests/layers/ holds a probe that must not compile (the layer rule's test).
  [[ ${f} == *.cpp && ${f} != fuzz/* && ${f} != tests/layers/* ]] && sources+=("${f}")
done
if ((${#sources[@]} == 0)); then
  exit "${status}"
fi
log="$(mktemp)"
trap 'rm -f "${log}"' EXIT
# Each run reports its findings on standard output; a file that fails to parse is a finding too.
printf '%s\n' "${sources[@]}" |
  xargs -P "$(nproc)" -n 4 clang-tidy -p build/lint --quiet --warnings-as-errors='*' \
    >"${log}" 2>/dev/null || true
# A header's finding appears once per source that includes it: each is shown once.
findings="$(grep -E '^[^ ].*:[0-9]+:[0-9]+: (warning|error):' "${log}" | sort -u || true)"
if [[ -n ${findings} ]]; then
  echo "lint: clang-tidy findings:"
  echo "${findings}"
  status=1
else
  echo "lint: clang-tidy clean (${#sources[@]} sources)"
fi
exit "${status}"
