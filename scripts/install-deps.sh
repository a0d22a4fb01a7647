#!/usr/bin/env bash
# Installs every Debian package that the build, the tests and the throwaway
# test servers (scripts/test-servers.sh) need.
#
# Usage: scripts/install-deps.sh [build|all]
#   build  only what building the library and the examples needs
#   all    (default) also the test tools and the database servers
#
# - Idempotent and fast: when everything is already installed it only runs
#   dpkg-query and exits, without touching the network.
# - Never prompts (CI runs it with CI=true and no standard input).
# - Never leaves a system PostgreSQL/MariaDB service running: the test suite
#   starts its own private servers, so a system service would only waste
#   memory and occupy the default ports.
set -euo pipefail

readonly BUILD_PACKAGES=(
  build-essential
  cmake
  pkg-config
  libsqlite3-dev
  libpq-dev
  libmariadb-dev
  # PCRE2: the validators' patterns, matched within time and memory limits.
  libpcre2-dev
  libfmt-dev
  nlohmann-json3-dev
)
readonly TEST_PACKAGES=(
  git
  # scripts/test.sh and scripts/fuzz.sh build with Ninja (better use of the cores than Make).
  ninja-build
  sqlite3
  libgtest-dev
  googletest
  libgmock-dev
  postgresql
  postgresql-client
  mariadb-server
  mariadb-client
  clang
  libclang-rt-14-dev
  # scripts/lint.sh: formatting and clang-tidy's bug-prone and performance checks.
  clang-format
  clang-tidy
  valgrind
)

case "${1:-all}" in
  build) PACKAGES=("${BUILD_PACKAGES[@]}") ;;
  all) PACKAGES=("${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}") ;;
  *)
    printf 'usage: %s [build|all]\n' "$0" >&2
    exit 2
    ;;
esac
readonly PACKAGES

readonly POLICY_RC_D=/usr/sbin/policy-rc.d

log() { printf 'install-deps: %s\n' "$*" >&2; }

# Root runs commands directly; anyone else needs sudo. In CI (or without a
# terminal) sudo must fail instead of waiting for a password nobody types.
SUDO=()
if [[ ${EUID} -ne 0 ]]; then
  if ! command -v sudo >/dev/null 2>&1; then
    log "not root and sudo is not installed; run this script as root"
    exit 1
  fi
  if [[ -n ${CI:-} || ! -t 0 ]]; then
    SUDO=(sudo -n)
  else
    SUDO=(sudo)
  fi
fi

as_root() { "${SUDO[@]}" "$@"; }

# dpkg-query exits non-zero for packages it has never heard of, and reports
# "not-installed"/"config-files"/"half-installed" for others: anything but
# "<want> ok installed" counts as missing.
missing=()
for pkg in "${PACKAGES[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "${pkg}" 2>/dev/null || true)"
  if [[ ${status} != *" ok installed" ]]; then
    missing+=("${pkg}")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  log "all ${#PACKAGES[@]} packages are already installed"
  exit 0
fi

log "missing: ${missing[*]}"

# --- Keep package maintainer scripts from starting system services ---------
# Debian's maintainer scripts start services through invoke-rc.d (and
# deb-systemd-invoke), which both ask /usr/sbin/policy-rc.d first; exit code
# 101 means "action forbidden". A policy file may already exist (Docker images
# ship one): save it and put it back afterwards instead of deleting it.
policy_backup=""
policy_installed=0

restore_policy() {
  if [[ ${policy_installed} -eq 1 ]]; then
    if [[ -n ${policy_backup} ]]; then
      as_root cp -p "${policy_backup}" "${POLICY_RC_D}"
      rm -f "${policy_backup}"
    else
      as_root rm -f "${POLICY_RC_D}"
    fi
    policy_installed=0
  fi
}
trap restore_policy EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ -e ${POLICY_RC_D} ]]; then
  policy_backup="$(mktemp)"
  cp -p "${POLICY_RC_D}" "${policy_backup}"
fi
policy_installed=1
printf '#!/bin/sh\n# Written temporarily by scripts/install-deps.sh.\nexit 101\n' |
  as_root tee "${POLICY_RC_D}" >/dev/null
as_root chmod 0755 "${POLICY_RC_D}"

# --- Remember which database services were running before --------------------
# Only services that the installation itself started get stopped afterwards;
# a server the machine's owner runs on purpose is left alone.
have_systemd() { [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1; }

pid_file_alive() {
  local f="$1" pid
  [[ -r ${f} ]] || return 1
  pid="$(head -n1 "${f}" 2>/dev/null || true)"
  [[ ${pid} =~ ^[0-9]+$ ]] && kill -0 "${pid}" 2>/dev/null
}

# Prints the names of database services that are running now.
running_db_services() {
  if have_systemd; then
    local unit
    for unit in mariadb postgresql; do
      if systemctl is-active --quiet "${unit}" 2>/dev/null; then
        echo "${unit}"
      fi
    done
    return 0
  fi
  # Without systemd the sysv init scripts leave pid files in /run.
  if pid_file_alive /run/mysqld/mysqld.pid; then
    echo mariadb
  fi
  local f
  for f in /run/postgresql/*.pid; do
    if pid_file_alive "${f}"; then
      echo postgresql
      break
    fi
  done
}

before="$(running_db_services)"

# --- Install -----------------------------------------------------------------
export DEBIAN_FRONTEND=noninteractive
apt_opts=(
  -y
  --no-install-recommends
  # Wait for a concurrent apt/dpkg run instead of failing at once.
  -o DPkg::Lock::Timeout=600
  # Keep existing config files without asking.
  -o Dpkg::Options::=--force-confdef
  -o Dpkg::Options::=--force-confold
)

log "apt-get update"
as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q </dev/null
log "apt-get install ${missing[*]}"
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -q "${apt_opts[@]}" "${missing[@]}" </dev/null

restore_policy

# --- Stop whatever the installation started anyway ---------------------------
after="$(running_db_services)"
for svc in ${after}; do
  if ! grep -qx "${svc}" <<<"${before}"; then
    log "stopping system service ${svc} started by the installation"
    if have_systemd; then
      as_root systemctl stop "${svc}" || true
    elif command -v service >/dev/null 2>&1; then
      # service(8) runs the init script directly, bypassing policy-rc.d.
      as_root service "${svc}" stop </dev/null || true
    fi
  fi
done

log "done"
