package com.conobium.gardien.modules.accounts;

import static com.conobium.gardien.modules.spi.Shell.quote;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.FileFacts;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Compares the desired accounts with the facts. Pure. Changes, in apply order:
 *
 * <ol>
 *   <li>the admin user: created (home, {@code /bin/bash}, group {@code sudo}), or its shell, home
 *       and {@code sudo} membership fixed;
 *   <li>its {@code ~/.ssh/authorized_keys}: exactly the manifest's keys, mode 0600, owned by it;
 *   <li>{@code /etc/sudoers.d/gardien-NAME}: password-less sudo, mode 0440, checked by {@code visudo};
 *   <li>its password, then root's (policy {@code random}): masked changes that run {@code chpasswd
 *       --encrypted} with the shadow field on standard input.
 * </ol>
 */
final class AccountsPlanner {
  static final String SHELL = "/bin/bash";
  static final String SUDO_GROUP = "sudo";

  ModulePlan plan(AccountsDesired desired, AccountsFacts facts) {
    List<Change> changes = new ArrayList<>(userChanges(desired, facts));
    authorizedKeysChange(desired, facts).ifPresent(changes::add);
    sudoersChange(desired, facts).ifPresent(changes::add);
    passwordChange(desired.admin(), desired.adminPassword(), facts.adminShadowDigest())
        .ifPresent(changes::add);
    desired
        .rootPassword()
        .flatMap(root -> passwordChange("root", root, facts.rootShadowDigest()))
        .ifPresent(changes::add);
    return ModulePlan.of(changes);
  }

  static String userResource(String name) {
    return "user " + name;
  }

  static String authorizedKeysResource(String name) {
    return "authorized_keys of " + name;
  }

  static String passwordResource(String name) {
    return "password of " + name;
  }

  static String sudoersPath(String name) {
    return "/etc/sudoers.d/gardien-" + name;
  }

  private List<Change> userChanges(AccountsDesired desired, AccountsFacts facts) {
    String name = desired.admin();
    String user = quote(name);
    if (facts.admin().isEmpty()) {
      return List.of(
          Change.add(
              userResource(name),
              "home /home/" + name + ", shell " + SHELL + ", group " + SUDO_GROUP,
              List.of(
                  new Step.Run(
                      "useradd --create-home --shell " + SHELL + " --user-group --groups "
                          + SUDO_GROUP + " " + user + "\n"))));
    }
    AccountsFacts.User actual = facts.admin().get();
    List<Change> changes = new ArrayList<>();
    if (!actual.shell().equals(SHELL)) {
      changes.add(
          Change.update(
              "shell of " + name,
              actual.shell().isEmpty() ? "none" : actual.shell(),
              SHELL,
              List.of(new Step.Run("usermod --shell " + SHELL + " " + user + "\n"))));
    }
    if (!actual.homeExists()) {
      String home = quote(actual.home());
      changes.add(
          Change.update(
              "home of " + name,
              "missing",
              actual.home(),
              List.of(
                  new Step.Run(
                      "install -d -m 0750 -o " + user + " -g " + quote(actual.group()) + " " + home
                          + "\n"))));
    }
    if (!actual.groups().contains(SUDO_GROUP)) {
      TreeSet<String> after = new TreeSet<>(actual.groups());
      after.add(SUDO_GROUP);
      changes.add(
          Change.update(
              "groups of " + name,
              String.join(", ", actual.groups()),
              String.join(", ", after),
              List.of(new Step.Run("usermod --append --groups " + SUDO_GROUP + " " + user + "\n"))));
    }
    return changes;
  }

  private Optional<Change> authorizedKeysChange(AccountsDesired desired, AccountsFacts facts) {
    String name = desired.admin();
    String home = facts.admin().map(AccountsFacts.User::home).orElse("/home/" + name);
    String group = facts.admin().map(AccountsFacts.User::group).orElse(name);
    String sshDir = home + "/.ssh";
    Step.PutFile file =
        new Step.PutFile(sshDir + "/authorized_keys", desired.authorizedKeys(), "0600", name, group, null);
    FileFacts actual = facts.admin().map(AccountsFacts.User::authorizedKeys).orElse(FileFacts.absent());
    if (actual.matches(file)) {
      return Optional.empty();
    }
    List<Step> steps =
        List.of(
            new Step.Run(
                "install -d -m 0700 -o " + quote(name) + " -g " + quote(group) + " " + quote(sshDir) + "\n"),
            file);
    String after = keys(desired.authorizedKeys());
    if (!actual.exists()) {
      return Optional.of(Change.add(authorizedKeysResource(name), after, steps));
    }
    String before = keys(facts.admin().get().authorizedKeysContent());
    if (actual.contentMatches(file.content())) {
      before += " (" + actual.attributes() + ")";
      after += " (" + FileFacts.attributesOf(file) + ")";
    } else if (before.equals(after)) {
      before += " (other keys)";
    }
    return Optional.of(Change.update(authorizedKeysResource(name), before, after, steps));
  }

  private Optional<Change> sudoersChange(AccountsDesired desired, AccountsFacts facts) {
    String path = sudoersPath(desired.admin());
    Step.PutFile file =
        new Step.PutFile(
                path,
                "# Managed by Gardien: changes here are overwritten.\n"
                    + desired.admin() + " ALL=(ALL) NOPASSWD: ALL\n",
                "0440",
                "root",
                "root",
                null)
            .validatedBy("visudo -cf " + quote(path) + " >/dev/null");
    FileFacts actual = facts.sudoers();
    if (actual.matches(file)) {
      return Optional.empty();
    }
    String after = "NOPASSWD: ALL (" + FileFacts.attributesOf(file) + ")";
    if (!actual.exists()) {
      return Optional.of(Change.add("file " + path, after, List.of(file)));
    }
    String before = actual.contentMatches(file.content()) ? "NOPASSWD: ALL (" + actual.attributes() + ")" : "edited";
    return Optional.of(Change.update("file " + path, before, after, List.of(file)));
  }

  private static Optional<Change> passwordChange(
      String user, ShadowPassword desired, Optional<String> actualDigest) {
    if (actualDigest.isPresent() && desired.matches(actualDigest.get())) {
      return Optional.empty();
    }
    Step.Run set = new Step.Run("chpasswd --encrypted\n", user + ":" + desired.crypt() + "\n");
    return Optional.of(
        Change.update(passwordResource(user), "other", "the stored secret", List.of(set)).masked());
  }

  /** {@code no keys}, {@code 1 key}, {@code 2 keys}: the keys an authorized_keys text holds. */
  static String keys(String content) {
    long n =
        content.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
    return n == 0 ? "no keys" : n == 1 ? "1 key" : n + " keys";
  }
}
