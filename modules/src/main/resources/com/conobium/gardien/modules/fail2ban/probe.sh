# Facts of the fail2ban module: whether it is installed, Gardien's jail file, the service's
# state (one systemctl for both properties) and which log files of file-based jails exist.
# Changes nothing. Tests are shell builtins; processes: systemctl, and for the file sha256sum,
# stat and cat.
printf '{"installed":'
jbool [ -x /usr/bin/fail2ban-client ]
printf ',"jailFile":'
jfile /etc/fail2ban/jail.d/gardien.local
printf ',"jailFileContent":'
if [ -f /etc/fail2ban/jail.d/gardien.local ]; then
  jstr "$(cat /etc/fail2ban/jail.d/gardien.local)"
else
  printf '""'
fi
printf ',"unit":'
jstr "$(systemctl show -p UnitFileState -p ActiveState fail2ban.service 2>/dev/null)"
printf ',"nginxErrorLog":'
jbool [ -e /var/log/nginx/error.log ]
printf '}'
