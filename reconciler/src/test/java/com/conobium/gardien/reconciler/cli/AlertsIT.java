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
 * listening on the controller's test address.
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
  void aRootLoginOverSshAndSuToRootEachDeliverAMail(TestHost host) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    smtp = new GreenMail(new ServerSetup(port, "0.0.0.0", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    TestRepo repo = new TestRepo(Files.createTempDirectory("gardien-it"), host)
        .fleet("{notifications: [ops@example.net], smtp: {host: " + host.controllerAddress() + ", port: "
            + port + ", from: gardien@example.net, tls: none}}")
        .write("alerts:\n  rootLogin:\n    enabled: true\n");

    CliRun apply = repo.run("apply");
    assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(ExitCode.OK);
    assertThat(host.check("grep -c pam_exec.so /etc/pam.d/sshd")).isEqualTo("1\n");
    CliRun second = repo.run("apply");
    assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCode.OK);
    assertThat(ReconcileIT.changes(second)).isEmpty();

    Thread.sleep(1000);
    int before = smtp.getReceivedMessages().length;
    Process ssh = new ProcessBuilder("ssh", "-i", host.rootKey().toString(), "-o", "BatchMode=yes",
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
        "root@" + host.address(), "true").inheritIO().start();
    assertThat(ssh.waitFor()).isZero();
    MimeMessage login = next(before);
    assertThat(login.getSubject()).isEqualTo("[gardien] root login on " + host.name());
    assertThat(login.getAllRecipients()[0].toString()).isEqualTo("ops@example.net");
    assertThat(GreenMailUtil.getBody(login)).contains("Source:   " + host.controllerAddress())
        .contains("Service:  sshd");

    int afterSsh = smtp.getReceivedMessages().length;
    host.check("su -l root -c true");
    MimeMessage su = next(afterSsh);
    assertThat(GreenMailUtil.getBody(su)).contains("Service:  su-l");
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
