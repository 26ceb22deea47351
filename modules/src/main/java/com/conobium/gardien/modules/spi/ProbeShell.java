package com.conobium.gardien.modules.spi;

/**
 * Shell helpers every probe may use. They print JSON with nothing but POSIX sh, sed and awk, which
 * every Debian system has (no python on the server).
 */
public final class ProbeShell {
  private ProbeShell() {}

  /**
   * Defines:
   *
   * <ul>
   *   <li>{@code jstr TEXT}: prints TEXT as a JSON string;
   *   <li>{@code jlines}: prints standard input's lines as a JSON array of strings;
   *   <li>{@code jfile PATH}: prints {@code {"exists":…,"sha256":…,"mode":…,"owner":…,"group":…}};
   *   <li>{@code jbool CMD…}: prints {@code true} when CMD succeeds, else {@code false}.
   * </ul>
   */
  public static final String PRELUDE =
      """
      jesc() { sed -e 's/\\\\/\\\\\\\\/g' -e 's/"/\\\\"/g' -e 's/\t/\\\\t/g' -e 's/\r/\\\\r/g'; }
      jstr() { printf '"'; printf '%s' "$1" | jesc | awk 'NR>1{printf "\\\\n"} {printf "%s",$0}'; printf '"'; }
      jlines() { printf '['; jesc | awk 'NR>1{printf ","} {printf "\\"%s\\"",$0}'; printf ']'; }
      jbool() { if "$@" >/dev/null 2>&1; then printf true; else printf false; fi; }
      jfile() {
        if [ -e "$1" ]; then
          printf '{"exists":true,"sha256":"%s","mode":"%s","owner":"%s","group":"%s"}' \\
            "$(sha256sum < "$1" | cut -d' ' -f1)" "$(stat -c %a "$1")" "$(stat -c %U "$1")" "$(stat -c %G "$1")"
        else
          printf '{"exists":false}'
        fi
      }
      """;
}
