# Facts of the accounts module, for the admin user named in $u (set before this script): its
# passwd entry, groups, home, authorized_keys and sudoers file, and the SHA-256 of root's and its
# shadow password fields. The fields themselves are never printed. Changes nothing.
shadow_digest() {
  if shadow_ent=$(getent shadow "$1"); then
    shadow_ent=${shadow_ent#*:}
    shadow_ent=$(printf '%s' "${shadow_ent%%:*}" | sha256sum)
    jstr "${shadow_ent%% *}"
  else
    printf null
  fi
}
printf '{"user":'
if user_ent=$(getent passwd "$u"); then
  user_home=$(printf '%s' "$user_ent" | cut -d: -f6)
  printf '{"home":'
  jstr "$user_home"
  printf ',"homeExists":'
  jbool test -d "$user_home"
  printf ',"shell":'
  jstr "${user_ent##*:}"
  printf ',"group":'
  jstr "$(id -gn "$u")"
  printf ',"groups":'
  id -Gn "$u" | tr ' ' '\n' | jlines
  printf ',"authorizedKeys":'
  jfile "$user_home/.ssh/authorized_keys"
  printf ',"authorizedKeysContent":'
  jstr "$(cat "$user_home/.ssh/authorized_keys" 2>/dev/null)"
  printf '}'
else
  printf null
fi
printf ',"sudoers":'
jfile "/etc/sudoers.d/gardien-$u"
printf ',"shadow":{"root":'
shadow_digest root
printf ',"admin":'
shadow_digest "$u"
printf '}}'
