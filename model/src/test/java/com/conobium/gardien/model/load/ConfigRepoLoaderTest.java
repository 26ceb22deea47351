package com.conobium.gardien.model.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.conobium.gardien.model.ConfigRepo;
import com.conobium.gardien.model.InvalidConfigException;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid repositories: how Fleet defaults, Profile and Server combine into a server's spec. */
class ConfigRepoLoaderTest {
  @TempDir Path repo;

  private void write(String file, String text) throws Exception {
    Path p = repo.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "apiVersion: gardien.conobium.com/v1\n" + text);
  }

  @Test
  void serverOverProfileOverFleetDefaultsOverBuiltInDefaults() throws Exception {
    write("fleet.yaml", "kind: Fleet\nmetadata: {name: f}\nspec:\n  defaults:\n    ssh: {port: 2000, allowFrom: [198.18.0.0/15]}\n    time: {timezone: Europe/Paris}\n    fail2ban: {maxRetry: 3}\n");
    write("p.yaml", "kind: Profile\nmetadata: {name: web}\nspec:\n  ssh: {port: 2222}\n  fail2ban: {maxRetry: 4, banTime: 2h}\n");
    write("s/a.yaml", "kind: Server\nmetadata: {name: a, labels: {customer: x}}\nspec:\n  profile: web\n  connection: {address: 198.18.1.2}\n  fail2ban: {maxRetry: 5, banTime: null}\n  ssh: {allowFrom: null}\n");

    ConfigRepo loaded = new ConfigRepoLoader().load(repo);

    Server a = loaded.server("a").orElseThrow();
    ServerSpec s = a.spec();
    assertThat(a.labels()).containsEntry("customer", "x");
    assertThat(a.source()).isEqualTo(Path.of("s/a.yaml"));
    assertThat(s.ssh().port()).isEqualTo(2222);                 // profile over fleet
    assertThat(s.ssh().allowFrom()).isEmpty();                  // null removed the fleet's list
    assertThat(s.time().timezone()).isEqualTo("Europe/Paris");  // fleet default kept
    assertThat(s.fail2ban().maxRetry()).isEqualTo(5);           // server over profile
    assertThat(s.fail2ban().banTime()).isEqualTo("1h");         // null: built-in default
    assertThat(s.firewall().ports()).extracting(p -> p.port()).containsExactly(80, 443);
    assertThat(s.managedPort()).isEqualTo(2222);
  }

  @Test
  void aHostKeyIsOneKeyOrAListOfTheServersKeys() throws Exception {
    String ed25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGxVZ2x2bXd6ZmZ0dXJ0aGVybW9yZWFiY2RlZmdoaWpr";
    String ecdsa = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBCtest= root@web2";
    write("fleet.yaml", "kind: Fleet\nmetadata: {name: f}\nspec: {}\n");
    write("p.yaml", "kind: Profile\nmetadata: {name: web}\nspec: {}\n");
    write("s/a.yaml", "kind: Server\nmetadata: {name: a}\nspec:\n  profile: web\n  connection: {address: 198.18.1.2, hostKey: " + ed25519 + "}\n");
    write("s/b.yaml", "kind: Server\nmetadata: {name: b}\nspec:\n  profile: web\n  connection:\n    address: 198.18.1.3\n    hostKey:\n      - " + ed25519 + "\n      - " + ecdsa + "\n");
    write("s/c.yaml", "kind: Server\nmetadata: {name: c}\nspec:\n  profile: web\n  connection: {address: 198.18.1.4}\n");

    ConfigRepo loaded = new ConfigRepoLoader().load(repo);

    assertThat(loaded.server("a").orElseThrow().spec().connection().hostKey()).containsExactly(ed25519);
    assertThat(loaded.server("b").orElseThrow().spec().connection().hostKey()).containsExactly(ed25519, ecdsa);
    assertThat(loaded.server("c").orElseThrow().spec().connection().hostKey()).isEmpty();
  }

  @Test
  void aLinkToAFileOutsideTheRepositoryIsRefusedAndNeverRead(@TempDir Path outside) throws Exception {
    write("fleet.yaml", "kind: Fleet\nmetadata: {name: f}\nspec: {}\n");
    write("p.yaml", "kind: Profile\nmetadata: {name: web}\nspec: {}\n");
    Path secret = outside.resolve("shadow.yaml");
    Files.writeString(secret, "root: x\n");
    Files.createDirectories(repo.resolve("servers"));
    Files.createSymbolicLink(repo.resolve("servers/evil.yaml"), secret);
    Files.createSymbolicLink(repo.resolve("servers/dangling.yaml"), outside.resolve("gone.yaml"));

    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> new ConfigRepoLoader().load(repo));

    assertThat(e).isNotNull();
    assertThat(e.problems()).extracting(p -> p.file() + ": " + p.message())
        .anySatisfy(m -> assertThat(m).startsWith("servers/evil.yaml: a link to " + secret.toRealPath())
            .contains("outside the repository"))
        .anySatisfy(m -> assertThat(m).startsWith("servers/dangling.yaml: cannot read the file"))
        .noneSatisfy(m -> assertThat(m).contains("root"));
  }

  @Test
  void aManifestLargerThanOneMebibyteIsRefusedUnread() throws Exception {
    write("fleet.yaml", "kind: Fleet\nmetadata: {name: f}\nspec: {}\n# " + "x".repeat(1024 * 1024) + "\n");

    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> new ConfigRepoLoader().load(repo));

    assertThat(e).isNotNull();
    assertThat(e.problems()).extracting(p -> p.file() + ": " + p.message())
        .anySatisfy(m -> assertThat(m).startsWith("fleet.yaml: the file has 10").contains("at most 1048576 (1 MiB)"));
  }

  @Test
  void severalDocumentsInOneFileAndHiddenFoldersSkipped() throws Exception {
    write("all.yaml", "kind: Fleet\nmetadata: {name: f}\nspec: {}\n---\napiVersion: gardien.conobium.com/v1\nkind: Profile\nmetadata: {name: web}\nspec: {}\n---\napiVersion: gardien.conobium.com/v1\nkind: Server\nmetadata: {name: b}\nspec: {profile: web, connection: {address: 198.18.2.2}}\n");
    write(".git/junk.yaml", "kind: Nonsense\n");

    ConfigRepo loaded = new ConfigRepoLoader().load(repo);

    assertThat(loaded.servers()).extracting(Server::name).containsExactly("b");
  }

  @Test
  void theExampleFleetIsValid() throws Exception {
    ConfigRepo example = new ConfigRepoLoader().load(Path.of("../examples/fleet"));
    assertThat(example.servers()).extracting(Server::name).containsExactly("web1", "web2");
    assertThat(example.server("web2").orElseThrow().spec().sites()).hasSize(2);
    assertThat(example.fleet().smtp().host()).isEqualTo("smtp.example.net");
  }

  @Test
  void everyExampleManifestPointsEditorsAtItsSchema() throws Exception {
    try (var files = Files.walk(Path.of("../examples"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).filter(ConfigRepoLoaderTest::isManifest).toList()) {
        String first = Files.readAllLines(f).get(0);
        assertThat(first).as(f.toString()).startsWith("# yaml-language-server: $schema=");
        Path schema = f.getParent().resolve(first.substring(first.indexOf('=') + 1)).normalize();
        assertThat(schema).as("schema named by " + f).exists();
      }
    }
  }

  /** Gardien manifests, not other YAML kept beside them (e.g. a Compose file). */
  private static boolean isManifest(Path file) {
    try {
      return Files.readString(file).contains("apiVersion: gardien.conobium.com/");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
