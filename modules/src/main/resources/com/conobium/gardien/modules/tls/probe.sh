# tls facts: per site (tls_sites, set before this snippet: SITE=SHA256 words, the SHA-256 of the chain
# Gardien would deploy there, empty when it has none), the certificate files Gardien deploys (under
# tls_root) and the deployed leaf's expiry. The expiry of a chain that is the one Gardien would deploy
# is known to it already: openssl runs only for a chain that differs, so a converged server starts no
# openssl, and a server without sites no process at all.
printf '{"nginx":'
if [ -n "$tls_sites" ]; then jbool systemctl is-active --quiet nginx; else printf false; fi
printf ',"sites":{'
tls_sep=
for tls_site in $tls_sites; do
  tls_want=${tls_site#*=}
  tls_site=${tls_site%%=*}
  tls_dir=$tls_root/$tls_site
  printf '%s"%s":{"fullchain":' "$tls_sep" "$tls_site"
  tls_sep=,
  jfile_now "$tls_dir/fullchain.pem" # its SHA-256 is needed here, below
  tls_have=$jfile_sum
  printf ',"privkey":'
  jfile "$tls_dir/privkey.pem"
  printf ',"notAfter":'
  if [ -f "$tls_dir/fullchain.pem" ] && [ "$tls_have" != "$tls_want" ]; then
    jstr "$(openssl x509 -enddate -noout -in "$tls_dir/fullchain.pem" 2>/dev/null || true)"
  else
    printf null
  fi
  printf '}'
done
printf '}}'
