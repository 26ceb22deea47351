# Gardien probe helpers. They print JSON with nothing but POSIX sh, sed and awk.

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

# jstr TEXT: prints TEXT as one JSON string, inner and trailing line breaks included.
jstr() {
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
    *) printf '%s' "$1" | sed -e 's/^0*//' -e 's/^$/0/' ;;
  esac
}

# jbool CMD...: prints true when CMD succeeds, else false. CMD's output is discarded.
jbool() { if "$@" >/dev/null 2>&1; then printf true; else printf false; fi; }

# jfile PATH: prints {"exists":false} or {"exists":true,"sha256":...,"mode":...,"owner":...,"group":...}.
jfile() {
  if [ -f "$1" ]; then
    printf '{"exists":true,"sha256":"%s","mode":"%s","owner":"%s","group":"%s"}' \
      "$(sha256sum < "$1" | cut -d' ' -f1)" "$(stat -L -c %a "$1")" "$(stat -L -c %U "$1")" "$(stat -L -c %G "$1")"
  elif [ -e "$1" ]; then
    printf '{"exists":true,"sha256":"","mode":"%s","owner":"%s","group":"%s"}' \
      "$(stat -L -c %a "$1")" "$(stat -L -c %U "$1")" "$(stat -L -c %G "$1")"
  else
    printf '{"exists":false}'
  fi
}
