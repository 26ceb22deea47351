# SMART health of each physical disk, read only; nothing on a virtual machine or a container.
echo '::gardien:: virt'
virt=$(systemd-detect-virt 2>/dev/null)
echo "${virt:-none}"
if [ "${virt:-none}" = none ]; then
  if ! command -v smartctl >/dev/null 2>&1; then
    echo '::gardien:: missing'
  else
    smartctl --scan-open 2>/dev/null | while read -r dev dflag dtype _; do
      case $dev in /dev/*) ;; *) continue ;; esac
      [ "$dflag" = -d ] || dtype=auto
      echo "::gardien:: disk $dev $dtype"
      smartctl -j -i -H -A -d "$dtype" "$dev" 2>&1
    done
  fi
fi
