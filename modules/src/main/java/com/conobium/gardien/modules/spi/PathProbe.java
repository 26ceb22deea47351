package com.conobium.gardien.modules.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Probes many managed files and directories at the cost of one process: each wanted file's text is
 * compared with the server's by shell builtins ({@code gw_same}), and the mode, owner and group of
 * every path come from a single {@code stat} ({@code gw_stat}). Used by the web, database and sites
 * modules. Pure: builds shell text and parses its JSON.
 */
public final class PathProbe {
  /** The shell functions {@code gw_same} and {@code gw_stat}; defining them twice is harmless. */
  public static final String FUNCTIONS = ProbeScripts.load(PathProbe.class, "paths.sh");

  private PathProbe() {}

  /**
   * A snippet printing {@code {"stat":{PATH:"MODE OWNER GROUP",…},"same":{PATH:BOOL,…}}} for
   * {@code files} (text compared) and {@code others} (attributes only).
   */
  public static String script(Collection<Step.PutFile> files, Collection<String> others) {
    Set<String> paths = new LinkedHashSet<>();
    files.forEach(f -> paths.add(f.path()));
    paths.addAll(others);
    StringBuilder sh = new StringBuilder(FUNCTIONS);
    sh.append("printf '{\"stat\":'\ngw_stat ").append(Shell.quoteAll(paths)).append("\nprintf ',\"same\":{'\n");
    for (Step.PutFile file : files) {
      sh.append("printf '%s:' ").append(Shell.quote("\"" + file.path() + "\"")).append('\n')
          .append("gw_same ").append(Shell.quote(file.path())).append(' ').append(Shell.quote(file.content()))
          .append("\nprintf ,\n");
    }
    sh.append("printf '\"\":false}}'\n");
    return sh.toString();
  }

  /** Parses what {@link #script} printed: every path seen, by path; a path not listed is absent. */
  public static Map<String, PathState> parse(JsonNode json) throws FactsException {
    if (json == null || !json.path("stat").isObject() || !json.path("same").isObject()) {
      throw new FactsException("expected {\"stat\":{…},\"same\":{…}}, got " + json);
    }
    Map<String, PathState> states = new LinkedHashMap<>();
    var fields = json.get("stat").fields();
    while (fields.hasNext()) {
      var entry = fields.next();
      if (entry.getKey().isEmpty()) {
        continue;
      }
      String[] parts = entry.getValue().asText().split(" ");
      if (parts.length != 3) {
        throw new FactsException("unexpected stat line for " + entry.getKey() + ": " + entry.getValue());
      }
      boolean same = json.get("same").path(entry.getKey()).asBoolean(false);
      states.put(entry.getKey(), new PathState(true, same, parts[0], parts[1], parts[2]));
    }
    return states;
  }

  /** The state of {@code path} in {@code states}, absent when it is not there. */
  public static PathState of(Map<String, PathState> states, String path) {
    return states.getOrDefault(path, PathState.absent());
  }
}
