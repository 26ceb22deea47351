package com.conobium.gardien.reconciler.state;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where Gardien's own state lives: a JDBC URL and the account to log in with. The password never
 * appears in {@link #toString()}, so a location can be logged.
 *
 * @param url {@code jdbc:h2:file:…} (the embedded default) or {@code jdbc:postgresql://HOST[:PORT]/DB}
 * @param user the database user
 * @param password its password; empty for the embedded database
 */
public record StateLocation(String url, String user, String password) {
  /** The environment variable naming a PostgreSQL database instead of the embedded one. */
  public static final String URL_ENV = "GARDIEN_STATE_URL";
  /** The environment variable holding the PostgreSQL user. */
  public static final String USER_ENV = "GARDIEN_STATE_USER";
  /** The environment variable holding the PostgreSQL password. */
  public static final String PASSWORD_ENV = "GARDIEN_STATE_PASSWORD";

  private static final String H2 = "jdbc:h2:";
  private static final String POSTGRESQL = "jdbc:postgresql://";

  public StateLocation {
    if (url == null || !(url.startsWith(H2) || url.startsWith(POSTGRESQL))) {
      throw new IllegalArgumentException("the state database URL must be jdbc:postgresql://HOST[:PORT]/DATABASE, not "
          + url);
    }
    if (url.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
      throw new IllegalArgumentException("the state database URL must not carry a password: set $"
          + PASSWORD_ENV + " instead");
    }
    user = user == null ? "" : user;
    password = password == null ? "" : password;
  }

  /** The file of the embedded database, in its directory. */
  public static final String EMBEDDED_FILE = "gardien.mv.db";

  /**
   * The embedded H2 database {@code gardien.mv.db} in {@code dir}. {@code AUTO_SERVER=TRUE} lets a
   * second process (a {@code gardien} command) open it while the daemon runs.
   */
  public static StateLocation embedded(Path dir) {
    return new StateLocation(H2 + "file:" + dir.toAbsolutePath().resolve("gardien") + ";AUTO_SERVER=TRUE",
        "gardien", "");
  }

  /** Where the embedded database lives for Gardien's home {@code home}: {@code home/state}. */
  public static Path embeddedDirectory(Path home) {
    return home.resolve("state");
  }

  /**
   * The database named by {@code --state-url}, else by {@code $GARDIEN_STATE_URL}, else the embedded
   * one in {@code embeddedDir}. User and password of a named database come from
   * {@code $GARDIEN_STATE_USER} and {@code $GARDIEN_STATE_PASSWORD} only.
   */
  public static StateLocation resolve(String optionUrl, Path embeddedDir, Map<String, String> env) {
    String url = optionUrl != null && !optionUrl.isBlank() ? optionUrl.strip() : env.get(URL_ENV);
    if (url == null || url.isBlank()) {
      return embedded(embeddedDir);
    }
    return new StateLocation(url.strip(), env.get(USER_ENV), env.get(PASSWORD_ENV));
  }

  /** Whether this is the embedded H2 database. */
  public boolean isEmbedded() {
    return url.startsWith(H2);
  }

  @Override
  public String toString() {
    return url + (user.isEmpty() ? "" : " (user " + user + ")");
  }
}
