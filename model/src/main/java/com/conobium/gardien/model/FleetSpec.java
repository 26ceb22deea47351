package com.conobium.gardien.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Fleet-wide settings, from the config repo's single {@code kind: Fleet} manifest.
 *
 * @param notifications addresses that receive alerts and reports
 * @param smtp the relay servers send mail through
 * @param backupSpace the remote SFTP space backups go to
 * @param acme the ACME account and directory for certificates
 * @param defaults a partial Server spec applied under every profile
 * @param controllerAddresses the addresses Gardien's controllers reach servers from, which
 *     fail2ban never bans (their retries must not lock Gardien out); when empty, the address each
 *     server sees Gardien's SSH connection come from
 * @param backupReplicas further SFTP spaces (other datacenters) each night's snapshots are copied
 *     to after the backup to {@code backupSpace}; retention applies on each
 */
public record FleetSpec(
    @JsonPropertyDescription("addresses that receive alerts and reports")
    @TextPattern(value = Patterns.EMAIL, describedAs = "an e-mail address such as contact@example.fr") List<String> notifications,
    @JsonPropertyDescription("the relay servers send mail through")
    Smtp smtp, @JsonPropertyDescription("the remote SFTP space backups go to")
    BackupSpace backupSpace, @JsonPropertyDescription("the ACME account and directory for certificates")
    Acme acme, @JsonPropertyDescription("a partial Server spec applied under every profile")
    ObjectNode defaults,
    @JsonPropertyDescription("addresses or CIDR blocks Gardien's controllers reach servers from; fail2ban never bans them. When empty, the address each server sees Gardien's SSH connection come from")
    List<String> controllerAddresses,
    @JsonPropertyDescription("further SFTP spaces (other datacenters): each night's snapshots are copied there after the backup to backupSpace, and retention applies on each")
    List<BackupSpace> backupReplicas) {
  public FleetSpec {
    notifications = notifications == null ? List.of() : List.copyOf(notifications);
    acme = acme == null ? new Acme(null, null) : acme;
    controllerAddresses = controllerAddresses == null ? List.of() : List.copyOf(controllerAddresses);
    backupReplicas = backupReplicas == null ? List.of() : List.copyOf(backupReplicas);
  }

  public FleetSpec(List<String> notifications, Smtp smtp, BackupSpace backupSpace, Acme acme, ObjectNode defaults) {
    this(notifications, smtp, backupSpace, acme, defaults, null, null);
  }

  public FleetSpec(List<String> notifications, Smtp smtp, BackupSpace backupSpace, Acme acme, ObjectNode defaults,
      List<String> controllerAddresses) {
    this(notifications, smtp, backupSpace, acme, defaults, controllerAddresses, null);
  }

  /**
   * SMTP relay.
   *
   * @param host relay host
   * @param port relay port (587 by default)
   * @param from sender address
   * @param username login; the password lives in the secret store
   * @param tls {@code starttls} (default), {@code tls} or {@code none}
   */
  public record Smtp(
      @JsonPropertyDescription("relay host")
    @TextPattern(value = Patterns.HOST, describedAs = "a host name or an IP address") String host,
      @JsonPropertyDescription("relay port (587 by default)")
    @NumberRange(min = 1, max = 65535) Integer port,
      @JsonPropertyDescription("sender address")
    @TextPattern(value = Patterns.EMAIL, describedAs = "an e-mail address such as contact@example.fr") String from,
      @JsonPropertyDescription("login; the password lives in the secret store")
    @TextPattern(value = "^[A-Za-z0-9._%+@-]{1,128}$", describedAs = "a login of letters, digits and . _ % + @ -") String username,
      @JsonPropertyDescription("starttls (default), tls or none")
    @AllowedValues({"starttls", "tls", "none"}) String tls) {
    public Smtp {
      port = port == null ? 587 : port;
      tls = tls == null ? "starttls" : tls;
    }
  }

  /**
   * Remote backup space reached over SFTP.
   *
   * @param host host name
   * @param port SSH port
   * @param user login user
   * @param path base directory; each server gets a repository below it
   * @param hostKey the space's pinned SSH host public key, {@code ssh-ed25519 AAAA…}
   */
  public record BackupSpace(@JsonPropertyDescription("host name")
    @TextPattern(value = Patterns.HOST, describedAs = "a host name or an IP address") String host,
    @JsonPropertyDescription("SSH port")
    @NumberRange(min = 1, max = 65535) Integer port, @JsonPropertyDescription("login user")
    @TextPattern(value = "^[A-Za-z0-9._-]{1,64}$", describedAs = "a login of letters, digits and . _ -") String user,
    @JsonPropertyDescription("base directory; each server gets a repository below it")
    @TextPattern(value = Patterns.RELATIVE_PATH, describedAs = "a relative path of plain names, such as gardien (no .. and no shell characters)") String path,
    @JsonPropertyDescription("pinned SSH host public key of the space in OpenSSH format (ssh-ed25519 AAAA...); servers refuse any other")
    @TextPattern(value = Patterns.HOST_KEY, describedAs = "an OpenSSH public key on one line, such as ssh-ed25519 AAAAC3Nza...") String hostKey) {
    public BackupSpace {
      port = port == null ? 22 : port;
      path = path == null ? "gardien" : path;
    }
  }

  /**
   * ACME account.
   *
   * @param email account contact address
   * @param directory directory URL (Let's Encrypt production by default)
   * @param renewBefore how long before its expiry a certificate is renewed (default 30d)
   */
  public record Acme(@JsonPropertyDescription("account contact address")
    @TextPattern(value = Patterns.EMAIL, describedAs = "an e-mail address such as contact@example.fr") String email,
    @JsonPropertyDescription("directory URL (Let's Encrypt production by default)")
    @TextPattern(value = "^https://[^\\s\"'<>]+$", describedAs = "an https:// URL") String directory,
    @JsonPropertyDescription("how long before its expiry a certificate is renewed, e.g. 30d")
    @TextPattern(value = Patterns.DURATION, describedAs = "a duration such as 10m, 1h or 7d") String renewBefore) {
    public Acme(String email, String directory) {
      this(email, directory, null);
    }

    public Acme {
      directory = directory == null ? "https://acme-v02.api.letsencrypt.org/directory" : directory;
      renewBefore = renewBefore == null ? "30d" : renewBefore;
    }

    /** {@link #renewBefore} as a duration. */
    public java.time.Duration renewWindow() {
      return ManifestDuration.parse(renewBefore);
    }
  }
}
