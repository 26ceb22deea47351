# Facts of the backup module: digests and attributes of Gardien's files (one sha256sum and one
# stat for all of them), the timer's state (one systemctl), the server's clock (one date), and the
# records the backup script keeps in /var/lib/gardien/backup, read with shell builtins. It never
# runs restic: the repository is reached only by the nightly run and by gardien backup commands.
# Expects bk_files (the paths, without spaces) and bk_root (a prefix, empty on servers).
bk_state=$bk_root/var/lib/gardien/backup
bk_existing=
for bk_f in $bk_files; do
  if [ -f "$bk_root$bk_f" ]; then bk_existing="$bk_existing $bk_root$bk_f"; fi
done
bk_sums=
bk_stats=
if [ -n "$bk_existing" ]; then
  bk_sums=$(sha256sum $bk_existing 2>/dev/null)
  bk_stats=$(stat -L -c '%n %a %U %G' $bk_existing 2>/dev/null)
fi
printf '{"files":{'
bk_sep=
for bk_f in $bk_files; do
  printf '%s"%s":' "$bk_sep" "$bk_f"
  bk_sep=,
  case " $bk_existing " in
    *" $bk_root$bk_f "*) ;;
    *) printf '{"exists":false}'; continue ;;
  esac
  bk_sum=
  while read -r bk_h bk_p; do
    if [ "$bk_p" = "$bk_root$bk_f" ]; then bk_sum=$bk_h; fi
  done <<BK_SUMS
$bk_sums
BK_SUMS
  bk_attr=
  while read -r bk_p bk_mode bk_owner bk_group; do
    if [ "$bk_p" = "$bk_root$bk_f" ]; then bk_attr="$bk_mode $bk_owner $bk_group"; fi
  done <<BK_STATS
$bk_stats
BK_STATS
  set -f
  set -- $bk_attr
  set +f
  printf '{"exists":true,"sha256":"%s","mode":"%s","owner":"%s","group":"%s"}' "$bk_sum" "${1:-}" "${2:-}" "${3:-}"
done
printf '}'

bk_unit=$(systemctl show -p UnitFileState -p ActiveState gardien-backup.timer 2>/dev/null)
bk_active=
bk_enabled=
while IFS='=' read -r bk_key bk_value; do
  case "$bk_key" in
    ActiveState) bk_active=$bk_value ;;
    UnitFileState) bk_enabled=$bk_value ;;
  esac
done <<BK_UNIT
$bk_unit
BK_UNIT
printf ',"timer":{"enabled":'
jstr "$bk_enabled"
printf ',"active":'
jstr "$bk_active"
printf '},"now":'
jint "$(date +%s)"

# bk_record FILE: the key=value lines of FILE as a JSON object of strings, or null when absent
bk_record() {
  if [ -f "$1" ]; then
    printf '{'
    bk_rsep=
    while IFS= read -r bk_line || [ -n "$bk_line" ]; do
      case "$bk_line" in *=*) ;; *) continue ;; esac
      bk_key=${bk_line%%=*}
      case "$bk_key" in
        '' | *[!A-Za-z0-9]*) continue ;;
      esac
      printf '%s"%s":' "$bk_rsep" "$bk_key"
      jstr "${bk_line#*=}"
      bk_rsep=,
    done < "$1"
    printf '}'
  else
    printf null
  fi
}
printf ',"repository":'
bk_record "$bk_state/repository"
printf ',"lastRun":'
bk_record "$bk_state/last-run"
printf ',"lastCheck":'
bk_record "$bk_state/last-check"
# each replica's records (replica-N, replica-N-check), N from 1 while either exists
printf ',"replicas":['
bk_n=1
while [ -f "$bk_state/replica-$bk_n" ] || [ -f "$bk_state/replica-$bk_n-check" ]; do
  [ "$bk_n" -gt 1 ] && printf ','
  printf '{"run":'
  bk_record "$bk_state/replica-$bk_n"
  printf ',"check":'
  bk_record "$bk_state/replica-$bk_n-check"
  printf '}'
  bk_n=$((bk_n + 1))
done
printf ']}'
