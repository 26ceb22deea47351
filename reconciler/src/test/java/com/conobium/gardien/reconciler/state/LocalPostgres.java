package com.conobium.gardien.reconciler.state;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for one test class: {@code initdb} in a temporary directory, started on a
 * free loopback port with password (SCRAM) logins, stopped and deleted by {@link #close()}. PostgreSQL
 * refuses to run as root, so when the tests run as root the server runs as {@code nobody} (through
 * {@code runuser}) in a directory that user owns. When PostgreSQL is missing or does not start, the
 * test is skipped with the reason, or fails under {@code GARDIEN_REQUIRE_TESTHOSTS=1}.
 */
public final class LocalPostgres implements AutoCloseable {
  static final String USER = "gardien";
  static final String DATABASE = "postgres";
  private static final String UNPRIVILEGED = "nobody";

  private final Path dir;
  private final Path bin;
  private final boolean asRoot;
  private final int port;
  private final String password;
  private boolean started;

  private LocalPostgres(Path dir, Path bin, boolean asRoot, int port, String password) {
    this.dir = dir;
    this.bin = bin;
    this.asRoot = asRoot;
    this.port = port;
    this.password = password;
  }

  /** Starts a fresh server, or skips (fails under GARDIEN_REQUIRE_TESTHOSTS=1) with the reason. */
  public static LocalPostgres start() throws IOException, InterruptedException {
    Path bin = findBin();
    if (bin == null) {
      unavailable("PostgreSQL is missing (Debian package postgresql; scripts/install-test-deps installs it)");
    }
    boolean asRoot = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "gardien-pg-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    String password = "pw-" + Long.toHexString(new java.security.SecureRandom().nextLong());
    LocalPostgres pg = new LocalPostgres(dir, bin, asRoot, freePort(), password);
    try {
      pg.boot();
    } catch (IOException | RuntimeException e) {
      pg.close();
      unavailable("PostgreSQL did not start: " + e.getMessage());
    }
    return pg;
  }

  /** Where the server is, with the test account's credentials (as $GARDIEN_STATE_* would give them). */
  public StateLocation location() {
    return new StateLocation("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE, USER, password);
  }

  /** The same server with a wrong password. */
  StateLocation wrongPassword() {
    return new StateLocation(location().url(), USER, password + "-wrong");
  }

  /** A fresh empty database on this server, for one test. */
  public StateLocation newDatabase(String name) throws IOException, InterruptedException {
    run(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER,
        name), password);
    return new StateLocation("jdbc:postgresql://127.0.0.1:" + port + "/" + name, USER, password);
  }

  private void boot() throws IOException, InterruptedException {
    if (asRoot) {
      chown(dir);
    }
    Path pwfile = dir.resolve("pwfile");
    Files.writeString(pwfile, password + "\n");
    if (asRoot) {
      chown(pwfile);
    }
    Path data = dir.resolve("data");
    run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + pwfile,
        "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"), null);
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(),
        "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "-w", "-t", "60", "start"), null);
    started = true;
  }

  @Override
  public void close() {
    try {
      if (started) {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w",
            "stop"), null);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      System.err.println("LocalPostgres: stopping: " + e.getMessage());
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        System.err.println("LocalPostgres: deleting " + dir + ": " + e.getMessage());
      }
    }
  }

  private void run(List<String> command, String pgPassword) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asRoot) {
      full.addAll(List.of("runuser", "-u", UNPRIVILEGED, "--"));
    }
    full.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true);
    if (pgPassword != null) {
      pb.environment().put("PGPASSWORD", pgPassword);
    }
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(command.get(0) + " did not finish");
    }
    if (p.exitValue() != 0) {
      throw new IOException(Path.of(command.get(0)).getFileName() + " exited " + p.exitValue() + ": "
          + output.strip());
    }
  }

  private static void chown(Path path) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("chown", UNPRIVILEGED, path.toString()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("chown " + UNPRIVILEGED + " " + path + ": " + output.strip());
    }
  }

  private static Path findBin() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparing(b -> versionOf(b.getParent())))
          .orElse(null);
    }
  }

  private static int versionOf(Path dir) {
    try {
      return Integer.parseInt(dir.getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void unavailable(String reason) {
    if ("1".equals(System.getenv("GARDIEN_REQUIRE_TESTHOSTS"))) {
      throw new AssertionError(reason);
    }
    assumeTrue(false, reason + "; skipped");
  }
}
