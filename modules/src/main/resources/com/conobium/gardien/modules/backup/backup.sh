#!/bin/bash
# Managed by Gardien: changes here are overwritten.
#
# Gardien's backup with restic to the fleet's backup space over SFTP. Settings come from
# /etc/gardien/backup/env; results are recorded in /var/lib/gardien/backup as key=value lines
# (last-run, last-check, repository), which Gardien's probe reads.
#
#   backup run                 back up the paths and every MariaDB database, apply the retention,
#                              verify the repository when the last verification is a week old
#   backup check               verify the repository now (restic check --read-data-subset)
#   backup init                create the repository when it does not exist yet
#   backup snapshots           list the snapshots
#   backup restore --target DIR [--snapshot ID] [--include PATH]... [--database NAME]...
#                              restore into DIR (never into /): without --snapshot the latest
#                              files snapshot and the latest dump of each (or each named) database
#                              (DIR/mariadb-NAME.sql)
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

SSH_OPTS=(-F none -i "$CONF/id_backup" -o IdentitiesOnly=yes -o IdentityAgent=none -o BatchMode=yes
  -o StrictHostKeyChecking=yes -o "UserKnownHostsFile=$CONF/known_hosts" -o GlobalKnownHostsFile=/dev/null
  -o UpdateHostKeys=no -o ServerAliveInterval=60 -o ServerAliveCountMax=10 -o ConnectTimeout=30)
SFTP_COMMAND="ssh ${SSH_OPTS[*]} -p $SPACE_PORT -l $SPACE_USER $SPACE_HOST -s sftp"

r() { restic -o "sftp.command=$SFTP_COMMAND" "$@"; }

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

# oneline: standard input's last non-empty lines as one line, for a record.
oneline() {
  grep -v '^[[:space:]]*$' | tail -n 3 | tr '\n\r\t' '   ' | sed 's/ *$//' | cut -c 1-400
}

LOG=$(mktemp)
trap 'rm -f "$LOG" "$LOG.init"' EXIT

# hint: what to do about the error in $LOG, when it is a known one
hint() {
  # restic may give up before ssh's own message reaches the log: then ask ssh once, directly
  if ! grep -q 'Permission denied\|Host key verification failed\|REMOTE HOST IDENTIFICATION' "$LOG"; then
    ssh "${SSH_OPTS[@]}" -p "$SPACE_PORT" -l "$SPACE_USER" "$SPACE_HOST" -s sftp </dev/null >/dev/null 2>>"$LOG" || true
  fi
  if grep -q 'Permission denied' "$LOG"; then
    echo " (the space refuses the key: authorise the one printed by gardien backup key $BACKUP_HOST)"
  elif grep -q 'Host key verification failed\|REMOTE HOST IDENTIFICATION' "$LOG"; then
    echo " (the space's host key is not backupSpace.hostKey)"
  fi
}

cmd_init() {
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
  if [ "$(value "$STATE/repository" repository)" != "$RESTIC_REPOSITORY" ]; then
    record "$STATE/repository" "repository=$RESTIC_REPOSITORY" "initialised=$(date +%s)"
  fi
}

cmd_check() {
  local started status=ok message
  started=$(date +%s)
  if r check --read-data-subset="$CHECK_SUBSET" >"$LOG" 2>&1; then
    message="read $CHECK_SUBSET of the data back: no errors"
  else
    status=failed
    message=$(oneline <"$LOG")
  fi
  record "$STATE/last-check" "time=$started" "finished=$(date +%s)" "status=$status" \
    "readData=$CHECK_SUBSET" "message=$message"
  echo "check $status: $message"
  [ "$status" = ok ]
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
    echo "backup failed: $1" >&2
    exit 1
  }
  # cmd_init's message is one line already, with its hint at the end: kept whole
  cmd_init 2>"$LOG.init" || fail "$(grep -v '^[[:space:]]*$' "$LOG.init" | tr '\n' ' ' | sed 's/ *$//')"
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
  free=$(printf 'df .\n' | sftp "${SSH_OPTS[@]}" -P "$SPACE_PORT" -b - "$SPACE_USER@$SPACE_HOST" 2>/dev/null |
    awk 'NF >= 4 && $1 ~ /^[0-9]+$/ { print $3 * 1024 }' | tail -n 1)
  [ -n "$dbs" ] && message="${message:+$message; }databases: $(echo $dbs | tr ' ' ',')"
  record "$STATE/last-run" "started=$started" "finished=$(date +%s)" "status=ok" "message=$message" \
    "lastSuccess=$started" "snapshots=$snapshots" "repositoryBytes=$size" "spaceFreeBytes=$free"
  echo "backup ok: $snapshots snapshots, ${size:-?} bytes in the repository${message:+; $message}"

  local checked
  checked=$(value "$STATE/last-check" time)
  if [ -z "$checked" ] || [ $((started - checked)) -ge $((CHECK_EVERY_DAYS * 86400 - 3600)) ]; then
    cmd_check || exit 1
  fi
}

# restore --target DIR [--snapshot ID] [--include PATH]... [--database NAME]...
cmd_restore() {
  local target="" snapshot="" includes=() dbs=() inc
  while [ $# -gt 0 ]; do
    case $1 in
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
  snapshots) r snapshots --host "$BACKUP_HOST" ;;
  restore) lock; cmd_restore "$@" ;;
  restic) r "$@" ;;
  *) echo "usage: $0 run|check|init|snapshots|restore|restic ARGS..." >&2; exit 2 ;;
esac
