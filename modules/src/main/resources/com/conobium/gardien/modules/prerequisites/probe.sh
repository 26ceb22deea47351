# Facts of the prerequisites module: Debian release, virtualisation, md arrays, the mount point
# of each path that must be its own partition, RAM and swap. Changes nothing.
printf '{"osVersionId":'
jstr "$(sed -n -e 's/^VERSION_ID=//p' /etc/os-release 2>/dev/null | tr -d "\"'")"
printf ',"debianVersion":'
jstr "$(cat /etc/debian_version 2>/dev/null)"
printf ',"vm":'
jstr "$(systemd-detect-virt --vm 2>/dev/null)"
printf ',"container":'
jstr "$(systemd-detect-virt --container 2>/dev/null)"
printf ',"mdstat":'
jstr "$(cat /proc/mdstat 2>/dev/null)"
printf ',"mounts":{'
gardien_separator=
for gardien_path in @PATHS@; do
  printf '%s' "$gardien_separator"
  jstr "$gardien_path"
  printf ':'
  jstr "$(findmnt -n -o TARGET -T "$gardien_path" 2>/dev/null || stat -c %m -- "$gardien_path" 2>/dev/null)"
  gardien_separator=,
done
printf '}'
printf ',"memTotalKb":'
jint "$(awk '$1 == "MemTotal:" { print $2 }' /proc/meminfo 2>/dev/null)"
printf ',"swapTotalKb":'
jint "$(awk '$1 == "SwapTotal:" { print $2 }' /proc/meminfo 2>/dev/null)"
printf '}'
