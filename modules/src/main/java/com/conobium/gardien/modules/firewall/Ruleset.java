package com.conobium.gardien.modules.firewall;

import com.conobium.gardien.model.FirewallSpec.PortRule;
import com.conobium.gardien.model.FirewallSpec;
import com.conobium.gardien.model.SshSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/**
 * Renders {@code /etc/nftables.conf}: Gardien's own {@code inet gardien} table, replaced as a
 * whole each time it is loaded (other tables, such as fail2ban's, are left alone). Inbound
 * traffic is dropped unless it belongs to an established connection, comes from loopback, is
 * ICMP echo or IPv6 neighbour discovery, or reaches the SSH port or a listed port from an allowed
 * source. The first rule carries a fingerprint of the whole text, so a probe can tell whether the
 * live table is the one in the file. Pure.
 */
final class Ruleset {
  static final String PATH = "/etc/nftables.conf";

  private Ruleset() {}

  /** The file's text for this firewall and SSH spec. */
  static String render(FirewallSpec firewall, SshSpec ssh) {
    String body = body(firewall, ssh);
    return body.replace("@FINGERPRINT@", fingerprint(body));
  }

  /** The fingerprint the live table shows when it was loaded from {@code render}'s text. */
  static String fingerprint(String bodyWithPlaceholder) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(bodyWithPlaceholder.getBytes(StandardCharsets.UTF_8));
      return "gardien-" + HexFormat.of().formatHex(d).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The fingerprint inside a rendered text. */
  static String fingerprintOf(String rendered) {
    int i = rendered.indexOf("comment \"gardien-");
    return i < 0 ? "" : rendered.substring(i + 9, rendered.indexOf('"', i + 9));
  }

  private static String body(FirewallSpec firewall, SshSpec ssh) {
    List<String> rules = new ArrayList<>();
    rules.add("ct state established,related accept comment \"@FINGERPRINT@\"");
    rules.add("ct state invalid drop");
    rules.add("iif \"lo\" accept");
    rules.add("icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-solicit, nd-router-advert } accept");
    if (firewall.allowPing()) {
      rules.add("icmp type echo-request accept");
      rules.add("icmpv6 type echo-request accept");
    }
    if (firewall.openSsh()) {
      rules.addAll(portRules("tcp", List.of(ssh.port()), ssh.allowFrom(), "ssh"));
    }
    // Ports with the same protocol and sources share one rule.
    TreeMap<String, List<Integer>> grouped = new TreeMap<>();
    for (PortRule r : firewall.ports()) {
      grouped.computeIfAbsent(r.protocol() + "|" + String.join(",", r.sources().stream().sorted().toList()),
          k -> new ArrayList<>()).add(r.port());
    }
    grouped.forEach((key, ports) -> {
      String[] k = key.split("\\|", -1);
      List<String> sources = k[1].isEmpty() ? List.of() : List.of(k[1].split(","));
      rules.addAll(portRules(k[0], ports.stream().sorted().distinct().toList(), sources, null));
    });
    StringBuilder b = new StringBuilder();
    b.append("#!/usr/sbin/nft -f\n")
        .append("# Managed by Gardien from the server's manifest (firewall:, ssh:): edits here are reverted.\n")
        .append("# Only the inet gardien table is Gardien's; other tables (fail2ban's) are left alone.\n")
        .append("table inet gardien\n")
        .append("delete table inet gardien\n")
        .append("table inet gardien {\n")
        .append("  chain input {\n")
        .append("    type filter hook input priority 0; policy ").append(firewall.inputPolicy()).append(";\n");
    rules.forEach(r -> b.append("    ").append(r).append('\n'));
    b.append("  }\n}\n");
    return b.toString();
  }

  private static List<String> portRules(String protocol, List<Integer> ports, List<String> sources, String comment) {
    String dport = protocol + " dport " + (ports.size() == 1 ? ports.get(0).toString()
        : "{ " + String.join(", ", ports.stream().map(String::valueOf).toList()) + " }");
    String suffix = " accept" + (comment == null ? "" : " comment \"" + comment + "\"");
    if (sources.isEmpty()) {
      return List.of(dport + suffix);
    }
    List<String> v4 = sources.stream().filter(s -> !s.contains(":")).sorted().toList();
    List<String> v6 = sources.stream().filter(s -> s.contains(":")).sorted().toList();
    List<String> rules = new ArrayList<>();
    if (!v4.isEmpty()) {
      rules.add("ip saddr { " + String.join(", ", v4) + " } " + dport + suffix);
    }
    if (!v6.isEmpty()) {
      rules.add("ip6 saddr { " + String.join(", ", v6) + " } " + dport + suffix);
    }
    return rules;
  }

  /** People's view of what the firewall opens, e.g. {@code ssh 2222 from 198.18.0.0/15; tcp 80, 443}. */
  static String summary(FirewallSpec firewall, SshSpec ssh) {
    List<String> open = new ArrayList<>();
    if (firewall.openSsh()) {
      open.add("ssh " + ssh.port() + (ssh.allowFrom().isEmpty() ? "" : " from " + String.join(", ", ssh.allowFrom())));
    }
    TreeMap<String, List<Integer>> grouped = new TreeMap<>();
    for (PortRule r : firewall.ports()) {
      grouped.computeIfAbsent(r.protocol() + (r.sources().isEmpty() ? "" : " from " + String.join(", ", r.sources())),
          k -> new ArrayList<>()).add(r.port());
    }
    grouped.forEach((k, ports) -> open.add(k.replaceFirst("^(\\w+)", "$1 " + String.join(", ",
        ports.stream().sorted().map(String::valueOf).toList()))));
    return "policy " + firewall.inputPolicy() + "; " + (open.isEmpty() ? "nothing open" : String.join("; ", open));
  }
}
