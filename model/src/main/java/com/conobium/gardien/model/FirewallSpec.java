package com.conobium.gardien.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * The inbound nftables firewall.
 *
 * @param inputPolicy policy of the input chain: {@code drop} (default) or {@code accept}
 * @param allowPing whether ICMP and ICMPv6 echo requests are accepted
 * @param openSsh whether the SSH port ({@code ssh.port}, limited to {@code ssh.allowFrom}) is opened
 * @param ports other open ports
 */
public record FirewallSpec(@JsonPropertyDescription("policy of the input chain: drop (default) or accept")
    @AllowedValues({"drop", "accept"}) String inputPolicy, @JsonPropertyDescription("whether ICMP and ICMPv6 echo requests are accepted")
    Boolean allowPing, @JsonPropertyDescription("whether the SSH port (ssh.port, limited to ssh.allowFrom) is opened")
    Boolean openSsh, @JsonPropertyDescription("other open ports")
    List<PortRule> ports) {
  public static final List<PortRule> DEFAULT_PORTS =
      List.of(new PortRule(80, null, null), new PortRule(443, null, null));

  public FirewallSpec {
    inputPolicy = inputPolicy == null ? "drop" : inputPolicy;
    allowPing = allowPing == null || allowPing;
    openSsh = openSsh == null || openSsh;
    ports = ports == null ? DEFAULT_PORTS : List.copyOf(ports);
  }

  /**
   * One open port.
   *
   * @param port port number
   * @param protocol {@code tcp} (default) or {@code udp}
   * @param sources source CIDRs allowed; empty means anywhere
   */
  public record PortRule(
      @JsonPropertyDescription("port number")
    @NumberRange(min = 1, max = 65535) Integer port, @JsonPropertyDescription("tcp (default) or udp")
    @AllowedValues({"tcp", "udp"}) String protocol, @JsonPropertyDescription("source CIDRs allowed; empty means anywhere")
    List<String> sources) {
    public PortRule {
      protocol = protocol == null ? "tcp" : protocol;
      sources = sources == null ? List.of() : List.copyOf(sources);
    }
  }
}
