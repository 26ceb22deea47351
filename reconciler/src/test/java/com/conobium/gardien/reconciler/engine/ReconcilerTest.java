package com.conobium.gardien.reconciler.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.modules.spi.ResourceModule;
import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.reconciler.engine.ModuleOutcome.Status;
import com.conobium.gardien.reconciler.ssh.SshException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine, with its probes and steps run by this machine's real shell. */
class ReconcilerTest {
  @TempDir Path dir;
  final LocalShellHost host = new LocalShellHost();
  final Target target = new Target(
      new Server("web1", null, ServerSpec.builder().build(), Path.of("servers/web1.yaml")),
      new FleetSpec(null, null, null, null, null));

  private Reconciler reconciler(ResourceModule<?, ?>... modules) {
    return reconciler(new FactsCache(Duration.ofMinutes(1)), t -> host, modules);
  }

  private Reconciler reconciler(FactsCache cache, HostConnector connector, ResourceModule<?, ?>... modules) {
    return new Reconciler(new ModuleGraph(List.of(modules)), connector, cache,
        new TransientRetry(3, Duration.ofMillis(1), e -> e instanceof SshException),
        Duration.ofSeconds(30), new Random(1));
  }

  @Test
  void planShowsDriftAndChangesNothing() {
    Path file = dir.resolve("a.conf");
    ServerOutcome plan = reconciler(new FileModule("a", file, "hello\n")).plan(target);

    assertThat(plan.hasDrift()).isTrue();
    assertThat(plan.modules()).singleElement().satisfies(m -> {
      assertThat(m.status()).isEqualTo(Status.DRIFT);
      assertThat(m.changes()).singleElement().satisfies(c -> assertThat(Display.title(c)).isEqualTo("+ file " + file));
    });
    assertThat(file).doesNotExist();
    assertThat(plan.roundTrips()).isEqualTo(1);
  }

  @Test
  void aModulesReadingsComeFromThePlansFactsAndAfterApplyFromTheVerifyingProbe() {
    Path file = dir.resolve("a.conf");
    Reconciler r = reconciler(new FileModule("a", file, "hello\n"));

    ServerOutcome plan = r.plan(target);
    ServerOutcome apply = r.apply(target, ApplyListener.NONE);

    assertThat(plan.modules().get(0).readings()).singleElement()
        .satisfies(x -> assertThat(x.name()).isEqualTo(FileModule.PRESENT))
        .satisfies(x -> assertThat(x.value()).isZero());
    assertThat(apply.modules().get(0).status()).isEqualTo(Status.CONVERGED);
    assertThat(apply.modules().get(0).readings()).singleElement().satisfies(x -> assertThat(x.value()).isEqualTo(1));
  }

  @Test
  void applyConvergesVerifiesAndASecondApplyChangesNothing() throws Exception {
    Path a = dir.resolve("a.conf");
    Path b = dir.resolve("sub/b.conf");
    Reconciler r = reconciler(new FileModule("a", a, "alpha\n"), new FileModule("b", b, "beta\n", "a"));
    List<String> progress = new ArrayList<>();

    ServerOutcome first = r.apply(target, (s, m, c, e) -> progress.add(m + " " + Display.title(c) + " " + e));

    assertThat(first.hasFailures()).isFalse();
    assertThat(first.modules()).extracting(ModuleOutcome::status).containsExactly(Status.CONVERGED, Status.CONVERGED);
    assertThat(Files.readString(a)).isEqualTo("alpha\n");
    assertThat(Files.readString(b)).isEqualTo("beta\n");
    assertThat(progress).containsExactly("a + file " + a + " null", "b + file " + b + " null");
    // one probe, then per module one step and one verifying probe
    assertThat(first.roundTrips()).isEqualTo(5);

    ServerOutcome second = r.apply(target, ApplyListener.NONE);
    assertThat(second.modules()).extracting(ModuleOutcome::status).containsOnly(Status.IN_SYNC);
    assertThat(second.roundTrips()).isEqualTo(1);
  }

  @Test
  void aNoOpReconcileIsOneRoundTripAndApplyReusesTheCachedPlan() {
    Path a = dir.resolve("a.conf");
    Reconciler r = reconciler(new FileModule("a", a, "x"), new FileModule("b", dir.resolve("b"), "y"));
    r.apply(target, ApplyListener.NONE);
    host.scripts.clear();

    ServerOutcome plan = r.plan(target);
    ServerOutcome apply = r.apply(target, ApplyListener.NONE);

    assertThat(plan.roundTrips()).isEqualTo(1);
    assertThat(apply.roundTrips()).isZero();
    assertThat(host.scripts).hasSize(1);
    assertThat(apply.modules()).extracting(ModuleOutcome::status).containsOnly(Status.IN_SYNC);
  }

  @Test
  void handEditedFileIsDriftShowingOldAndNewValues() throws Exception {
    Path a = dir.resolve("a.conf");
    Reconciler r = reconciler(new FileModule("a", a, "good\n"));
    r.apply(target, ApplyListener.NONE);
    Files.writeString(a, "edited by hand\n");

    ServerOutcome plan = r.plan(target);

    assertThat(plan.modules().get(0).changes()).singleElement().satisfies(c ->
        assertThat(Display.line(c)).isEqualTo("~ file " + a + ": sha256:"
            + FileModule.sha256("edited by hand\n").substring(0, 8) + " -> sha256:"
            + FileModule.sha256("good\n").substring(0, 8)));
  }

  @Test
  void aFailedChangeSkipsItsDependentsButNotOtherModules() {
    FileModule broken = new FileModule("a", dir.resolve("a"), "x");
    broken.extraStep = "echo 'disk on fire' >&2; exit 7";
    FileModule dependent = new FileModule("b", dir.resolve("b"), "y", "a");
    FileModule independent = new FileModule("c", dir.resolve("c"), "z");

    ServerOutcome out = reconciler(broken, dependent, independent).apply(target, ApplyListener.NONE);

    assertThat(out.hasFailures()).isTrue();
    ModuleOutcome a = out.modules().get(0);
    assertThat(a.status()).isEqualTo(Status.FAILED);
    assertThat(a.error()).contains("exit status 7").contains("disk on fire");
    assertThat(out.modules().get(1).status()).isEqualTo(Status.SKIPPED);
    assertThat(out.modules().get(1).error()).contains("'a'");
    assertThat(dir.resolve("b")).doesNotExist();
    assertThat(out.modules().get(2).status()).isEqualTo(Status.CONVERGED);
    assertThat(dir.resolve("c")).hasContent("z");
  }

  @Test
  void aChangeThatDoesNotConvergeIsReportedFailedByVerification() {
    FileModule sneaky = new FileModule("a", dir.resolve("a"), "want");
    sneaky.extraStep = "printf other > " + dir.resolve("a");

    ServerOutcome out = reconciler(sneaky).apply(target, ApplyListener.NONE);

    ModuleOutcome a = out.modules().get(0);
    assertThat(a.status()).isEqualTo(Status.FAILED);
    assertThat(a.error()).startsWith("still differs after applying: ~ file ");
  }

  @Test
  void aProbeThatFailsOrPrintsGarbageFailsOnlyItsModule() {
    FileModule failing = new FileModule("a", dir.resolve("a"), "x");
    failing.probeOverride = "echo 'permission denied' >&2; echo oops; exit 3";
    FileModule garbage = new FileModule("b", dir.resolve("b"), "x");
    garbage.probeOverride = "echo '{not json'";
    FileModule wrongShape = new FileModule("c", dir.resolve("c"), "x");
    wrongShape.probeOverride = "echo '{\"other\":1}'";
    FileModule fine = new FileModule("d", dir.resolve("d"), "x");

    ServerOutcome plan = reconciler(failing, garbage, wrongShape, fine).plan(target);

    assertThat(plan.roundTrips()).isEqualTo(1);
    assertThat(plan.modules().get(0).error()).isEqualTo("its probe exited with status 3: oops");
    assertThat(plan.modules().get(1).error()).startsWith("its probe printed invalid JSON");
    assertThat(plan.modules().get(2).error()).isEqualTo("its facts could not be read: no 'exists' field");
    assertThat(plan.modules().get(3).status()).isEqualTo(Status.DRIFT);
  }

  @Test
  void transientConnectFailuresAreRetriedAndPermanentOnesReportTheServerUnreachable() {
    AtomicInteger attempts = new AtomicInteger();
    HostConnector flaky = t -> {
      if (attempts.incrementAndGet() < 3) {
        throw new SshException("connection refused");
      }
      return host;
    };
    ServerOutcome ok = reconciler(new FactsCache(Duration.ofMinutes(1)), flaky,
        new FileModule("a", dir.resolve("a"), "x")).plan(target);
    assertThat(ok.unreachable()).isFalse();
    assertThat(attempts).hasValue(3);

    ServerOutcome down = reconciler(new FactsCache(Duration.ofMinutes(1)),
        t -> { throw new SshException("no route to host"); },
        new FileModule("a", dir.resolve("a"), "x")).plan(target);
    assertThat(down.unreachable()).isTrue();
    assertThat(down.error()).isEqualTo("no route to host");
    assertThat(down.hasFailures()).isTrue();
  }
}
