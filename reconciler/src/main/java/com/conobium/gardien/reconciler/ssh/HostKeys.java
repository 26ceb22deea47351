package com.conobium.gardien.reconciler.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * The pinned host keys of the fleet: the manifest's {@code connection.hostKey} first, then the
 * config repository's {@code known_hosts} file ({@code [address]:port type base64} lines, or
 * {@code address type base64} for port 22). A server with no pinned key is refused unless
 * recording new keys was asked for; a changed key is always refused.
 */
public final class HostKeys {
  private final Path knownHosts;
  private final boolean recordNew;

  public HostKeys(Path knownHosts, boolean recordNew) {
    this.knownHosts = knownHosts;
    this.recordNew = recordNew;
  }

  /** Why {@code presented} must not be trusted for {@code endpoint}, or empty to go on. */
  synchronized Optional<String> reject(SshEndpoint endpoint, PublicKey presented) {
    Optional<PublicKey> expected = expected(endpoint);
    String got = KeyUtils.getFingerPrint(presented);
    if (expected.isEmpty()) {
      if (recordNew) {
        record(endpoint, presented);
        return Optional.empty();
      }
      return Optional.of("host key of " + endpoint.address() + ":" + endpoint.port()
          + " is not pinned (presented " + KeyUtils.getKeyType(presented) + " " + got + "). "
          + "Pin it as connection.hostKey in the manifest or in " + knownHosts
          + ", or record it on first contact with --accept-new-host-key.");
    }
    if (KeyUtils.compareKeys(expected.get(), presented)) {
      return Optional.empty();
    }
    return Optional.of("HOST KEY CHANGED for " + endpoint.address() + ":" + endpoint.port()
        + ": expected " + KeyUtils.getFingerPrint(expected.get()) + ", presented " + got
        + ". Nothing was sent. If the server was reinstalled, replace its key in "
        + (endpoint.pinnedKey() != null ? "the manifest's connection.hostKey" : knownHosts.toString())
        + ".");
  }

  private Optional<PublicKey> expected(SshEndpoint endpoint) {
    if (endpoint.pinnedKey() != null) {
      return Optional.of(parse(endpoint.pinnedKey()));
    }
    // A server has one host key whatever port sshd listens on: an entry recorded for its
    // bootstrap port still pins it once SSH has moved.
    String host = hostField(endpoint);
    Optional<PublicKey> samePort = Optional.empty();
    Optional<PublicKey> otherPort = Optional.empty();
    for (String line : lines()) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 3 || line.startsWith("#")) {
        continue;
      }
      for (String name : f[0].split(",")) {
        if (name.equals(host) && samePort.isEmpty()) {
          samePort = Optional.of(parse(f[1] + " " + f[2]));
        } else if (address(name).equals(endpoint.address()) && otherPort.isEmpty()) {
          otherPort = Optional.of(parse(f[1] + " " + f[2]));
        }
      }
    }
    return samePort.isPresent() ? samePort : otherPort;
  }

  private void record(SshEndpoint endpoint, PublicKey key) {
    try {
      if (knownHosts.getParent() != null) {
        Files.createDirectories(knownHosts.getParent());
      }
      Files.writeString(knownHosts, hostField(endpoint) + " " + PublicKeyEntry.toString(key) + "\n",
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new IllegalStateException("cannot record the host key in " + knownHosts, e);
    }
  }

  private List<String> lines() {
    try {
      return Files.exists(knownHosts) ? Files.readAllLines(knownHosts) : new ArrayList<>();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + knownHosts, e);
    }
  }

  private static String address(String hostField) {
    return hostField.startsWith("[") && hostField.contains("]:")
        ? hostField.substring(1, hostField.indexOf("]:")) : hostField;
  }

  private static String hostField(SshEndpoint e) {
    return e.port() == 22 ? e.address() : "[" + e.address() + "]:" + e.port();
  }

  /** An OpenSSH public key line, {@code type base64 [comment]}. */
  static PublicKey parse(String line) {
    try {
      return PublicKeyEntry.parsePublicKeyEntry(line.trim()).resolvePublicKey(null, null, null);
    } catch (IOException | java.security.GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not an OpenSSH public key: " + line, e);
    }
  }
}
