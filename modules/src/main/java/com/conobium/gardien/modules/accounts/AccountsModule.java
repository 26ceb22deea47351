package com.conobium.gardien.modules.accounts;

import com.conobium.gardien.model.AccountsSpec;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.modules.spi.ProbeScripts;
import com.conobium.gardien.modules.spi.ProbedModule;
import com.conobium.gardien.modules.spi.SecretOwner;
import com.conobium.gardien.modules.spi.Shell;
import com.conobium.gardien.modules.spi.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Login accounts: the admin user (home, {@code /bin/bash}, group {@code sudo}, password-less sudo,
 * exactly the manifest's SSH keys, a generated password) and, with policy {@code random}, a
 * generated root password. Passwords come from the secret store ({@link #ADMIN_SECRET},
 * {@link #ROOT_SECRET}); see {@link ShadowPassword} for how their drift is found without reading
 * them back. The packages module installs sudo first.
 */
public final class AccountsModule extends ProbedModule<AccountsDesired, AccountsFacts> {
  public static final String NAME = "accounts";
  /** The secret holding the admin user's password. */
  public static final String ADMIN_SECRET = "admin-password";
  /** The secret holding root's password (policy {@code random}). */
  public static final String ROOT_SECRET = "root-password";

  private static final String PROBE = ProbeScripts.load(AccountsModule.class, "probe.sh");

  private final ShadowPasswords shadow = new ShadowPasswords();

  public AccountsModule() {
    super(NAME, Set.of("packages"), AccountsFacts::parse, new AccountsPlanner()::plan);
  }

  /** {@inheritDoc} Here: sudo gives the admin user root rights (/etc/sudoers.d, visudo). */
  @Override
  public Set<String> packages(ServerSpec spec) {
    return Set.of("sudo");
  }

  @Override
  public AccountsDesired desired(Target target) {
    AccountsSpec spec = target.spec().accounts();
    ShadowPassword admin =
        shadow.of(target.secrets().secret(ADMIN_SECRET, spec.admin().passwordLength(), SecretOwner.CUSTOMER));
    Optional<ShadowPassword> root =
        spec.rootPassword().policy().equals("random")
            ? Optional.of(
                shadow.of(target.secrets().secret(ROOT_SECRET, spec.rootPassword().length(),
                    SecretOwner.CUSTOMER)))
            : Optional.empty();
    return new AccountsDesired(spec.admin().name(), loginKeys(spec, target), admin, root);
  }

  /** The manifest's keys, then Gardien's own (so it can log in as the admin), each once. */
  private static List<String> loginKeys(AccountsSpec spec, Target target) {
    Set<String> seen = new HashSet<>();
    List<String> keys = new ArrayList<>();
    for (String key : concat(spec.admin().sshKeys(), target.controllerKeys())) {
      if (seen.add(keyMaterial(key))) {
        keys.add(key.strip());
      }
    }
    return keys;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** Type and base64 of an OpenSSH public key line, without its comment. */
  private static String keyMaterial(String key) {
    String[] parts = key.strip().split("\\s+");
    return parts.length >= 2 ? parts[0] + " " + parts[1] : key.strip();
  }

  @Override
  public String probe(AccountsDesired desired) {
    return "u=" + Shell.quote(desired.admin()) + "\n" + PROBE;
  }
}
