package com.conobium.gardien.modules.database;

import java.util.regex.Pattern;

/**
 * One site's database and the user limited to it.
 *
 * @param site the site's name
 * @param name the database name
 * @param user the user name (host {@code localhost})
 * @param password the user's password hash, from the secret {@code database-SITE}
 */
record SiteDatabase(String site, String name, String user, NativePassword password) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final java.util.Set<String> SYSTEM =
      java.util.Set.of("mysql", "information_schema", "performance_schema", "sys", "test");
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_-]{1,80}");

  SiteDatabase {
    if (!NAME.matcher(name).matches() || SYSTEM.contains(name)) {
      throw new IllegalArgumentException("not a database name Gardien accepts ([A-Za-z0-9_-], at most 64): " + name);
    }
    if (!USER.matcher(user).matches() || user.equals("root") || user.equals("mysql")) {
      throw new IllegalArgumentException("not a database user name Gardien accepts: " + user);
    }
  }

  /** The name as {@code mysql.db} stores a grant on it: {@code _} is a wildcard there, so escaped. */
  String grantPattern() {
    return name.replace("_", "\\_");
  }

  /** {@code `name`} for SQL. */
  String quotedName() {
    return "`" + name + "`";
  }

  /** {@code `name`} with {@code _} escaped, for GRANT and REVOKE. */
  String quotedGrantPattern() {
    return "`" + grantPattern() + "`";
  }

  /** {@code 'user'@'localhost'} for SQL. */
  String account() {
    return "'" + user + "'@'localhost'";
  }
}
