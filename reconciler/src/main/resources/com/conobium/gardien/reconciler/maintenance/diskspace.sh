# Space and inodes of every real mount, read only.
echo '::gardien:: df'
df -B1 --output=target,fstype,size,used,avail,itotal,iused -x tmpfs -x devtmpfs -x squashfs \
  -x efivarfs -x ramfs -x proc -x sysfs -x cgroup2 -x fuse.lxcfs 2>/dev/null | tail -n +2 |
  while read -r target rest; do
    # a file bind-mounted over another (a container's /run/host/os-release) is no mount of its own
    [ -d "$target" ] && echo "$target $rest"
  done
