# Gardien's monthly upgrades. DRY_RUN=yes only simulates. Waits for (never breaks) a dpkg lock,
export LC_ALL=C
# answers no prompt, keeps local configuration files.
export DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=a APT_LISTCHANGES_FRONTEND=none
APT="apt-get -q -y -o DPkg::Lock::Timeout=1800 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold"
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
echo '::gardien:: audit-before'
dpkg --audit 2>&1 | head -n 20
if [ "$DRY_RUN" = no ] && [ -n "$(dpkg --audit 2>/dev/null)" ]; then
  # a package left half-configured by an earlier run: configure it first
  apt_log -f install
  echo '::gardien:: repair'
  tail -n 5 "$LOG"
fi
echo '::gardien:: update'
apt_log update
grep -E '^(E|W):' "$LOG" | head -n 10
echo "status $rc"
echo '::gardien:: simulate'
apt-get -s -q -o Debug::NoLocking=1 full-upgrade 2>&1 | grep -E '^(Inst|Remv|Purg) '
if [ "$DRY_RUN" = no ]; then
  before=$(dpkg-query -W -f '${Package} ${Version}\n' 2>/dev/null)
  apt_log full-upgrade
  echo '::gardien:: upgrade'
  grep -E '^(E|W):' "$LOG" | head -n 10
  echo "status $rc"
  echo '::gardien:: changed'
  # the versions before and after, of every package whose version changed (or appeared, or went)
  dpkg-query -W -f '${Package} ${Version}\n' 2>/dev/null | sort >"$LOG"
  printf '%s\n' "$before" | sort | join -a 1 -a 2 -e - -o 0,1.2,2.2 - "$LOG" | awk '$2 != $3'
  echo '::gardien:: audit-after'
  dpkg --audit 2>&1 | head -n 20
fi
echo '::gardien:: reboot'
if [ -f /run/reboot-required ]; then
  echo "required $(tr '\n' ' ' </run/reboot-required.pkgs 2>/dev/null)"
fi
newest=$(find /boot -maxdepth 1 -name 'vmlinuz-*' 2>/dev/null | sed 's|^/boot/vmlinuz-||' | sort -V | tail -n 1)
echo "kernel $(uname -r) ${newest:--}"
