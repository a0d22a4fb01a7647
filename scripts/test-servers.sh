#!/usr/bin/env bash
# Throwaway PostgreSQL and MariaDB servers for the test suite.
#
# Usage:
#   scripts/test-servers.sh start   <statedir>   # init (first time) + start both, write <statedir>/env.sh
#   scripts/test-servers.sh stop    <statedir>   # stop both (tolerates servers that are already gone)
#   scripts/test-servers.sh status  <statedir>   # print whether each server runs; exit 1 if one is down
#   scripts/test-servers.sh start-postgres|stop-postgres|restart-postgres|kill-postgres <statedir>
#   scripts/test-servers.sh start-mariadb|stop-mariadb|restart-mariadb|kill-mariadb    <statedir>
#
# Both servers listen on 127.0.0.1 only, each on its own free TCP port chosen
# on first start and kept (in <statedir>/*.port) so that a restart comes back
# on the same port with the same data. Nothing here uses or touches a system
# service: the data, sockets, pid files and logs all live under <statedir>.
#
# "start" prints env.sh to stdout (progress goes to stderr), so both
#   . <statedir>/env.sh        and        eval "$(scripts/test-servers.sh start DIR)"
# work. "kill-*" simulates a crash (PostgreSQL: immediate shutdown, MariaDB:
# SIGKILL); "start-*" brings the server back up after any stop or kill.
#
# Environment knobs:
#   SEQUELIZE_TEST_SERVER_TIMEOUT  seconds to wait for a start/stop (default 60)
#   SEQUELIZE_TEST_PG_BINDIR       PostgreSQL bin dir (default: newest /usr/lib/postgresql/*/bin)
set -euo pipefail
# Let failures inside "$(...)" abort too (bash clears -e there by default).
shopt -s inherit_errexit

# mariadbd lives in /usr/sbin, which a non-root PATH often lacks.
export PATH="${PATH}:/usr/local/sbin:/usr/sbin:/sbin"
# Keep the caller's client settings from redirecting our admin connections.
unset PGDATA PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGPASSWORD PGPASSFILE \
  PGSERVICE PGSERVICEFILE PGOPTIONS PGSSLMODE \
  MYSQL_PWD MYSQL_HOST MYSQL_TCP_PORT MYSQL_UNIX_PORT

SCRIPT_PATH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)/$(basename "${BASH_SOURCE[0]}")"
readonly SCRIPT_PATH
readonly HOST=127.0.0.1
readonly DB_USER=sequelize
readonly DB_PASSWORD=sequelize_pw
readonly DB_NAME=sequelize_test
readonly SEED_DB_NAME=seed
readonly TIMEOUT="${SEQUELIZE_TEST_SERVER_TIMEOUT:-60}"
# Ports are drawn below the kernel's ephemeral range (32768+) so that an
# outgoing connection cannot grab the port between choosing and binding it.
readonly PORT_MIN=20000
readonly PORT_SPAN=12000

log() { printf 'test-servers: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

usage() {
  sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${SCRIPT_PATH}" >&2
  exit 2
}

# ---------------------------------------------------------------------------
# Paths
# ---------------------------------------------------------------------------
set_paths() {
  STATEDIR="$1"
  PG_DATA="${STATEDIR}/pg-data"
  PG_SOCKET_DIR="${STATEDIR}/pg-socket"
  PG_LOG="${STATEDIR}/postgres.log"
  PG_PORT_FILE="${STATEDIR}/postgres.port"
  PG_PID_FILE="${PG_DATA}/postmaster.pid"
  PG_PROVISIONED="${STATEDIR}/postgres.provisioned"
  MY_DATA="${STATEDIR}/mariadb-data"
  MY_SOCKET="${STATEDIR}/mariadb.sock"
  MY_PID_FILE="${STATEDIR}/mariadb.pid"
  MY_ERR="${STATEDIR}/mariadb.err"
  MY_PORT_FILE="${STATEDIR}/mariadb.port"
  MY_PROVISIONED="${STATEDIR}/mariadb.provisioned"
  ENV_FILE="${STATEDIR}/env.sh"
}

# Unix socket paths are limited to 107 bytes; fail early with a clear message
# instead of a cryptic bind error from the server.
check_socket_paths() {
  local longest="${PG_SOCKET_DIR}/.s.PGSQL.65535.lock"
  if ((${#longest} > 100 || ${#MY_SOCKET} > 100)); then
    die "statedir path too long for unix sockets: ${STATEDIR} (use a shorter one, e.g. under /tmp)"
  fi
}

# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------
now() { date +%s; }

pid_alive() { [[ $1 =~ ^[0-9]+$ ]] && kill -0 "$1" 2>/dev/null; }

# Waits until pid $1 has exited, at most $2 seconds. The process is not our
# child (servers outlive the script that started them), so poll.
wait_pid_gone() {
  local pid="$1" deadline=$(($(now) + $2))
  while pid_alive "${pid}"; do
    (($(now) < deadline)) || return 1
    sleep 0.1
  done
}

# True when /proc/<pid>/cmdline mentions $2: guards against signalling an
# unrelated process that inherited a recycled pid from a stale pid file.
pid_cmdline_has() {
  local pid="$1" needle="$2" cmdline
  cmdline="$(tr '\0' ' ' <"/proc/${pid}/cmdline" 2>/dev/null || true)"
  [[ ${cmdline} == *"${needle}"* ]]
}

# Direct children of a pid, read from /proc (procps may be absent).
child_pids() {
  local parent="$1" stat f rest ppid
  for f in /proc/[0-9]*/stat; do
    stat="$(cat "${f}" 2>/dev/null)" || continue
    # Field 4 (ppid) follows the ")" that closes the command name.
    rest="${stat##*) }"
    read -r _ ppid _ <<<"${rest}"
    if [[ ${ppid} == "${parent}" ]]; then
      f="${f#/proc/}"
      echo "${f%/stat}"
    fi
  done
}

port_in_use() {
  # A successful connect means something listens there. Probing 127.0.0.1
  # also catches servers bound to 0.0.0.0.
  (exec 3<>"/dev/tcp/${HOST}/$1") 2>/dev/null
}

# Prints a free port, different from any port given as argument.
pick_port() {
  local port tries=0 taken
  while ((tries < 200)); do
    tries=$((tries + 1))
    port=$((PORT_MIN + (RANDOM * 32768 + RANDOM) % PORT_SPAN))
    for taken in "$@"; do
      [[ ${port} == "${taken}" ]] && continue 2
    done
    port_in_use "${port}" && continue
    echo "${port}"
    return 0
  done
  die "no free TCP port found in ${PORT_MIN}-$((PORT_MIN + PORT_SPAN - 1))"
}

read_port() { [[ -f $1 ]] && cat "$1"; }

# Chooses (once) and prints the port for one server; the other server's port
# is excluded so that the two never collide.
server_port() {
  local file="$1" other_file="$2" port other
  port="$(read_port "${file}" || true)"
  if [[ -z ${port} ]]; then
    other="$(read_port "${other_file}" || true)"
    port="$(pick_port ${other:+"${other}"})"
    echo "${port}" >"${file}"
  fi
  echo "${port}"
}

# ---------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------
# PostgreSQL refuses to run as root, so as root every server-side command
# runs as the "postgres" system user (created by Debian's postgresql-common).
if ((EUID == 0)); then
  PG_OS_USER=postgres
else
  PG_OS_USER="$(id -un)"
fi

as_pg() {
  if ((EUID == 0)); then
    # cd / first: the postgres user usually cannot read the caller's cwd,
    # which makes initdb/pg_ctl print "could not change directory" noise.
    if command -v runuser >/dev/null 2>&1; then
      (cd / && runuser -u "${PG_OS_USER}" -- "$@")
    else
      (cd / && su "${PG_OS_USER}" -s /bin/bash -c "$(printf '%q ' "$@")")
    fi
  else
    "$@"
  fi
}

pg_bindir() {
  if [[ -n ${SEQUELIZE_TEST_PG_BINDIR:-} ]]; then
    echo "${SEQUELIZE_TEST_PG_BINDIR}"
    return 0
  fi
  local ctl
  ctl="$(printf '%s\n' /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n1)"
  [[ -x ${ctl} ]] || die "no PostgreSQL server found under /usr/lib/postgresql (run scripts/install-deps.sh)"
  dirname "${ctl}"
}

pg_server_options() {
  local port="$1"
  echo "-c listen_addresses=${HOST} -p ${port} -k ${PG_SOCKET_DIR} -c fsync=off -c max_connections=200"
}

pg_init() {
  [[ -f ${PG_DATA}/PG_VERSION ]] && return 0
  local bindir port="$1" pwfile="${STATEDIR}/pg-pwfile" initlog="${STATEDIR}/pg-initdb.log"
  bindir="$(pg_bindir)"
  log "initialising PostgreSQL ($("${bindir}/postgres" --version)) in ${PG_DATA}"

  if ((EUID == 0)); then
    id -u "${PG_OS_USER}" >/dev/null 2>&1 ||
      die "system user ${PG_OS_USER} does not exist (install the postgresql package)"
    # mktemp -d makes 0700 folders; the postgres user needs to pass through
    # the statedir (search permission only, no listing).
    chmod a+x "${STATEDIR}"
    as_pg test -x "${STATEDIR}" ||
      die "user ${PG_OS_USER} cannot reach ${STATEDIR}; choose a statedir whose parents are world-searchable (e.g. under /tmp)"
  fi

  rm -rf "${PG_DATA}"
  mkdir -p "${PG_DATA}" "${PG_SOCKET_DIR}"
  chmod 0700 "${PG_DATA}"
  : >"${PG_LOG}"
  (umask 077 && printf '%s\n' "${DB_PASSWORD}" >"${pwfile}")
  if ((EUID == 0)); then
    chown "${PG_OS_USER}:" "${PG_DATA}" "${PG_SOCKET_DIR}" "${PG_LOG}" "${pwfile}"
  fi

  # --no-sync: the data is thrown away, durability of initdb's files is moot.
  local initdb=("${bindir}/initdb" -D "${PG_DATA}" -U "${DB_USER}" --pwfile="${pwfile}"
    --auth=scram-sha-256 -E UTF8 --no-sync)
  if ! as_pg "${initdb[@]}" --locale=C.UTF-8 >"${initlog}" 2>&1; then
    # Systems without a C.UTF-8 locale: plain C still gives a UTF8 database.
    log "initdb with --locale=C.UTF-8 failed, retrying with --locale=C"
    as_pg find "${PG_DATA}" -mindepth 1 -delete
    if ! as_pg "${initdb[@]}" --locale=C >>"${initlog}" 2>&1; then
      rm -f "${pwfile}"
      cat "${initlog}" >&2
      die "initdb failed"
    fi
  fi
  rm -f "${pwfile}"

  # Also record the settings in postgresql.conf, so that a plain
  # "pg_ctl -D <data> start" (e.g. from a fault-injection test using
  # SEQUELIZE_TEST_POSTGRES_CTL) comes back identically.
  as_pg tee -a "${PG_DATA}/postgresql.conf" >/dev/null <<EOF

# --- throwaway test server (scripts/test-servers.sh) ---
listen_addresses = '${HOST}'
port = ${port}
unix_socket_directories = '${PG_SOCKET_DIR}'
fsync = off
max_connections = 200
EOF
}

pg_ctl_cmd() { as_pg "$(pg_bindir)/pg_ctl" -D "${PG_DATA}" "$@"; }

pg_running() {
  [[ -f ${PG_DATA}/PG_VERSION ]] || return 1
  pg_ctl_cmd status >/dev/null 2>&1
}

pg_psql() {
  PGPASSWORD="${DB_PASSWORD}" PGCONNECT_TIMEOUT=10 "$(pg_bindir)/psql" -X -q -v ON_ERROR_STOP=1 -tA \
    -h "${HOST}" -p "$(read_port "${PG_PORT_FILE}")" -U "${DB_USER}" -d postgres "$@"
}

pg_provision() {
  [[ -f ${PG_PROVISIONED} ]] && return 0
  local db
  for db in "${SEED_DB_NAME}" "${DB_NAME}"; do
    if [[ -z "$(pg_psql -c "SELECT 1 FROM pg_database WHERE datname = '${db}'")" ]]; then
      pg_psql -c "CREATE DATABASE \"${db}\" OWNER \"${DB_USER}\" ENCODING 'UTF8' TEMPLATE template0"
    fi
  done
  touch "${PG_PROVISIONED}"
}

pg_start() {
  check_socket_paths
  local port bindir
  port="$(server_port "${PG_PORT_FILE}" "${MY_PORT_FILE}")"
  pg_init "${port}"
  if pg_running; then
    log "PostgreSQL already running on ${HOST}:${port}"
    pg_provision
    return 0
  fi
  port_in_use "${port}" && die "port ${port} for PostgreSQL is taken by another process"

  bindir="$(pg_bindir)"
  log "starting PostgreSQL on ${HOST}:${port}"
  # -w waits until the server accepts connections. The server must not keep
  # the caller's stdout or extra descriptors open (a "$(...)" capture or a
  # test harness would wait for EOF forever), hence the redirections.
  if ! pg_ctl_cmd -l "${PG_LOG}" -w -t "${TIMEOUT}" -o "$(pg_server_options "${port}")" start \
    </dev/null >>"${STATEDIR}/pg-ctl.log" 2>&1 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&-; then
    tail -n 50 "${STATEDIR}/pg-ctl.log" "${PG_LOG}" >&2 || true
    pg_stop_quietly
    die "PostgreSQL did not start"
  fi
  if ! "${bindir}/pg_isready" -q -h "${HOST}" -p "${port}" -t "${TIMEOUT}"; then
    tail -n 50 "${PG_LOG}" >&2 || true
    pg_stop_quietly
    die "PostgreSQL does not answer on ${HOST}:${port}"
  fi
  pg_provision
}

pg_postmaster_pid() { head -n1 "${PG_PID_FILE}" 2>/dev/null || true; }

# $1: pg_ctl shutdown mode ("fast" = clean, "immediate" = crash-like).
pg_stop() {
  local mode="${1:-fast}" pid children
  [[ -f ${PG_DATA}/PG_VERSION ]] || return 0
  pid="$(pg_postmaster_pid)"
  if ! pid_alive "${pid}"; then
    log "PostgreSQL is not running"
    return 0
  fi
  log "stopping PostgreSQL (mode ${mode}, pid ${pid})"
  children="$(child_pids "${pid}")"
  if ! pg_ctl_cmd stop -m "${mode}" -w -t "${TIMEOUT}" >/dev/null 2>&1; then
    log "pg_ctl stop -m ${mode} failed; trying immediate shutdown"
    pg_ctl_cmd stop -m immediate -w -t 10 >/dev/null 2>&1 || true
  fi
  # Last resort: never leave a postmaster or its backends behind.
  if pid_alive "${pid}" && pid_cmdline_has "${pid}" "${PG_DATA}"; then
    log "PostgreSQL still alive; killing pid ${pid}"
    kill -KILL "${pid}" 2>/dev/null || true
    wait_pid_gone "${pid}" 10 || true
  fi
  local child
  for child in ${children}; do
    if pid_alive "${child}"; then
      kill -KILL "${child}" 2>/dev/null || true
    fi
  done
  return 0
}

pg_stop_quietly() { pg_stop immediate >/dev/null 2>&1 || true; }

# ---------------------------------------------------------------------------
# MariaDB
# ---------------------------------------------------------------------------
first_cmd() {
  local c
  for c in "$@"; do
    if command -v "${c}" >/dev/null 2>&1; then
      command -v "${c}"
      return 0
    fi
  done
  die "none of $* found (run scripts/install-deps.sh)"
}

my_bin() {
  case "$1" in
  server) first_cmd mariadbd mysqld ;;
  client) first_cmd mariadb mysql ;;
  admin) first_cmd mariadb-admin mysqladmin ;;
  install-db) first_cmd mariadb-install-db mysql_install_db ;;
  esac
}

# mariadbd refuses to run as root unless explicitly told to; the server is
# throwaway and bound to 127.0.0.1, so as root it simply runs as root (no
# chown dance with the mysql user, no traversal-permission issues).
my_user_opt=()
if ((EUID == 0)); then
  my_user_opt=(--user=root)
fi

my_server_options() {
  local port="$1"
  printf '%s\n' \
    --no-defaults \
    "${my_user_opt[@]}" \
    --datadir="${MY_DATA}" \
    --bind-address="${HOST}" \
    --port="${port}" \
    --socket="${MY_SOCKET}" \
    --pid-file="${MY_PID_FILE}" \
    --log-error="${MY_ERR}" \
    --skip-name-resolve \
    --innodb-buffer-pool-size=64M \
    --innodb-flush-log-at-trx-commit=2 \
    --max-connections=300 \
    --character-set-server=utf8mb4 \
    --collation-server=utf8mb4_unicode_ci
  # innodb-flush-log-at-trx-commit=2 writes the log to the OS at every commit
  # and fsyncs once a second: as fast as 0 here, but a commit survives a
  # killed server (kill-mariadb), which fault-injection tests rely on.
}

my_install() {
  [[ -d ${MY_DATA}/mysql ]] && return 0
  local installlog="${STATEDIR}/mariadb-install.log"
  log "initialising MariaDB ($("$(my_bin server)" --version)) in ${MY_DATA}"
  rm -rf "${MY_DATA}"
  mkdir -p "${MY_DATA}"
  # --no-defaults must come first. "normal" gives root@localhost an empty
  # password, so this script can administer the server over its private
  # socket regardless of which OS user runs it.
  if ! "$(my_bin install-db)" --no-defaults "${my_user_opt[@]}" --datadir="${MY_DATA}" \
    --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
    --innodb-buffer-pool-size=64M >"${installlog}" 2>&1 </dev/null; then
    cat "${installlog}" >&2
    rm -rf "${MY_DATA}"
    die "mariadb-install-db failed"
  fi
}

my_pid() { head -n1 "${MY_PID_FILE}" 2>/dev/null || true; }

my_running() {
  local pid
  pid="$(my_pid)"
  pid_alive "${pid}" && pid_cmdline_has "${pid}" "${MY_DATA}"
}

my_root() {
  "$(my_bin client)" --no-defaults --protocol=socket --socket="${MY_SOCKET}" -uroot --connect-timeout=10 "$@"
}

my_provision() {
  [[ -f ${MY_PROVISIONED} ]] && return 0
  local host
  {
    for host in "${HOST}" localhost; do
      echo "CREATE USER IF NOT EXISTS '${DB_USER}'@'${host}' IDENTIFIED BY '${DB_PASSWORD}';"
      echo "GRANT ALL PRIVILEGES ON *.* TO '${DB_USER}'@'${host}' WITH GRANT OPTION;"
    done
    echo "CREATE DATABASE IF NOT EXISTS \`${SEED_DB_NAME}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
    echo "CREATE DATABASE IF NOT EXISTS \`${DB_NAME}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
    # mariadb-install-db also creates root@<hostname>; with --skip-name-resolve
    # that entry only produces a warning at every privilege reload.
    case "$(uname -n)" in
    localhost | "${HOST}" | ::1) ;;
    *) echo "DROP USER IF EXISTS 'root'@'$(uname -n)';" ;;
    esac
    echo "FLUSH PRIVILEGES;"
  } | my_root --batch
  # Prove that the account works the way the tests will use it: TCP + password.
  "$(my_bin client)" --no-defaults --protocol=tcp -h "${HOST}" -P "$(read_port "${MY_PORT_FILE}")" \
    -u "${DB_USER}" -p"${DB_PASSWORD}" --connect-timeout=10 -e 'SELECT 1' "${DB_NAME}" >/dev/null
  touch "${MY_PROVISIONED}"
}

my_start() {
  check_socket_paths
  local port pid deadline
  port="$(server_port "${MY_PORT_FILE}" "${PG_PORT_FILE}")"
  my_install
  if my_running; then
    log "MariaDB already running on ${HOST}:${port}"
    my_provision
    return 0
  fi
  port_in_use "${port}" && die "port ${port} for MariaDB is taken by another process"

  log "starting MariaDB on ${HOST}:${port}"
  local opts=()
  mapfile -t opts < <(my_server_options "${port}")
  # set -m gives the server its own process group, so a Ctrl-C aimed at the
  # caller's foreground job does not kill it mid-way; "stop" shuts it down.
  # Redirections: see pg_start.
  set -m
  "$(my_bin server)" "${opts[@]}" </dev/null >/dev/null 2>&1 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&- &
  pid=$!
  set +m

  deadline=$(($(now) + TIMEOUT))
  until "$(my_bin admin)" --no-defaults --protocol=socket --socket="${MY_SOCKET}" -uroot \
    --connect-timeout=2 ping >/dev/null 2>&1; do
    if ! pid_alive "${pid}"; then
      tail -n 50 "${MY_ERR}" >&2 || true
      die "MariaDB exited during startup (log: ${MY_ERR})"
    fi
    if (($(now) >= deadline)); then
      tail -n 50 "${MY_ERR}" >&2 || true
      kill -KILL "${pid}" 2>/dev/null || true
      die "MariaDB did not answer within ${TIMEOUT}s (log: ${MY_ERR})"
    fi
    sleep 0.1
  done
  my_provision
}

# $1: signal; TERM is a clean shutdown for mariadbd, KILL simulates a crash.
my_stop() {
  local sig="${1:-TERM}" pid
  pid="$(my_pid)"
  if ! pid_alive "${pid}" || ! pid_cmdline_has "${pid}" "${MY_DATA}"; then
    log "MariaDB is not running"
    return 0
  fi
  log "stopping MariaDB (SIG${sig}, pid ${pid})"
  kill -"${sig}" "${pid}" 2>/dev/null || true
  if ! wait_pid_gone "${pid}" "${TIMEOUT}"; then
    log "MariaDB did not stop within ${TIMEOUT}s; killing pid ${pid}"
    kill -KILL "${pid}" 2>/dev/null || true
    wait_pid_gone "${pid}" 10 || true
  fi
  return 0
}

# ---------------------------------------------------------------------------
# env.sh
# ---------------------------------------------------------------------------
# Prints "export NAME='value'" (single quotes: readable, and safe for any
# value; embedded single quotes become '\'').
emit() {
  local q="'\\''"
  printf "export %s='%s'\n" "$1" "${2//\'/${q}}"
}

# A command line, quoted so that it survives "sh -c" / system().
cmdline() { printf '%q ' "$@" | sed 's/ $//'; }

write_env() {
  local pg_port my_port bindir
  pg_port="$(read_port "${PG_PORT_FILE}" || true)"
  my_port="$(read_port "${MY_PORT_FILE}" || true)"
  [[ -n ${pg_port} && -n ${my_port} ]] || return 0
  bindir="$(pg_bindir)"
  local pg_ctl_prefix=()
  if ((EUID == 0)); then
    pg_ctl_prefix=(runuser -u "${PG_OS_USER}" --)
  fi
  {
    echo "# Generated by scripts/test-servers.sh; source it from bash."
    emit SEQUELIZE_TEST_STATEDIR "${STATEDIR}"
    emit SEQUELIZE_TEST_SERVERS_SCRIPT "${SCRIPT_PATH}"
    emit SEQUELIZE_TEST_HOST "${HOST}"
    emit SEQUELIZE_TEST_USER "${DB_USER}"
    emit SEQUELIZE_TEST_PASSWORD "${DB_PASSWORD}"
    emit SEQUELIZE_TEST_DATABASE "${DB_NAME}"
    emit SEQUELIZE_TEST_SEED_DATABASE "${SEED_DB_NAME}"
    echo
    emit SEQUELIZE_TEST_POSTGRES_URL "postgres://${DB_USER}:${DB_PASSWORD}@${HOST}:${pg_port}/${DB_NAME}"
    emit SEQUELIZE_TEST_POSTGRES_SEED_URL "postgres://${DB_USER}:${DB_PASSWORD}@${HOST}:${pg_port}/${SEED_DB_NAME}"
    emit SEQUELIZE_TEST_POSTGRES_HOST "${HOST}"
    emit SEQUELIZE_TEST_POSTGRES_PORT "${pg_port}"
    emit SEQUELIZE_TEST_POSTGRES_USER "${DB_USER}"
    emit SEQUELIZE_TEST_POSTGRES_PASSWORD "${DB_PASSWORD}"
    emit SEQUELIZE_TEST_POSTGRES_DATABASE "${DB_NAME}"
    emit SEQUELIZE_TEST_POSTGRES_SEED_DATABASE "${SEED_DB_NAME}"
    emit SEQUELIZE_TEST_POSTGRES_DATA_DIR "${PG_DATA}"
    emit SEQUELIZE_TEST_POSTGRES_SOCKET_DIR "${PG_SOCKET_DIR}"
    emit SEQUELIZE_TEST_POSTGRES_PID_FILE "${PG_PID_FILE}"
    emit SEQUELIZE_TEST_POSTGRES_LOG "${PG_LOG}"
    emit SEQUELIZE_TEST_POSTGRES_OS_USER "${PG_OS_USER}"
    # Append a pg_ctl mode, e.g. "$SEQUELIZE_TEST_POSTGRES_CTL stop -m immediate".
    emit SEQUELIZE_TEST_POSTGRES_CTL "$(cmdline "${pg_ctl_prefix[@]}" "${bindir}/pg_ctl" -D "${PG_DATA}" -l "${PG_LOG}")"
    emit SEQUELIZE_TEST_POSTGRES_START "$(cmdline "${SCRIPT_PATH}" start-postgres "${STATEDIR}")"
    emit SEQUELIZE_TEST_POSTGRES_STOP "$(cmdline "${SCRIPT_PATH}" stop-postgres "${STATEDIR}")"
    emit SEQUELIZE_TEST_POSTGRES_RESTART "$(cmdline "${SCRIPT_PATH}" restart-postgres "${STATEDIR}")"
    emit SEQUELIZE_TEST_POSTGRES_KILL "$(cmdline "${SCRIPT_PATH}" kill-postgres "${STATEDIR}")"
    echo
    emit SEQUELIZE_TEST_MARIADB_URL "mariadb://${DB_USER}:${DB_PASSWORD}@${HOST}:${my_port}/${DB_NAME}"
    emit SEQUELIZE_TEST_MARIADB_SEED_URL "mariadb://${DB_USER}:${DB_PASSWORD}@${HOST}:${my_port}/${SEED_DB_NAME}"
    emit SEQUELIZE_TEST_MARIADB_HOST "${HOST}"
    emit SEQUELIZE_TEST_MARIADB_PORT "${my_port}"
    emit SEQUELIZE_TEST_MARIADB_USER "${DB_USER}"
    emit SEQUELIZE_TEST_MARIADB_PASSWORD "${DB_PASSWORD}"
    emit SEQUELIZE_TEST_MARIADB_DATABASE "${DB_NAME}"
    emit SEQUELIZE_TEST_MARIADB_SEED_DATABASE "${SEED_DB_NAME}"
    emit SEQUELIZE_TEST_MARIADB_DATA_DIR "${MY_DATA}"
    emit SEQUELIZE_TEST_MARIADB_SOCKET "${MY_SOCKET}"
    emit SEQUELIZE_TEST_MARIADB_PID_FILE "${MY_PID_FILE}"
    emit SEQUELIZE_TEST_MARIADB_LOG "${MY_ERR}"
    # Root (no password) over the private socket, e.g. "... ping" or "... shutdown".
    emit SEQUELIZE_TEST_MARIADB_ADMIN "$(cmdline "$(my_bin admin)" --no-defaults --protocol=socket --socket="${MY_SOCKET}" -uroot)"
    emit SEQUELIZE_TEST_MARIADB_START "$(cmdline "${SCRIPT_PATH}" start-mariadb "${STATEDIR}")"
    emit SEQUELIZE_TEST_MARIADB_STOP "$(cmdline "${SCRIPT_PATH}" stop-mariadb "${STATEDIR}")"
    emit SEQUELIZE_TEST_MARIADB_RESTART "$(cmdline "${SCRIPT_PATH}" restart-mariadb "${STATEDIR}")"
    emit SEQUELIZE_TEST_MARIADB_KILL "$(cmdline "${SCRIPT_PATH}" kill-mariadb "${STATEDIR}")"
  } >"${ENV_FILE}.tmp"
  mv "${ENV_FILE}.tmp" "${ENV_FILE}"
}

# ---------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------
cmd_start() {
  mkdir -p "${STATEDIR}"
  set_paths "$(cd "${STATEDIR}" && pwd -P)"
  # A half-started pair is worse than none: if anything below fails, stop
  # whatever did come up before exiting with the error.
  local ok=0
  trap 'if [[ ${ok} -eq 0 ]]; then pg_stop_quietly; my_stop KILL >/dev/null 2>&1 || true; fi' EXIT
  pg_start
  my_start
  write_env
  ok=1
  trap - EXIT
  cat "${ENV_FILE}"
}

cmd_stop() {
  # Stopping a statedir that is already gone is not an error.
  [[ -d ${STATEDIR} ]] || return 0
  set_paths "$(cd "${STATEDIR}" && pwd -P)"
  local rc=0
  pg_stop fast || rc=1
  my_stop TERM || rc=1
  return "${rc}"
}

cmd_status() {
  [[ -d ${STATEDIR} ]] || die "no such statedir: ${STATEDIR}"
  set_paths "$(cd "${STATEDIR}" && pwd -P)"
  local rc=0
  if pg_running; then
    echo "postgres: running on ${HOST}:$(read_port "${PG_PORT_FILE}")"
  else
    echo "postgres: stopped"
    rc=1
  fi
  if my_running; then
    echo "mariadb: running on ${HOST}:$(read_port "${MY_PORT_FILE}")"
  else
    echo "mariadb: stopped"
    rc=1
  fi
  return "${rc}"
}

# Single-server commands for fault-injection tests. They work on an existing
# statedir (same port, same data); start-* also works on a fresh one.
cmd_single() {
  local action="$1"
  if [[ ${action} == start-* || ${action} == restart-* ]]; then
    mkdir -p "${STATEDIR}"
  elif [[ ! -d ${STATEDIR} ]]; then
    return 0
  fi
  set_paths "$(cd "${STATEDIR}" && pwd -P)"
  case "${action}" in
  start-postgres) pg_start ;;
  stop-postgres) pg_stop fast ;;
  kill-postgres) pg_stop immediate ;;
  restart-postgres)
    pg_stop fast
    pg_start
    ;;
  start-mariadb) my_start ;;
  stop-mariadb) my_stop TERM ;;
  kill-mariadb) my_stop KILL ;;
  restart-mariadb)
    my_stop TERM
    my_start
    ;;
  esac
  if [[ ${action} == start-* || ${action} == restart-* ]]; then
    write_env
  fi
}

main() {
  [[ $# -eq 2 ]] || usage
  local action="$1"
  [[ -n $2 ]] || usage
  # pg_ctl -o and the generated commands are split on whitespace.
  [[ $2 != *[[:space:]]* ]] || die "statedir must not contain whitespace: $2"
  STATEDIR="$2"
  case "${action}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  start-postgres | stop-postgres | restart-postgres | kill-postgres | \
    start-mariadb | stop-mariadb | restart-mariadb | kill-mariadb)
    cmd_single "${action}"
    ;;
  -h | --help | help) usage ;;
  *) usage ;;
  esac
}

main "$@"
