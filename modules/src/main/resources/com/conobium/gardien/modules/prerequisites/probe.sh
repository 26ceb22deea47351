# Facts of the prerequisites module: Debian release, virtualisation, md arrays, the mount point
# of each path that must be its own partition, RAM and swap. Changes nothing.
# Files are read with the shell's own `.` and `read` where it can: every process started costs.
VERSION_ID=
. /etc/os-release 2>/dev/null
printf '{"osVersionId":'
jstr "$VERSION_ID"
gardien_debian=
read -r gardien_debian < /etc/debian_version 2>/dev/null
printf ',"debianVersion":'
jstr "$gardien_debian"
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
printf ','
jmemory
printf '}'
