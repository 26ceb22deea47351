# Facts of the swap module: RAM and swap sizes, the swap file (its size, whether it is swap in
# use and listed in /etc/fstab), and whether this is a container. $swap_path names the file.
# Changes nothing.
printf '{'
jmemory
printf ',"container":'
jstr "$(systemd-detect-virt --container 2>/dev/null)"
printf ',"fileBytes":'
if [ -f "$swap_path" ]; then jint "$(stat -c %s "$swap_path")"; else printf null; fi
printf ',"active":'
if grep -q "^$swap_path " /proc/swaps 2>/dev/null; then printf true; else printf false; fi
printf ',"inFstab":'
if grep -Eq "^[[:space:]]*$swap_path[[:space:]]+none[[:space:]]+swap[[:space:]]" /etc/fstab 2>/dev/null; then printf true; else printf false; fi
printf '}'
