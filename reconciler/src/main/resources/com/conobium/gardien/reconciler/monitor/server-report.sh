# What an operator reads first on a server that answers SSH while a site fails: read-only, bounded.
# Each section starts with a line "### NAME"; ServerReport parses them.
export LC_ALL=C
echo "### units-down"
systemctl list-units --state=failed --no-legend --plain 2>/dev/null | awk '{print $1 " (failed)"}'
for unit in $(systemctl list-unit-files --type=service --state=enabled --no-legend 'nginx.service' \
    'php*-fpm.service' 'mariadb.service' 'fail2ban.service' 'ssh.service' 'nftables.service' 2>/dev/null \
    | awk '{print $1}'); do
  state=$(systemctl is-active "$unit" 2>/dev/null)
  case "$state" in
    active|activating|reloading|failed) ;;
    *) echo "$unit ($state)" ;;
  esac
done
echo "### journal-errors"
journalctl -p err --since "-30min" -n 15 --no-pager -o short-iso 2>/dev/null | grep -v '^-- ' | cut -c1-300
for log in /var/log/nginx/error.log /var/log/php*-fpm.log; do
  [ -r "$log" ] || continue
  echo "### log $log"
  tail -n 5 "$log" | cut -c1-300
done
if systemctl cat mariadb.service >/dev/null 2>&1; then
  echo "### log mariadb"
  journalctl -u mariadb -n 5 --no-pager -o short-iso 2>/dev/null | grep -v '^-- ' | cut -c1-300
fi
echo "### disk"
df -hP -x tmpfs -x devtmpfs -x overlay 2>/dev/null | awk 'NR == 1 || $5 + 0 >= 90 {print}'
echo "### memory"
free -m 2>/dev/null | awk 'NR <= 3'
echo "### load"
cat /proc/loadavg
