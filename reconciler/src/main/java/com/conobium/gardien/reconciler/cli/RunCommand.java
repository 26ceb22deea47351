package com.conobium.gardien.reconciler.cli;

import ch.qos.logback.classic.Level;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gardien run REPO}: the GitOps daemon. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Follows a config repository and keeps servers converged (or reports their drift).",
      "Fetches the branch every poll interval (or on POST /webhook), validates each new revision",
      "as a whole (an invalid one is reported and not applied), runs each server when its",
      "effective manifest changes and every drift interval, and serves /metrics and /healthz.",
      "Stops gracefully on SIGTERM: servers in flight finish, no new one starts."
    })
final class RunCommand implements Callable<Integer> {
  @Mixin RunOptions options;
  @Spec CommandSpec spec;

  private final DaemonStarter starter;
  private final Printer printer;

  @Inject
  RunCommand(DaemonStarter starter, Printer printer) {
    this.starter = starter;
    this.printer = printer;
  }

  @Override
  public Integer call() throws Exception {
    try {
      options.settings();
      if (options.keepHistory.isZero()) {
        throw new IllegalArgumentException("--keep-history must be longer than 0");
      }
      options.listenAddress();
      options.stateLocation(java.nio.file.Path.of("."), System.getenv());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (System.getenv("GARDIEN_LOG_LEVEL") == null) {
      // drift, changes and rejected revisions are INFO lines: a daemon shows them by default
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("com.conobium.gardien")).setLevel(Level.INFO);
    }
    DaemonStarter.Running running;
    try {
      running = starter.start(options);
    } catch (java.io.IOException | RuntimeException e) {
      printer.error("could not start: " + e.getMessage());
      return ExitCode.FAILURE;
    }
    // SIGTERM and SIGINT end the wait: the daemon stops gracefully here and the command returns 0
    // (a JVM that dies of the signal would exit 143, and its shutdown hooks race the stop)
    CountDownLatch stop = new CountDownLatch(1);
    for (String name : new String[] {"TERM", "INT"}) {
      sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> stop.countDown());
    }
    Thread hook = new Thread(running::close, "gardien-shutdown"); // any other way out (System.exit, SIGHUP)
    Runtime.getRuntime().addShutdownHook(hook);
    stop.await();
    running.close();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // already on the way out: the hook closes it (again, harmlessly)
    }
    return ExitCode.OK;
  }
}
