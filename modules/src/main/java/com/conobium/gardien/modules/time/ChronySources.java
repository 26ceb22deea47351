package com.conobium.gardien.modules.time;

import com.conobium.gardien.modules.spi.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gardien's chrony sources file. Debian's {@code /etc/chrony/chrony.conf} reads every
 * {@code *.sources} file of {@code /etc/chrony/sources.d} ({@code sourcedir}), and
 * {@code chronyc reload sources} applies a change without restarting chronyd.
 */
final class ChronySources {
  static final String DIRECTORY = "/etc/chrony/sources.d";
  static final String PATH = DIRECTORY + "/gardien.sources";

  private static final Pattern SERVER_LINE =
      Pattern.compile("^\\s*(?:server|pool)\\s+(\\S+)", Pattern.MULTILINE);

  private ChronySources() {}

  /** The file for {@code servers}; chronyd parses it before it replaces the previous one. */
  static Step.PutFile forServers(List<String> servers) {
    StringBuilder content = new StringBuilder("# Managed by Gardien: changes here are overwritten.\n");
    for (String server : servers) {
      content.append("server ").append(server).append(" iburst\n");
    }
    return Step.PutFile.of(PATH, content.toString())
        .validatedBy("chronyd -p -f " + PATH + " >/dev/null");
  }

  /** The servers a sources file names, as people read them. */
  static String describe(String content) {
    List<String> servers = new ArrayList<>();
    Matcher m = SERVER_LINE.matcher(content);
    while (m.find()) {
      servers.add(m.group(1));
    }
    return describe(servers);
  }

  static String describe(List<String> servers) {
    return servers.isEmpty() ? "no servers" : String.join(", ", servers);
  }
}
