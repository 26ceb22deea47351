package com.conobium.gardien.reconciler.engine;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import java.util.List;

/**
 * Makes the {@link Target} modules see for a server: its spec, its fleet, its secrets and the
 * public keys Gardien logs in with. Every path that reconciles (the command line, the daemon) goes
 * through here, so none can hand the accounts module a view without Gardien's own key — which
 * would take that key off the admin user and lock Gardien out.
 */
public final class Targets {
  private final SecretStore secrets;
  private final List<String> controllerKeys;

  /**
   * @param secrets the secret store servers' secrets are read from (and generated into); null:
   *     none, see {@link #withoutSecrets}
   * @param controllerKeys OpenSSH public keys of the identity Gardien logs in with
   */
  public Targets(SecretStore secrets, List<String> controllerKeys) {
    this.secrets = secrets;
    this.controllerKeys = List.copyOf(controllerKeys);
  }

  /**
   * Targets for a plan made without the secret store: modules see stand-in secrets, and the
   * engine reports what depends on them as not compared. Never for an apply.
   */
  public static Targets withoutSecrets(List<String> controllerKeys) {
    return new Targets(null, controllerKeys);
  }

  /** The target of {@code server} in {@code fleet}. */
  public Target of(Server server, FleetSpec fleet) {
    return new Target(server, fleet, secrets == null ? new StandInSecrets(1) : secrets.view(server.name()),
        controllerKeys);
  }
}
