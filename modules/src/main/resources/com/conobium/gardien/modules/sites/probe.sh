# Facts of the sites module, part one: the sites' users (found by the GECOS marker of their passwd
# entry, read with shell builtins) and what each one's record on the server says. No process.
printf '{"users":['
while IFS=: read -r s_name s_pw s_uid s_gid s_gecos s_home s_shell; do
  case "$s_gecos" in
    'Gardien site'*)
      case "$s_name$s_home$s_shell" in *[!A-Za-z0-9_./-]*) continue ;; esac
      printf '{"name":"%s","home":"%s","shell":"%s","record":{' "$s_name" "$s_home" "$s_shell"
      if [ -f "/etc/gardien/sites/$s_name.conf" ]; then
        while IFS='=' read -r s_key s_value; do
          case "$s_key$s_value" in '' | *[!A-Za-z0-9_-]*) continue ;; esac
          printf '"%s":"%s",' "$s_key" "$s_value"
        done < "/etc/gardien/sites/$s_name.conf"
      fi
      printf '"":""}},'
      ;;
  esac
done < /etc/passwd
printf '{}]'
