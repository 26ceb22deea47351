# Facts of the time module: chrony's package, its configuration and Gardien's sources file, the service, whether this
# is a container (where the host keeps the clock) and the time zone. Changes nothing.
printf '{"chronyInstalled":'
case "$(dpkg-query -W -f '${db:Status-Abbrev}' chrony 2>/dev/null)" in
  ?i*) printf true ;;
  *) printf false ;;
esac
printf ',"sourcesFile":'
jfile /etc/chrony/sources.d/gardien.sources
printf ',"configFile":'
jfile /etc/chrony/chrony.conf
printf ',"sourcesContent":'
jstr "$(cat /etc/chrony/sources.d/gardien.sources 2>/dev/null)"
printf ',"enabled":'
jstr "$(systemctl is-enabled chrony.service 2>/dev/null)"
printf ',"active":'
jstr "$(systemctl is-active chrony.service 2>/dev/null)"
printf ',"container":'
jstr "$(systemd-detect-virt --container 2>/dev/null)"
printf ',"localtime":'
jstr "$(readlink /etc/localtime 2>/dev/null)"
printf ',"timezoneFile":'
if [ -f /etc/timezone ]; then jstr "$(cat /etc/timezone)"; else printf null; fi
printf '}'
