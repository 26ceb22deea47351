package com.conobium.gardien.modules.backup;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How one server reaches its repository on the fleet's backup space: an SFTP login and a
 * repository directory of its own ({@code path/SERVER}), with the space's pinned host key.
 *
 * @param host the space's host name or IPv4 address
 * @param port its SSH port
 * @param user the login user
 * @param directory the server's repository directory on the space (relative to the login's home
 *     unless it starts with {@code /})
 * @param hostKey the space's host public key, {@code TYPE BASE64} (comment dropped)
 */
public record BackupSpaceAccess(String host, int port, String user, String directory, String hostKey) {
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}");
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_./+-]{1,1024}");
  private static final Pattern KEY = Pattern.compile(
      "(ssh-ed25519|ecdsa-sha2-nistp256|ecdsa-sha2-nistp384|ecdsa-sha2-nistp521|ssh-rsa) [A-Za-z0-9+/]+={0,3}");

  public BackupSpaceAccess {
    if (!HOST.matcher(host).matches() || !USER.matcher(user).matches()
        || !PATH.matcher(directory).matches() || !KEY.matcher(hostKey).matches() || port < 1 || port > 65535) {
      throw new IllegalArgumentException("not a usable backup space: " + user + "@" + host + ":" + port);
    }
  }

  /**
   * The access for {@code server} below {@code basePath} on the space, or why the manifest's
   * values cannot be used (shell, ssh and restic see them, so they are checked strictly).
   */
  static Result of(String host, Integer port, String user, String basePath, String hostKey, String server) {
    if (host == null || user == null || hostKey == null) {
      return new Result(Optional.empty(), "the Fleet has no backupSpace with host, user and hostKey");
    }
    String key = hostKey.strip().replaceFirst("^(\\S+\\s+\\S+).*$", "$1");
    if (!HOST.matcher(host).matches()) {
      return new Result(Optional.empty(), "backupSpace.host is not a host name or IPv4 address: " + host);
    }
    if (!USER.matcher(user).matches()) {
      return new Result(Optional.empty(), "backupSpace.user is not a plain user name: " + user);
    }
    String base = basePath == null || basePath.isBlank() ? "." : basePath.replaceAll("/+$", "");
    if (base.isEmpty()) {
      base = "/";
    }
    if (!PATH.matcher(base).matches() || base.matches("(.*/)?\\.\\.(/.*)?")) {
      return new Result(Optional.empty(), "backupSpace.path may hold only letters, digits and _ . / + -, without ..: "
          + basePath);
    }
    if (!KEY.matcher(key).matches()) {
      return new Result(Optional.empty(), "backupSpace.hostKey is not an OpenSSH public key (ssh-ed25519 AAAA...)");
    }
    String directory = base.equals(".") ? server : base.equals("/") ? "/" + server : base + "/" + server;
    return new Result(Optional.of(new BackupSpaceAccess(host, port == null ? 22 : port, user, directory, key)), null);
  }

  /** An access, or the reason there is none. */
  record Result(Optional<BackupSpaceAccess> access, String problem) {}

  /** The name of space number {@code index} (0 the primary) in the server's backup ssh_config. */
  static String alias(int index) {
    return "gardien-space-" + index;
  }

  /** The restic repository through the ssh_config alias of space {@code index}. */
  String repositoryVia(int index) {
    return "sftp:" + alias(index) + ":" + directory;
  }

  /** The restic repository, e.g. {@code sftp:u123@backup.example.net:gardien/web1}. */
  public String repository() {
    return "sftp:" + user + "@" + host + ":" + directory;
  }

  /** The repository and, when it is not 22, the port: what people read in plans. */
  public String describe() {
    return repository() + (port == 22 ? "" : " (port " + port + ")");
  }

  /** The {@code known_hosts} line that pins the space's key. */
  public String knownHostsLine() {
    return (port == 22 ? host : "[" + host + "]:" + port) + " " + hostKey;
  }
}
