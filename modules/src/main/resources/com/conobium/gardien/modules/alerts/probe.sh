# Facts of the alerts module: the relay configuration, the alert script, and for each PAM login
# service file that exists whether Gardien's hook line is in it. Changes nothing.
printf '{"msmtprc":'
jfile /etc/gardien/msmtprc
printf ',"script":'
jfile /usr/local/lib/gardien/root-login-alert
printf ',"pam":{'
gardien_sep=
for gardien_service in sshd login su su-l sudo sudo-i; do
  gardien_state=nofile
  if [ -f "/etc/pam.d/$gardien_service" ]; then
    gardien_state=missing
    while IFS= read -r gardien_line; do
      if [ "$gardien_line" = "session optional pam_exec.so quiet seteuid /usr/local/lib/gardien/root-login-alert" ]; then
        gardien_state=present
      fi
    done < "/etc/pam.d/$gardien_service"
  fi
  printf '%s"%s":"%s"' "$gardien_sep" "$gardien_service" "$gardien_state"
  gardien_sep=,
done
printf '}}'
