# Facts of the firewall module: the ruleset file, whether the live inet gardien table is the one
# the desired file loads (its fingerprint comment), and whether nftables loads it at boot.
printf '{"file":'
jfile /etc/nftables.conf
gardien_live=$(nft list table inet gardien 2>/dev/null)
printf ',"live":'
case "$gardien_live" in
  *@FINGERPRINT@*) printf true ;;
  *) printf false ;;
esac
printf ',"enabled":'
jstr "$(systemctl is-enabled nftables.service 2>/dev/null)"
printf '}'
