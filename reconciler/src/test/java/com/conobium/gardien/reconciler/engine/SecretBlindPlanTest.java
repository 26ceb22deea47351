package com.conobium.gardien.reconciler.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.Secret;
import com.conobium.gardien.modules.spi.SecretOwner;
import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.reconciler.engine.ModuleOutcome.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two plans under two sets of stand-in secrets: what they plan alike stands, the rest is not compared. */
class SecretBlindPlanTest {
  static Change password(String hash) {
    return new Change("password of root", Change.Action.CHANGE, "x", "y", true,
        List.of(new Step.Run("chpasswd -e", "root:" + hash + "\n")));
  }

  static Change file(String path, Change.Action action, String content) {
    return new Change("file " + path, action, null, "0600", false,
        List.of(new Step.PutFile(path, content, "0600", "root", "root", null)));
  }

  static ModuleOutcome outcome(Change... changes) {
    return new ModuleOutcome("m", List.of(changes), List.of(), changes.length == 0 ? Status.IN_SYNC : Status.DRIFT,
        null, 0);
  }

  @Test
  void aChangeThatDependsOnASecretIsNotComparedAndOneThatDoesNotStands() {
    Change timezone = Change.update("timezone", "UTC", "Europe/Paris", List.of(new Step.Run("timedatectl", null)));

    List<ModuleOutcome> merged = SecretBlindPlan.merge(List.of(outcome(timezone, password("$6$a"))),
        List.of(outcome(timezone, password("$6$b"))));

    assertThat(merged.get(0).changes()).containsExactly(timezone);
    assertThat(merged.get(0).notCompared()).containsExactly("password of root");
    assertThat(merged.get(0).status()).isEqualTo(Status.DRIFT);
  }

  @Test
  void aMissingResourceIsAChangeWhateverItsSecretAndOnlySecretDriftIsInSync() {
    Change addA = file("/etc/gardien-backup/password", Change.Action.ADD, "stand-in 1");
    Change addB = file("/etc/gardien-backup/password", Change.Action.ADD, "stand-in 2");

    ModuleOutcome added = SecretBlindPlan.merge(List.of(outcome(addA)), List.of(outcome(addB))).get(0);
    ModuleOutcome onlySecret = SecretBlindPlan.merge(List.of(outcome(password("$6$a"))),
        List.of(outcome(password("$6$b")))).get(0);

    assertThat(added.changes()).containsExactly(addA);
    assertThat(added.notCompared()).isEmpty();
    assertThat(onlySecret.changes()).isEmpty();
    assertThat(onlySecret.status()).isEqualTo(Status.IN_SYNC);
    assertThat(onlySecret.notCompared()).containsExactly("password of root");
  }

  @Test
  void standInsDifferBetweenVariantsAndAreStableWithinOne() {
    Secret one = new StandInSecrets(1).secret("root-password", 30, SecretOwner.CUSTOMER);
    Secret again = new StandInSecrets(1).secret("root-password", 30, SecretOwner.CUSTOMER);
    Secret two = new StandInSecrets(2).secret("root-password", 30, SecretOwner.CUSTOMER);

    assertThat(one).isEqualTo(again);
    assertThat(one.reveal()).hasSize(30).isNotEqualTo(two.reveal());
    assertThat(one.salt()).hasSize(16).matches("[A-Za-z0-9./]{16}").isNotEqualTo(two.salt());
    assertThat(new StandInSecrets(1).known()).isFalse();
    assertThat(new StandInSecrets(1).stored("tls/shop/privkey", SecretOwner.GARDIEN)).isEmpty();
  }
}
