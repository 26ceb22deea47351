package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.modules.spi.Secret;
import com.conobium.gardien.modules.spi.SecretOwner;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsCommandTest {
  @TempDir Path home;
  @TempDir Path repo;
  Secret root;
  Secret admin;

  @BeforeEach
  void secrets() {
    SecretStore store = CommandSecrets.of(home);
    root = store.getOrCreate("web1", "root-password", 30, SecretOwner.CUSTOMER);
    admin = store.getOrCreate("web1", "admin-password", 30, SecretOwner.CUSTOMER);
  }

  @Test
  void sharePrintsANewLinkAndRevokesTheOlderOne() {
    CliRun first = CliRun.inHome(home, "credentials", "share", "web1", "--base-url", "https://links.example.net");
    CliRun second = CliRun.inHome(home, "credentials", "share", "web1", "--ttl", "3d",
        "--base-url", "https://links.example.net", "--output=json");

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.stdout().strip()).matches("https://links\\.example\\.net/c/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}");
    assertThat(first.stderr()).contains("web1: link to admin-password, root-password, one view, expires");
    assertThat(second.exitCode()).as(second.toString()).isZero();
    JsonNode doc = second.json();
    assertThat(doc.get("url").asText()).startsWith("https://links.example.net/c/" + doc.get("id").asText() + "#");
    assertThat(doc.get("revoked").get(0).asText()).isEqualTo(first.stdout().strip().replaceAll(".*/c/(.{22})#.*", "$1"));
    assertThat(first + second.toString()).doesNotContain(root.reveal()).doesNotContain(admin.reveal());

    CliRun list = CliRun.inHome(home, "credentials", "list", "web1", "--output=json");
    assertThat(list.json().get("links")).singleElement()
        .satisfies(l -> assertThat(l.get("state").asText()).isEqualTo("open"));
    CliRun revoke = CliRun.inHome(home, "credentials", "revoke", "web1");
    assertThat(revoke.stdout()).contains("web1: 1 link(s) revoked");
    assertThat(CliRun.inHome(home, "credentials", "list").stdout()).contains("no credential links");
  }

  @Test
  void shareFailsClearlyWithoutLeaking() {
    CliRun unknown = CliRun.inHome(home, "credentials", "share", "web1", "--secret", "db-password");
    CliRun noSecrets = CliRun.inHome(home, "credentials", "share", "web2");
    CliRun badTtl = CliRun.inHome(home, "credentials", "share", "web1", "--ttl", "soon");

    assertThat(unknown.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(unknown.stderr()).contains("no secret named 'db-password'");
    assertThat(noSecrets.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(badTtl.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(unknown + noSecrets.toString() + badTtl).doesNotContain(root.reveal());
  }

  @Test
  void shareToMailsTheLinkThroughTheFleetRelayWithoutTheSecret() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try {
      writeRepo("{host: 127.0.0.1, port: " + port + ", from: gardien@example.net, tls: none}");

      CliRun share = CliRun.inHome(home, "credentials", "share", "web1", "--secret", "admin-password",
          "--to", "customer@example.org", "--repo", repo.toString(), "--base-url", "https://links.example.net");

      assertThat(share.exitCode()).as(share.toString()).isZero();
      assertThat(share.stdout()).contains("mailed to customer@example.org").doesNotContain("#");
      assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
      MimeMessage mail = smtp.getReceivedMessages()[0];
      String body = (String) mail.getContent();
      assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("customer@example.org");
      assertThat(mail.getFrom()[0].toString()).isEqualTo("gardien@example.net");
      assertThat(mail.getSubject()).isEqualTo("Credentials for your server web1");
      assertThat(body).containsPattern("https://links\\.example\\.net/c/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}")
          .contains("admin-password").contains("can be opened once");
      String raw = new String(mail.getRawInputStream().readAllBytes()) + mail.getSubject();
      assertThat(body + raw).doesNotContain(admin.reveal()).doesNotContain(root.reveal());
    } finally {
      smtp.stop();
    }
  }

  @Test
  void theRelayLoginsPasswordIsAFleetWideSecretNeverAnEnvironmentVariable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.setUser("gardien@example.net", "relay-user", "relay-pass-1");
    smtp.start();
    try {
      writeRepo("{host: 127.0.0.1, port: " + port + ", from: gardien@example.net, username: relay-user, tls: none}");
      String[] share = {"credentials", "share", "web1", "--to", "customer@example.org", "--repo", repo.toString()};

      CliRun none = CliRun.inHome(home, share);
      Files.writeString(home.resolve("wrong"), "not-it\n");
      CliRun.inHome(home, "secrets", "put", "--fleet", "smtp-password", "--file", home.resolve("wrong").toString());
      CliRun wrong = CliRun.inHome(home, share);
      Files.writeString(home.resolve("right"), "relay-pass-1\n");
      CliRun put = CliRun.inHome(home, "secrets", "put", "--fleet", "smtp-password", "--file", home.resolve("right").toString());
      CliRun right = CliRun.inHome(home, share);

      assertThat(none.exitCode()).isEqualTo(ExitCode.FAILURE);
      assertThat(none.stderr()).contains("smtp.username is relay-user but no password is stored: "
          + "gardien secrets put --fleet smtp-password --file FILE");
      assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(ExitCode.FAILURE);
      assertThat(put.stderr() + put.stdout()).contains("fleet: stored smtp-password");
      assertThat(right.exitCode()).as(right.toString()).isZero();
      assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
      assertThat(CliRun.inHome(home, "secrets", "list", "--fleet").stdout()).contains("smtp-password")
          .doesNotContain("relay-pass-1");
      assertThat(CliRun.inHome(home, "secrets", "list", "web1").stdout()).doesNotContain("smtp-password");
      assertThat(none + wrong.toString() + right).doesNotContain("relay-pass-1");
    } finally {
      smtp.stop();
    }
  }

  @Test
  void aMailThatCannotBeSentKeepsNoLink() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    writeRepo("{host: 127.0.0.1, port: " + closedPort + ", from: gardien@example.net, tls: none}");

    CliRun share = CliRun.inHome(home, "credentials", "share", "web1", "--to", "customer@example.org",
        "--repo", repo.toString());
    CliRun unknownServer = CliRun.inHome(home, "credentials", "share", "web9", "--to", "customer@example.org",
        "--repo", repo.toString());

    assertThat(share.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(share.stderr()).contains("cannot mail the link of web1 to customer@example.org")
        .contains("the link was not kept");
    assertThat(CliRun.inHome(home, "credentials", "list").stdout()).contains("no credential links");
    assertThat(unknownServer.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(unknownServer.stderr()).contains("no server named web9");
  }

  private void writeRepo(String smtp) throws Exception {
    Files.createDirectories(repo.resolve("servers"));
    Files.writeString(repo.resolve("fleet.yaml"), """
        apiVersion: gardien.conobium.com/v1
        kind: Fleet
        metadata: {name: test}
        spec:
          smtp: %s
        """.formatted(smtp));
    Files.writeString(repo.resolve("profile.yaml"), """
        apiVersion: gardien.conobium.com/v1
        kind: Profile
        metadata: {name: test}
        spec: {}
        """);
    Files.writeString(repo.resolve("servers/web1.yaml"), """
        apiVersion: gardien.conobium.com/v1
        kind: Server
        metadata: {name: web1}
        spec:
          profile: test
          connection:
            address: 198.18.10.2
        """);
  }
}
