package com.conobium.gardien.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * How Gardien reaches a server.
 *
 * @param address host name or IP address
 * @param user the login user once the server is managed; by default {@code accounts.admin.name}
 * @param port the SSH port once managed; when absent, {@code ssh.port} is used
 * @param bootstrap how a freshly installed server is reached for the first takeover
 * @param hostKey the server's pinned host public keys in OpenSSH format ({@code ssh-ed25519 AAAA...}),
 *     one or a list (a stock Debian server has three: Ed25519, ECDSA and RSA); a key that is any
 *     of them is accepted. When absent the config repo's {@code known_hosts} file is used
 */
public record ConnectionSpec(
    @JsonPropertyDescription("host name or IP address")
    @TextPattern(value = Patterns.HOST, describedAs = "a host name or an IP address") String address,
    @JsonPropertyDescription("the login user once the server is managed; by default accounts.admin.name, whom the accounts module lets Gardien's key in (the bootstrap connection is used until then)")
    @TextPattern(value = Patterns.USER_NAME, describedAs = "a Debian user name") String user,
    @JsonPropertyDescription("the SSH port once managed; when absent, ssh.port is used")
    @NumberRange(min = 1, max = 65535) Integer port, @JsonPropertyDescription("how a freshly installed server is reached for the first takeover")
    BootstrapSpec bootstrap, @JsonPropertyDescription("the server's pinned SSH host public keys in OpenSSH format (ssh-ed25519 AAAA...), one or a list (a stock Debian server has Ed25519, ECDSA and RSA keys); any of them is accepted. When absent the config repo's known_hosts file is used")
    @OneOrMany @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
    @TextPattern(value = Patterns.HOST_KEY, describedAs = "an OpenSSH public key on one line, such as ssh-ed25519 AAAAC3Nza...")
    List<String> hostKey) {
  public ConnectionSpec {
    bootstrap = bootstrap == null ? new BootstrapSpec(null, null) : bootstrap;
    hostKey = hostKey == null ? List.of() : List.copyOf(hostKey);
  }

  /** The first-contact login of a freshly installed server. */
  public record BootstrapSpec(
      @TextPattern(value = Patterns.USER_NAME, describedAs = "a Debian user name") String user, @NumberRange(min = 1, max = 65535) Integer port) {
    public BootstrapSpec {
      user = user == null ? "root" : user;
      port = port == null ? 22 : port;
    }
  }
}
