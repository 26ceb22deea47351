# Helpers for the files and directories the web, database and sites modules manage. They start at
# most one process (stat), whatever the number of paths.
# gw_same PATH WANT: prints true when PATH is a regular file whose text is WANT, read with shell
# builtins (a missing final line break is not told apart), else false.
gw_same() {
  if [ ! -f "$1" ]; then printf false; return; fi
  gw_text=
  while IFS= read -r gw_line || [ -n "$gw_line" ]; do
    gw_text="$gw_text$gw_line
"
  done < "$1"
  if [ "$gw_text" = "$2" ]; then printf true; else printf false; fi
}
# gw_stat PATH...: prints a JSON object mapping each existing PATH to "MODE OWNER GROUP".
# Paths are Gardien's own (no quotes or control characters in them).
gw_stat() {
  printf '{'
  if [ "$#" -gt 0 ]; then stat -c '"%n":"%a %U %G",' -- "$@" 2>/dev/null; fi
  printf '"":""}'
}
# gw_units UNIT...: prints the Id, ActiveState and UnitFileState lines of one systemctl for all
# UNITs, as a JSON array of "KEY=VALUE" strings (unit names and states need no escaping).
gw_units() {
  gw_units_out=$(systemctl show -p Id -p ActiveState -p UnitFileState -- "$@" 2>/dev/null)
  printf '['
  while IFS= read -r gw_line; do
    case "$gw_line" in *=*) printf '"%s",' "$gw_line" ;; esac
  done <<GW_UNITS
$gw_units_out
GW_UNITS
  printf '""]'
}
