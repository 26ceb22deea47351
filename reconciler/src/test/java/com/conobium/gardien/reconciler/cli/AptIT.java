package com.conobium.gardien.reconciler.cli;

import static com.conobium.gardien.reconciler.cli.ReconcileIT.changes;
import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.testhosts.DebianHostExtension;
import com.conobium.gardien.testhosts.TestHost;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * apt that does not lie, on a real Debian 13 host: lists that look fresh but do not match the
 * sources (apt says "Unable to locate package") are fetched again once and the install goes
 * through; a mirror apt cannot reach is reported as such, with apt's own cause.
 */
@ExtendWith(DebianHostExtension.class)
class AptIT {
  @Test
  void staleListsInstallAnywayAndAnUnreachableMirrorIsReportedAsSuch(TestHost host) throws Exception {
    TestRepo repo = new TestRepo(Files.createTempDirectory("gardien-it"), host).write("packages:\n  install: [tree]\n");
    // lists younger than listsMaxAge, so no update is planned, but holding no package at all
    host.check("mkdir -p /var/lib/apt/periodic && rm -f /var/lib/apt/lists/*_Packages*"
        + " && touch /var/lib/apt/periodic/update-success-stamp"
        + " && ! apt-cache policy tree | grep -q Candidate");

    CliRun apply = repo.run("apply");

    assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(ExitCode.OK);
    assertThat(changes(apply)).anyMatch(c -> c.startsWith("+ packages ") && c.contains("tree"));
    assertThat(host.check("dpkg-query -W -f '${Status}' tree")).isEqualTo("install ok installed");
    CliRun again = repo.run("apply");
    assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCode.OK);
    assertThat(changes(again)).isEmpty();

    // no way to the mirror any more: the manifest names an apt proxy where nothing listens (on the
    // controller's test address; the test host's own proxy setting is gone), and the lists are
    // too old to trust
    host.check("rm -f /etc/apt/apt.conf.d/00testhosts-proxy /var/lib/apt/periodic/update-success-stamp"
        + " /var/lib/apt/lists/*Release*");
    repo.write("packages:\n  install: [tree, htop]\n  aptProxy: http://" + host.controllerAddress() + ":9\n");
    CliRun unreachable = repo.run("apply");

    assertThat(unreachable.exitCode()).as(unreachable.toString()).isEqualTo(ExitCode.FAILURE);
    assertThat(unreachable.stdout())
        .contains("apt-get update failed: a source or the apt proxy could not be reached")
        .doesNotContain("Unable to locate package");
    assertThat(host.exec("dpkg-query -W -f '${Status}' htop").stdout()).doesNotContain("install ok installed");
  }
}
