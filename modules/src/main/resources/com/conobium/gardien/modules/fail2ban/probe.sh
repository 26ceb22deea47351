# Facts of the fail2ban module: whether it is installed, Gardien's jail file, the service's state
# (one systemctl for both properties) and whether the nginx error log exists. Changes nothing.
# Expects f2b_want_{nginx,plain}_{head,tail}: the file Gardien wants with and without that log, cut
# where the address the server sees Gardien come from goes (GARDIEN_SSH_CLIENT, set by the engine
# from sshd's SSH_CONNECTION).
# The file's text is read with shell builtins and sent only when it is not the wanted one (it is
# for display), so a converged server costs three processes: systemctl, sha256sum and stat.
f2b_path=/etc/fail2ban/jail.d/gardien.local
f2b_controller=${GARDIEN_SSH_CLIENT:-}
printf '{"installed":'
jbool [ -x /usr/bin/fail2ban-client ]
printf ',"controller":'
jstr "$f2b_controller"
printf ',"nginxErrorLog":'
if [ -e /var/log/nginx/error.log ]; then
  f2b_want=$f2b_want_nginx_head${f2b_controller:+ $f2b_controller}$f2b_want_nginx_tail
  printf true
else
  f2b_want=$f2b_want_plain_head${f2b_controller:+ $f2b_controller}$f2b_want_plain_tail
  printf false
fi
printf ',"jailFile":'
jfile "$f2b_path"
printf ',"jailFileContent":'
if [ -f "$f2b_path" ]; then
  f2b_text=
  while IFS= read -r f2b_line || [ -n "$f2b_line" ]; do
    f2b_text="$f2b_text$f2b_line
"
  done < "$f2b_path"
  if [ "$f2b_text" = "$f2b_want" ]; then printf null; else jstr "$f2b_text"; fi
else
  printf null
fi
f2b_unit=$(systemctl show -p UnitFileState -p ActiveState fail2ban.service 2>/dev/null)
f2b_active=
f2b_enabled=
while IFS='=' read -r f2b_key f2b_value; do
  case "$f2b_key" in
    ActiveState) f2b_active=$f2b_value ;;
    UnitFileState) f2b_enabled=$f2b_value ;;
  esac
done <<F2B_UNIT
$f2b_unit
F2B_UNIT
printf ',"enabled":'
jstr "$f2b_enabled"
printf ',"active":'
jstr "$f2b_active"
printf '}'
