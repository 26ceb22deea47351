package com.conobium.gardien.reconciler.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.conobium.gardien.model.load.ConfigRepoLoader;
import com.conobium.gardien.reconciler.engine.Targets;
import com.conobium.gardien.reconciler.git.GitSource;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import com.conobium.gardien.reconciler.state.StateDatabase;
import com.conobium.gardien.reconciler.state.StateLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonHttpTest {
  @TempDir Path tmp;
  UpstreamRepo upstream;
  FakeFleet fleet = new FakeFleet();
  Daemon daemon;
  StateDatabase db;
  DaemonHttp http;
  HttpClient client = HttpClient.newHttpClient();
  String commit;

  @BeforeEach
  void setUp() throws Exception {
    upstream = new UpstreamRepo(tmp.resolve("upstream"));
    commit = upstream.fleet("web1").commit("one");
    DaemonMetrics metrics = new DaemonMetrics();
    GitSource source = new GitSource(upstream.dir.toString(), "main", tmp.resolve("state/mirror.git"));
    Duration hour = Duration.ofHours(1);
    daemon = new Daemon(source, new RevisionGate(source, new ConfigRepoLoader(), tmp.resolve("state"), metrics),
        fleet, new Targets(new SecretStore(tmp.resolve("home"), new SecureRandom(), Clock.systemUTC()), List.of()), metrics,
        (db = StateDatabase.open(StateLocation.embedded(tmp.resolve("state/state")))).repository(),
        new DaemonSettings(hour, hour, hour, 2, Mode.DETECT, hour, 3, Duration.ofSeconds(5)),
        Clock.systemUTC(), Duration.ofMillis(20));
    http = new DaemonHttp(new InetSocketAddress("127.0.0.1", 0), daemon, metrics, "s3cret-token");
    daemon.start();
    http.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> fleet.plans("web1") > 0);
  }

  @AfterEach
  void tearDown() {
    http.close();
    daemon.close();
    db.close();
    upstream.close();
  }

  @Test
  void healthzIsOkWhileTheLoopRunsAndNamesTheRevisionInForce() throws Exception {
    HttpResponse<String> r = get("/healthz");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode doc = new ObjectMapper().readTree(r.body());
    assertThat(doc.get("status").asText()).isEqualTo("ok");
    assertThat(doc.get("revision").asText()).isEqualTo(commit);

    daemon.close();
    assertThat(get("/healthz").statusCode()).isEqualTo(503);
  }

  @Test
  void metricsAreInThePrometheusTextFormat() throws Exception {
    await().atMost(Duration.ofSeconds(10)).until(() -> get("/metrics").body().contains("gardien_server_up{server=\"web1\"} 1.0"));
    HttpResponse<String> r = get("/metrics");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
    assertThat(r.body()).contains("# TYPE gardien_reconcile_duration_seconds histogram")
        .contains("gardien_reconcile_duration_seconds_bucket{server=\"web1\",le=\"0.25\"}")
        .contains("gardien_git_revision_info{revision=\"" + commit + "\"} 1")
        .contains("gardien_drift{module=\"time\",server=\"web1\"} 0.0");
  }

  @Test
  void theWebhookWantsItsTokenThenFetchesAtOnce() throws Exception {
    String next = upstream.server("web1", 10, "time: {timezone: Europe/Paris}").commit("two");

    assertThat(get("/webhook").statusCode()).isEqualTo(405);
    assertThat(post("/webhook", null).statusCode()).isEqualTo(401);
    assertThat(post("/webhook", "Bearer wrong").statusCode()).isEqualTo(401);
    Thread.sleep(200);
    assertThat(daemon.inForce().orElseThrow().revision().id()).as("no fetch without the token").isEqualTo(commit);

    assertThat(post("/webhook", "Bearer s3cret-token").statusCode()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(10)).until(() -> daemon.inForce().orElseThrow().revision().id().equals(next));
  }

  @Test
  void statusShowsEachServersLastRun() throws Exception {
    await().atMost(Duration.ofSeconds(10)).until(() -> !daemon.status().isEmpty());
    JsonNode doc = new ObjectMapper().readTree(get("/status").body());

    assertThat(doc.get("revision").asText()).isEqualTo(commit);
    assertThat(doc.get("servers").get("web1").get("mode").asText()).isEqualTo("detect");
    assertThat(doc.get("servers").get("web1").get("lastResult").asText()).isEqualTo("in_sync");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString("{}"));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + http.address().getPort() + path);
  }
}
