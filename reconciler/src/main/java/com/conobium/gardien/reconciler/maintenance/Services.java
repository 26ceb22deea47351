package com.conobium.gardien.reconciler.maintenance;

import com.conobium.gardien.modules.spi.Shell;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code services}: no systemd unit has failed; each unit the manifest implies (sshd, nftables,
 * fail2ban, chrony, nginx, PHP-FPM, MariaDB, the backup timer, as the modules declare them) is
 * active — a unit systemd did not start because its condition does not hold (chrony without
 * the right to set the clock, in a container) is noted, not failed, as is an enabled one-shot unit
 * that has not run since boot (nftables.service, when Gardien loaded the ruleset itself); and every socket listening on
 * an address other than loopback is on a port the manifest opens. A DHCP client's port (68, 546)
 * is explained by itself; any other unexplained listener warns.
 */
final class Services extends ScriptOperation {
  static final String NAME = "services";
  private static final Set<String> CLIENT_PORTS = Set.of("68/udp", "546/udp");
  private static final Pattern PROCESS = Pattern.compile("\\(\\(\"([^\"]+)\"");

  Services() {
    super(NAME, "services.sh");
  }

  @Override
  String variables(MaintenanceContext context) {
    return "UNITS=" + Shell.quote(String.join(" ", new TreeSet<>(context.expected().units()))) + "\n";
  }

  /** A listening socket. */
  record Listener(String protocol, String address, int port, String process) {
    boolean loopback() {
      return address.startsWith("127.") || address.equals("::1") || address.equals("[::1]");
    }

    String key() {
      return port + "/" + protocol;
    }

    @Override
    public String toString() {
      return protocol + " " + (address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address)
          + ":" + port + (process.equals("-") ? "" : " (" + process + ")");
    }
  }

  @Override
  public OperationResult judge(String output, MaintenanceContext context) {
    Sections s = Sections.parse(output);
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    List<String> failedUnits = s.text("failed").lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    details.set("failedUnits", Upgrades.strings(failedUnits));
    List<String> problems = new ArrayList<>();
    if (!failedUnits.isEmpty()) {
      problems.add("failed: " + String.join(", ", failedUnits));
    }
    ObjectNode units = details.putObject("units");
    List<String> notes = new ArrayList<>();
    for (Map.Entry<String, String> unit : s.withPrefix("unit").entrySet()) {
      Map<String, String> show = properties(unit.getValue());
      String state = show.getOrDefault("ActiveState", "unknown");
      String sub = show.getOrDefault("SubState", "");
      units.put(unit.getKey(), state + (sub.isEmpty() ? "" : " (" + sub + ")"));
      if ("not-found".equals(show.get("LoadState"))) {
        problems.add(unit.getKey() + " is not installed");
      } else if (!state.equals("active") && "no".equals(show.get("ConditionResult"))
          && !"0".equals(show.getOrDefault("ConditionTimestampMonotonic", "0"))) {
        notes.add(unit.getKey() + " not started: its start condition does not hold on this server");
      } else if (!state.equals("active") && "oneshot".equals(show.get("Type"))
          && "enabled".equals(show.get("UnitFileState")) && "success".equals(show.get("Result"))) {
        notes.add(unit.getKey() + " enabled, to run at the next boot");
      } else if (!state.equals("active") && !failedUnits.contains(unit.getKey())) {
        problems.add(unit.getKey() + " is " + state);
      }
    }
    List<Listener> listeners = listeners(s.text("listening"));
    ArrayNode unexplained = details.putArray("unexplainedListeners");
    ArrayNode all = details.putArray("listeners");
    List<String> strays = new ArrayList<>();
    for (Listener l : listeners) {
      all.add(l.toString());
      if (!l.loopback() && !context.expected().openPorts().contains(l.key()) && !CLIENT_PORTS.contains(l.key())) {
        unexplained.add(l.toString());
        strays.add(l.toString());
      }
    }
    if (!notes.isEmpty()) {
      details.set("notes", Upgrades.strings(notes));
    }
    if (!problems.isEmpty()) {
      return OperationResult.failed(NAME, String.join("; ", problems), details);
    }
    if (!strays.isEmpty()) {
      return OperationResult.warning(NAME, "listening on a port the manifest does not open: " + String.join(", ", strays),
          details);
    }
    return OperationResult.ok(NAME, "no failed unit; " + units.size() + " expected unit(s) checked"
        + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")"), details);
  }

  private static Map<String, String> properties(String text) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String line : text.lines().toList()) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        map.put(line.substring(0, eq), line.substring(eq + 1).strip());
      }
    }
    return map;
  }

  /** The listening sockets, from {@code ss}'s columns (or the kernel's tables without ss). Pure. */
  static List<Listener> listeners(String text) {
    Set<String> seen = new TreeSet<>();
    List<Listener> list = new ArrayList<>();
    for (String line : text.lines().toList()) {
      String[] f = line.strip().split("\\s+", 3);
      if (f.length < 2) {
        continue;
      }
      String protocol = f[0].replace("6", "");
      if (!protocol.equals("tcp") && !protocol.equals("udp")) {
        continue;
      }
      String address;
      int port;
      if (f[1].matches("[0-9A-F]+:[0-9A-F]{4}")) {
        String[] hex = f[1].split(":");
        port = Integer.parseInt(hex[1], 16);
        address = kernelAddress(hex[0]);
      } else {
        int colon = f[1].lastIndexOf(':');
        if (colon < 0 || f[1].substring(colon + 1).equals("*")) {
          continue;
        }
        port = Integer.parseInt(f[1].substring(colon + 1));
        address = f[1].substring(0, colon).replaceAll("%.*$", "");
        if (address.startsWith("[") && address.endsWith("]")) {
          address = address.substring(1, address.length() - 1);
        }
      }
      String process = "-";
      if (f.length == 3) {
        Matcher m = PROCESS.matcher(f[2]);
        if (m.find()) {
          process = m.group(1);
        }
      }
      Listener l = new Listener(protocol, address, port, process);
      if (seen.add(l.toString())) {
        list.add(l);
      }
    }
    return list;
  }

  /** An address of /proc/net/tcp (little-endian hex; IPv6 as four such words). */
  private static String kernelAddress(String hex) {
    if (hex.length() == 8) {
      long v = Long.parseLong(hex, 16);
      return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff);
    }
    if (hex.equals("00000000000000000000000001000000")) {
      return "::1";
    }
    return hex.matches("0+") ? "::" : hex;
  }
}
