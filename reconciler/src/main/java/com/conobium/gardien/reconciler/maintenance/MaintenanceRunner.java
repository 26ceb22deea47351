package com.conobium.gardien.reconciler.maintenance;

import com.conobium.gardien.model.MaintenanceSpec;
import com.conobium.gardien.reconciler.ssh.ExecResult;
import com.conobium.gardien.reconciler.ssh.RemoteHost;
import com.conobium.gardien.reconciler.ssh.SshException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the monthly maintenance of one server over one SSH connection: first the operations that
 * change the server (upgrades, then purge), each in its own exec; then every read-only operation
 * in a single exec; meanwhile the port scan from the controller. Each result is handed to the
 * {@link Progress} as it comes. A reboot the upgrades need is made by the {@link Reboot} when the
 * manifest allows it and this is not a dry run. The one front door of the maintenance package.
 */
public final class MaintenanceRunner {
  /** Told of each operation as it starts and ends. */
  public interface Progress {
    Progress NONE = new Progress() {};

    default void started(String operation) {}

    default void finished(OperationResult result) {}
  }

  static final Duration CHANGE_TIMEOUT = Duration.ofHours(2);
  static final Duration CHECKS_TIMEOUT = Duration.ofHours(1);
  private static final String OPERATION_MARKER = "::gardien-operation:: ";

  private final Map<String, RemoteOperation> remote = new LinkedHashMap<>();
  private final PortScan.Scanner scanner;
  private final Clock clock;

  /** The ten operations of the offer, the port scan made by {@code scanner}. */
  public MaintenanceRunner(PortScan.Scanner scanner, Clock clock) {
    for (RemoteOperation op : List.of(new Upgrades(), new Purge(), new Raid(), new Smart(), new DiskSpace(),
        new Fail2banCheck(), new Services(), new ErrorLogs(), new Backups())) {
      remote.put(op.name(), op);
    }
    this.scanner = scanner;
    this.clock = clock;
  }

  /** The nmap scanner and the system clock. */
  public MaintenanceRunner() {
    this(new NmapScanner(), Clock.systemUTC());
  }

  /**
   * Runs {@code operations} (names of {@link MaintenanceSpec#DEFAULT_CHECKS}) on the server behind
   * {@code host}.
   *
   * @param reboot reboots and verifies the server when the upgrades need it; empty: never reboot
   */
  public MaintenanceReport run(RemoteHost host, MaintenanceContext context, Set<String> operations,
      Optional<Reboot> reboot, Progress progress) {
    Map<String, OperationResult> results = new LinkedHashMap<>();
    CompletableFuture<OperationResult> scan = null;
    if (operations.contains(PortScan.NAME)) {
      progress.started(PortScan.NAME);
      // on a thread of its own: a scan waits on nmap for up to minutes, which the shared pool must not
      scan = CompletableFuture.supplyAsync(() -> {
        try {
          return PortScan.judge(scanner.scan(context.address()), context);
        } catch (PortScan.ScanException e) {
          return OperationResult.failed(PortScan.NAME, "the port scan could not run: " + e.getMessage(), null);
        }
      }, task -> {
        Thread t = new Thread(task, "gardien-port-scan-" + context.server());
        t.setDaemon(true);
        t.start();
      });
    }
    for (RemoteOperation op : remote.values()) {
      if (op.changes() && operations.contains(op.name())) {
        progress.started(op.name());
        OperationResult result = runAlone(host, op, context);
        if (op instanceof Upgrades && Upgrades.rebootNeeded(result) && !context.dryRun() && reboot.isPresent()) {
          result = reboot.get().rebootAndVerify(result);
        }
        results.put(op.name(), result);
        progress.finished(result);
      }
    }
    List<RemoteOperation> checks = remote.values().stream()
        .filter(op -> !op.changes() && operations.contains(op.name())).toList();
    checks.forEach(op -> progress.started(op.name()));
    runTogether(host, checks, context).forEach(r -> {
      results.put(r.operation(), r);
      progress.finished(r);
    });
    if (scan != null) {
      OperationResult r = scan.join();
      results.put(r.operation(), r);
      progress.finished(r);
    }
    List<OperationResult> ordered = new ArrayList<>();
    for (String name : MaintenanceSpec.DEFAULT_CHECKS) {
      if (results.containsKey(name)) {
        ordered.add(results.get(name));
      }
    }
    return new MaintenanceReport(context.server(), context.now(), clock.instant(), context.dryRun(), ordered);
  }

  private static OperationResult runAlone(RemoteHost host, RemoteOperation op, MaintenanceContext context) {
    try {
      ExecResult result = host.exec(op.script(context), null, CHANGE_TIMEOUT);
      return op.judge(result.stdout(), context);
    } catch (SshException e) {
      return OperationResult.failed(op.name(), "could not run on the server: " + e.getMessage(), null);
    }
  }

  /** The read-only operations' scripts in one exec, each in a subshell of its own, cut apart by a marker. */
  private static List<OperationResult> runTogether(RemoteHost host, List<RemoteOperation> ops,
      MaintenanceContext context) {
    if (ops.isEmpty()) {
      return List.of();
    }
    StringBuilder script = new StringBuilder();
    for (RemoteOperation op : ops) {
      script.append("echo '").append(OPERATION_MARKER).append(op.name()).append("'\n(\n")
          .append(op.script(context)).append("\n) 2>/dev/null </dev/null\n");
    }
    String output;
    try {
      output = host.exec(script.toString(), null, CHECKS_TIMEOUT).stdout();
    } catch (SshException e) {
      return ops.stream().map(op -> OperationResult.failed(op.name(), "could not run on the server: " + e.getMessage(),
          null)).toList();
    }
    Map<String, StringBuilder> outputs = new LinkedHashMap<>();
    StringBuilder current = null;
    for (String line : output.split("\n", -1)) {
      if (line.startsWith(OPERATION_MARKER)) {
        current = outputs.computeIfAbsent(line.substring(OPERATION_MARKER.length()).strip(), k -> new StringBuilder());
      } else if (current != null) {
        current.append(line).append('\n');
      }
    }
    List<OperationResult> results = new ArrayList<>();
    for (RemoteOperation op : ops) {
      StringBuilder text = outputs.get(op.name());
      results.add(text == null
          ? OperationResult.failed(op.name(), "the server's output stopped before this operation", null)
          : op.judge(text.toString(), context));
    }
    return results;
  }
}
