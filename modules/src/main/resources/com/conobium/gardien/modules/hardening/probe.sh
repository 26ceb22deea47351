# Facts of the hardening module: whether this is a container, Gardien's hardening files (their
# paths in $hard_files) and the live value of each kernel parameter Gardien sets ($hard_keys),
# with whether this system may set it. Changes nothing. The parameters are read by the shell alone
# (no process per parameter: there are dozens).
printf '{"container":'
jstr "$(systemd-detect-virt --container 2>/dev/null)"
printf ',"files":{'
sep=''
for f in $hard_files; do
  printf '%s' "$sep"; jstr "$f"; printf ':'; jfile "$f"; sep=','
done
printf '},"sysctl":{'
sep=''
for k in $hard_keys; do
  p=/proc/sys
  hard_ifs=$IFS; IFS=.
  for part in $k; do p="$p/$part"; done
  IFS=$hard_ifs
  printf '%s' "$sep"; jstr "$k"; printf ':{"value":'
  if [ -r "$p" ]; then
    v=''
    IFS= read -r v < "$p" 2>/dev/null # dash's read says 1 at the end of a /proc file, value read or not
    jstr "$v"
  else
    printf null
  fi
  printf ',"writable":'
  if [ -w "$p" ]; then printf true; else printf false; fi
  printf '}'; sep=','
done
printf '}}'
