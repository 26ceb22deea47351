# tls facts: per site (tls_sites, set before this snippet), the certificate files Gardien deploys
# (under tls_root) and the deployed leaf's expiry. One openssl per site that has a chain; a server
# without sites starts no process at all.
printf '{"nginx":'
if [ -n "$tls_sites" ]; then jbool systemctl is-active --quiet nginx; else printf false; fi
printf ',"sites":{'
tls_sep=
for tls_site in $tls_sites; do
  tls_dir=$tls_root/$tls_site
  printf '%s"%s":{"fullchain":' "$tls_sep" "$tls_site"
  tls_sep=,
  jfile "$tls_dir/fullchain.pem"
  printf ',"privkey":'
  jfile "$tls_dir/privkey.pem"
  printf ',"notAfter":'
  if [ -f "$tls_dir/fullchain.pem" ]; then
    jstr "$(openssl x509 -enddate -noout -in "$tls_dir/fullchain.pem" 2>/dev/null || true)"
  else
    printf null
  fi
  printf '}'
done
printf '}}'
