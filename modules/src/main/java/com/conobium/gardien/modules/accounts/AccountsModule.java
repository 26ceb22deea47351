package com.conobium.gardien.modules.accounts;

import com.conobium.gardien.model.AccountsSpec;
import com.conobium.gardien.modules.packages.PackagesModule;
import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.ProbeScripts;
import com.conobium.gardien.modules.spi.ResourceModule;
import com.conobium.gardien.modules.spi.Shell;
import com.conobium.gardien.modules.spi.Target;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/**
 * Login accounts: the admin user (home, {@code /bin/bash}, group {@code sudo}, password-less sudo,
 * exactly the manifest's SSH keys, a generated password) and, with policy {@code random}, a
 * generated root password. Passwords come from the secret store ({@link #ADMIN_SECRET},
 * {@link #ROOT_SECRET}); see {@link ShadowPassword} for how their drift is found without reading
 * them back. The packages module installs sudo first.
 */
public final class AccountsModule implements ResourceModule<AccountsDesired, AccountsFacts> {
  public static final String NAME = "accounts";
  /** The secret holding the admin user's password. */
  public static final String ADMIN_SECRET = "admin-password";
  /** The secret holding root's password (policy {@code random}). */
  public static final String ROOT_SECRET = "root-password";

  private static final String PROBE = ProbeScripts.load(AccountsModule.class, "probe.sh");

  private final AccountsPlanner planner = new AccountsPlanner();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> after() {
    return Set.of(PackagesModule.NAME);
  }

  @Override
  public AccountsDesired desired(Target target) {
    AccountsSpec spec = target.spec().accounts();
    ShadowPassword admin =
        ShadowPassword.of(target.secrets().secret(ADMIN_SECRET, spec.admin().passwordLength()));
    Optional<ShadowPassword> root =
        spec.rootPassword().policy().equals("random")
            ? Optional.of(
                ShadowPassword.of(target.secrets().secret(ROOT_SECRET, spec.rootPassword().length())))
            : Optional.empty();
    return new AccountsDesired(spec.admin().name(), spec.admin().sshKeys(), admin, root);
  }

  @Override
  public String probe(AccountsDesired desired) {
    return "u=" + Shell.quote(desired.admin()) + "\n" + PROBE;
  }

  @Override
  public AccountsFacts facts(JsonNode probeOutput) throws FactsException {
    return AccountsFacts.parse(probeOutput);
  }

  @Override
  public ModulePlan plan(AccountsDesired desired, AccountsFacts facts) {
    return planner.plan(desired, facts);
  }
}
