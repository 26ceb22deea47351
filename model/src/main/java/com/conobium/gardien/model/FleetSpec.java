package com.conobium.gardien.model;

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
 */
public record FleetSpec(
    List<String> notifications, Smtp smtp, BackupSpace backupSpace, Acme acme, ObjectNode defaults) {
  public FleetSpec {
    notifications = notifications == null ? List.of() : List.copyOf(notifications);
    acme = acme == null ? new Acme(null, null) : acme;
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
      String host,
      @NumberRange(min = 1, max = 65535) Integer port,
      String from,
      String username,
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
   */
  public record BackupSpace(String host, @NumberRange(min = 1, max = 65535) Integer port, String user, String path) {
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
   */
  public record Acme(String email, String directory) {
    public Acme {
      directory = directory == null ? "https://acme-v02.api.letsencrypt.org/directory" : directory;
    }
  }
}
