# The nightly backup's records, its snapshots and a verification of every repository now.
B=/usr/local/lib/gardien/backup
if [ ! -x "$B" ]; then
  echo '::gardien:: absent'
  exit 0
fi
echo '::gardien:: last-run'
cat /var/lib/gardien/backup/last-run 2>/dev/null
echo '::gardien:: history'
cat /var/lib/gardien/backup/history 2>/dev/null
echo '::gardien:: retention'
sed -n 's/^KEEP_\(DAILY\|MONTHLY\)=/\1 /p' /etc/gardien/backup/env 2>/dev/null
echo '::gardien:: snapshots'
"$B" restic snapshots --json 2>/dev/null
echo
echo '::gardien:: check'
"$B" check 2>&1
echo "status $?"
