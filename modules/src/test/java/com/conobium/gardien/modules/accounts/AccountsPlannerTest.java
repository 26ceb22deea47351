package com.conobium.gardien.modules.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.FileFacts;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.Secret;
import com.conobium.gardien.modules.spi.Step;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountsPlannerTest {
  static final String KEY1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOne one@example";
  static final String KEY2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAITwo two@example";
  static final Secret ADMIN_SECRET = new Secret("Adm1nPassw0rdAdm1nPassw0rdAdm1", "saltsaltsaltsalt", Instant.EPOCH);
  static final Secret ROOT_SECRET = new Secret("R00tPassw0rdR00tPassw0rdR00tPa", "rootsaltrootsalt", Instant.EPOCH);
  static final ShadowPassword ADMIN_PW = ShadowPassword.of(ADMIN_SECRET);
  static final ShadowPassword ROOT_PW = ShadowPassword.of(ROOT_SECRET);

  private final AccountsPlanner planner = new AccountsPlanner();

  static AccountsDesired desired(List<String> keys, boolean randomRoot) {
    return new AccountsDesired("gardien", keys, ADMIN_PW, randomRoot ? Optional.of(ROOT_PW) : Optional.empty());
  }

  static AccountsFacts.User user(String shell, boolean homeExists, List<String> groups, String keys, String mode) {
    FileFacts file = keys == null
        ? FileFacts.absent()
        : new FileFacts(true, FileFacts.sha256Hex(keys), mode, "gardien", "gardien");
    return new AccountsFacts.User("/home/gardien", homeExists, shell, "gardien", groups, file, keys == null ? "" : keys);
  }

  static FileFacts sudoers() {
    return FileFacts.written(sudoersFile());
  }

  static Step.PutFile sudoersFile() {
    return new Step.PutFile("/etc/sudoers.d/gardien-gardien",
        "# Managed by Gardien: changes here are overwritten.\ngardien ALL=(ALL) NOPASSWD: ALL\n",
        "0440", "root", "root", null);
  }

  static AccountsFacts converged(String keys) {
    return new AccountsFacts(
        Optional.of(user("/bin/bash", true, List.of("gardien", "sudo"), keys, "600")),
        sudoers(), Optional.of(ROOT_PW.digest()), Optional.of(ADMIN_PW.digest()));
  }

  static List<String> lines(ModulePlan plan) {
    return plan.changes().stream()
        .map(c -> c.action().sign() + " " + c.resource() + (c.sensitive() ? " (masked)" : ": " + c.before() + " -> " + c.after()))
        .toList();
  }

  @Test
  void convergedServerHasNoChange() {
    assertThat(planner.plan(desired(List.of(KEY1), true), converged(KEY1 + "\n")).changes()).isEmpty();
  }

  @Test
  void bareServerGetsTheUserKeysSudoersAndBothPasswordsInOrder() {
    AccountsFacts bare = new AccountsFacts(Optional.empty(), FileFacts.absent(), Optional.of("other"), Optional.empty());

    ModulePlan plan = planner.plan(desired(List.of(KEY1, KEY2), true), bare);

    assertThat(plan.changes()).extracting(c -> c.action().sign() + " " + c.resource()).containsExactly(
        "+ user gardien",
        "+ authorized_keys of gardien",
        "+ file /etc/sudoers.d/gardien-gardien",
        "~ password of gardien",
        "~ password of root");
    Change user = plan.changes().get(0);
    assertThat(((Step.Run) user.steps().get(0)).script())
        .isEqualTo("useradd --create-home --shell /bin/bash --user-group --groups sudo 'gardien'\n");
    Change keys = plan.changes().get(1);
    assertThat(keys.after()).isEqualTo("2 keys");
    Step.PutFile file = (Step.PutFile) keys.steps().get(1);
    assertThat(file.path()).isEqualTo("/home/gardien/.ssh/authorized_keys");
    assertThat(file.content()).isEqualTo(KEY1 + "\n" + KEY2 + "\n");
    assertThat(file.mode()).isEqualTo("0600");
    assertThat(file.owner()).isEqualTo("gardien");
    assertThat(file.group()).isEqualTo("gardien");
    Step.PutFile sudo = (Step.PutFile) plan.changes().get(2).steps().get(0);
    assertThat(sudo.content()).contains("gardien ALL=(ALL) NOPASSWD: ALL\n");
    assertThat(sudo.mode()).isEqualTo("0440");
    assertThat(sudo.validate()).isEqualTo("visudo -cf '/etc/sudoers.d/gardien-gardien' >/dev/null");
  }

  @Test
  void passwordsAreMaskedAndTravelOnlyInStandardInput() {
    AccountsFacts facts = new AccountsFacts(converged(KEY1 + "\n").admin(), sudoers(), Optional.of("x"), Optional.of("y"));

    ModulePlan plan = planner.plan(desired(List.of(KEY1), true), facts);

    assertThat(plan.changes()).hasSize(2).allSatisfy(c -> {
      assertThat(c.sensitive()).isTrue();
      assertThat(c.action()).isEqualTo(Change.Action.CHANGE);
      Step.Run run = (Step.Run) c.steps().get(0);
      assertThat(run.script()).isEqualTo("chpasswd --encrypted\n").doesNotContain("$6$");
      assertThat(run.toString()).doesNotContain("$6$");
      assertThat(c.toString()).doesNotContain("$6$").doesNotContain(ADMIN_SECRET.reveal());
    });
    assertThat(((Step.Run) plan.changes().get(0).steps().get(0)).stdin()).isEqualTo("gardien:" + ADMIN_PW.crypt() + "\n");
    assertThat(((Step.Run) plan.changes().get(1).steps().get(0)).stdin()).isEqualTo("root:" + ROOT_PW.crypt() + "\n");
    assertThat(plan.changes()).extracting(Change::resource).containsExactly("password of gardien", "password of root");
  }

  @Test
  void keepPolicyLeavesRootAlone() {
    AccountsFacts facts = new AccountsFacts(converged(KEY1 + "\n").admin(), sudoers(), Optional.of("anything"), Optional.of(ADMIN_PW.digest()));

    assertThat(planner.plan(desired(List.of(KEY1), false), facts).changes()).isEmpty();
  }

  @Test
  void wrongShellMissingHomeAndMissingSudoAreFixedOneByOne() {
    AccountsFacts facts = new AccountsFacts(
        Optional.of(user("/bin/sh", false, List.of("gardien", "users"), KEY1 + "\n", "600")),
        sudoers(), Optional.of(ROOT_PW.digest()), Optional.of(ADMIN_PW.digest()));

    ModulePlan plan = planner.plan(desired(List.of(KEY1), true), facts);

    assertThat(lines(plan)).containsExactly(
        "~ shell of gardien: /bin/sh -> /bin/bash",
        "~ home of gardien: missing -> /home/gardien",
        "~ groups of gardien: gardien, users -> gardien, sudo, users");
    assertThat(((Step.Run) plan.changes().get(0).steps().get(0)).script()).isEqualTo("usermod --shell /bin/bash 'gardien'\n");
    assertThat(((Step.Run) plan.changes().get(1).steps().get(0)).script())
        .isEqualTo("install -d -m 0750 -o 'gardien' -g 'gardien' '/home/gardien'\n");
    assertThat(((Step.Run) plan.changes().get(2).steps().get(0)).script()).isEqualTo("usermod --append --groups sudo 'gardien'\n");
  }

  @Test
  void anAddedKeyIsAChangeOfTheKeyCount() {
    ModulePlan plan = planner.plan(desired(List.of(KEY1, KEY2), true), converged(KEY1 + "\n"));

    assertThat(lines(plan)).containsExactly("~ authorized_keys of gardien: 1 key -> 2 keys");
  }

  @Test
  void anEditedKeyWithTheSameCountSaysSo() {
    ModulePlan plan = planner.plan(desired(List.of(KEY1), true), converged(KEY2 + "\n"));

    assertThat(lines(plan)).containsExactly("~ authorized_keys of gardien: 1 key (other keys) -> 1 key");
  }

  @Test
  void loosePermissionsOnAuthorizedKeysAreFixed() {
    AccountsFacts facts = new AccountsFacts(
        Optional.of(user("/bin/bash", true, List.of("sudo"), KEY1 + "\n", "644")),
        sudoers(), Optional.of(ROOT_PW.digest()), Optional.of(ADMIN_PW.digest()));

    assertThat(lines(planner.plan(desired(List.of(KEY1), true), facts)))
        .containsExactly("~ authorized_keys of gardien: 1 key (0644 gardien:gardien) -> 1 key (0600 gardien:gardien)");
  }

  @Test
  void noKeysMeansAnEmptyAuthorizedKeys() {
    ModulePlan plan = planner.plan(desired(List.of(), true), converged(KEY1 + "\n"));

    assertThat(lines(plan)).containsExactly("~ authorized_keys of gardien: 1 key -> no keys");
    assertThat(((Step.PutFile) plan.changes().get(0).steps().get(1)).content()).isEmpty();
  }

  @Test
  void editedAndLooseSudoersAreRewritten() {
    FileFacts edited = new FileFacts(true, FileFacts.sha256Hex("gardien ALL=(ALL) ALL\n"), "440", "root", "root");
    FileFacts loose = new FileFacts(true, FileFacts.sha256Hex(sudoersFile().content()), "644", "root", "root");
    AccountsFacts base = converged(KEY1 + "\n");

    assertThat(lines(planner.plan(desired(List.of(KEY1), true),
        new AccountsFacts(base.admin(), edited, base.rootShadowDigest(), base.adminShadowDigest()))))
        .containsExactly("~ file /etc/sudoers.d/gardien-gardien: edited -> NOPASSWD: ALL (0440 root:root)");
    assertThat(lines(planner.plan(desired(List.of(KEY1), true),
        new AccountsFacts(base.admin(), loose, base.rootShadowDigest(), base.adminShadowDigest()))))
        .containsExactly("~ file /etc/sudoers.d/gardien-gardien: NOPASSWD: ALL (0644 root:root) -> NOPASSWD: ALL (0440 root:root)");
  }

  @Test
  void aRotatedSecretIsPasswordDrift() {
    Secret rotated = new Secret("AnotherPasswordAnotherPassword", "saltsaltsaltsalt", Instant.EPOCH);
    AccountsDesired after = new AccountsDesired("gardien", List.of(KEY1), ADMIN_PW, Optional.of(ShadowPassword.of(rotated)));

    assertThat(lines(planner.plan(after, converged(KEY1 + "\n")))).containsExactly("~ password of root (masked)");
  }

  @Test
  void keyCounts() {
    assertThat(AccountsPlanner.keys("")).isEqualTo("no keys");
    assertThat(AccountsPlanner.keys("# comment\n\n" + KEY1 + "\n")).isEqualTo("1 key");
    assertThat(AccountsPlanner.keys(KEY1 + "\n" + KEY2)).isEqualTo("2 keys");
  }
}
