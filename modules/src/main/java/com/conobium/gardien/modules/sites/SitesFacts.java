package com.conobium.gardien.modules.sites;

import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.PathProbe;
import com.conobium.gardien.modules.spi.PathState;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the sites probe found.
 *
 * @param users the sites' users on the server (passwd entries carrying {@link SiteLayout#GECOS}), by
 *     name, in passwd order
 * @param paths the desired sites' files and directories, by path (a path not there is absent)
 */
public record SitesFacts(Map<String, SiteUser> users, Map<String, PathState> paths) {
  public SitesFacts {
    users = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(users));
    paths = Map.copyOf(paths);
  }

  /**
   * A site's user.
   *
   * @param home its home directory
   * @param shell its login shell
   * @param record what the server's record of the site says
   */
  public record SiteUser(String home, String shell, SiteRecord record) {}

  /** The state of {@code path}. */
  PathState path(String path) {
    return PathProbe.of(paths, path);
  }

  /** Parses the probe's JSON. */
  static SitesFacts parse(JsonNode json) throws FactsException {
    if (json == null || !json.isObject()) {
      throw new FactsException("sites probe: expected an object, got " + json);
    }
    if (json.path("enabled").isBoolean() && !json.get("enabled").booleanValue()) {
      return new SitesFacts(Map.of(), Map.of());
    }
    if (!json.path("users").isArray()) {
      throw new FactsException("sites probe: expected users, got " + json);
    }
    Map<String, SiteUser> users = new LinkedHashMap<>();
    for (JsonNode user : json.get("users")) {
      if (!user.has("name")) {
        continue;
      }
      Map<String, String> record = new LinkedHashMap<>();
      user.path("record").fields().forEachRemaining(e -> {
        if (!e.getKey().isEmpty()) {
          record.put(e.getKey(), e.getValue().asText());
        }
      });
      users.put(user.get("name").asText(),
          new SiteUser(user.path("home").asText(), user.path("shell").asText(), SiteRecord.of(record)));
    }
    return new SitesFacts(users, PathProbe.parse(json.get("paths")));
  }
}
