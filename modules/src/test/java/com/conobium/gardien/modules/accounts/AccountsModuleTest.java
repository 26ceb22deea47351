package com.conobium.gardien.modules.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conobium.gardien.model.AccountsSpec;
import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.ProbeRunner;
import com.conobium.gardien.modules.spi.Secret;
import com.conobium.gardien.modules.spi.SecretsView;
import com.conobium.gardien.modules.spi.Target;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountsModuleTest {
  private final AccountsModule module = new AccountsModule();
  private final List<String> asked = new ArrayList<>();
  private final SecretsView secrets =
      (name, length, owner) -> {
        asked.add(name + "/" + length + "/" + owner.label());
        return new Secret("x".repeat(length), "saltsaltsaltsalt", Instant.EPOCH);
      };

  private Target target(AccountsSpec accounts) {
    ServerSpec spec =
        ServerSpec.builder().accounts(accounts).build();
    return new Target(
        new Server("web1", null, spec, Path.of("servers/web1.yaml")),
        new FleetSpec(null, null, null, null, null),
        secrets);
  }

  @Test
  void nameAndOrder() {
    assertThat(module.name()).isEqualTo("accounts");
    assertThat(module.after()).containsExactly("packages");
  }

  @Test
  void defaultsAskForBothPasswordsOf30Characters() {
    AccountsDesired desired = module.desired(target(null));

    assertThat(desired.admin()).isEqualTo("gardien");
    assertThat(desired.sshKeys()).isEmpty();
    assertThat(desired.rootPassword()).isPresent();
    assertThat(asked).containsExactly("admin-password/30/customer", "root-password/30/customer");
  }

  @Test
  void keepPolicyNeverAsksForTheRootSecret() {
    AccountsDesired desired =
        module.desired(
            target(
                new AccountsSpec(
                    new AccountsSpec.Admin("ops", List.of("ssh-ed25519 AAAA k"), 40),
                    new AccountsSpec.RootPassword("keep", null))));

    assertThat(desired.admin()).isEqualTo("ops");
    assertThat(desired.rootPassword()).isEmpty();
    assertThat(asked).containsExactly("admin-password/40/customer");
    assertThat(desired.toString()).doesNotContain("xxxx");
  }

  @Test
  void gardiensOwnKeyLogsInAsTheAdminBesideTheManifestsKeysOnce() {
    Target base =
        target(new AccountsSpec(new AccountsSpec.Admin("ops", List.of("ssh-ed25519 AAAAone alice", "ssh-ed25519 AAAAtwo gardien@ci"), null), null));
    Target withController = new Target(base.server(), base.fleet(), secrets,
        List.of("ssh-ed25519 AAAAtwo gardien", "ssh-ed25519 AAAAthree gardien"));

    AccountsDesired desired = module.desired(withController);

    assertThat(desired.sshKeys())
        .containsExactly("ssh-ed25519 AAAAone alice", "ssh-ed25519 AAAAtwo gardien@ci", "ssh-ed25519 AAAAthree gardien");
  }

  @Test
  void withoutASecretStoreDesiredFailsWithoutLeakingAnything() {
    Target bare = new Target(target(null).server(), target(null).fleet());

    assertThatThrownBy(() -> module.desired(bare))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("admin-password");
  }

  @Test
  void rejectsRootAndNamesThatAreNotUsers() {
    ShadowPassword pw = AccountsPlannerTest.ADMIN_PW;
    for (String name : List.of("root", "Ops", "a b", "x;rm", "")) {
      assertThatThrownBy(() -> new AccountsDesired(name, List.of(), pw, java.util.Optional.empty()))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> new AccountsDesired("ops", List.of("k1\nk2"), pw, java.util.Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void probeRunsOnThisMachineAndParses() throws Exception {
    AccountsDesired desired = module.desired(target(null));
    String probe = module.probe(desired).replace("u='gardien'", "u='root'");

    AccountsFacts facts = module.facts(ProbeRunner.run(probe));

    assertThat(facts.admin()).hasValueSatisfying(u -> {
      assertThat(u.home()).isEqualTo("/root");
      assertThat(u.homeExists()).isTrue();
      assertThat(u.group()).isEqualTo("root");
      assertThat(u.groups()).contains("root");
    });
    assertThat(facts.sudoers().exists()).isFalse();
  }

  @Test
  void probeOfAMissingUserSaysNull() throws Exception {
    String probe = "u='no-such-user-gardien'\n" + module.probe(module.desired(target(null))).substring("u='gardien'\n".length());

    AccountsFacts facts = module.facts(ProbeRunner.run(probe));

    assertThat(facts.admin()).isEmpty();
    assertThat(facts.adminShadowDigest()).isEmpty();
  }

  @Test
  void parsesShadowDigestsAndRejectsOtherOutput() throws Exception {
    ObjectMapper json = new ObjectMapper();
    AccountsFacts facts = module.facts(json.readTree(
        "{\"user\":null,\"sudoers\":{\"exists\":false},\"shadow\":{\"root\":\"abc\",\"admin\":null}}"));

    assertThat(facts.rootShadowDigest()).contains("abc");
    assertThat(facts.adminShadowDigest()).isEmpty();
    assertThatThrownBy(() -> module.facts(json.readTree("[]"))).isInstanceOf(FactsException.class);
    assertThatThrownBy(() -> module.facts(json.readTree("{\"user\":1,\"sudoers\":{\"exists\":false},\"shadow\":{}}")))
        .isInstanceOf(FactsException.class);
  }
}
