package com.conobium.gardien.reconciler.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conobium.gardien.testhosts.DebianHostExtension;
import com.conobium.gardien.testhosts.TestHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's config repository on a real Git server over SSH: a Debian 13 host with git, a
 * {@code git} user whose shell is {@code git-shell} and whose {@code authorized_keys} holds the
 * daemon's key, and a bare repository in its home. {@link GitSource} fetches it through
 * {@code ssh://} and {@code git@host:path} with the host key pinned; a wrong pinned key is refused
 * before logging in (sshd's journal shows no login of {@code git}).
 */
@ExtendWith(DebianHostExtension.class)
class GitSshIT {
  @TempDir Path tmp;

  @Test
  void fetchesFromAGitServerOverSshOnlyWithItsPinnedHostKey(TestHost host) throws Exception {
    Path identity = tmp.resolve("id_ed25519");
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", identity.toString());
    String pub = Files.readString(tmp.resolve("id_ed25519.pub")).strip();
    host.check("DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends git >/dev/null");
    host.check("useradd -m -s /usr/bin/git-shell git && install -d -m 700 -o git -g git /home/git/.ssh"
        + " && echo '" + pub + "' > /home/git/.ssh/authorized_keys"
        + " && chown git:git /home/git/.ssh/authorized_keys && chmod 600 /home/git/.ssh/authorized_keys");
    host.check("set -e; cd /tmp && git init -q -b main work && cd work"
        + " && echo 'kind: Fleet' > fleet.yaml && git add fleet.yaml"
        + " && git -c user.name=Ops -c user.email=ops@example.com commit -q -m 'first on the server'"
        + " && git clone -q --bare /tmp/work /home/git/fleet.git && chown -R git:git /home/git/fleet.git");
    String head = host.check("git -C /tmp/work rev-parse main").strip();
    Path pinned = Files.writeString(tmp.resolve("git_known_hosts"), host.address() + " " + host.hostPublicKey() + "\n");

    for (String url : new String[] {"ssh://git@" + host.address() + "/home/git/fleet.git", "git@" + host.address() + ":fleet.git"}) {
      try (GitSource source = new GitSource(url, "main", tmp.resolve("mirror-" + url.length() + ".git"),
          Optional.of(new GitSsh(identity, pinned, tmp.resolve("ssh-home"))))) {
        Revision revision = source.fetch();
        assertThat(revision.id()).as(url).isEqualTo(head);
        assertThat(revision.subject()).isEqualTo("first on the server");
      }
    }

    String wrong = PublicKeyEntry.toString(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256).getPublic());
    Path other = Files.writeString(tmp.resolve("wrong_known_hosts"), host.address() + " " + wrong + "\n");
    String loginsBefore = host.exec("journalctl -q --no-pager -u ssh | grep -c 'Accepted publickey for git' || true").stdout().strip();
    try (GitSource source = new GitSource("ssh://git@" + host.address() + "/home/git/fleet.git", "main",
        tmp.resolve("mirror-refused.git"), Optional.of(new GitSsh(identity, other, tmp.resolve("ssh-home"))))) {
      assertThatThrownBy(source::fetch).isInstanceOf(GitSourceException.class)
          .hasMessageContaining("HOST KEY MISMATCH for Git server " + host.address() + ": " + other + " pins")
          .hasMessageContaining("Nothing was fetched.");
    }
    assertThat(host.exec("journalctl -q --no-pager -u ssh | grep -c 'Accepted publickey for git' || true").stdout().strip())
        .as("no login after the refused host key").isEqualTo(loginsBefore).isEqualTo("2");
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
  }
}
