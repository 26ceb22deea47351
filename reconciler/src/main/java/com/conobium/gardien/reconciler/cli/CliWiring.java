package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.modules.BuiltinResourceModules;
import com.conobium.gardien.modules.spi.ResourceModule;
import com.conobium.gardien.reconciler.maintenance.Maintenance;
import com.conobium.gardien.reconciler.maintenance.MaintenanceRunner;
import com.conobium.gardien.reconciler.maintenance.NmapScanner;
import com.conobium.gardien.reconciler.credentials.CredentialSharer;
import com.conobium.gardien.reconciler.credentials.LinkCipher;
import com.conobium.gardien.reconciler.credentials.LinkStore;
import com.conobium.gardien.reconciler.engine.ModuleGraph;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import com.conobium.gardien.reconciler.ssh.LastPorts;
import com.conobium.gardien.reconciler.tls.AcmeSessions;
import com.conobium.gardien.reconciler.tls.CertificateIssuer;
import com.conobium.gardien.reconciler.tls.CertificateStep;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * Guice wiring of the command line: the registered modules, the printer, the SSH side, and the
 * secret store and the credential links in Gardien's home.
 */
final class CliWiring extends AbstractModule {
  /** Where Gardien's SSH private key is, instead of {@code $GARDIEN_HOME/id_ed25519}: a mounted secret. */
  static final String IDENTITY_ENV = "GARDIEN_IDENTITY";
  /** Where the secret store's key is, instead of {@code $GARDIEN_HOME/secret.key}: a mounted secret. */
  static final String SECRET_KEY_ENV = "GARDIEN_SECRET_KEY";

  private final Path home;
  private final Path identity;
  private final Path secretKey;
  private final Timings timings;
  private final RepoReader reader;

  /**
   * Wiring with Gardien's home and key files from the environment ({@link GardienHome}), and the
   * repository reader {@link Main} started preparing before the wiring.
   */
  CliWiring(Timings timings, RepoReader reader) {
    this(GardienHome.resolve(), System.getenv(), timings, reader);
  }

  /** Wiring with the given home (tests use a temporary directory) and the key files in it. */
  CliWiring(Path home) {
    this(home, java.util.Map.of());
  }

  CliWiring(Path home, java.util.Map<String, String> env) {
    this(home, env, Timings.off(), null);
  }

  private CliWiring(Path home, java.util.Map<String, String> env, Timings timings, RepoReader reader) {
    this.home = home;
    this.timings = timings;
    this.reader = reader;
    this.identity = file(env.get(IDENTITY_ENV), home.resolve("id_ed25519"));
    this.secretKey = file(env.get(SECRET_KEY_ENV), home.resolve("secret.key"));
  }

  private static Path file(String fromEnv, Path inHome) {
    return fromEnv == null || fromEnv.isBlank() ? inHome : Path.of(fromEnv);
  }

  @Override
  protected void configure() {
    install(new BuiltinResourceModules());
    bind(ReconcilerFactory.class).to(SshReconcilerFactory.class);
    bind(Clock.class).toInstance(Clock.systemUTC());
    bind(Timings.class).toInstance(timings);
  }

  @Provides
  @Singleton
  ModuleGraph moduleGraph(Set<ResourceModule<?, ?>> modules) {
    return new ModuleGraph(modules);
  }

  @Provides
  @Singleton
  Printer printer() {
    return new Printer(System.out, System.err);
  }

  @Provides
  @Singleton
  SecretStore secretStore(StateAccess state) {
    return new SecretStoreFactory().create(home, secretKey, state);
  }

  @Provides
  @Singleton
  StateAccess stateAccess() {
    return StateAccess.of(home, System.getenv(), timings);
  }

  @Provides
  @Singleton
  LinkStore linkStore() {
    return new LinkStore(home.resolve("links"), new SecureRandom(), Clock.systemUTC());
  }

  @Provides
  @Singleton
  CredentialSharer credentialSharer(SecretStore secrets, LinkStore links) {
    return new CredentialSharer(secrets, links, new LinkCipher(new SecureRandom()));
  }

  @Provides
  DaemonStarter daemonStarter(ReconcilerFactory reconcilers, SecretStore secrets, StateAccess state,
      DefaultIdentity identity, CertificateApply certificates, Set<ResourceModule<?, ?>> modules,
      CredentialSharer sharer) {
    return new DaemonStarter(reconcilers, secrets, state, identity, certificates, home, modules, sharer);
  }

  @Provides
  @Singleton
  CertificateStep certificateStep(SecretStore secrets) {
    return new CertificateStep(new AcmeSessions(home.resolve("acme-ca.pem")),
        new CertificateIssuer(Duration.ofMinutes(2)), secrets, Clock.systemUTC());
  }

  /** The monthly maintenance; its state database opens when a command asks for it. */
  @Provides
  Maintenance maintenance(Set<ResourceModule<?, ?>> modules, StateAccess state, Clock clock) {
    return new Maintenance(modules, state.maintenanceHistory(), new MaintenanceRunner(new NmapScanner(), clock), clock);
  }

  @Provides
  DefaultIdentity defaultIdentity() {
    return new DefaultIdentity(identity);
  }

  @Provides
  LastPorts lastPorts() {
    return new LastPorts(home.resolve("ports"));
  }

  @Provides
  @Singleton
  RepoReader repoReader() {
    return reader != null ? reader : RepoReader.prepared();
  }
}
