# fail2ban's answer, its jails with their maxretry and bans, and the ban lines of its log.
if ! command -v fail2ban-client >/dev/null 2>&1; then
  echo '::gardien:: missing'
  exit 0
fi
echo '::gardien:: ping'
fail2ban-client ping 2>&1
for jail in $(fail2ban-client status 2>/dev/null | sed -n 's/.*Jail list:[[:space:]]*//p' | tr ',' ' '); do
  echo "::gardien:: jail $jail"
  echo "maxretry $(fail2ban-client get "$jail" maxretry 2>/dev/null)"
  fail2ban-client status "$jail" 2>/dev/null | sed -n 's/.*Currently banned:[[:space:]]*/banned /p; s/.*Total banned:[[:space:]]*/total /p'
done
echo '::gardien:: bans'
for f in /var/log/fail2ban.log*; do
  [ -f "$f" ] || continue
  zcat -f "$f" 2>/dev/null | grep -E '\] (Ban|Restore Ban) '
done
