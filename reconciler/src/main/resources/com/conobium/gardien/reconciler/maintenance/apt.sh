# Shared by the maintenance scripts that run apt (purge.sh, upgrades.sh): they set $APT and $LOG.
# apt_log ARGS…: $APT ARGS into $LOG, run again while another apt holds the lists or archives lock
# (DPkg::Lock::Timeout covers only dpkg's lock), for up to 1800 s; sets rc
apt_log() {
  waited=0
  while :; do
    $APT "$@" >"$LOG" 2>&1
    rc=$?
    if [ $rc -ne 0 ] && [ $waited -lt 1800 ] && grep -q 'Could not get lock' "$LOG"; then
      waited=$((waited + 1))
      sleep 1
      continue
    fi
    return $rc
  done
}
