package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.testhosts.DebianHostExtension;
import com.conobium.gardien.testhosts.TestHost;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Root-login alerts on a real host, delivered through msmtp to a real SMTP server (GreenMail)
 * listening on the controller's test address: one mail for each path into a root session (SSH,
 * su, su -, sudo -i, sudo -s, sudo su, a console login), none for Gardien's own sudo -n.
 */
@ExtendWith(DebianHostExtension.class)
class AlertsIT {
  GreenMail smtp;

  @AfterEach
  void stop() {
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  void everyPathIntoARootSessionDeliversExactlyOneMailAndGardiensOwnSudoNone(TestHost host) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    smtp = new GreenMail(new ServerSetup(port, "0.0.0.0", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    // an operator account with sudo
    host.check("DEBIAN_FRONTEND=noninteractive apt-get install -y -q sudo >/dev/null"
        + " && useradd -m -s /bin/bash ops && echo 'ops ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/ops");
    TestRepo repo = new TestRepo(Files.createTempDirectory("gardien-it"), host)
        .fleet("{notifications: [ops@example.net], smtp: {host: " + host.controllerAddress() + ", port: "
            + port + ", from: gardien@example.net, tls: none}}")
        .write("alerts:\n  rootLogin:\n    enabled: true\n");

    CliRun apply = repo.run("apply");
    assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(ExitCode.OK);
    assertThat(host.check("grep -c pam_exec.so /etc/pam.d/sshd")).isEqualTo("1\n");
    assertThat(host.check("grep -c root-login-alert /etc/pam.d/su-l || true")).as("su-l includes su").isEqualTo("0\n");
    CliRun second = repo.run("apply");
    assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCode.OK);
    assertThat(ReconcileIT.changes(second)).isEmpty();
    // a root password to type at su's prompt (Gardien's accounts module set a random one)
    host.check("echo 'root:Root-pw-for-su-1' | chpasswd");
    Thread.sleep(1000);
    int start = smtp.getReceivedMessages().length;

    Process ssh = new ProcessBuilder("ssh", "-i", host.rootKey().toString(), "-o", "BatchMode=yes",
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
        "root@" + host.address(), "true").inheritIO().start();
    assertThat(ssh.waitFor()).isZero();
    MimeMessage login = next(start);
    assertThat(login.getSubject()).isEqualTo("[gardien] root login on " + host.name());
    assertThat(login.getAllRecipients()[0].toString()).isEqualTo("ops@example.net");
    assertThat(GreenMailUtil.getBody(login)).contains("Source:   " + host.controllerAddress())
        .contains("Service:  sshd");

    // each path from the operator's terminal (script gives it one, as an SSH login would)
    String asOps = "su - ops -c %s </dev/null";
    String typePassword = "(sleep 3; echo Root-pw-for-su-1) | timeout 60 script -qc '%s' /dev/null";
    assertOneMail(host, asOps.formatted(quote(typePassword.formatted("su -c true root"))), "su", "ops");
    assertOneMail(host, asOps.formatted(quote(typePassword.formatted("su - -c true root"))), "su-l", "ops");
    assertOneMail(host, asOps.formatted(quote("timeout 60 script -qc 'sudo -i true' /dev/null")), "sudo-i", "ops");
    assertOneMail(host, asOps.formatted(quote("timeout 60 script -qc 'sudo -s true' /dev/null")), "sudo", "ops");
    assertOneMail(host, asOps.formatted(quote("timeout 60 script -qc 'sudo su -c true' /dev/null")), "sudo", "ops");
    // login hangs up its terminal (vhangup) before the shell starts, which drops an EOF sent too
    // early: type "exit" until the shell has read it, and never wait on it for long. login is
    // exec'd so that it leads the terminal's session: under a shell that forks it (dash does) the
    // hang-up kills that shell and login with it, leaving no trace at all
    assertOneMail(host, "(for i in $(seq 20); do sleep 1; echo exit; done)"
        + " | timeout 60 script -qc 'exec login -f root' /dev/null", "login", "root");

    // Gardien's own way in: sudo -n, no terminal
    int before = smtp.getReceivedMessages().length;
    host.check(asOps.formatted(quote("sudo -n true")));
    Thread.sleep(3000);
    assertThat(smtp.getReceivedMessages()).as("no mail for non-interactive sudo").hasSize(before);
  }

  /** Runs {@code command} in the host; exactly one alert arrives, for {@code service}, by {@code by}. */
  private void assertOneMail(TestHost host, String command, String service, String by) throws Exception {
    int before = smtp.getReceivedMessages().length;
    String output = host.exec(command).stdout();
    MimeMessage mail;
    try {
      mail = next(before);
    } catch (AssertionError e) {
      throw new AssertionError(command + " printed: " + output + "\n"
          + host.exec("journalctl --no-pager -n 30 -o cat").stdout(), e);
    }
    assertThat(GreenMailUtil.getBody(mail)).as(command).containsPattern("(?m)^Service:  " + service + "\\s*$")
        .contains("User:     root (by " + by + ")");
    Thread.sleep(2500);
    assertThat(smtp.getReceivedMessages()).as("exactly one mail for " + command).hasSize(before + 1);
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** The first mail received after {@code count} mails, waiting up to 30 s. */
  private MimeMessage next(int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      MimeMessage[] all = smtp.getReceivedMessages();
      if (all.length > count) {
        return all[count];
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no mail arrived; received: " + List.of(smtp.getReceivedMessages()).size());
  }
}
