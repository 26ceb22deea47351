package com.conobium.gardien.modules.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.FileFacts;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.ProbeRunner;
import com.conobium.gardien.modules.spi.Secret;
import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.modules.spi.UnitState;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseModuleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DatabaseModule module = new DatabaseModule();
  private static final NativePassword PASSWORD =
      NativePassword.of(new Secret("password", "saltsaltsaltsalt", Instant.EPOCH));
  private static final SiteDatabase SHOP = new SiteDatabase("shop", "shop_db", "shop", PASSWORD);
  private static final DatabaseDesired DESIRED = new DatabaseDesired(true, List.of(SHOP));
  private static final UnitState RUNNING = new UnitState("enabled", "active");

  private static DatabaseFacts.User root() {
    return new DatabaseFacts.User("root", "localhost", "unix_socket", 0, "x", "1099511627775");
  }

  private static DatabaseFacts.User shopUser() {
    return new DatabaseFacts.User("shop", "localhost", "mysql_native_password", 0,
        FileFacts.sha256Hex(PASSWORD.hash()), "0");
  }

  private static DatabaseFacts converged() {
    return new DatabaseFacts(RUNNING, Optional.of(new DatabaseFacts.Accounts(List.of(root(), shopUser()),
        List.of("information_schema", "mysql", "shop_db"), List.of(new DatabaseFacts.Grant("shop\\_db", "shop", "localhost")))));
  }

  private static DatabaseFacts with(List<DatabaseFacts.User> users, List<String> dbs, List<DatabaseFacts.Grant> grants) {
    return new DatabaseFacts(RUNNING, Optional.of(new DatabaseFacts.Accounts(users, dbs, grants)));
  }

  private static List<String> resources(ModulePlan plan) {
    return plan.changes().stream().map(c -> c.action().sign() + " " + c.resource()).toList();
  }

  private static String sql(Change change) {
    return ((Step.Run) change.steps().get(0)).stdin();
  }

  @Test
  void nameAndOrder() {
    assertThat(module.name()).isEqualTo("database");
    assertThat(module.after()).containsExactly("packages");
  }

  @Test
  void nativePasswordIsWhatMariaDbComputes() {
    // SELECT PASSWORD('password') on MariaDB 11.8
    assertThat(PASSWORD.hash()).isEqualTo("*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19");
    assertThat(PASSWORD.toString()).doesNotContain("2470");
  }

  @Test
  void convergedServerNeedsNothing() {
    assertThat(module.plan(DESIRED, converged()).changes()).isEmpty();
  }

  @Test
  void disabledPlansNothing() {
    assertThat(module.plan(new DatabaseDesired(false, List.of()), new DatabaseFacts(UnitState.unknown(), Optional.empty()))
        .changes()).isEmpty();
  }

  @Test
  void notInstalledPlansEverythingIdempotently() {
    ModulePlan plan = module.plan(DESIRED, new DatabaseFacts(UnitState.unknown(), Optional.empty()));

    assertThat(resources(plan)).containsExactly("~ service mariadb.service enabled", "~ service mariadb.service running",
        "~ MariaDB security", "+ database shop_db", "+ database user shop");
    assertThat(plan.changes().get(2).before()).isEqualTo("not installed");
    assertThat(sql(plan.changes().get(2))).contains("DELETE FROM mysql.global_priv WHERE User = ''",
        "DROP DATABASE IF EXISTS test", "IDENTIFIED VIA unix_socket");
    assertThat(sql(plan.changes().get(4))).contains("CREATE USER IF NOT EXISTS 'shop'@'localhost'",
        "IDENTIFIED BY PASSWORD '" + PASSWORD.hash() + "'", "GRANT ALL PRIVILEGES ON `shop\\_db`.* TO 'shop'@'localhost'");
  }

  @Test
  void insecureDefaultsAreFixedLikeSecureInstallation() {
    DatabaseFacts facts = with(List.of(
            new DatabaseFacts.User("root", "localhost", "mysql_native_password", 1, "x", "1"),
            new DatabaseFacts.User("root", "%", "mysql_native_password", 0, "x", "1"),
            new DatabaseFacts.User("", "localhost", "", 0, "", "0"),
            shopUser()),
        List.of("shop_db", "test"), List.of(new DatabaseFacts.Grant("shop\\_db", "shop", "localhost"),
            new DatabaseFacts.Grant("test\\_%", "", "%")));

    ModulePlan plan = module.plan(DESIRED, facts);

    assertThat(resources(plan)).containsExactly("- anonymous database users", "- database root from other hosts",
        "- test database", "~ authentication of database root");
    assertThat(plan.changes().get(1).before()).isEqualTo("root@%");
    assertThat(plan.changes().get(3).after()).isEqualTo("unix_socket only");
  }

  @Test
  void aChangedPasswordIsMaskedDrift() {
    DatabaseFacts.User changed = new DatabaseFacts.User("shop", "localhost", "mysql_native_password", 0, "other", "0");
    DatabaseFacts facts = with(List.of(root(), changed), converged().accounts().get().databases(),
        converged().accounts().get().grants());

    ModulePlan plan = module.plan(DESIRED, facts);

    assertThat(resources(plan)).containsExactly("~ password of database user shop");
    Change change = plan.changes().get(0);
    assertThat(change.sensitive()).isTrue();
    assertThat(change.toString()).doesNotContain(PASSWORD.hash());
    assertThat(sql(change)).contains("ALTER USER 'shop'@'localhost' IDENTIFIED BY PASSWORD '" + PASSWORD.hash() + "'");
  }

  @Test
  void extraPrivilegesAreRevoked() {
    DatabaseFacts.User global = new DatabaseFacts.User("shop", "localhost", "mysql_native_password", 0,
        FileFacts.sha256Hex(PASSWORD.hash()), "1");
    DatabaseFacts facts = with(List.of(root(), global), List.of("shop_db", "other"),
        List.of(new DatabaseFacts.Grant("shop\\_db", "shop", "localhost"), new DatabaseFacts.Grant("other", "shop", "localhost")));

    ModulePlan plan = module.plan(DESIRED, facts);

    assertThat(resources(plan)).containsExactly("~ privileges of database user shop");
    assertThat(plan.changes().get(0).before()).isEqualTo("shop\\_db, other and global privileges");
    assertThat(sql(plan.changes().get(0))).startsWith("REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'shop'@'localhost';");
  }

  @Test
  void missingDatabaseAndUserAreCreated() {
    DatabaseFacts facts = with(List.of(root()), List.of("mysql"), List.of());

    assertThat(resources(module.plan(DESIRED, facts))).containsExactly("+ database shop_db", "+ database user shop");
  }

  @Test
  void namesThatWouldInjectSqlAreRejected() {
    assertThatThrownBy(() -> new SiteDatabase("s", "a`; DROP", "u", PASSWORD)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SiteDatabase("s", "db", "u'@'%", PASSWORD)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SiteDatabase("s", "mysql", "u", PASSWORD)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SiteDatabase("s", "db", "root", PASSWORD)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesRowsAsTheProbePrintsThem() throws Exception {
    DatabaseFacts facts = module.facts(JSON.readTree("""
        {"units":["Id=mariadb.service","ActiveState=active","UnitFileState=enabled",""],
         "rows":[["user","root","localhost","unix_socket",0,"ab","1099511627775"],
                 ["database","shop_db"],["grant","shop\\\\_db","shop","localhost"],[]]}
        """));

    assertThat(facts.unit()).isEqualTo(RUNNING);
    assertThat(facts.accounts().get().users()).containsExactly(
        new DatabaseFacts.User("root", "localhost", "unix_socket", 0, "ab", "1099511627775"));
    assertThat(facts.accounts().get().grantsOf("shop", "localhost")).containsExactly("shop\\_db");
    assertThat(module.facts(JSON.readTree("{\"units\":[],\"rows\":null}")).accounts()).isEmpty();
  }

  @Test
  void probeRunsHereWithoutMariaDb() throws Exception {
    // this build machine has no MariaDB: the grant tables are unknown, which plans everything
    DatabaseFacts facts = module.facts(ProbeRunner.run(module.probe(DESIRED)));

    if (!java.nio.file.Files.exists(java.nio.file.Path.of("/usr/bin/mariadb"))) {
      assertThat(facts.accounts()).isEmpty();
    }
    List<String> probeText = new ArrayList<>(List.of(module.probe(DESIRED)));
    assertThat(probeText.get(0)).doesNotContain(PASSWORD.hash());
  }
}
