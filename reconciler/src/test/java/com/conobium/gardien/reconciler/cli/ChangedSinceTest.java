package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.load.ConfigRepoLoader;
import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.CheckResult;
import com.conobium.gardien.reconciler.engine.ModuleOutcome;
import com.conobium.gardien.reconciler.engine.ServerOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan --changed-since REV}: which servers a change touches, and the Markdown report. */
class ChangedSinceTest {
  @TempDir Path tmp;
  Git git;
  Path repo;

  @BeforeEach
  void setUp() throws Exception {
    git = Git.init().setDirectory(tmp.toFile()).setInitialBranch("main").call();
    repo = tmp.resolve("config");   // the config repository is a folder of the Git repository
    write("fleet.yaml", "kind: Fleet\nmetadata: {name: test}\nspec: {}\n");
    write("profile.yaml", "kind: Profile\nmetadata: {name: test}\nspec: {}\n");
    server("web1", "Europe/Paris");
    server("web2", "Europe/Paris");
    server("web3", "Europe/Paris");
    Files.writeString(tmp.resolve("README"), "not part of the config repository\n");
  }

  @AfterEach
  void tearDown() {
    git.close();
  }

  @Test
  void onlyTheServersWhoseEffectiveSpecChangedAreSelected() throws Exception {
    String base = commit("base");
    server("web1", "Asia/Tokyo");
    Files.writeString(repo.resolve("servers/web2.yaml"),
        Files.readString(repo.resolve("servers/web2.yaml")) + "# a comment changes no spec\n");
    Files.delete(repo.resolve("servers/web3.yaml"));
    server("web4", "Etc/UTC");
    Files.writeString(tmp.resolve("README"), "changed outside the config repository\n");
    commit("change");

    ChangedServers.Result r = new ChangedServers().since(repo, base, new ConfigRepoLoader().load(repo));

    assertThat(r.changed()).extracting(Server::name).containsExactly("web1", "web4");
    assertThat(r.removed()).containsExactly("web3");
    assertThat(r.base()).isEqualTo(base);
    assertThat(r.baseInvalid()).isFalse();
  }

  @Test
  void aProfileOrFleetChangeSelectsEveryServerItReaches() throws Exception {
    String base = commit("base");
    write("profile.yaml", "kind: Profile\nmetadata: {name: test}\nspec:\n  ssh: {port: 2222}\n");

    ChangedServers.Result r = new ChangedServers().since(repo, base, new ConfigRepoLoader().load(repo));

    assertThat(r.changed()).extracting(Server::name).containsExactly("web1", "web2", "web3");
  }

  @Test
  void nothingChangedSelectsNoServer() throws Exception {
    String base = commit("base");

    ChangedServers.Result r = new ChangedServers().since(repo, base, new ConfigRepoLoader().load(repo));

    assertThat(r.changed()).isEmpty();
  }

  @Test
  void anInvalidBaseRevisionSelectsEveryServer() throws Exception {
    write("fleet.yaml", "kind: Fleet\nmetadata: {name: test}\nspec: {nope: 1}\n");
    String base = commit("broken base");
    write("fleet.yaml", "kind: Fleet\nmetadata: {name: test}\nspec: {}\n");

    ChangedServers.Result r = new ChangedServers().since(repo, base, new ConfigRepoLoader().load(repo));

    assertThat(r.baseInvalid()).isTrue();
    assertThat(r.changed()).hasSize(3);
  }

  @Test
  void theCommandPrintsMarkdownAndContactsNoServerWhenNothingChanged() throws Exception {
    String base = commit("base");

    CliRun run = CliRun.of("plan", repo.toString(), "--changed-since", base, "--format", "markdown");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.stdout()).startsWith("### Gardien plan").contains("0 server(s) changed since `" + base.substring(0, 12) + "`")
        .contains("nothing to plan");
  }

  @Test
  void anUnknownRevisionIsAUsageError() throws Exception {
    commit("base");

    CliRun run = CliRun.of("plan", repo.toString(), "--changed-since", "no-such-branch");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(run.stderr()).contains("no revision 'no-such-branch'");
  }

  @Test
  void anInvalidRepositoryIsReportedInMarkdown() throws Exception {
    commit("base");
    server("web1", "Europe/Paris\n  prot: 22");

    CliRun run = CliRun.of("plan", repo.toString(), "--changed-since", "HEAD", "--format", "markdown");

    assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_CONFIG);
    assertThat(run.stdout()).contains("**The config repository is invalid**").contains("spec.prot");
  }

  @Test
  void theMarkdownReportHasATableAndEachServersChangesWithSecretsMasked() {
    Change tz = Change.update("timezone", "Etc/UTC", "Europe/Paris", List.of());
    Change password = Change.update("password of root", "old-hash", "new-hash", List.of()).masked();
    ServerOutcome web1 = new ServerOutcome("web1", List.of(
        new ModuleOutcome("time", List.of(tz), List.of(), ModuleOutcome.Status.DRIFT, null, 0),
        new ModuleOutcome("accounts", List.of(password), List.of(), ModuleOutcome.Status.DRIFT, null, 0),
        new ModuleOutcome("prerequisites", List.of(), List.of(new CheckResult("swap", false, "2G", "```0")),
            ModuleOutcome.Status.IN_SYNC, null, 0)), null, 1, Duration.ofMillis(300));
    ServerOutcome web2 = new ServerOutcome("web2", List.of(), "connection refused", 0, Duration.ZERO);

    String md = MarkdownReport.outcomes("plan", List.of(web1, web2),
        new ChangedServers.Result("0123456789abcdef0123", List.of(), List.of("web3"), false));

    assertThat(md).contains("2 server(s) changed since `0123456789ab`")
        .contains("Removed from the repository").contains("`web3`")
        .contains("| `web1` | drift | 2 | 1 | 1 |")
        .contains("| `web2` | unreachable | 0 | 0 | 0 |")
        .contains("```diff\n# time [drift]\n~ timezone: Etc/UTC -> Europe/Paris\n")
        .contains("~ password of root: (sensitive value) -> (sensitive value)")
        .contains("! check swap: expected 2G, found ʼʼʼ0")
        .contains("connection refused")
        .doesNotContain("old-hash").doesNotContain("new-hash");
  }

  private void server(String name, String timezone) throws Exception {
    write("servers/" + name + ".yaml", """
        kind: Server
        metadata: {name: %s}
        spec:
          profile: test
          connection: {address: 198.18.0.%d}
          time:
            timezone: %s
        """.formatted(name, 10 + Math.floorMod(name.hashCode(), 200), timezone));
  }

  private void write(String path, String text) throws Exception {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "apiVersion: gardien.conobium.com/v1\n" + text);
  }

  private String commit(String message) throws Exception {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    PersonIdent who = new PersonIdent("Test", "test@example.com");
    return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call().getId().name();
  }
}
