package com.conobium.gardien.reconciler.maintenance;

import com.conobium.gardien.reconciler.ssh.RemoteHost;
import com.conobium.gardien.reconciler.ssh.SshException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;

/**
 * The reboot the upgrades asked for, in the maintenance window: the server is told to reboot a few
 * seconds later (so the command's own connection ends cleanly), Gardien waits until it answers
 * again with a new boot ID, then verifies it — the drift plan finds no difference — and records
 * all of it in the upgrades' result.
 */
public final class Reboot {
  /** Opens a new connection to the server. */
  @FunctionalInterface
  public interface Connector {
    RemoteHost connect() throws SshException;
  }

  /** The verification after the reboot: empty when the server is as its manifest says, or what is wrong. */
  @FunctionalInterface
  public interface Verification {
    Optional<String> problem();
  }

  static final Duration WAIT = Duration.ofMinutes(15);
  private static final String BOOT_ID = "cat /proc/sys/kernel/random/boot_id";

  private final Connector connector;
  private final Verification verification;
  private final Duration wait;
  private final Duration poll;

  public Reboot(Connector connector, Verification verification) {
    this(connector, verification, WAIT, Duration.ofSeconds(5));
  }

  /** @param poll how often it tries to connect while the server reboots (twice that before the first try) */
  Reboot(Connector connector, Verification verification, Duration wait, Duration poll) {
    this.connector = connector;
    this.verification = verification;
    this.wait = wait;
    this.poll = poll;
  }

  OperationResult rebootAndVerify(OperationResult upgrades) {
    ObjectNode details = ((ObjectNode) upgrades.details()).deepCopy();
    ObjectNode reboot = details.with("reboot");
    String before;
    try (RemoteHost host = connector.connect()) {
      before = host.exec(BOOT_ID).stdout().strip();
      host.exec("systemd-run --quiet --on-active=5 --timer-property=AccuracySec=1s /bin/systemctl reboot");
    } catch (SshException e) {
      reboot.put("done", false);
      return new OperationResult(upgrades.operation(), Verdict.FAILED, upgrades.reason()
          + "; the reboot could not be started: " + e.getMessage(), details);
    }
    long deadline = System.nanoTime() + wait.toNanos();
    long started = System.nanoTime();
    String after = null;
    sleep(poll.multipliedBy(2));
    while (System.nanoTime() < deadline) {
      try (RemoteHost host = connector.connect()) {
        String id = host.exec(BOOT_ID).stdout().strip();
        if (!id.equals(before)) {
          after = id;
          break;
        }
      } catch (SshException e) {
        // still rebooting
      }
      sleep(poll);
    }
    reboot.put("done", after != null);
    if (after == null) {
      return new OperationResult(upgrades.operation(), Verdict.FAILED, upgrades.reason()
          + "; rebooted, and not back within " + DurationTexts.of(wait), details);
    }
    reboot.put("backAfterSeconds", Duration.ofNanos(System.nanoTime() - started).toSeconds());
    Optional<String> problem = verification.problem();
    reboot.put("verified", problem.isEmpty());
    if (problem.isPresent()) {
      reboot.put("verification", problem.get());
      return new OperationResult(upgrades.operation(), Verdict.FAILED, upgrades.reason()
          + "; rebooted, but " + problem.get(), details);
    }
    String reason = upgrades.reason().replaceAll("; a reboot is needed \\(.*\\)$", "");
    return OperationResult.ok(upgrades.operation(), reason + "; rebooted and verified", details);
  }

  /** Minutes, or seconds under one. */
  private static final class DurationTexts {
    static String of(Duration d) {
      return d.toMinutes() > 0 ? d.toMinutes() + " minutes" : d.toSeconds() + " s";
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
