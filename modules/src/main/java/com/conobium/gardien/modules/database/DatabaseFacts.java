package com.conobium.gardien.modules.database;

import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.UnitState;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the database probe found.
 *
 * @param unit the mariadb unit
 * @param accounts what MariaDB's grant tables hold, or empty when they could not be read (not
 *     installed or not running)
 */
record DatabaseFacts(UnitState unit, Optional<Accounts> accounts) {

  /**
   * MariaDB's users, databases and database grants.
   *
   * @param users every row of {@code mysql.global_priv}
   * @param databases every schema name
   * @param grants every row of {@code mysql.db}
   */
  record Accounts(List<User> users, List<String> databases, List<Grant> grants) {
    Accounts {
      users = List.copyOf(users);
      databases = List.copyOf(databases);
      grants = List.copyOf(grants);
    }

    Optional<User> user(String name, String host) {
      return users.stream().filter(u -> u.name().equals(name) && u.host().equals(host)).findFirst();
    }

    List<String> grantsOf(String name, String host) {
      return grants.stream().filter(g -> g.user().equals(name) && g.host().equals(host)).map(Grant::database).toList();
    }
  }

  /**
   * One account.
   *
   * @param plugin its first authentication plugin
   * @param alternatives how many alternative authentications name another plugin ({@code OR unix_socket}…)
   * @param authDigest hex SHA-256 of its authentication string (never the string)
   * @param globalAccess its global privilege bits; {@code 0} is USAGE only
   */
  record User(String name, String host, String plugin, int alternatives, String authDigest, String globalAccess) {}

  /** A row of {@code mysql.db}: privileges of {@code user@host} on the database pattern {@code database}. */
  record Grant(String database, String user, String host) {}

  /** Parses the probe's JSON. */
  static DatabaseFacts parse(JsonNode json) throws FactsException {
    if (json == null || !json.isObject()) {
      throw new FactsException("database probe: expected an object, got " + json);
    }
    if (json.path("enabled").isBoolean() && !json.get("enabled").booleanValue()) {
      return new DatabaseFacts(UnitState.unknown(), Optional.empty());
    }
    UnitState unit = UnitState.parse(json.get("units")).getOrDefault(DatabaseModule.UNIT, UnitState.unknown());
    JsonNode rows = json.get("rows");
    if (rows == null || !rows.isArray()) {
      return new DatabaseFacts(unit, Optional.empty());
    }
    List<User> users = new ArrayList<>();
    List<String> databases = new ArrayList<>();
    List<Grant> grants = new ArrayList<>();
    for (JsonNode row : rows) {
      if (!row.isArray() || row.size() == 0) {
        continue;
      }
      switch (row.get(0).asText()) {
        case "user" -> users.add(new User(row.path(1).asText(), row.path(2).asText(), row.path(3).asText(),
            row.path(4).asInt(0), row.path(5).asText(), row.path(6).asText("0")));
        case "database" -> databases.add(row.path(1).asText());
        case "grant" -> grants.add(new Grant(row.path(1).asText(), row.path(2).asText(), row.path(3).asText()));
        default -> throw new FactsException("database probe: unknown row " + row);
      }
    }
    return new DatabaseFacts(unit, Optional.of(new Accounts(users, databases, grants)));
  }
}
