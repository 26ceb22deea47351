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

# jfile PATH: prints {"exists":false} or {"exists":true,"sha256":...,"mode":...,"owner":...,"group":...}.
# In a probe script the engine composed (gardien_files names where this probe lists the paths it
# asks about) it prints a marker instead, which the script's end replaces once every probe has
# ended (jfile_facts, jfile_fill): one sha256sum and one stat for the files of all the probes, not
# two processes per file. Call it directly, not in $(...): the marker's number would be lost.
jfile() {
  case "${gardien_files:-}:$1" in
    :* | *'
'*) jfile_now "$1" ;;
    *)
      gardien_file_count=$((${gardien_file_count:-0} + 1))
      printf '%s\n' "$1" >>"$gardien_files"
      printf '@@%s:%s:%s@@' "$gardien_nonce" "$gardien_module" "$gardien_file_count"
      ;;
  esac
}

# jfile_now PATH: as jfile, at once, and leaves the SHA-256 in jfile_sum (empty when PATH is not a
# regular file) for the caller to compare.
jfile_now() {
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

# jfile_with DIR N TEST CMD...: runs CMD... with, after its own words, every path the first N probes
# listed (DIR/I.files) that passes `test TEST` (-e, -f); runs nothing when none does.
jfile_with() {
  jfile_d=$1 jfile_n=$2 jfile_t=$3
  shift 3
  jfile_argc=$#
  jfile_i=0
  while [ "$jfile_i" -lt "$jfile_n" ]; do
    if [ -f "$jfile_d/$jfile_i.files" ]; then
      while IFS= read -r jfile_p; do
        if [ "$jfile_t" "$jfile_p" ]; then set -- "$@" "$jfile_p"; fi
      done <"$jfile_d/$jfile_i.files"
    fi
    jfile_i=$((jfile_i + 1))
  done
  [ "$#" -gt "$jfile_argc" ] || return 0
  "$@"
}

# jfile_facts DIR N: the facts of every file the first N probes asked about (listed in DIR/I.files),
# one "I:K JSON" line each (the K-th path of probe I). The shell tells what exists and what is a
# regular file; one sha256sum and one stat read them all. Should a line of theirs not name the path
# expected (a file gone in between, a name they print escaped), that file and the rest are looked
# at one by one (jfile_now).
jfile_facts() {
  jfile_with "$1" "$2" -f sha256sum -- >"$1/sums" 2>/dev/null
  jfile_with "$1" "$2" -e stat -L -c '%a:%U:%G:%n' -- >"$1/stats" 2>/dev/null
  jfile_lost=
  jfile_i=0
  exec 3<"$1/sums" 4<"$1/stats"
  while [ "$jfile_i" -lt "$2" ]; do
    jfile_k=0
    if [ -f "$1/$jfile_i.files" ]; then
      while IFS= read -r jfile_p; do
        jfile_k=$((jfile_k + 1))
        printf '%s:%s ' "$jfile_i" "$jfile_k"
        if [ -z "$jfile_lost" ] && [ -e "$jfile_p" ]; then
          jfile_sum=
          if [ -f "$jfile_p" ]; then
            IFS= read -r jfile_line <&3 || jfile_line=
            jfile_sum=${jfile_line%%  *}
            [ "${jfile_line#*  }" = "$jfile_p" ] || jfile_lost=1
          fi
          IFS= read -r jfile_line <&4 || jfile_line=
          jfile_stat=${jfile_line%":$jfile_p"}
          [ "${jfile_line#*:*:*:}" = "$jfile_p" ] || jfile_lost=1
        fi
        if [ -n "$jfile_lost" ] || [ ! -e "$jfile_p" ]; then
          jfile_now "$jfile_p"
        else
          jfile_owner=${jfile_stat#*:}
          printf '{"exists":true,"sha256":"%s","mode":"%s","owner":"%s","group":"%s"}' \
            "$jfile_sum" "${jfile_stat%%:*}" "${jfile_owner%%:*}" "${jfile_owner#*:}"
        fi
        printf '\n'
      done <"$1/$jfile_i.files"
    fi
    jfile_i=$((jfile_i + 1))
  done
  exec 3<&- 4<&-
}

# jfile_fill NONCE FACTS OUTPUT...: prints the OUTPUT files, each of jfile's markers of this NONCE
# replaced by the facts of its file (FACTS: jfile_facts's lines).
jfile_fill() {
  jfile_nonce=$1
  shift
  awk -v mark="@@$jfile_nonce:" '
    FILENAME == ARGV[1] { k = $1; sub(/^[^ ]* /, ""); facts[k] = $0; next }
    {
      line = $0; out = ""
      while ((i = index(line, mark)) > 0) {
        rest = substr(line, i + length(mark)); j = index(rest, "@@")
        if (j == 0) break
        k = substr(rest, 1, j - 1)
        out = out substr(line, 1, i - 1) ((k in facts) ? facts[k] : "null")
        line = substr(rest, j + 2)
      }
      print out line
    }' "$@"
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
