# Error-level lines since SINCE (seconds since the epoch): the journal's, and nginx's, the sites',
# PHP-FPM's and MariaDB's own error logs (the Java side keeps the lines of the period). Read only.
echo '::gardien:: journal'
journalctl -q -p err --since "@$SINCE" -o short-iso --no-pager 2>/dev/null | tail -n 20000
for f in /var/log/nginx/error.log /var/log/nginx/error.log.1 /srv/www/*/logs/error.log /srv/www/*/logs/error.log.1 \
  /var/log/php*-fpm.log /var/log/php*-fpm.log.1 /var/log/mysql/error.log; do
  [ -f "$f" ] || continue
  # a file not written to since SINCE holds nothing of the period
  [ -n "$(find "$f" -newermt "@$SINCE" 2>/dev/null)" ] || continue
  echo "::gardien:: file $f"
  tail -n 20000 "$f"
done
