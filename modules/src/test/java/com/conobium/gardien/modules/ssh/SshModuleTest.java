package com.conobium.gardien.modules.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.model.AccountsSpec;
import com.conobium.gardien.model.ConnectionSpec;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.model.SiteSpec;
import com.conobium.gardien.model.SshSpec;
import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.FileFacts;
import com.conobium.gardien.modules.spi.Sshd;
import com.conobium.gardien.modules.spi.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

class SshModuleTest {
  private final SshModule module = new SshModule();
  private final SshDesired desired =
      new SshDesired(2222, SshdDropIn.render(new SshSpec(2222, false, false, List.of()), List.of("gardien")));
  private final Step.PutFile written =
      new Step.PutFile(SshdDropIn.PATH, desired.dropIn(), "0644", "root", "root", "sshd -t");

  @Test
  void theDropInSaysWhatTheManifestSays() {
    String text = SshdDropIn.render(new SshSpec(2222, false, false, List.of()), List.of("gardien"));
    assertThat(text.lines()).contains("Port 2222", "AllowUsers gardien", "PermitRootLogin no", "PasswordAuthentication no",
        "KbdInteractiveAuthentication no", "X11Forwarding no");
    assertThat(text).contains("KexAlgorithms mlkem768x25519-sha256,").contains("Ciphers chacha20-poly1305@openssh.com,")
        .doesNotContain("cbc").doesNotContain("sha1").doesNotContain("diffie-hellman-group14");
    assertThat(SshdDropIn.render(new SshSpec(22, true, true, List.of()), List.of("gardien", "root")).lines())
        .contains("PermitRootLogin prohibit-password", "PasswordAuthentication yes");
  }

  @Test
  void onlyTheAdminTheConnectionUserRootWhenPermittedAndSftpSiteUsersMayLogIn() {
    ServerSpec spec = ServerSpec.builder()
        .connection(new ConnectionSpec(null, "ops", null, null, null))
        .accounts(new AccountsSpec(new AccountsSpec.Admin("admin", null, null), null))
        .ssh(new SshSpec(2222, true, false, List.of()))
        .sites(List.of(site("shop", null), site("blog", false), site("wiki", true)))
        .build();

    assertThat(SshdDropIn.allowedUsers(spec)).containsExactly("admin", "ops", "root", "shop", "wiki");
    assertThat(SshdDropIn.render(spec).lines()).contains("AllowUsers admin ops root shop wiki");
  }

  @Test
  void byDefaultOnlyTheAdminLogsIn() {
    ServerSpec spec = ServerSpec.builder().build();

    assertThat(SshdDropIn.allowedUsers(spec)).containsExactly("gardien");
  }

  private static SiteSpec site(String name, Boolean sftp) {
    return new SiteSpec(name, List.of(name + ".example.org"), null, null, new SiteSpec.Sftp(sftp, null), null, null);
  }

  @Test
  void convergedMeansNothingToDo() {
    assertThat(module.plan(desired, new SshFacts(FileFacts.written(written), true)).changes()).isEmpty();
  }

  @Test
  void aMissingDropInIsAddedValidatedReloadedAndGuarded() {
    List<Change> changes = module.plan(desired, new SshFacts(FileFacts.absent(), true)).changes();
    assertThat(changes).singleElement().satisfies(c -> {
      assertThat(c.action()).isEqualTo(Change.Action.ADD);
      assertThat(c.after()).isEqualTo("port 2222, root login no, passwords no");
      assertThat(c.steps()).containsExactly(written, new Step.Run(SshModule.openPort(2222)), new Step.Run(Sshd.reload(2222)));
      assertThat(((Step.PutFile) c.steps().get(0)).validate()).isEqualTo("sshd -t");
      assertThat(c.guard()).isEqualTo(new Change.Guard(List.of(SshdDropIn.PATH),
          Sshd.RELOAD + "\n" + SshModule.CLOSE_MOVED_PORT));
    });
  }

  @Test
  void aDropInEditedByHandIsChanged() {
    FileFacts edited = new FileFacts(true, "0".repeat(64), "644", "root", "root");
    assertThat(module.plan(desired, new SshFacts(edited, true)).changes()).singleElement()
        .satisfies(c -> {
          assertThat(c.action()).isEqualTo(Change.Action.CHANGE);
          assertThat(c.before()).isEqualTo("differs");
          assertThat(c.guard()).isNotNull();
        });
  }

  @Test
  void aStoppedSshdIsStartedAgain() {
    assertThat(module.plan(desired, new SshFacts(FileFacts.written(written), false)).changes())
        .singleElement().satisfies(c -> assertThat(c.before()).isEqualTo("sshd stopped"));
  }

  @Test
  void theSitesUsersAreChrootedToSftpByTheSshModulesOwnDropIn() {
    ServerSpec spec = ServerSpec.builder()
        .ssh(new SshSpec(2222, false, false, List.of()))
        .sites(List.of(site("shop", true), site("blog", false)))
        .build();
    SshDesired withSites = module.desired(new com.conobium.gardien.modules.spi.Target(
        new com.conobium.gardien.model.Server("web1", null, spec, java.nio.file.Path.of("servers/web1.yaml")),
        new com.conobium.gardien.model.FleetSpec(null, null, null, null, null)));
    String text = withSites.sitesDropIn().orElseThrow();
    assertThat(text).contains("Match User shop,blog", "ChrootDirectory /srv/www/%u", "ForceCommand internal-sftp",
        "AuthorizedKeysFile /etc/ssh/gardien-sites/%u.keys", "AllowTcpForwarding no", "PermitTTY no", "X11Forwarding no");
    FileFacts main = FileFacts.written(new Step.PutFile(SshdDropIn.PATH, withSites.dropIn(), "0644", "root", "root",
        "sshd -t"));

    List<Change> bare = module.plan(withSites, new SshFacts(main, true, FileFacts.absent())).changes();
    assertThat(bare).singleElement().satisfies(c -> {
      assertThat(c.resource()).isEqualTo("sshd configuration /etc/ssh/sshd_config.d/50-gardien-sites.conf");
      assertThat(c.after()).isEqualTo("SFTP only, chrooted: shop, blog");
      assertThat(((Step.PutFile) c.steps().get(0)).validate()).isEqualTo("sshd -t");
      assertThat(((Step.Run) c.steps().get(1)).script()).startsWith(Sshd.RELOAD).contains("sport = :2222");
      assertThat(c.guard().paths()).containsExactly("/etc/ssh/sshd_config.d/50-gardien-sites.conf");
    });
    FileFacts sites = FileFacts.written(new Step.PutFile(SitesSftpDropIn.PATH, text, "0644", "root", "root", null));
    assertThat(module.plan(withSites, new SshFacts(main, true, sites)).changes()).isEmpty();

    SshDesired noSites = new SshDesired(2222, withSites.dropIn());
    assertThat(module.plan(noSites, new SshFacts(main, true, sites)).changes()).singleElement()
        .satisfies(c -> assertThat(c.action()).isEqualTo(Change.Action.REMOVE));
    assertThat(module.plan(noSites, new SshFacts(main, true, FileFacts.absent())).changes()).isEmpty();
  }

  @Test
  void theControllersAreExemptFromSshdsPerSourcePenalties() {
    com.conobium.gardien.model.ServerSpec spec = com.conobium.gardien.model.ServerSpec.builder().build();
    assertThat(SshdDropIn.render(spec, List.of("198.18.0.1", "10.8.0.0/16")).lines())
        .contains("PerSourcePenaltyExemptList 198.18.0.1,10.8.0.0/16");
    assertThat(SshdDropIn.render(spec, List.of())).doesNotContain("PerSourcePenalty");
  }
}
