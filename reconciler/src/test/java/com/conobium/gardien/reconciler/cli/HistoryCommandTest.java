package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.reconciler.state.ChangeRecord;
import com.conobium.gardien.reconciler.state.RunRecord;
import com.conobium.gardien.reconciler.state.ServerRecord;
import com.conobium.gardien.reconciler.state.StateDatabase;
import com.conobium.gardien.reconciler.state.StateLocation;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gardien history} on a home whose embedded state database the daemon's repository filled. */
class HistoryCommandTest {
  static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
  static final String REV1 = "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  static final String REV2 = "2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  static final String MASKED = "~ file /etc/app.env: (sensitive value) -> (sensitive value)";

  @TempDir Path home;

  @BeforeEach
  void fill() {
    try (StateDatabase db = StateDatabase.open(StateLocation.embedded(StateLocation.embeddedDirectory(home)))) {
      var repo = db.repository();
      repo.saveRun(new ServerRecord("web1", "h1", "apply", "drift", false, T0, T0, 0, REV1),
          new RunRecord(0, "web1", REV1, T0, Duration.ofMillis(1500), "spec_changed", "apply", "converged", 3, 2,
              2, 0, null),
          List.of(new ChangeRecord("packages", "+ package nginx", ChangeRecord.Status.APPLIED, null),
              new ChangeRecord("files", MASKED, ChangeRecord.Status.APPLIED, null)));
      repo.saveRun(new ServerRecord("web2", "h2", "apply", "unreachable", true, T0.plusSeconds(60), null, 1, REV2),
          new RunRecord(0, "web2", REV2, T0.plusSeconds(60), Duration.ofSeconds(10), "drift_check", "apply",
              "unreachable", 0, 0, 0, 1, "connection refused"),
          List.of());
      repo.saveRun(new ServerRecord("web1", "h1", "apply", "in_sync", false, T0.plusSeconds(120),
              T0.plusSeconds(120), 0, REV2),
          new RunRecord(0, "web1", REV2, T0.plusSeconds(120), Duration.ofMillis(800), "drift_check", "apply",
              "in_sync", 1, 0, 0, 0, null),
          List.of());
    }
  }

  @Test
  void textShowsTheNewestRunsOfAllServersOneLineEach() {
    CliRun all = CliRun.inHome(home, "history");

    assertThat(all.exitCode()).as(all.toString()).isZero();
    List<String> lines = all.stdout().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith("2026-12-04T10:02:00Z").contains("web1", "drift_check", "in_sync",
        "drift 0, applied 0, failed 0", "0.8 s", "rev 2222222");
    assertThat(lines.get(1)).contains("web2", "unreachable", "failed 1", "10.0 s");
    assertThat(lines.get(2)).isEqualTo("    error: connection refused");
    assertThat(lines.get(3)).startsWith("2026-12-04T10:00:00Z").contains("web1", "spec_changed", "converged",
        "drift 2, applied 2, failed 0", "1.5 s", "rev 1111111");
    assertThat(CliRun.inHome(home, "history", "--limit", "1").stdout().lines()).hasSize(1);
  }

  @Test
  void oneServerWithItsMaskedChanges() {
    CliRun web1 = CliRun.inHome(home, "history", "web1", "--changes");

    assertThat(web1.exitCode()).as(web1.toString()).isZero();
    assertThat(web1.stdout()).doesNotContain("web2");
    assertThat(web1.stdout().lines().toList()).hasSize(4).element(3)
        .isEqualTo("    files: " + MASKED + "  [applied]");
    assertThat(web1.stdout()).contains("    packages: + package nginx  [applied]");
  }

  @Test
  void jsonIsOneDocument() {
    JsonNode doc = CliRun.inHome(home, "history", "web1", "--changes", "-o", "json").json();

    assertThat(doc.get("server").asText()).isEqualTo("web1");
    JsonNode runs = doc.get("runs");
    assertThat(runs).hasSize(2);
    assertThat(runs.get(0).get("result").asText()).isEqualTo("in_sync");
    assertThat(runs.get(0).get("changes")).isEmpty();
    JsonNode first = runs.get(1);
    assertThat(first.get("started").asText()).isEqualTo("2026-12-04T10:00:00Z");
    assertThat(first.get("durationMs").asLong()).isEqualTo(1500);
    assertThat(first.get("revision").asText()).isEqualTo(REV1);
    assertThat(first.get("appliedCount").asInt()).isEqualTo(2);
    assertThat(first.get("changes").get(1).get("line").asText()).isEqualTo(MASKED);
    assertThat(first.get("changes").get(1).get("status").asText()).isEqualTo("applied");
    JsonNode newest = CliRun.inHome(home, "history", "-o", "json").json().get("runs").get(0);
    assertThat(newest.get("server").asText()).isEqualTo("web1");
    assertThat(newest.has("changes")).isFalse();
  }

  @Test
  void statusShowsEachServersStoredStatus() {
    CliRun text = CliRun.inHome(home, "history", "--status");
    JsonNode json = CliRun.inHome(home, "history", "--status", "web2", "-o", "json").json();

    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.stdout().lines().toList()).hasSize(2).satisfiesExactly(
        web1 -> assertThat(web1).startsWith("web1").contains("in_sync", "last run 2026-12-04T10:02:00Z",
            "last success 2026-12-04T10:02:00Z", "0 failure(s) in a row"),
        web2 -> assertThat(web2).startsWith("web2").contains("unreachable", "last success never",
            "1 failure(s) in a row"));
    assertThat(json.get("servers")).hasSize(1);
    assertThat(json.get("servers").get(0).get("lastResult").asText()).isEqualTo("unreachable");
    assertThat(json.get("servers").get(0).get("lastSuccess").isNull()).isTrue();
    assertThat(json.get("servers").get(0).get("consecutiveFailures").asInt()).isEqualTo(1);
  }

  @Test
  void anUnknownServerIsAClearFailure() {
    CliRun runs = CliRun.inHome(home, "history", "web9");
    CliRun status = CliRun.inHome(home, "history", "--status", "web9");

    for (CliRun run : List.of(runs, status)) {
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.FAILURE);
      assertThat(run.stdout()).isEmpty();
      assertThat(run.stderr()).startsWith("gardien: the state database").contains("no server named 'web9'")
          .contains("it knows: web1, web2").doesNotContain("internal error");
    }
  }

  @Test
  void aWrongStateUrlIsAOneLineError() {
    CliRun bad = CliRun.inHomeWithStateEnv(home, Map.of(StateLocation.URL_ENV, "mysql://db/gardien"), "history");
    CliRun unreachable = CliRun.inHomeWithStateEnv(home,
        Map.of(StateLocation.URL_ENV, "jdbc:postgresql://127.0.0.1:1/gardien"), "history", "--status");

    assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(ExitCode.FAILURE);
    assertThat(bad.stderr().lines()).singleElement().asString()
        .startsWith("gardien: $GARDIEN_STATE_URL: the state database URL must be");
    assertThat(unreachable.exitCode()).as(unreachable.toString()).isEqualTo(ExitCode.FAILURE);
    assertThat(unreachable.stderr()).startsWith("gardien: could not open the state database")
        .doesNotContain("internal error");
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertThat(CliRun.inHome(home, "history", "--limit", "0").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(CliRun.inHome(home, "history", "--status", "--changes").exitCode()).isEqualTo(ExitCode.USAGE);
  }
}
