package com.conobium.gardien.reconciler.ssh;

/**
 * Where and as whom to log in.
 *
 * @param address host name or IP address
 * @param port SSH port
 * @param user login user; when not root, commands run through {@code sudo -n}
 * @param pinnedKey the expected host key ({@code ssh-ed25519 AAAA…}) from the manifest, or null to
 *     look it up in the known-hosts file
 */
public record SshEndpoint(String address, int port, String user, String pinnedKey) {
  @Override
  public String toString() {
    return user + "@" + address + ":" + port;
  }
}
