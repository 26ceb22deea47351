# Gardien probe helpers. They print JSON with nothing but POSIX sh, sed and awk, and start as
# few processes as they can: a no-op reconcile runs every probe, and on a small server each
# process started costs milliseconds.

# jesc: escapes each line of standard input for use inside a JSON string: backslash and double
# quote get a backslash, every other control character (tab, CR, ESC, ...) becomes \u00XX.
# Line breaks are left to the caller, which reads the output line by line.
jesc() {
  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' | awk '
    BEGIN { for (i = 1; i < 32; i++) if (i != 10) esc[sprintf("%c", i)] = sprintf("\\u%04x", i) }
    {
      line = $0
      for (c in esc) if (index(line, c)) {
        n = split(line, part, c)
        line = part[1]
        for (k = 2; k <= n; k++) line = line esc[c] part[k]
      }
      print line
    }'
}

# jstr TEXT: prints TEXT as one JSON string, inner and trailing line breaks included. Text with
# nothing to escape (the common case) is printed by the shell alone.
jstr() {
  case "$1" in
    *[\\\"]* | *[[:cntrl:]]*) ;;
    *) printf '"%s"' "$1"; return ;;
  esac
  printf '"'
  printf '%s\n' "$1" | jesc | awk 'NR > 1 { printf "\\n" } { printf "%s", $0 }'
  printf '"'
}

# jlines: prints the lines of standard input as a JSON array of strings.
jlines() {
  printf '['
  jesc | awk 'NR > 1 { printf "," } { printf "\"%s\"", $0 }'
  printf ']'
}

# jint TEXT: prints TEXT as a JSON number when it is a non-negative integer, else null.
jint() {
  case "$1" in
    '' | *[!0-9]*) printf null ;;
    *)
      set -- "$1"
      while [ "${1#0}" != "$1" ] && [ "${#1}" -gt 1 ]; do set -- "${1#0}"; done
      printf '%s' "$1"
      ;;
  esac
}

# jbool CMD...: prints true when CMD succeeds, else false. CMD's output is discarded.
jbool() { if "$@" >/dev/null 2>&1; then printf true; else printf false; fi; }

# jfile PATH: prints {"exists":false} or {"exists":true,"sha256":...,"mode":...,"owner":...,"group":...},
# and leaves the SHA-256 in jfile_sum (empty when PATH is not a regular file) for the caller to compare.
jfile() {
  jfile_sum=
  if [ -e "$1" ]; then
    if [ -f "$1" ]; then
      jfile_sum=$(sha256sum < "$1")
      jfile_sum=${jfile_sum%% *}
    fi
    jfile_stat=$(stat -L -c '%a:%U:%G' "$1")
    jfile_owner=${jfile_stat#*:}
    printf '{"exists":true,"sha256":"%s","mode":"%s","owner":"%s","group":"%s"}' \
      "$jfile_sum" "${jfile_stat%%:*}" "${jfile_owner%%:*}" "${jfile_owner#*:}"
  else
    printf '{"exists":false}'
  fi
}

# jmemory: prints "memTotalKb":N,"swapTotalKb":M (RAM and swap in use, from /proc/meminfo), read
# with the shell's own `read`: no process started.
jmemory() {
  jmemory_mem=
  jmemory_swap=
  while read -r jmemory_key jmemory_value jmemory_unit; do
    case "$jmemory_key" in
      MemTotal:) jmemory_mem=$jmemory_value ;;
      SwapTotal:) jmemory_swap=$jmemory_value ;;
    esac
  done < /proc/meminfo
  printf '"memTotalKb":'
  jint "$jmemory_mem"
  printf ',"swapTotalKb":'
  jint "$jmemory_swap"
}
