package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.reconciler.daemon.DaemonSettings;
import com.conobium.gardien.reconciler.daemon.Mode;
import com.conobium.gardien.reconciler.state.StateLocation;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options of {@code gardien run}. */
final class RunOptions {
  @Parameters(index = "0", paramLabel = "REPO",
      description = "The config repository to follow: a Git URL (https://, ssh://, user@host:path, file://) "
          + "or a local path.")
  String repo;

  @Option(names = "--branch", defaultValue = "main", paramLabel = "NAME",
      description = "The branch in force (default: ${DEFAULT-VALUE}).")
  String branch;

  @Option(names = "--poll", defaultValue = "60s", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How often the repository is fetched (default: ${DEFAULT-VALUE}); POST /webhook fetches at once.")
  Duration poll;

  @Option(names = "--drift-interval", defaultValue = "5m", paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How often each server is checked for drift although its manifest did not change "
          + "(default: ${DEFAULT-VALUE}).")
  Duration driftInterval;

  @Option(names = "--retry-interval", defaultValue = "1m", paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How soon a server whose last run failed is tried again (default: ${DEFAULT-VALUE}).")
  Duration retryInterval;

  @Option(names = "--mode", defaultValue = "apply", paramLabel = "MODE",
      description = "apply (converge) or detect (report drift only) for servers whose manifest "
          + "(reconcile.mode, also settable in the Fleet defaults) says nothing (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--parallel", defaultValue = "8", paramLabel = "N",
      description = "How many servers are handled at once (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Option(names = "--listen", defaultValue = "${env:GARDIEN_LISTEN:-127.0.0.1:9414}", paramLabel = "HOST:PORT",
      description = "Where /metrics, /healthz, /status and /webhook are served "
          + "(default: $GARDIEN_LISTEN, else 127.0.0.1:9414).")
  String listen;

  @Option(names = "--dashboard", defaultValue = "${env:GARDIEN_DASHBOARD}", paramLabel = "HOST:PORT",
      description = "Serve the fleet dashboard there (default: $GARDIEN_DASHBOARD, else no dashboard). Operators"
          + " sign in with the accounts of 'gardien users'; its session cookie is Secure, so browse it over HTTPS"
          + " (a TLS proxy in front) or on this machine (http://127.0.0.1, e.g. through an SSH tunnel).")
  String dashboard;

  @Option(names = "--link-base-url", paramLabel = "URL",
      defaultValue = CredentialsCommand.LINK_BASE_URL,
      description = "Where 'gardien credentials serve' is reached, for the links the dashboard mails "
          + "(default: $GARDIEN_LINK_BASE_URL, else http://127.0.0.1:8443).")
  String linkBaseUrl = "http://127.0.0.1:8443";

  @Option(names = "--lease", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Run as one of several replicas sharing the fleet through the PostgreSQL state database: each"
          + " server is owned by one live replica at a time, by a lease of this length renewed every third of it"
          + " (e.g. 15s). Default: a lone daemon owning every server.")
  Duration lease;

  @Option(names = "--replica-id", paramLabel = "ID",
      description = "This replica's name among the others (with --lease; default: the host name and process id).")
  String replicaId;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "The daemon's files: its Git mirror and the revisions it checked out. "
          + "Default: $GARDIEN_HOME/daemon.")
  Path stateDir;

  @Option(names = "--state-url", paramLabel = "JDBC_URL",
      description = "Where the daemon keeps server status and run history: jdbc:postgresql://HOST[:PORT]/DATABASE "
          + "for a shared database, user and password from $GARDIEN_STATE_USER and $GARDIEN_STATE_PASSWORD. "
          + "Default: $GARDIEN_STATE_URL, else the embedded H2 file $GARDIEN_HOME/state/gardien.mv.db. "
          + "Secrets follow $GARDIEN_STATE_URL (every command reads it), not this option.")
  String stateUrl;

  @Option(names = "--keep-history", defaultValue = "30d", paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How long runs and their changes are kept in the state database; older ones are deleted "
          + "at start and then hourly (default: ${DEFAULT-VALUE}).")
  Duration keepHistory = Duration.ofDays(30);

  @Option(names = "--keep-monitor-rounds", defaultValue = "400d", paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How long the monitoring's failed checks (each with its round's time and error) are kept "
          + "(default: ${DEFAULT-VALUE}).")
  Duration keepMonitorRounds = Duration.ofDays(400);

  @Option(names = "--keep-monitor-hours", defaultValue = "1100d", paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How long the monitoring's hourly counts and ended incidents are kept; at least "
          + "--keep-monitor-rounds (default: ${DEFAULT-VALUE}).")
  Duration keepMonitorHours = Duration.ofDays(1100);

  @Option(names = "--maintenance-parallel", defaultValue = "4", paramLabel = "N",
      description = "How many servers' monthly maintenance runs go at once, on workers of their own "
          + "(default: ${DEFAULT-VALUE}).")
  int maintenanceParallel = 4;

  @Option(names = "--webhook-token-file", paramLabel = "FILE",
      description = "A file holding the token POST /webhook must carry (Authorization: Bearer TOKEN). "
          + "Default: $GARDIEN_WEBHOOK_TOKEN; none when neither is set.")
  Path webhookTokenFile;

  @Option(names = {"-i", "--identity"}, paramLabel = "KEY_FILE",
      description = "Gardien's SSH private key (OpenSSH ed25519). Default: $GARDIEN_HOME/id_ed25519.")
  Path identity;

  @Option(names = "--known-hosts", paramLabel = "FILE",
      description = "Pinned host keys. Default: known_hosts at the root of the revision in force.")
  Path knownHosts;

  @Option(names = "--accept-new-host-key",
      description = "Record the host key of a server that has none pinned yet (needs --known-hosts). "
          + "A changed key is always refused.")
  boolean acceptNewHostKeys;

  @Option(names = "--git-identity", paramLabel = "KEY_FILE",
      description = "The SSH private key that fetches an ssh:// or user@host:path REPO (OpenSSH format, no "
          + "passphrase). Default: the --identity key ($GARDIEN_HOME/id_ed25519).")
  Path gitIdentity;

  @Option(names = "--git-known-hosts", paramLabel = "FILE",
      description = "The pinned host key(s) of the Git server for an SSH REPO (known_hosts format); a host "
          + "not in it, or with another key, is refused. Default: $GARDIEN_HOME/git_known_hosts.")
  Path gitKnownHosts;

  @Option(names = "--trusted-keys", paramLabel = "PATH",
      description = "Only revisions whose head commit is signed (git commit -S) by one of these OpenPGP keys "
          + "are applied: a file of ASCII-armored public keys (gpg --armor --export) or a directory of such "
          + "files; repeatable. Default: $GARDIEN_TRUSTED_KEYS (paths separated by ':'); none: signatures "
          + "are not checked.")
  List<Path> trustedKeys = new ArrayList<>();

  @Option(names = "--rollback-after", defaultValue = "90", paramLabel = "SECONDS",
      description = "After an SSH or firewall change, how long a server waits for Gardien to come back "
          + "before it restores the previous configuration by itself (default: ${DEFAULT-VALUE}).")
  int rollbackAfterSeconds;

  @Option(names = "--breaker-failures", defaultValue = "3", paramLabel = "N",
      description = "Unreachable runs in a row after which a server is left alone (default: ${DEFAULT-VALUE}).")
  int breakerFailures;

  @Option(names = "--breaker-open", defaultValue = "5m", paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How long such a server is left alone before one try (default: ${DEFAULT-VALUE}).")
  Duration breakerOpen;

  @Option(names = "--shutdown-grace", defaultValue = "10m", paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "On SIGTERM, how long servers in flight may take to finish (default: ${DEFAULT-VALUE}).")
  Duration shutdownGrace;

  Path stateDir(Path home) {
    return stateDir != null ? stateDir : home.resolve("daemon");
  }

  /** Where the daemon keeps its run state: --state-url, else $GARDIEN_STATE_URL, else embedded in $GARDIEN_HOME/state. */
  StateLocation stateLocation(Path home, java.util.Map<String, String> env) {
    return StateLocation.resolve(stateUrl, StateLocation.embeddedDirectory(home), env);
  }

  /** The trusted key paths: the option's, else {@code $GARDIEN_TRUSTED_KEYS}'s; empty: none. */
  List<Path> trustedKeys(String env) {
    if (!trustedKeys.isEmpty() || env == null || env.isBlank()) {
      return List.copyOf(trustedKeys);
    }
    return Arrays.stream(env.split(":")).filter(p -> !p.isBlank()).map(Path::of).toList();
  }

  DaemonSettings settings() {
    return new DaemonSettings(poll, driftInterval, retryInterval, parallel, Mode.parse(mode),
        breakerOpen, breakerFailures, shutdownGrace);
  }

  InetSocketAddress listenAddress() {
    return address("--listen", listen);
  }

  /** Where the dashboard listens; empty when it is off. */
  java.util.Optional<InetSocketAddress> dashboardAddress() {
    return dashboard == null || dashboard.isBlank() ? java.util.Optional.empty()
        : java.util.Optional.of(address("--dashboard", dashboard.strip()));
  }

  private static InetSocketAddress address(String option, String value) {
    int colon = value.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(option + " must be HOST:PORT, not " + value);
    }
    String host = value.substring(0, colon).replace("[", "").replace("]", "");
    try {
      return new InetSocketAddress(host.isEmpty() ? "0.0.0.0" : host, Integer.parseInt(value.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " must be HOST:PORT with a port from 0 to 65535, not " + value);
    }
  }
}
