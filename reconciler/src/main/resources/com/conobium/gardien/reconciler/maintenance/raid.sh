# Software RAID, read only. On a virtual machine or a container /proc/mdstat is not the server's
# own disks (a container sees its host's): only the detection is printed.
echo '::gardien:: virt'
virt=$(systemd-detect-virt 2>/dev/null)
echo "${virt:-none}"
if [ "${virt:-none}" = none ]; then
  echo '::gardien:: mdstat'
  cat /proc/mdstat 2>/dev/null
  if command -v mdadm >/dev/null 2>&1 && [ -r /proc/mdstat ]; then
    for md in $(awk '/^md[^ ]* : / {print $1}' /proc/mdstat); do
      echo "::gardien:: detail $md"
      mdadm --detail "/dev/$md" 2>&1
    done
  fi
fi
