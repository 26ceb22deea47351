package com.conobium.gardien.reconciler.engine;

import com.conobium.gardien.modules.spi.ProbeShell;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The single remote script that gathers the facts of many modules at once, and the parsing of its
 * output back into one section per module. Each section is framed by marker lines carrying a
 * nonce, so nothing a probe prints can be mistaken for a frame. The probes run side by side (each
 * writes its framed section to a file of its own, printed in order once all have ended): they only
 * read, and most of their time is spent starting processes, which a server's cores share. The
 * files they ask about ({@code jfile}) are looked at once all have ended, all at once: one
 * {@code sha256sum} and one {@code stat} for the whole script, not two processes per file.
 */
final class ProbeScript {
  private static final Pattern BEGIN = Pattern.compile("^@@gardien:([0-9a-f]+):begin:([\\w.-]+)$");
  private static final Pattern END =
      Pattern.compile("^@@gardien:([0-9a-f]+):end:([\\w.-]+):(\\d+)$");

  private final String nonce;

  ProbeScript(String nonce) {
    if (!nonce.matches("[0-9a-f]+")) {
      throw new IllegalArgumentException("nonce must be lowercase hex");
    }
    this.nonce = nonce;
  }

  /** One probe of one module. */
  record Probe(String module, String script) {}

  /** What one module's probe printed and how it exited. */
  record Section(String module, String output, int exitStatus) {}

  /**
   * The script: the probe helpers, then every probe in a subshell between two marker lines, all
   * at once in the background, each into its own file of a private temporary directory; then the
   * files in the probes' order.
   */
  String compose(List<Probe> probes) {
    StringBuilder b = new StringBuilder();
    b.append("export LC_ALL=C\n").append(ProbeShell.PRELUDE).append('\n');
    // a full /tmp does not stop the probe: /dev/shm is memory
    b.append("gardien_probes=$(mktemp -d 2>/dev/null || mktemp -d -p /dev/shm) || exit 70\n");
    b.append("trap 'rm -rf \"$gardien_probes\"' EXIT\n");
    b.append("gardien_nonce=").append(nonce).append('\n');
    StringBuilder files = new StringBuilder();
    for (int i = 0; i < probes.size(); i++) {
      Probe p = probes.get(i);
      // jfile lists the probe's files in its own list and prints markers, filled in at the end
      b.append("{\ngardien_module=").append(i).append(" gardien_files=\"$gardien_probes/").append(i).append(".files\"\n");
      b.append("printf '\\n@@gardien:%s:begin:%s\\n' '")
          .append(nonce)
          .append("' '")
          .append(p.module())
          .append("'\n(\n")
          .append(p.script())
          .append("\n) </dev/null\n")
          .append("printf '\\n@@gardien:%s:end:%s:%d\\n' '")
          .append(nonce)
          .append("' '")
          .append(p.module())
          .append("' \"$?\"\n} >\"$gardien_probes/").append(i).append("\" </dev/null &\n");
      files.append(" \"$gardien_probes/").append(i).append('"');
    }
    b.append("wait\n");
    if (!probes.isEmpty()) {
      // the files every probe asked about, looked at all at once: one sha256sum and one stat
      b.append("jfile_facts \"$gardien_probes\" ").append(probes.size()).append(" >\"$gardien_probes/facts\"\n");
      b.append("jfile_fill ").append(nonce).append(" \"$gardien_probes/facts\"").append(files).append('\n');
    }
    return b.toString();
  }

  /**
   * The sections found in {@code stdout}, by module. A module whose end marker is missing (the
   * script was cut short) is absent from the result.
   */
  Map<String, Section> parse(String stdout) {
    Map<String, Section> sections = new LinkedHashMap<>();
    String current = null;
    StringBuilder body = new StringBuilder();
    for (String line : stdout.split("\n", -1)) {
      Matcher begin = BEGIN.matcher(line);
      Matcher end = END.matcher(line);
      if (begin.matches() && begin.group(1).equals(nonce)) {
        current = begin.group(2);
        body.setLength(0);
      } else if (end.matches() && end.group(1).equals(nonce) && end.group(2).equals(current)) {
        String text = body.toString();
        if (text.endsWith("\n")) {
          text = text.substring(0, text.length() - 1);
        }
        sections.put(current, new Section(current, text, Integer.parseInt(end.group(3))));
        current = null;
      } else if (current != null) {
        body.append(line).append('\n');
      }
    }
    return sections;
  }
}
