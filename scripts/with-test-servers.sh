#!/usr/bin/env bash
# Runs a command with throwaway PostgreSQL and MariaDB servers.
#
# Usage: scripts/with-test-servers.sh <command> [args...]
#   e.g. scripts/with-test-servers.sh ctest --test-dir build --output-on-failure
#
# Starts both servers in a fresh temporary statedir (scripts/test-servers.sh),
# runs the command with the SEQUELIZE_TEST_* variables of <statedir>/env.sh
# exported, then always stops the servers and deletes the statedir - also
# when the command fails or the script is interrupted - and exits with the
# command's exit code.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}" >&2
  exit 2
fi

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
servers="${script_dir}/test-servers.sh"

# A short base path keeps the unix socket paths below their 107-byte limit
# even when TMPDIR is long.
base="${TMPDIR:-/tmp}"
if ((${#base} > 40)); then
  base=/tmp
fi
statedir="$(mktemp -d "${base}/sequelize-test.XXXXXX")"

# shellcheck disable=SC2317 # invoked through the EXIT trap
cleanup() {
  local rc=$?
  # Ignore further Ctrl-C while cleaning up, so servers are never left behind.
  trap '' INT TERM
  "${servers}" stop "${statedir}" || true
  rm -rf "${statedir}"
  exit "${rc}"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"${servers}" start "${statedir}" >/dev/null
# shellcheck source=/dev/null
. "${statedir}/env.sh"

rc=0
"$@" || rc=$?
exit "${rc}"
