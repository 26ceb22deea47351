# Gardien's monthly purge of unused packages. KEEP: the packages the manifest installs (marked
export LC_ALL=C
# manual first, so autoremove never takes them). DRY_RUN=yes only simulates.
export DEBIAN_FRONTEND=noninteractive
APT="apt-get -q -y -o DPkg::Lock::Timeout=1800"
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
installed() {
  for p in "$@"; do
    dpkg-query -W -f '${db:Status-Abbrev} ${Package}\n' "$p" 2>/dev/null | awk '$1 ~ /^i/ {print $2}'
  done
}
if [ "$DRY_RUN" = no ] && [ -n "$KEEP" ]; then
  # shellcheck disable=SC2086
  keep=$(installed $KEEP)
  # shellcheck disable=SC2086
  [ -z "$keep" ] || apt-mark manual $keep >/dev/null 2>&1
fi
echo '::gardien:: simulate'
apt-get -s -q -o Debug::NoLocking=1 autoremove --purge 2>&1 | grep -E '^(Purg|Remv) '
echo '::gardien:: residual'
dpkg-query -W -f '${db:Status-Abbrev} ${Package} ${Version}\n' 2>/dev/null | awk '$1 == "rc" {print $2, $3}'
if [ "$DRY_RUN" = no ]; then
  echo '::gardien:: autoremove'
  apt_log autoremove --purge
  grep -E '^(E|W):' "$LOG" | head -n 10
  echo "status $rc"
  residual=$(dpkg-query -W -f '${db:Status-Abbrev} ${Package}\n' 2>/dev/null | awk '$1 == "rc" {print $2}')
  echo '::gardien:: residual-purge'
  if [ -n "$residual" ]; then
    # shellcheck disable=SC2086
    dpkg --purge $residual >"$LOG" 2>&1
    rc=$?
    grep -iE 'error|warning' "$LOG" | head -n 10
    echo "status $rc"
  else
    echo "status 0"
  fi
  echo '::gardien:: left'
  dpkg-query -W -f '${db:Status-Abbrev} ${Package}\n' 2>/dev/null | awk '$1 != "un" && $1 != "pn" {print $2}'
fi
