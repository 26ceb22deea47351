package com.conobium.gardien.modules.spi;

/**
 * Shell helpers every probe may use. They print JSON with nothing but POSIX sh, sed and awk, which
 * every Debian system has (no python on the server). The script lives in {@code prelude.sh} next
 * to this class.
 */
public final class ProbeShell {
  private ProbeShell() {}

  /**
   * Defines:
   *
   * <ul>
   *   <li>{@code jstr TEXT}: prints TEXT as a JSON string (quotes, backslashes, line breaks and
   *       every other control character escaped);
   *   <li>{@code jlines}: prints standard input's lines as a JSON array of strings;
   *   <li>{@code jint TEXT}: prints TEXT as a JSON number when it is a non-negative integer, else
   *       {@code null};
   *   <li>{@code jfile PATH}: prints {@code {"exists":…,"sha256":…,"mode":…,"owner":…,"group":…}}
   *       (see {@link FileFacts}); in the engine's probe script, a marker the script fills in once
   *       every probe has ended, so the files of all probes are read by one {@code sha256sum} and
   *       one {@code stat} (call it directly, not in {@code $(…)});
   *   <li>{@code jfile_now PATH}: the same at once, leaving the file's SHA-256 in {@code jfile_sum}
   *       for a probe that compares it;
   *   <li>{@code jbool CMD…}: prints {@code true} when CMD succeeds, else {@code false};
   *   <li>{@code jmemory}: prints {@code "memTotalKb":N,"swapTotalKb":M} from {@code /proc/meminfo}.
   * </ul>
   *
   * <p>Strings must be valid UTF-8 for the engine's JSON parser; the helpers pass bytes through.
   */
  public static final String PRELUDE = ProbeScripts.load(ProbeShell.class, "prelude.sh");
}
