package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.testhosts.TestHost;
import com.conobium.gardien.testhosts.TestHosts;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.Sha2Crypt;

/**
 * The same offer converged and checked by Ansible, for bench/run-breakdown's side-by-side figures:
 * a stock Debian 13 server of its own, bench/ansible/standard-web.yml (the standard offer written as
 * a playbook, in Ansible's best case: pipelining, one kept SSH connection, no fact gathering), its
 * first converge, then whole {@code ansible-playbook} processes of the no-op check
 * ({@code --check --diff}) and the no-op apply. Each no-op run must report {@code changed=0}.
 * Skipped, and said so, where {@code ansible-playbook} is not installed.
 */
final class AnsibleSideBySide {
  /** Ansible's figures, in nanoseconds. */
  record Figures(String version, long firstConverge, List<Long> noOpChecks, List<Long> noOpApplies) {}

  private static final Pattern RECAP = Pattern.compile("ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+failed=(\\d+)");

  private final Path playbookDir;
  private final PrintStream out;

  /** Ansible's side alone, {@code RUNS} no-op runs (the playbook tried by itself): prints its figures. */
  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    String version = installed().orElseThrow(() -> new IllegalStateException("ansible-playbook is not installed"));
    try (TestHosts hosts = TestHosts.start(com.conobium.gardien.testhosts.CacheDir.fromEnvironment())) {
      Figures f = new AnsibleSideBySide(Path.of("bench/ansible"), System.out)
          .measure(hosts, version, Files.createTempDirectory("gardien-ansible"), runs);
      System.out.println(f);
      System.exit(0);
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  AnsibleSideBySide(Path playbookDir, PrintStream out) {
    this.playbookDir = playbookDir.toAbsolutePath();
    this.out = out;
  }

  /** Ansible's version line, when {@code ansible-playbook} runs here. */
  static Optional<String> installed() {
    try {
      Process p = new ProcessBuilder("ansible-playbook", "--version").redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.waitFor() == 0 ? text.lines().findFirst() : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  Figures measure(TestHosts hosts, String version, Path work, int runs) throws Exception {
    TestHost host = hosts.boot();
    Path dir = Files.createDirectories(work.resolve("ansible"));
    Path pem = Files.createDirectories(dir.resolve("pem"));
    for (String site : List.of("shop", "blog")) {
      TestCertificate c = TestCertificate.selfSigned(site + ".bench.test");
      Files.writeString(pem.resolve(site + ".crt"), c.certificatePem());
      Files.writeString(pem.resolve(site + ".key"), c.keyPem());
    }
    // the managed server as the play leaves it: SSH on 2222, the admin user with sudo, no root login
    Path inventory = dir.resolve("inventory");
    Files.writeString(inventory, "[web]\n" + host.name() + " ansible_host=" + host.address()
        + " ansible_port=2222 ansible_user=gardien ansible_ssh_private_key_file=" + host.rootKey() + "\n");
    Path vars = dir.resolve("vars.json");
    Files.writeString(vars, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of(
        "ssh_public_key", Files.readString(Path.of(host.rootKey() + ".pub")).strip(),
        "controller", host.controllerAddress(),
        "cert_dir", pem.toString(),
        "admin_password_hash", crypt(),
        "root_password_hash", crypt())));
    host.awaitStartup();
    long first = play(dir, inventory, vars, List.of("-e", "ansible_user=root", "-e", "ansible_port=22"), false);
    List<Long> checks = new ArrayList<>();
    List<Long> applies = new ArrayList<>();
    play(dir, inventory, vars, List.of("--check", "--diff"), true); // the connection's first use, not counted
    for (int i = 0; i < runs; i++) {
      checks.add(play(dir, inventory, vars, List.of("--check", "--diff"), true));
    }
    for (int i = 0; i < Math.max(1, runs / 2); i++) {
      applies.add(play(dir, inventory, vars, List.of(), true));
    }
    return new Figures(version, first, checks, applies);
  }

  /** One whole ansible-playbook process; with {@code noOp}, it must have changed nothing. */
  private long play(Path dir, Path inventory, Path vars, List<String> extra, boolean noOp) throws Exception {
    List<String> command = new ArrayList<>(List.of("ansible-playbook", "-i", inventory.toString(), "-e", "@" + vars,
        playbookDir.resolve("standard-web.yml").toString()));
    command.addAll(extra);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("last-play.log").toFile());
    pb.environment().put("ANSIBLE_CONFIG", playbookDir.resolve("ansible.cfg").toString());
    long started = System.nanoTime();
    int status = pb.start().waitFor();
    long took = System.nanoTime() - started;
    String log = Files.readString(dir.resolve("last-play.log"));
    Matcher recap = RECAP.matcher(log);
    if (status != 0 || !recap.find()) {
      throw new IllegalStateException("ansible-playbook " + String.join(" ", extra) + " exited " + status + ":\n" + tail(log));
    }
    if (noOp && !recap.group(2).equals("0")) {
      throw new IllegalStateException("not a no-op: ansible-playbook " + String.join(" ", extra) + " changed "
          + recap.group(2) + " task(s):\n" + tail(log));
    }
    out.printf("  ansible-playbook %s: %.1f s (%s)%n", String.join(" ", extra).replaceAll("-e \\S+ ?", "").strip(),
        took / 1e9, recap.group());
    return took;
  }

  private static String tail(String log) {
    List<String> lines = log.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static String crypt() {
    byte[] random = new byte[15];
    new SecureRandom().nextBytes(random);
    return Sha2Crypt.sha512Crypt(HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII));
  }
}
