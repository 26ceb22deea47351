package com.conobium.gardien.modules.database;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.modules.spi.UnitState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares the desired MariaDB with the facts. Pure. Changes, in apply order:
 *
 * <ol>
 *   <li>the mariadb service enabled and running;
 *   <li>what {@code mysql_secure_installation} does: anonymous users dropped, root only from
 *       localhost, the test database dropped, root authenticated by the unix socket only;
 *   <li>per site: its database ({@code utf8mb4}), its user at {@code localhost} with the stored
 *       password and privileges on that database only.
 * </ol>
 *
 * <p>When the grant tables could not be read (MariaDB not installed yet, or stopped) every change
 * is planned; their SQL is idempotent. With {@code enabled: false} nothing is planned. Databases of
 * sites that leave the manifest are archived and dropped by the sites module, never here.
 */
final class DatabasePlanner {
  static final String SECURITY_RESOURCE = "MariaDB security";
  static final String SECURED = "no anonymous users, root from localhost by unix_socket only, no test database";

  ModulePlan plan(DatabaseDesired desired, DatabaseFacts facts) {
    if (!desired.enabled()) {
      return ModulePlan.of(List.of());
    }
    List<Change> changes = new ArrayList<>();
    unitChanges(facts.unit(), changes);
    if (facts.accounts().isEmpty()) {
      String before = facts.unit().enabled().isEmpty() ? "not installed" : "unknown (" + facts.unit().active() + ")";
      changes.add(Change.update(SECURITY_RESOURCE, before, SECURED, List.of(sql(MariaDbSql.DROP_ANONYMOUS
          + MariaDbSql.DROP_REMOTE_ROOT + MariaDbSql.DROP_TEST + MariaDbSql.ROOT_UNIX_SOCKET))));
      for (SiteDatabase db : desired.databases()) {
        changes.add(databaseChange(db));
        changes.add(userChange(db));
      }
      return ModulePlan.of(changes);
    }
    DatabaseFacts.Accounts accounts = facts.accounts().get();
    securityChanges(accounts, changes);
    for (SiteDatabase db : desired.databases()) {
      if (!accounts.databases().contains(db.name())) {
        changes.add(databaseChange(db));
      }
      Optional<DatabaseFacts.User> user = accounts.user(db.user(), "localhost");
      if (user.isEmpty()) {
        changes.add(userChange(db));
        continue;
      }
      DatabaseFacts.User actual = user.get();
      if (!actual.plugin().equals(NativePassword.PLUGIN) || actual.alternatives() != 0
          || !db.password().matches(actual.authDigest())) {
        changes.add(Change.update("password of database user " + db.user(), "other", "the stored secret",
            List.of(sql(MariaDbSql.setPassword(db)))).masked());
      }
      List<String> grants = accounts.grantsOf(db.user(), "localhost");
      if (!grants.equals(List.of(db.grantPattern())) || !actual.globalAccess().equals("0")) {
        String before = (grants.isEmpty() ? "none" : String.join(", ", grants))
            + (actual.globalAccess().equals("0") ? "" : " and global privileges");
        changes.add(Change.update("privileges of database user " + db.user(), before, "all on " + db.name() + " only",
            List.of(sql(MariaDbSql.limitToDatabase(db)))));
      }
    }
    return ModulePlan.of(changes);
  }

  private static void securityChanges(DatabaseFacts.Accounts accounts, List<Change> changes) {
    List<String> anonymous = accounts.users().stream().filter(u -> u.name().isEmpty()).map(u -> "''@" + u.host()).toList();
    if (!anonymous.isEmpty()) {
      changes.add(Change.remove("anonymous database users", String.join(", ", anonymous),
          List.of(sql(MariaDbSql.DROP_ANONYMOUS))));
    }
    List<String> remoteRoot = accounts.users().stream()
        .filter(u -> u.name().equals("root") && !u.host().equals("localhost")).map(u -> "root@" + u.host()).toList();
    if (!remoteRoot.isEmpty()) {
      changes.add(Change.remove("database root from other hosts", String.join(", ", remoteRoot),
          List.of(sql(MariaDbSql.DROP_REMOTE_ROOT))));
    }
    boolean testGrants = accounts.grants().stream()
        .anyMatch(g -> g.database().equals("test") || g.database().equals("test\\_%"));
    if (accounts.databases().contains("test") || testGrants) {
      changes.add(Change.remove("test database", accounts.databases().contains("test") ? "test" : "grants on test",
          List.of(sql(MariaDbSql.DROP_TEST))));
    }
    Optional<DatabaseFacts.User> root = accounts.user("root", "localhost");
    if (root.isPresent() && (!root.get().plugin().equals("unix_socket") || root.get().alternatives() != 0)) {
      String before = root.get().alternatives() == 0 ? root.get().plugin() : root.get().plugin() + " or alternatives";
      changes.add(Change.update("authentication of database root", before, "unix_socket only",
          List.of(sql(MariaDbSql.ROOT_UNIX_SOCKET))));
    }
  }

  private static Change databaseChange(SiteDatabase db) {
    return Change.add("database " + db.name(), "utf8mb4, for site " + db.site(), List.of(sql(MariaDbSql.createDatabase(db))));
  }

  private static Change userChange(SiteDatabase db) {
    return Change.add("database user " + db.user(), "localhost, stored password, all on " + db.name() + " only",
        List.of(sql(MariaDbSql.createUser(db))));
  }

  private static void unitChanges(UnitState state, List<Change> changes) {
    String unit = DatabaseModule.UNIT;
    if (!state.isEnabled()) {
      changes.add(Change.update("service " + unit + " enabled", state.enabled().isEmpty() ? "not installed" : state.enabled(),
          "enabled", List.of(new Step.Run("systemctl unmask " + unit + "\nsystemctl enable " + unit + "\n"))));
    }
    if (!state.isActive()) {
      changes.add(Change.update("service " + unit + " running", state.active(), "active",
          List.of(new Step.Run("systemctl start " + unit + "\n"))));
    }
  }

  /** Runs {@code sql} through the root unix socket, fed on standard input. */
  static Step sql(String sql) {
    return new Step.Run(MariaDbSql.CLIENT, sql);
  }
}
