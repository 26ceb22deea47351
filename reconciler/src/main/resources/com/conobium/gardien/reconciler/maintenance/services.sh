# Failed units, the units the manifest implies, and every listening socket, read only.
echo '::gardien:: failed'
systemctl list-units --failed --plain --no-legend --no-pager 2>/dev/null | awk '{print $1}'
for unit in $UNITS; do
  echo "::gardien:: unit $unit"
  systemctl show -p LoadState,ActiveState,SubState,Result,Type,UnitFileState,ConditionResult,ConditionTimestampMonotonic "$unit" 2>/dev/null
done
echo '::gardien:: listening'
if command -v ss >/dev/null 2>&1; then
  ss -H -l -n -t -u -p 2>/dev/null | awk '{print $1, $5, $7}'
else
  # without iproute2: the kernel's tables (no process names)
  for t in tcp tcp6 udp udp6; do
    [ -r /proc/net/$t ] && awk -v p="$t" 'NR > 1 && ((p ~ /tcp/ && $4 == "0A") || (p ~ /udp/ && $4 == "07")) {print p, $2, "-"}' /proc/net/$t
  done
fi
