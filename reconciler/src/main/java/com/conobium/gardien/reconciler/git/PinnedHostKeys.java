package com.conobium.gardien.reconciler.git;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * The host keys a Git server over SSH may present, from one OpenSSH {@code known_hosts} file of the
 * daemon's configuration ({@code --git-known-hosts}); strict: a host with no key in the file, or
 * another key, is refused, and nothing is ever added to the file. Why the last connection was
 * refused is kept for the error message.
 */
final class PinnedHostKeys implements ServerKeyDatabase {
  private final Path file;
  private final AtomicReference<String> refusal = new AtomicReference<>();

  PinnedHostKeys(Path file) {
    this.file = file;
  }

  @Override
  public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
    return keys(host(connectAddress), remoteAddress.getPort());
  }

  @Override
  public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
      Configuration config, CredentialsProvider provider) {
    String host = host(connectAddress);
    int port = remoteAddress.getPort();
    List<PublicKey> pinned;
    try {
      pinned = keys(host, port);
    } catch (IllegalStateException e) {
      refusal.set(e.getMessage());
      return false;
    }
    if (pinned.stream().anyMatch(k -> KeyUtils.compareKeys(k, serverKey))) {
      return true;
    }
    String presented = KeyUtils.getKeyType(serverKey) + " " + KeyUtils.getFingerPrint(serverKey);
    String where = port == 22 ? host : "[" + host + "]:" + port;
    refusal.set(pinned.isEmpty()
        ? "host key of Git server " + where + " is not pinned (presented " + presented + "): check it "
            + "and add it to " + file + " (--git-known-hosts), e.g. ssh-keyscan -p " + port + " " + host
            + " >> " + file
        : "HOST KEY MISMATCH for Git server " + where + ": " + file + " pins "
            + pinned.stream().map(KeyUtils::getFingerPrint).toList() + ", presented " + presented
            + ". Nothing was fetched.");
    return false;
  }

  /** Why the last connection was refused, once; empty when it was not. */
  Optional<String> takeRefusal() {
    return Optional.ofNullable(refusal.getAndSet(null));
  }

  private List<PublicKey> keys(String host, int port) {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<PublicKey> keys = new ArrayList<>();
    try {
      for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(file)) {
        if (entry.getMarker() == null && entry.isHostMatch(host, port)) {
          keys.add(entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING));
        }
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException("could not read " + file + " (--git-known-hosts): " + e.getMessage(), e);
    }
    keys.removeIf(java.util.Objects::isNull);
    return keys;
  }

  private static String host(String connectAddress) {
    if (connectAddress.startsWith("[") && connectAddress.contains("]")) {
      return connectAddress.substring(1, connectAddress.indexOf(']'));
    }
    return connectAddress;
  }
}
