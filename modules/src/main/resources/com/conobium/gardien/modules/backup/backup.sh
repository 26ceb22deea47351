#!/bin/bash
# Managed by Gardien: changes here are overwritten.
#
# Gardien's backup with restic to the fleet's backup space over SFTP, copied to each replica
# space. Settings come from /etc/gardien/backup/env; ssh reaches space N as gardien-space-N of
# /etc/gardien/backup/ssh_config (0 the backup space, 1… the replicas). Results are recorded in
# /var/lib/gardien/backup as key=value lines (repository, last-run, last-check, and replica-N,
# replica-N-check for each replica), which Gardien's probe reads.
#
#   backup run                 back up the paths and every MariaDB database, apply the retention,
#                              copy the new snapshots to each replica and apply it there too,
#                              verify every repository when its last verification is a week old
#   backup check               verify every repository now (restic check --read-data-subset)
#   backup init                create the repositories that do not exist yet
#   backup snapshots           list the snapshots, space by space
#   backup restore [--space N] --target DIR [--snapshot ID] [--include PATH]... [--database NAME]...
#                              restore into DIR (never into /) from space N (0, the backup space,
#                              by default): without --snapshot the latest files snapshot and the
#                              latest dump of each (or each named) database (DIR/mariadb-NAME.sql)
#   backup restic ARGS...      any restic command on this server's repository
set -u
set -o pipefail
umask 077

CONF=/etc/gardien/backup
STATE=/var/lib/gardien/backup
LOCK=/run/gardien-backup.lock
# shellcheck source=/dev/null
. "$CONF/env"
export RESTIC_REPOSITORY RESTIC_PASSWORD_FILE RESTIC_CACHE_DIR
mkdir -p "$STATE" "$RESTIC_CACHE_DIR"
PRIMARY=$RESTIC_REPOSITORY
read -r -a REPLICAS <<<"${REPLICA_REPOSITORIES:-}"
read -r -a REPLICA_LABELS <<<"${REPLICA_NAMES:-}"

# every sftp repository goes through ssh -F ssh_config: sftp:gardien-space-N:DIR
r() { restic -o "sftp.args=-F $SSH_CONFIG" "$@"; }
# on: run restic on repository $1 (the rest are restic's arguments)
on() { local repo=$1; shift; RESTIC_REPOSITORY=$repo r "$@"; }
# alias_of REPOSITORY: gardien-space-N
alias_of() { local a=${1#sftp:}; echo "${a%%:*}"; }

# Holds the lock for the rest of the process: one restic operation of Gardien's at a time.
lock() {
  exec 9>"$LOCK"
  if ! flock -w 7200 9; then
    echo "backup: another backup operation still runs after 2 hours" >&2
    exit 75
  fi
}

# record FILE key=value...: replaces FILE atomically with the given lines.
record() {
  local file=$1 tmp
  shift
  tmp=$(mktemp "$file.XXXXXX")
  printf '%s\n' "$@" >"$tmp"
  mv -f "$tmp" "$file"
}

# value FILE KEY: the value of KEY in FILE, empty when absent.
value() {
  [ -f "$1" ] && sed -n "s/^$2=//p" "$1" | head -n 1
}

# log_history STARTED STATUS: one line per run in history (the monthly maintenance's calendar of
# backups), the last 800 kept
log_history() {
  local file=$STATE/history
  echo "$1 $(date +%s) $2" >>"$file"
  if [ "$(wc -l <"$file")" -gt 800 ]; then
    tail -n 800 "$file" >"$file.tmp" && mv -f "$file.tmp" "$file"
  fi
}

# oneline: standard input's last non-empty lines as one line, for a record.
oneline() {
  grep -v '^[[:space:]]*$' | tail -n 3 | tr '\n\r\t' '   ' | sed 's/ *$//' | cut -c 1-400
}

LOG=$(mktemp)
trap 'rm -f "$LOG" "$LOG.init"' EXIT

# hint [REPOSITORY]: what to do about the error in $LOG, when it is a known one
hint() {
  # restic may give up before ssh's own message reaches the log: then ask ssh once, directly
  if ! grep -q 'Permission denied\|Host key verification failed\|REMOTE HOST IDENTIFICATION' "$LOG"; then
    ssh -F "$SSH_CONFIG" "$(alias_of "${1:-$PRIMARY}")" -s sftp </dev/null >/dev/null 2>>"$LOG" || true
  fi
  if grep -q 'Permission denied' "$LOG"; then
    echo " (the space refuses the key: authorise the one printed by gardien backup key $BACKUP_HOST)"
  elif grep -q 'Host key verification failed\|REMOTE HOST IDENTIFICATION' "$LOG"; then
    echo " (the space's host key is not the one pinned in the Fleet)"
  fi
}

# init_replica N: opens replica N (from 1), creating it when missing with the primary's chunker
# parameters (a copy then sends only the chunks the replica lacks); says why on stderr when not
init_replica() {
  local i=$(($1 - 1)) repo=${REPLICAS[$(($1 - 1))]}
  on "$repo" cat config >/dev/null 2>"$LOG"
  case $? in
    0) ;;
    10)
      if ! on "$repo" init --from-repo "$PRIMARY" --from-password-file "$RESTIC_PASSWORD_FILE" \
        --copy-chunker-params >/dev/null 2>"$LOG"; then
        echo "backup: cannot create replica $1 ${REPLICA_LABELS[$i]}: $(oneline <"$LOG")$(hint "$repo")" >&2
        return 1
      fi
      ;;
    *)
      echo "backup: cannot open replica $1 ${REPLICA_LABELS[$i]}: $(oneline <"$LOG")$(hint "$repo")" >&2
      return 1
      ;;
  esac
}

cmd_init() {
  init_primary || return 1
  local i
  for i in "${!REPLICAS[@]}"; do
    init_replica $((i + 1)) || return 1
    # a new replica's first copy waits for the next run: its record says since when
    [ -f "$STATE/replica-$((i + 1))" ] ||
      record "$STATE/replica-$((i + 1))" "repository=${REPLICA_LABELS[$i]}" "initialised=$(date +%s)"
  done
  if [ "$(value "$STATE/repository" replicas)" != "${REPLICA_NAMES:-}" ]; then
    record "$STATE/repository" "repository=$REPOSITORY_NAME" \
      "initialised=$(value "$STATE/repository" initialised)" "replicas=${REPLICA_NAMES:-}"
  fi
}

# init_primary: opens the backup space's repository, creating it when missing
init_primary() {
  r cat config >/dev/null 2>"$LOG"
  case $? in
    0) ;;
    10)
      if ! r init >/dev/null 2>"$LOG"; then
        echo "backup: cannot create the repository $RESTIC_REPOSITORY: $(oneline <"$LOG")$(hint)" >&2
        return 1
      fi
      ;;
    *)
      echo "backup: cannot open the repository $RESTIC_REPOSITORY: $(oneline <"$LOG")$(hint)" >&2
      return 1
      ;;
  esac
  if [ "$(value "$STATE/repository" repository)" != "$REPOSITORY_NAME" ]; then
    record "$STATE/repository" "repository=$REPOSITORY_NAME" "initialised=$(date +%s)" \
      "replicas=$(value "$STATE/repository" replicas)"
  fi
}

# verify REPOSITORY RECORD LABEL: restic check, recorded in RECORD
verify() {
  local repo=$1 file=$2 label=$3 started status=ok message
  started=$(date +%s)
  if on "$repo" check --read-data-subset="$CHECK_SUBSET" >"$LOG" 2>&1; then
    message="read $CHECK_SUBSET of the data back: no errors"
  else
    status=failed
    message=$(oneline <"$LOG")
  fi
  record "$file" "time=$started" "finished=$(date +%s)" "status=$status" \
    "readData=$CHECK_SUBSET" "message=$message"
  echo "check $label $status: $message"
  [ "$status" = ok ]
}

cmd_check() {
  local i rc=0
  verify "$PRIMARY" "$STATE/last-check" "$REPOSITORY_NAME" || rc=1
  for i in "${!REPLICAS[@]}"; do
    verify "${REPLICAS[$i]}" "$STATE/replica-$((i + 1))-check" "replica $((i + 1)) ${REPLICA_LABELS[$i]}" || rc=1
  done
  return $rc
}

# replicate N: copies this server's new snapshots to replica N (from 1), applies the retention
# there, and records the result in replica-N. Returns 1 when it failed.
replicate() {
  local n=$1 repo=${REPLICAS[$(($1 - 1))]} label=${REPLICA_LABELS[$(($1 - 1))]} started count
  local file=$STATE/replica-$1 last
  started=$(date +%s)
  last=$(value "$file" lastSuccess)
  if ! init_replica "$n" 2>"$LOG.init"; then
    local why
    why=$(grep -v '^[[:space:]]*$' "$LOG.init" | tr '\n' ' ' | sed 's/^backup: //; s/ *$//')
    record "$file" "repository=$label" "started=$started" "finished=$(date +%s)" "status=failed" \
      "message=$why" "lastSuccess=$last" "snapshots=$(value "$file" snapshots)"
    echo "replica $n $label failed: $why" >&2
    return 1
  fi
  if ! on "$repo" copy --from-repo "$PRIMARY" --from-password-file "$RESTIC_PASSWORD_FILE" \
    --host "$BACKUP_HOST" >/dev/null 2>"$LOG" ||
    ! on "$repo" forget --host "$BACKUP_HOST" --keep-daily "$KEEP_DAILY" --keep-monthly "$KEEP_MONTHLY" \
      --prune >/dev/null 2>>"$LOG"; then
    local why
    why="$(oneline <"$LOG")$(hint "$repo")"
    record "$file" "repository=$label" "started=$started" "finished=$(date +%s)" "status=failed" \
      "message=$why" "lastSuccess=$last" "snapshots=$(value "$file" snapshots)"
    echo "replica $n $label failed: $why" >&2
    return 1
  fi
  count=$(on "$repo" snapshots --host "$BACKUP_HOST" --json 2>/dev/null | { grep -o '"short_id"' || true; } | wc -l)
  record "$file" "repository=$label" "started=$started" "finished=$(date +%s)" "status=ok" "message=" \
    "lastSuccess=$started" "snapshots=$count"
  echo "replica $n $label ok: $count snapshots"
}

# databases: the MariaDB databases to dump, one a line; fails when MariaDB is installed but
# does not answer. Prints nothing when dumps are off or MariaDB is not installed.
databases() {
  [ "$DATABASES" = yes ] || return 0
  command -v mariadb-dump >/dev/null 2>&1 || return 0
  local all
  all=$(mariadb --batch --skip-column-names -e 'SHOW DATABASES') || return 1
  printf '%s\n' "$all" | grep -v -x -e information_schema -e performance_schema -e sys || true
}

cmd_run() {
  local started status=ok message="" last_success snapshots size free dbs db failed_dbs="" rc
  started=$(date +%s)
  last_success=$(value "$STATE/last-run" lastSuccess)
  fail() {
    record "$STATE/last-run" "started=$started" "finished=$(date +%s)" "status=failed" \
      "message=$1" "lastSuccess=$last_success" "snapshots=$(value "$STATE/last-run" snapshots)" \
      "repositoryBytes=$(value "$STATE/last-run" repositoryBytes)" \
      "spaceFreeBytes=$(value "$STATE/last-run" spaceFreeBytes)"
    log_history "$started" failed
    echo "backup failed: $1" >&2
    exit 1
  }
  # init_primary's message is one line already, with its hint at the end: kept whole (the
  # replicas are opened by their copies: one that fails does not stop the backup)
  init_primary 2>"$LOG.init" || fail "$(grep -v '^[[:space:]]*$' "$LOG.init" | tr '\n' ' ' | sed 's/ *$//')"
  rm -f "$LOG.init"

  local list
  list=$(mktemp)
  while IFS= read -r path; do
    [ -n "$path" ] && [ -e "$path" ] && printf '%s\n' "$path"
  done <"$CONF/paths" >"$list"
  if [ -s "$list" ]; then
    r backup --host "$BACKUP_HOST" --tag gardien-files --exclude-caches \
      --files-from-verbatim "$list" >/dev/null 2>"$LOG"
    rc=$?
    rm -f "$list"
    case $rc in
      0) ;;
      3) message="some files could not be read: $(oneline <"$LOG")" ;;
      *) fail "files: $(oneline <"$LOG")" ;;
    esac
  else
    rm -f "$list"
    message="none of the paths exists"
  fi

  dbs=$(databases 2>"$LOG") || fail "MariaDB does not answer: $(oneline <"$LOG")"
  for db in $dbs; do
    # restic saves the snapshot only when mariadb-dump succeeds
    if ! r backup --host "$BACKUP_HOST" --tag gardien-db --stdin-filename "mariadb-$db.sql" \
      --stdin-from-command -- mariadb-dump --single-transaction --routines --events --triggers \
      --databases "$db" >/dev/null 2>"$LOG"; then
      failed_dbs="$failed_dbs $db: $(oneline <"$LOG");"
    fi
  done
  [ -z "$failed_dbs" ] || fail "database dumps failed:$failed_dbs"

  r forget --keep-daily "$KEEP_DAILY" --keep-monthly "$KEEP_MONTHLY" --prune >/dev/null 2>"$LOG" ||
    fail "forget --prune: $(oneline <"$LOG")"

  snapshots=$(r snapshots --json 2>"$LOG" | { grep -o '"short_id"' || true; } | wc -l) ||
    fail "snapshots: $(oneline <"$LOG")"
  size=$(r stats --mode raw-data --json 2>/dev/null | sed -n 's/.*"total_size":\([0-9]*\).*/\1/p')
  # free space on the space, when its SFTP server answers df (statvfs); 1 KiB blocks
  free=$(printf 'df .\n' | sftp -F "$SSH_CONFIG" -b - "$(alias_of "$PRIMARY")" 2>/dev/null |
    awk 'NF >= 4 && $1 ~ /^[0-9]+$/ { print $3 * 1024 }' | tail -n 1)
  [ -n "$dbs" ] && message="${message:+$message; }databases: $(echo $dbs | tr ' ' ',')"
  record "$STATE/last-run" "started=$started" "finished=$(date +%s)" "status=ok" "message=$message" \
    "lastSuccess=$started" "snapshots=$snapshots" "repositoryBytes=$size" "spaceFreeBytes=$free"
  log_history "$started" ok
  echo "backup ok: $snapshots snapshots, ${size:-?} bytes in the repository${message:+; $message}"

  # the copies: a replica that fails is recorded as failed and fails the run, the others go on
  local i rc=0 checked
  for i in "${!REPLICAS[@]}"; do
    replicate $((i + 1)) || rc=1
  done
  # records of replicas no longer in the Fleet go
  i=$((${#REPLICAS[@]} + 1))
  while [ -f "$STATE/replica-$i" ] || [ -f "$STATE/replica-$i-check" ]; do
    rm -f "$STATE/replica-$i" "$STATE/replica-$i-check"
    i=$((i + 1))
  done

  checked=$(value "$STATE/last-check" time)
  if [ -z "$checked" ] || [ $((started - checked)) -ge $((CHECK_EVERY_DAYS * 86400 - 3600)) ]; then
    cmd_check || rc=1
  fi
  return $rc
}

# restore --target DIR [--snapshot ID] [--include PATH]... [--database NAME]...
cmd_restore() {
  local target="" snapshot="" includes=() dbs=() inc
  while [ $# -gt 0 ]; do
    case $1 in
      --space)
        case $2 in
          0) ;;
          [1-9] | [1-9][0-9])
            [ "$2" -le "${#REPLICAS[@]}" ] || { echo "restore: there is no replica $2" >&2; return 2; }
            RESTIC_REPOSITORY=${REPLICAS[$(($2 - 1))]}
            ;;
          *) echo "restore: --space takes 0 (the backup space) or a replica's number" >&2; return 2 ;;
        esac
        shift 2
        ;;
      --target) target=$2; shift 2 ;;
      --snapshot) snapshot=$2; shift 2 ;;
      --include) includes+=(--include "$2"); shift 2 ;;
      --database) dbs+=("$2"); shift 2 ;;
      *) echo "restore: unknown argument $1" >&2; return 2 ;;
    esac
  done
  case $target in
    /) echo "restore: refusing to restore over /: restore into a directory and copy back" >&2; return 2 ;;
    /*) ;;
    *) echo "restore: --target must be an absolute path" >&2; return 2 ;;
  esac
  mkdir -p "$target"
  if [ -n "$snapshot" ]; then
    r restore "$snapshot" --target "$target" "${includes[@]}" || return 1
    echo "restored snapshot $snapshot into $target"
    return 0
  fi
  if [ ${#dbs[@]} -eq 0 ] || [ ${#includes[@]} -gt 0 ]; then
    r restore latest --host "$BACKUP_HOST" --tag gardien-files --target "$target" "${includes[@]}" || return 1
    echo "restored the latest files snapshot${includes[*]:+ (${includes[*]})} into $target"
  fi
  if [ ${#dbs[@]} -eq 0 ] && [ ${#includes[@]} -eq 0 ]; then
    # every database: the latest snapshot of each dump
    for inc in $(r snapshots --host "$BACKUP_HOST" --tag gardien-db --latest 1 --json |
      grep -o '"paths":\["/mariadb-[^"]*\.sql"\]' | sed 's|.*"/mariadb-\(.*\)\.sql".*|\1|'); do
      dbs+=("$inc")
    done
  fi
  for inc in "${dbs[@]}"; do
    r restore latest --host "$BACKUP_HOST" --tag gardien-db --path "/mariadb-$inc.sql" --target "$target" ||
      return 1
    echo "restored the latest dump of database $inc into $target/mariadb-$inc.sql"
  done
}

command=${1:-run}
[ $# -gt 0 ] && shift
case $command in
  run) lock; cmd_run ;;
  check) lock; cmd_check ;;
  init) lock; cmd_init ;;
  snapshots)
    echo "== backup space: $REPOSITORY_NAME"
    r snapshots --host "$BACKUP_HOST" || exit 1
    for i in "${!REPLICAS[@]}"; do
      echo "== replica $((i + 1)): ${REPLICA_LABELS[$i]}"
      on "${REPLICAS[$i]}" snapshots --host "$BACKUP_HOST" || exit 1
    done
    ;;
  restore) lock; cmd_restore "$@" ;;
  restic) r "$@" ;;
  *) echo "usage: $0 run|check|init|snapshots|restore|restic ARGS..." >&2; exit 2 ;;
esac
