package com.conobium.gardien.reconciler.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * The pinned host keys of the fleet, checked the way OpenSSH checks them: a server may have
 * several keys (a stock Debian server has Ed25519, ECDSA and RSA ones) and any pinned key of it is
 * accepted. They come from the manifest's {@code connection.hostKey} (one key or a list) or else
 * from the config repository's {@code known_hosts} file ({@code [address]:port type base64} lines,
 * or {@code address type base64} for port 22). A server with no pinned key is refused unless
 * recording new keys was asked for: then the key it presents is recorded, and so are the other
 * keys it announces over that verified connection ({@link #learn}). A key that is none of the
 * pinned ones, nor announced over a verified connection of this process, is always refused.
 */
public final class HostKeys {
  private final Path knownHosts;
  private final boolean recordNew;
  private final String whereToPin;
  /** Keys servers announced over verified sessions of this process, by address (see {@link #learn}). */
  private final java.util.Map<String, List<PublicKey>> announcedByAddress = new java.util.HashMap<>();

  /**
   * @param knownHosts the known_hosts file read (and written when recording)
   * @param recordNew whether a server with no pinned key has its keys recorded on first contact
   * @param whereToPin where an operator pins or replaces keys, as messages name it (the daemon
   *     reads {@code knownHosts} from its checkout but the file to edit is the config repository's)
   */
  public HostKeys(Path knownHosts, boolean recordNew, String whereToPin) {
    this.knownHosts = knownHosts;
    this.recordNew = recordNew;
    this.whereToPin = whereToPin;
  }

  public HostKeys(Path knownHosts, boolean recordNew) {
    this(knownHosts, recordNew, knownHosts.toString());
  }

  /** Why {@code presented} must not be trusted for {@code endpoint}, or empty to go on. */
  synchronized Optional<String> reject(SshEndpoint endpoint, PublicKey presented) {
    List<PublicKey> expected = pinned(endpoint);
    String got = describe(presented);
    if (expected.isEmpty()) {
      if (recordNew) {
        record(endpoint, List.of(presented));
        return Optional.empty();
      }
      return Optional.of("host key of " + endpoint.address() + ":" + endpoint.port()
          + " is not pinned (presented " + got + "). "
          + "Pin the server's keys as connection.hostKey in its manifest or in " + whereToPin
          + ", or record them on first contact with --accept-new-host-key.");
    }
    if (expected.stream().anyMatch(k -> KeyUtils.compareKeys(k, presented))
        || announcedByAddress.getOrDefault(endpoint.address(), List.of()).stream()
            .anyMatch(k -> KeyUtils.compareKeys(k, presented))) {
      return Optional.empty();
    }
    return Optional.of("HOST KEY CHANGED for " + endpoint.address() + ":" + endpoint.port()
        + ": presented " + got + ", pinned " + expected.stream().map(HostKeys::describe).collect(Collectors.joining(", "))
        + ". Nothing was sent. Someone may be intercepting the connection. Pin every key of the server"
        + " (ssh-keyscan -t ed25519,ecdsa,rsa, checked out of band): Gardien's sshd configuration offers"
        + " Ed25519 and RSA host keys only, not ECDSA. If its keys really changed (reinstalled, keys"
        + " regenerated), replace them in "
        + (endpoint.pinnedKeys().isEmpty() ? whereToPin : "the server's manifest (connection.hostKey)") + ".");
  }

  /**
   * Host key algorithms (key types, as in {@code ssh-ed25519}) to offer first when connecting to
   * {@code endpoint}, as OpenSSH does: those of its pinned keys, so the server presents a key
   * that can be checked. Empty when nothing is pinned.
   */
  synchronized List<String> preferredKeyTypes(SshEndpoint endpoint) {
    Set<String> types = new LinkedHashSet<>();
    for (PublicKey key : pinned(endpoint)) {
      types.add(KeyUtils.getKeyType(key));
    }
    return List.copyOf(types);
  }

  /**
   * Keys the server at {@code endpoint} announced over a session whose host key was verified
   * (OpenSSH's {@code hostkeys-00@openssh.com}). They are trusted for the rest of this process, so
   * that a reconnection after sshd's configuration changed (other host key algorithms, another
   * port) is not refused; and with recording on, those not yet in the known_hosts file are added
   * to it, as OpenSSH's {@code UpdateHostKeys} does, so that later runs know them too. Keys pinned
   * in a manifest are the operator's to edit: the announced ones are only remembered.
   */
  synchronized void learn(SshEndpoint endpoint, Collection<? extends PublicKey> announced) {
    List<PublicKey> known = pinned(endpoint);
    List<PublicKey> fresh = new ArrayList<>();
    for (PublicKey key : announced) {
      if (known.stream().noneMatch(p -> KeyUtils.compareKeys(p, key))) {
        fresh.add(key);
      }
    }
    List<PublicKey> remembered = announcedByAddress.computeIfAbsent(endpoint.address(), a -> new ArrayList<>());
    for (PublicKey key : fresh) {
      if (remembered.stream().noneMatch(r -> KeyUtils.compareKeys(r, key))) {
        remembered.add(key);
      }
    }
    if (recordNew && endpoint.pinnedKeys().isEmpty()) {
      record(endpoint, fresh);
    }
  }

  /** The keys pinned for {@code endpoint}: the manifest's, or the known_hosts lines of its address. */
  List<PublicKey> pinned(SshEndpoint endpoint) {
    if (!endpoint.pinnedKeys().isEmpty()) {
      return endpoint.pinnedKeys().stream().map(HostKeys::parse).toList();
    }
    // A server has the same host keys whatever port sshd listens on: entries recorded for its
    // bootstrap port still pin it once SSH has moved.
    String host = hostField(endpoint);
    List<PublicKey> samePort = new ArrayList<>();
    List<PublicKey> otherPort = new ArrayList<>();
    for (String line : lines()) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 3 || line.startsWith("#")) {
        continue;
      }
      for (String name : f[0].split(",")) {
        if (name.equals(host)) {
          samePort.add(parse(f[1] + " " + f[2]));
        } else if (address(name).equals(endpoint.address())) {
          otherPort.add(parse(f[1] + " " + f[2]));
        }
      }
    }
    return samePort.isEmpty() ? otherPort : samePort;
  }

  private void record(SshEndpoint endpoint, List<PublicKey> keys) {
    if (keys.isEmpty()) {
      return;
    }
    StringBuilder lines = new StringBuilder();
    for (PublicKey key : keys) {
      lines.append(hostField(endpoint)).append(' ').append(PublicKeyEntry.toString(key)).append('\n');
    }
    try {
      if (knownHosts.getParent() != null) {
        Files.createDirectories(knownHosts.getParent());
      }
      Files.writeString(knownHosts, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
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

  private static String describe(PublicKey key) {
    return KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
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
