package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.conobium.gardien.testhosts.DebianHostExtension;
import com.conobium.gardien.testhosts.HostOptions;
import com.conobium.gardien.testhosts.TestHost;
import com.conobium.gardien.testhosts.TestHosts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The container image, built from the repository's Dockerfile with podman (on a base image made
 * here from a Debian 13 root file system with a Java runtime, since none can be pulled), running
 * {@code gardien run} as its non-root user against a local config repository: /healthz answers,
 * the first revision and then a new commit converge a real test host, the state survives a
 * restart on its volume, and the two keys arrive as mounted secrets, never in the volume.
 */
@ExtendWith(DebianHostExtension.class)
class ContainerIT {
  static final String BASE = "localhost/gardien-jre-base:trixie";
  static final String IMAGE = "localhost/gardien-it:latest";
  private final String suffix = "-it-" + ProcessHandle.current().pid();
  private final List<List<String>> cleanup = new ArrayList<>();
  private Path containersConf;

  @AfterEach
  void removeContainerVolumeAndSecrets() throws Exception {
    for (List<String> command : cleanup) {
      podman(Duration.ofMinutes(1), command);
    }
  }

  @Test
  void theImageRunsTheDaemonAsItsUserAndConvergesAHostFromInside(TestHosts hosts) throws Exception {
    Path work = Files.createTempDirectory("gardien-container");
    containersConf = Files.writeString(work.resolve("containers.conf"), "[containers]\ndefault_ulimits = []\n");
    TestHost host = hosts.boot(HostOptions.defaults().withWebStack());
    if (podman(Duration.ofSeconds(30), List.of("image", "exists", BASE)).exitCode != 0) {
      Path tar = work.resolve("rootfs.tar");
      hosts.exportJavaRuntimeRootFs(tar);
      check(Duration.ofMinutes(5), List.of("import", "--change", "CMD [\"/bin/bash\"]", tar.toString(), BASE));
      Files.delete(tar);
    }
    long started = System.nanoTime();
    check(Duration.ofMinutes(10), List.of("build", "--network", "host", "--build-arg", "BASE_IMAGE=" + BASE,
        "-t", IMAGE, "-f", "../Dockerfile", ".."));
    System.out.printf("ContainerIT measure: image built in %d ms%n", (System.nanoTime() - started) / 1_000_000);

    // the config repository: a Git repository the container reads, as beside a Git server
    Path repo = work.resolve("repo");
    new TestRepo(repo, host).write("time: {timezone: Asia/Tokyo}\n");
    Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
    git.add().addFilepattern(".").call();
    git.commit().setMessage("Tokyo").setAuthor("ops", "ops@example.net").setSign(false).call();
    // the container's user reads the repository: as a Git server's checkout would allow
    assertThat(new ProcessBuilder("chmod", "-R", "a+rX", work.toString()).start().waitFor()).isZero();

    // the keys, as secrets readable by the container's user only
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Path secretKey = Files.write(work.resolve("secret.key"), key);
    String sshSecret = "gardien-ssh-key" + suffix;
    String keySecret = "gardien-secret-key" + suffix;
    check(Duration.ofSeconds(30), List.of("secret", "create", sshSecret, host.rootKey().toString()));
    cleanup.add(List.of("secret", "rm", sshSecret));
    check(Duration.ofSeconds(30), List.of("secret", "create", keySecret, secretKey.toString()));
    Files.delete(secretKey);
    cleanup.add(List.of("secret", "rm", keySecret));
    String volume = "gardien-state" + suffix;
    check(Duration.ofSeconds(30), List.of("volume", "create", volume));
    cleanup.add(0, List.of("volume", "rm", "-f", volume));
    String name = "gardien" + suffix;
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    check(Duration.ofMinutes(1), List.of("run", "-d", "--name", name, "--network", "host",
        "-v", volume + ":/var/lib/gardien", "-v", repo + ":/repo:ro",
        "--secret", sshSecret + ",type=mount,target=gardien-ssh-key,uid=10001,mode=0400",
        "--secret", keySecret + ",type=mount,target=gardien-secret-key,uid=10001,mode=0400",
        "-e", "GARDIEN_LISTEN=127.0.0.1:" + port, IMAGE, "run", "file:///repo", "--poll", "2s",
        "--drift-interval", "1h"));
    cleanup.add(0, List.of("rm", "-f", "-t", "5", name));

    awaitHealthy(port, name);
    assertThat(check(Duration.ofSeconds(30), List.of("exec", name, "id", "-u")).strip()).isEqualTo("10001");
    await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
        assertThat(host.check("readlink /etc/localtime")).as(logs(name)).endsWith("/Asia/Tokyo\n"));
    awaitResult(port, host.name(), "converged");

    // a new commit converges the host again
    new TestRepo(repo, host).write("time: {timezone: Europe/Paris}\n");
    git.add().addFilepattern(".").call();
    git.commit().setMessage("Paris").setAuthor("ops", "ops@example.net").setSign(false).call();
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
        assertThat(host.check("readlink /etc/localtime")).as(logs(name)).endsWith("/Europe/Paris\n"));
    awaitResult(port, host.name(), "converged");

    // restarted (SIGTERM, exit 0): what it knew is on the volume, and nothing needs doing again
    check(Duration.ofMinutes(2), List.of("restart", "-t", "30", name));
    awaitHealthy(port, name);
    JsonNode status = status(port);
    assertThat(status.toString()).as("the state database on the volume").contains(host.name());
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(logs(name)).contains("carrying on from the state database: 1 server(s) known"));
    String volumeFiles = check(Duration.ofSeconds(30), List.of("exec", name, "find", "/var/lib/gardien",
        "-maxdepth", "1"));
    assertThat(volumeFiles).contains("/var/lib/gardien/state").doesNotContain("secret.key").doesNotContain("id_ed25519");
    assertThat(check(Duration.ofSeconds(30), List.of("exec", name, "stat", "-c", "%u %a",
        "/run/secrets/gardien-ssh-key", "/run/secrets/gardien-secret-key"))).isEqualTo("10001 400\n10001 400\n");
  }

  private void awaitResult(int port, String server, String result) {
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(status(port).toString()).contains("\"" + server + "\"").contains(result));
  }

  private void awaitHealthy(int port, String name) {
    HttpClient http = HttpClient.newHttpClient();
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() ->
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode()).as(logs(name)).isEqualTo(200));
  }

  private static JsonNode status(int port) throws Exception {
    return new ObjectMapper().readTree(HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  private String logs(String name) {
    try {
      return podman(Duration.ofSeconds(30), List.of("logs", name)).output;
    } catch (Exception e) {
      return "(no logs: " + e + ")";
    }
  }

  private String check(Duration timeout, List<String> args) throws Exception {
    Result r = podman(timeout, args);
    assertThat(r.exitCode).as(String.join(" ", args) + "\n" + r.output).isZero();
    return r.output;
  }

  private record Result(int exitCode, String output) {}

  /** Podman as it runs on these machines: runc, cgroupfs, no default ulimits (docs/testing.md). */
  private Result podman(Duration timeout, List<String> args) throws Exception {
    List<String> command = new ArrayList<>(List.of("podman", "--runtime", "runc", "--cgroup-manager", "cgroupfs"));
    command.addAll(args);
    return run(timeout, command);
  }

  private Result run(Duration timeout, List<String> command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (containersConf != null) {
      pb.environment().put("CONTAINERS_CONF", containersConf.toString());
    }
    Path log = Files.createTempFile("podman", ".log");
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " timed out\n" + Files.readString(log));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Result(p.exitValue(), output);
  }
}
