package com.conobium.gardien.modules.packages;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.modules.spi.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install script run for real by this machine's {@code /bin/sh}, as the engine runs it on a
 * server ({@code set -e} first), against a stand-in {@code apt-get} that behaves as apt does with
 * lists that do not match the sources, or with a mirror it cannot reach.
 */
class AptCommandsTest {
  @TempDir Path dir;

  /**
   * An apt-get that logs its calls; {@code install} fails with apt's "Unable to locate package"
   * until an {@code update} succeeded; {@code update} fails when the file {@code mirror-down} exists.
   */
  private void fakeApt() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path apt = bin.resolve("apt-get");
    Files.writeString(apt, """
        #!/bin/sh
        d=%s
        for a in "$@"; do last=$a; case "$a" in update|install) verb=$a;; esac; done
        echo "$verb" >> "$d/calls"
        if [ "$verb" = update ]; then
          if [ -e "$d/mirror-down" ]; then
            echo "E: Failed to fetch http://mirror.invalid/debian/dists/trixie/InRelease  Could not connect to 198.18.0.1:3142 (198.18.0.1). - connect (111: Connection refused)" >&2
            exit 100
          fi
          touch "$d/fresh"; exit 0
        fi
        if [ ! -e "$d/fresh" ]; then echo "E: Unable to locate package $last" >&2; exit 100; fi
        echo "Setting up $last"
        """.formatted(dir));
    Files.setPosixFilePermissions(apt, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private record Run(int status, String stdout, String stderr) {}

  private Run runWithFakeApt(Step step) throws Exception {
    String path = dir.resolve("bin") + ":" + System.getenv("PATH");
    String script = ((Step.Run) step).script().replace(AptCommands.UPDATE_STAMP, dir.resolve("stamp").toString())
        .replace("mkdir -p /var/lib/apt/periodic", "true");
    ProcessBuilder b = new ProcessBuilder("/bin/sh", "-c", "set -e\n" + script).directory(dir.toFile());
    b.environment().put("PATH", path);
    Process p = b.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return new Run(p.exitValue(), out, err);
  }

  @Test
  void listsThatDoNotMatchTheSourcesAreFetchedOnceAndTheInstallTriedAgain() throws Exception {
    fakeApt();

    Run r = runWithFakeApt(AptCommands.install(List.of("htop")));

    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.stdout()).contains("Setting up htop");
    assertThat(r.stderr()).contains("Unable to locate package htop", "running apt-get update, then installing again");
    assertThat(Files.readAllLines(dir.resolve("calls"))).containsExactly("install", "update", "install");
    assertThat(dir.resolve("stamp")).as("a successful update is recorded").exists();
  }

  @Test
  void anInstallThatWorksRunsAptOnce() throws Exception {
    fakeApt();
    Files.createFile(dir.resolve("fresh"));

    Run r = runWithFakeApt(AptCommands.install(List.of("htop")));

    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(Files.readAllLines(dir.resolve("calls"))).containsExactly("install");
  }

  @Test
  void anUnreachableMirrorIsReportedAsSuchWithAptsOwnCause() throws Exception {
    fakeApt();
    Files.createFile(dir.resolve("mirror-down"));

    Run r = runWithFakeApt(AptCommands.install(List.of("htop")));

    assertThat(r.status()).isEqualTo(100);
    assertThat(r.stderr()).contains("Connection refused")
        .endsWith("apt-get update failed: a source or the apt proxy could not be reached (its error is above)\n");
    assertThat(Files.readAllLines(dir.resolve("calls"))).containsExactly("install", "update");
  }

  @Test
  void aFailureThatIsNotAboutTheListsIsNotRetried() throws Exception {
    fakeApt();
    Files.createFile(dir.resolve("fresh"));
    Path apt = dir.resolve("bin/apt-get");
    Files.writeString(apt, "#!/bin/sh\necho install >> " + dir.resolve("calls")
        + "\necho 'E: Sub-process /usr/bin/dpkg returned an error code (1)' >&2\nexit 100\n");

    Run r = runWithFakeApt(AptCommands.install(List.of("htop")));

    assertThat(r.status()).isEqualTo(100);
    assertThat(r.stderr()).contains("dpkg returned an error code");
    assertThat(Files.readAllLines(dir.resolve("calls"))).containsExactly("install");
  }

  @Test
  void updateAloneReportsAnUnreachableMirror() throws Exception {
    fakeApt();
    Files.createFile(dir.resolve("mirror-down"));

    Run r = runWithFakeApt(AptCommands.update());

    assertThat(r.status()).isEqualTo(100);
    assertThat(r.stderr()).contains("Could not connect", "apt-get update failed");
    assertThat(dir.resolve("stamp")).doesNotExist();
  }

  @Test
  void aLockAnotherAptHoldsIsWaitedForAndItsFailureNotReported() throws Exception {
    fakeApt();
    Files.createFile(dir.resolve("fresh"));
    Path apt = dir.resolve("bin/apt-get");
    // the lists lock is held for the first two calls, as by an apt-get a dropped connection left
    Files.writeString(apt, """
        #!/bin/sh
        d=%s
        echo call >> "$d/calls"
        if [ $(wc -l < "$d/calls") -le 2 ]; then
          echo "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 161 (apt-get)" >&2
          exit 100
        fi
        echo "Setting up htop"
        """.formatted(dir));

    Run r = runWithFakeApt(AptCommands.install(List.of("htop")));

    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.stdout()).contains("Setting up htop");
    assertThat(r.stderr()).doesNotContain("Could not get lock");
    assertThat(Files.readAllLines(dir.resolve("calls"))).hasSize(3);
  }

  @Test
  void aFailureOtherThanALockIsNotRunAgain() throws Exception {
    fakeApt();
    Files.createFile(dir.resolve("mirror-down"));

    Run r = runWithFakeApt(AptCommands.update());

    assertThat(r.status()).isEqualTo(100);
    assertThat(Files.readAllLines(dir.resolve("calls"))).containsExactly("update");
  }
}
