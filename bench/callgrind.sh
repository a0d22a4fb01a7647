#!/usr/bin/env bash
# Instructions per workload, ORM side against raw side, counted by valgrind's callgrind: stable
# from run to run on a busy machine, where wall-clock medians are not.
#
# Usage: bench/callgrind.sh BENCH_BINARY URL [N]
#   e.g. bench/callgrind.sh build/bench/bench/sequelize_bench sqlite::memory: 2000
# Prints `name<TAB>orm_instructions<TAB>raw_instructions<TAB>orm/raw` per workload, counted in
# the second of two runs: the steady state the wall-clock medians mostly measure (the first run
# also prepares statements and fills the ORM's caches). On PostgreSQL and MariaDB only the
# client's instructions are counted (the server is another process). Keeps the dumps when
# CALLGRIND_KEEP=DIR is set (callgrind_annotate reads them).
set -euo pipefail
if [[ $# -lt 2 ]]; then
  sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}" >&2
  exit 2
fi
binary="$1"
url="$2"
n="${3:-2000}"
out="${CALLGRIND_KEEP:-$(mktemp -d)}"
mkdir -p "${out}"
[[ -n ${CALLGRIND_KEEP:-} ]] || trap 'rm -rf "${out}"' EXIT

valgrind --tool=callgrind --callgrind-out-file="${out}/bench.out" "${binary}" "${url}" "${n}" 2 \
  >/dev/null 2>"${out}/valgrind.log" || {
  tail -n 20 "${out}/valgrind.log" >&2
  exit 1
}

# Each dump names its workload ("desc: Trigger: Client Request: orm/find_all_users") and
# gives its total ("totals: 123" or "summary: 123"); the second run's dump of a label replaces
# the first's.
for f in $(printf '%s\n' "${out}"/bench.out.* | sort -V); do
  awk '/^desc: Trigger: Client Request: / { label = $NF }
       /^(totals|summary): / { total = $2 }
       END { if (label != "") print label "\t" total }' "${f}"
done | awk -F'\t' '
  { split($1, part, "/"); side = part[1]; name = part[2]; count[side, name] = $2
    if (!(name in seen)) { seen[name] = 1; order[++n] = name } }
  END {
    for (i = 1; i <= n; ++i) {
      w = order[i]; o = count["orm", w]; r = count["raw", w]
      printf "%s\t%d\t%d\t%.3f\n", w, o, r, (r > 0 ? o / r : 0)
    }
  }'
