package com.conobium.gardien.modules.database;

/**
 * The SQL the database module runs, as root through the unix socket ({@code mariadb} reads it on
 * standard input, so a password hash never appears in a command line or a plan). Pure.
 */
final class MariaDbSql {
  /** The probe's query: one JSON array per row, so the probe passes them through unparsed. */
  static final String FACTS = """
      SELECT JSON_ARRAY('user', User, Host, IFNULL(JSON_VALUE(Priv, '$.plugin'), ''),
        IFNULL(JSON_LENGTH(JSON_EXTRACT(Priv, '$.auth_or[*].plugin')), 0),
        IFNULL(SHA2(JSON_VALUE(Priv, '$.authentication_string'), 256), ''),
        IFNULL(JSON_VALUE(Priv, '$.access'), '0')) FROM mysql.global_priv;
      SELECT JSON_ARRAY('database', SCHEMA_NAME) FROM information_schema.SCHEMATA;
      SELECT JSON_ARRAY('grant', Db, User, Host) FROM mysql.db;
      """;

  static final String DROP_ANONYMOUS = "DELETE FROM mysql.global_priv WHERE User = '';\nFLUSH PRIVILEGES;\n";
  static final String DROP_REMOTE_ROOT =
      "DELETE FROM mysql.global_priv WHERE User = 'root' AND Host <> 'localhost';\nFLUSH PRIVILEGES;\n";
  static final String DROP_TEST = "DROP DATABASE IF EXISTS test;\n"
      + "DELETE FROM mysql.db WHERE Db = 'test' OR Db = 'test\\\\_%';\nFLUSH PRIVILEGES;\n";
  static final String ROOT_UNIX_SOCKET = "ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket;\n";

  /** Runs the SQL on standard input as root. */
  static final String CLIENT = "mariadb --batch\n";

  private MariaDbSql() {}

  static String createDatabase(SiteDatabase db) {
    return "CREATE DATABASE IF NOT EXISTS " + db.quotedName()
        + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n";
  }

  /** Creates the user if needed, sets its password and limits it to its database. */
  static String createUser(SiteDatabase db) {
    return "CREATE USER IF NOT EXISTS " + db.account() + ";\n" + setPassword(db) + limitToDatabase(db);
  }

  static String setPassword(SiteDatabase db) {
    return "ALTER USER " + db.account() + " IDENTIFIED BY PASSWORD '" + db.password().hash() + "';\n";
  }

  static String limitToDatabase(SiteDatabase db) {
    return "REVOKE ALL PRIVILEGES, GRANT OPTION FROM " + db.account() + ";\n"
        + "GRANT ALL PRIVILEGES ON " + db.quotedGrantPattern() + ".* TO " + db.account() + ";\n";
  }
}
