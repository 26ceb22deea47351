package com.conobium.gardien.reconciler.ssh;

import java.util.List;

/**
 * Where and as whom to log in.
 *
 * @param address host name or IP address
 * @param port SSH port
 * @param user login user; when not root, commands run through {@code sudo -n}
 * @param pinnedKeys the server's host keys from the manifest ({@code ssh-ed25519 AAAA…}), any of
 *     which it may present; empty to look them up in the known-hosts file
 */
public record SshEndpoint(String address, int port, String user, List<String> pinnedKeys) {
  public SshEndpoint {
    pinnedKeys = pinnedKeys == null ? List.of() : List.copyOf(pinnedKeys);
  }

  @Override
  public String toString() {
    return user + "@" + address + ":" + port;
  }
}
