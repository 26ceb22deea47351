# Facts of the packages module: what dpkg has installed, how old the apt lists are, and
# Gardien's apt proxy file. Changes nothing.
printf '{"packages":'
dpkg-query -W -f '${binary:Package} ${db:Status-Abbrev}\n' 2>/dev/null | jlines
# Newest of apt-daily's success stamp (which Gardien's updates touch too) and the Release files:
# apt dates a Release file by the server's Last-Modified, so it is never later than the fetch.
printf ',"listsAgeSeconds":'
jint "$(stat -c %Y /var/lib/apt/periodic/update-success-stamp /var/lib/apt/lists/*Release 2>/dev/null \
  | awk -v now="$(date +%s)" '$1 > newest { newest = $1 } END { if (newest) { age = now - newest; print (age < 0 ? 0 : age) } }')"
printf ',"proxyFile":'
jfile /etc/apt/apt.conf.d/00gardien-proxy
printf ',"proxyContent":'
jstr "$(cat /etc/apt/apt.conf.d/00gardien-proxy 2>/dev/null)"
printf '}'
