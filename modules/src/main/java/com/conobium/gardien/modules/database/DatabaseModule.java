package com.conobium.gardien.modules.database;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.modules.spi.Expectations;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.model.SiteSpec;
import com.conobium.gardien.modules.spi.DatabaseNames;
import com.conobium.gardien.modules.spi.PathProbe;
import com.conobium.gardien.modules.spi.ProbedModule;
import com.conobium.gardien.modules.spi.SecretOwner;
import com.conobium.gardien.modules.spi.Shell;
import com.conobium.gardien.modules.spi.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * MariaDB: secured as {@code mysql_secure_installation} would, and per site a database and a user
 * limited to it whose password is the secret {@code database-SITE} (see {@link NativePassword} for
 * drift without reading it back). The packages module installs mariadb-server first.
 */
public final class DatabaseModule extends ProbedModule<DatabaseDesired, DatabaseFacts> {
  public static final String NAME = "database";
  public static final String UNIT = "mariadb.service";
  /** Length of generated database passwords. */
  static final int PASSWORD_LENGTH = 30;

  public DatabaseModule() {
    super(NAME, Set.of("packages"), DatabaseFacts::parse, new DatabasePlanner()::plan);
  }

  /** The secret holding the password of {@code site}'s database user. */
  public static String secretName(String site) {
    return "database-" + site;
  }

  /** {@inheritDoc} Here: the MariaDB server. */
  @Override
  public Set<String> packages(ServerSpec spec) {
    return spec.database().enabled() ? Set.of("mariadb-server") : Set.of();
  }

  /** {@inheritDoc} Here: MariaDB's unit when the database is on. */
  @Override
  public Expectations expectations(ServerSpec spec, FleetSpec fleet) {
    return spec.database().enabled() ? Expectations.units(UNIT) : Expectations.NONE;
  }

  @Override
  public DatabaseDesired desired(Target target) {
    if (!target.spec().database().enabled()) {
      return new DatabaseDesired(false, List.of());
    }
    List<SiteDatabase> databases = new ArrayList<>();
    for (SiteSpec site : target.spec().sites()) {
      if (site.database().enabled()) {
        databases.add(new SiteDatabase(site.name(), DatabaseNames.name(site), DatabaseNames.user(site),
            NativePassword.of(target.secrets().secret(secretName(site.name()), PASSWORD_LENGTH, SecretOwner.CUSTOMER))));
      }
    }
    return new DatabaseDesired(true, databases);
  }

  @Override
  public String probe(DatabaseDesired desired) {
    if (!desired.enabled()) {
      return "printf '{\"enabled\":false}'\n";
    }
    // two processes: systemctl and one mariadb query whose rows are JSON arrays already
    return PathProbe.FUNCTIONS
        + "printf '{\"units\":'\n"
        + "gw_units " + UNIT + "\n"
        + "printf ',\"rows\":'\n"
        + "if [ -x /usr/bin/mariadb ] && db_out=$(mariadb --batch --skip-column-names --raw --connect-timeout=5 -e "
        + Shell.quote(MariaDbSql.FACTS) + " 2>/dev/null); then\n"
        + "  printf '['\n"
        + "  while IFS= read -r db_line; do\n"
        + "    if [ -n \"$db_line\" ]; then printf '%s,' \"$db_line\"; fi\n"
        + "  done <<DB_ROWS\n"
        + "$db_out\n"
        + "DB_ROWS\n"
        + "  printf '[]]'\n"
        + "else\n"
        + "  printf null\n"
        + "fi\n"
        + "printf '}'\n";
  }
}
