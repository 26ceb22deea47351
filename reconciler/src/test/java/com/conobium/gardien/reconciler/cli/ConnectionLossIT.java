package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.testhosts.DebianHostExtension;
import com.conobium.gardien.testhosts.TestHost;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SSH connection dies in the middle of an apply (its sshd session processes are killed on the
 * server, by PID, while apt runs): the apply is reported failed, and the next apply converges.
 */
@ExtendWith(DebianHostExtension.class)
class ConnectionLossIT {

  @Test
  void aConnectionKilledMidApplyFailsTheApplyAndTheNextApplyConverges(TestHost host) throws Exception {
    TestRepo repo = new TestRepo(Files.createTempDirectory("gardien-it"), host)
        .write("packages:\n  install: [tree, file]\n");
    CompletableFuture<CliRun> apply = CompletableFuture.supplyAsync(() -> repo.run("apply"));

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    boolean killed = false;
    while (!killed && !apply.isDone() && System.nanoTime() < deadline) {
      if (host.exec("pgrep -x apt-get >/dev/null || pgrep -x dpkg >/dev/null").ok()) {
        // every per-connection sshd process: the listener's children ([priv] monitors) and theirs;
        // one may end on its own between ps and kill (seen once), which is no failure of the test
        host.check("for p in $(ps -o pid= --ppid \"$(cat /run/sshd.pid)\"); do"
            + " kill -9 $(ps -o pid= --ppid \"$p\") \"$p\" 2>/dev/null || true; done");
        killed = true;
      } else {
        Thread.sleep(50);
      }
    }
    assertThat(killed).as("apt never ran during the apply").isTrue();
    CliRun failed = apply.get(5, TimeUnit.MINUTES);

    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(ExitCode.FAILURE);
    assertThat(failed.stdout()).contains("dropped while a command was running");

    CliRun next = repo.run("apply");
    assertThat(next.exitCode()).as(next.toString()).isEqualTo(ExitCode.OK);
    assertThat(host.check("dpkg-query -W -f '${Status}\\n' tree file"))
        .isEqualTo("install ok installed\ninstall ok installed\n");
    CliRun again = repo.run("apply");
    assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCode.OK);
    assertThat(ReconcileIT.changes(again)).isEmpty();
  }
}
