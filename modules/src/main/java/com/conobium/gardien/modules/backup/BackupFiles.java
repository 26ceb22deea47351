package com.conobium.gardien.modules.backup;

import com.conobium.gardien.modules.spi.ProbeScripts;
import com.conobium.gardien.modules.spi.Shell;
import com.conobium.gardien.modules.spi.Step;
import java.util.List;

/**
 * The files the backup module writes, rendered from the desired state. Deterministic: the same
 * desired state gives the same bytes, so the probe's digests show drift exactly.
 */
final class BackupFiles {
  static final String CONFIG_DIR = "/etc/gardien/backup";
  static final String ENV = CONFIG_DIR + "/env";
  static final String PASSWORD = CONFIG_DIR + "/password";
  static final String KEY = CONFIG_DIR + "/id_backup";
  static final String KNOWN_HOSTS = CONFIG_DIR + "/known_hosts";
  static final String SSH_CONFIG = CONFIG_DIR + "/ssh_config";
  static final String PATHS = CONFIG_DIR + "/paths";
  static final String SCRIPT = "/usr/local/lib/gardien/backup";
  static final String UNIT_DIR = "/etc/systemd/system";
  static final String SERVICE_UNIT = "gardien-backup.service";
  static final String TIMER_UNIT = "gardien-backup.timer";
  static final String SERVICE = UNIT_DIR + "/" + SERVICE_UNIT;
  static final String TIMER = UNIT_DIR + "/" + TIMER_UNIT;
  static final String STATE_DIR = "/var/lib/gardien/backup";
  static final String CACHE_DIR = "/var/cache/gardien/backup";

  /** Every file Gardien writes, in the order they are written; the probe reports each. */
  static final List<String> ALL = List.of(SCRIPT, KEY, KNOWN_HOSTS, SSH_CONFIG, ENV, PATHS, PASSWORD, SERVICE, TIMER);

  /** How much of the data {@code restic check} reads back at each verification. */
  static final String CHECK_SUBSET = "5%";
  /** Days between two verifications, run after the nightly backup. */
  static final int CHECK_EVERY_DAYS = 7;
  /** The timer's randomised delay, so a fleet does not reach its space all at once. */
  static final String RANDOMIZED_DELAY = "30min";

  private static final String HEADER = "# Managed by Gardien: changes here are overwritten.\n";
  private static final String SCRIPT_TEXT = ProbeScripts.load(BackupFiles.class, "backup.sh");

  private BackupFiles() {}

  static Step.PutFile script() {
    return new Step.PutFile(SCRIPT, SCRIPT_TEXT, "0755", "root", "root", "bash -n " + SCRIPT);
  }

  static Step.PutFile key(BackupKey key) {
    return secretFile(KEY, key.privateKeyFile());
  }

  /** The pinned host key of every space, primary first. */
  static Step.PutFile knownHosts(BackupDesired d) {
    StringBuilder text = new StringBuilder();
    d.spaces().stream().map(BackupSpaceAccess::knownHostsLine).distinct().forEach(l -> text.append(l).append('\n'));
    return secretFile(KNOWN_HOSTS, text.toString());
  }

  /**
   * How ssh reaches each space: one {@code Host gardien-space-N} alias per space (0 the primary,
   * then the replicas), with the server's key, the pinned host keys and nothing from any other
   * ssh configuration. restic opens every repository as {@code sftp:gardien-space-N:DIR} with
   * {@code ssh -F} this file, so one restic process can read one space and write another.
   */
  static Step.PutFile sshConfig(BackupDesired d) {
    StringBuilder text = new StringBuilder(HEADER);
    List<BackupSpaceAccess> spaces = d.spaces();
    for (int i = 0; i < spaces.size(); i++) {
      BackupSpaceAccess s = spaces.get(i);
      text.append("Host ").append(BackupSpaceAccess.alias(i)).append('\n')
          .append("  HostName ").append(s.host()).append('\n')
          .append("  Port ").append(s.port()).append('\n')
          .append("  User ").append(s.user()).append('\n');
    }
    text.append("Host gardien-space-*\n")
        .append("  IdentityFile ").append(KEY).append('\n')
        .append("  IdentitiesOnly yes\n  IdentityAgent none\n  BatchMode yes\n")
        .append("  StrictHostKeyChecking yes\n")
        .append("  UserKnownHostsFile ").append(KNOWN_HOSTS).append('\n')
        .append("  GlobalKnownHostsFile /dev/null\n  UpdateHostKeys no\n")
        .append("  ServerAliveInterval 60\n  ServerAliveCountMax 10\n  ConnectTimeout 30\n");
    return secretFile(SSH_CONFIG, text.toString()).validatedBy("ssh -G -F " + SSH_CONFIG + " gardien-space-0 >/dev/null");
  }

  static Step.PutFile env(BackupDesired d) {
    BackupSpaceAccess space = d.space().orElseThrow();
    String text = HEADER
        + "# Read by " + SCRIPT + "; the password is in " + PASSWORD + ".\n"
        + line("RESTIC_REPOSITORY", space.repositoryVia(0))
        + line("REPOSITORY_NAME", space.repository())
        + line("REPLICA_REPOSITORIES", String.join(" ", replicas(d, true)))
        + line("REPLICA_NAMES", String.join(" ", replicas(d, false)))
        + line("RESTIC_PASSWORD_FILE", PASSWORD)
        + line("RESTIC_CACHE_DIR", CACHE_DIR)
        + line("BACKUP_HOST", d.server())
        + line("SSH_CONFIG", SSH_CONFIG)
        + line("KEEP_DAILY", Integer.toString(d.keepDaily()))
        + line("KEEP_MONTHLY", Integer.toString(d.keepMonthly()))
        + line("DATABASES", d.databases() ? "yes" : "no")
        + line("CHECK_SUBSET", CHECK_SUBSET)
        + line("CHECK_EVERY_DAYS", Integer.toString(CHECK_EVERY_DAYS));
    return secretFile(ENV, text).validatedBy("sh -n " + ENV);
  }

  /** The replicas' repositories, through their aliases ({@code via}) or as people read them. */
  static List<String> replicas(BackupDesired d, boolean via) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < d.replicas().size(); i++) {
      out.add(via ? d.replicas().get(i).repositoryVia(i + 1) : d.replicas().get(i).repository());
    }
    return out;
  }

  static Step.PutFile paths(BackupDesired d) {
    StringBuilder text = new StringBuilder();
    d.paths().forEach(p -> text.append(p).append('\n'));
    return secretFile(PATHS, text.toString());
  }

  static Step.PutFile password(BackupDesired d) {
    return secretFile(PASSWORD, d.password().reveal() + "\n");
  }

  static Step.PutFile service() {
    String text = HEADER
        + "[Unit]\n"
        + "Description=Gardien backup to the backup space (restic over SFTP)\n"
        + "Wants=network-online.target\n"
        + "After=network-online.target mariadb.service\n"
        + "\n[Service]\n"
        + "Type=oneshot\n"
        + "ExecStart=" + SCRIPT + " run\n"
        + "Nice=10\n"
        + "IOSchedulingClass=best-effort\n"
        + "IOSchedulingPriority=7\n"
        + "TimeoutStartSec=12h\n";
    return new Step.PutFile(SERVICE, text, "0644", "root", "root", null);
  }

  static Step.PutFile timer(BackupDesired d) {
    String text = HEADER
        + "[Unit]\n"
        + "Description=Gardien nightly backup at " + d.time() + "\n"
        + "\n[Timer]\n"
        + "OnCalendar=*-*-* " + d.time() + ":00\n"
        + "RandomizedDelaySec=" + RANDOMIZED_DELAY + "\n"
        + "FixedRandomDelay=true\n"
        + "Persistent=true\n"
        + "\n[Install]\n"
        + "WantedBy=timers.target\n";
    return new Step.PutFile(TIMER, text, "0644", "root", "root", null);
  }

  /** Every file for {@code d} (enabled, with a space), in {@link #ALL}'s order. */
  static List<Step.PutFile> all(BackupDesired d) {
    d.space().orElseThrow();
    return List.of(script(), key(d.key()), knownHosts(d), sshConfig(d), env(d), paths(d), password(d), service(),
        timer(d));
  }

  private static Step.PutFile secretFile(String path, String content) {
    return new Step.PutFile(path, content, "0600", "root", "root", null);
  }

  private static String line(String name, String value) {
    return name + "=" + Shell.quote(value) + "\n";
  }
}
