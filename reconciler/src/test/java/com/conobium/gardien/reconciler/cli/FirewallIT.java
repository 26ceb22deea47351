package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.testhosts.DebianHostExtension;
import com.conobium.gardien.testhosts.TestHost;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The firewall on a real host, seen from outside: a TCP scan of ports 1 to 1024 and a few more
 * from the controller finds exactly the manifest's ports not dropped.
 */
@ExtendWith(DebianHostExtension.class)
class FirewallIT {

  @Test
  void onlyTheManifestsPortsGetThroughAndAHandDeletedTableComesBack(TestHost host) throws Exception {
    TestRepo repo = new TestRepo(Files.createTempDirectory("gardien-it"), host).write("""
        firewall:
          ports:
            - port: 80
            - port: 443
            - port: 8443
              sources: [198.18.0.0/15]
        """);
    List<Integer> ports = new ArrayList<>(IntStream.rangeClosed(1, 1024).boxed().toList());
    ports.addAll(List.of(2222, 3306, 5432, 8080, 8443));
    assertThat(reachable(host.address(), ports)).as("before: nothing is dropped").hasSize(ports.size());

    CliRun apply = repo.run("apply");

    assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(ExitCode.OK);
    assertThat(reachable(host.address(), ports)).containsExactly(22, 80, 443, 8443);
    assertThat(host.check("systemctl is-enabled nftables")).isEqualTo("enabled\n");
    assertThat(host.check("nft list ruleset")).contains("table inet gardien").contains("policy drop");

    CliRun plan = repo.run("plan");
    assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCode.OK);
    CliRun second = repo.run("apply");
    assertThat(ReconcileIT.changes(second)).isEmpty();

    host.check("nft delete table inet gardien");
    CliRun drift = repo.run("plan");
    assertThat(drift.exitCode()).isEqualTo(ExitCode.DRIFT);
    assertThat(ReconcileIT.changes(drift)).containsExactly("~ live nftables table inet gardien");
    assertThat(repo.run("apply").exitCode()).isEqualTo(ExitCode.OK);
    assertThat(reachable(host.address(), List.of(22, 25, 80, 443, 3306))).containsExactly(22, 80, 443);
  }

  /** The ports a TCP connect is answered on (accepted or refused); dropped ones time out. */
  static List<Integer> reachable(String address, List<Integer> ports) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(64);
    try {
      Map<Integer, Future<Boolean>> answers = new TreeMap<>();
      for (int port : ports) {
        answers.put(port, pool.submit(() -> answers(address, port)));
      }
      List<Integer> open = new ArrayList<>();
      for (var e : answers.entrySet()) {
        if (e.getValue().get()) {
          open.add(e.getKey());
        }
      }
      return open;
    } finally {
      pool.shutdownNow();
    }
  }

  private static boolean answers(String address, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), 1500);
      return true;
    } catch (ConnectException e) {
      return true; // refused: a RST came back, nothing dropped it
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }
}
