package com.conobium.gardien.testhosts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A test host's link to the controller: the veth pair {@code systemd-nspawn --network-veth} makes
 * ({@code ve-NAME} here, {@code host0} inside), addressed in 198.18.N.0/24 with a route to
 * 198.18.0.0/15 (the range reserved for such tests) through the controller, so the host reaches
 * the apt proxy and the other test hosts, and nothing else: there is no default route, and a
 * packet for any other address fails inside the host instead of leaving through this machine.
 */
final class HostNetwork {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  /** The addresses a test host may reach: RFC 2544's range for network tests. */
  static final String TEST_RANGE = "198.18.0.0/15";

  private HostNetwork() {}

  /** The controller-side interface of a machine, e.g. {@code ve-gdn3}. */
  static String veth(String machineName) {
    return "ve-" + machineName;
  }

  /**
   * Whether anything on this machine already uses network N or the interface name: such a slot
   * belongs to someone else (another harness, a host not yet cleaned up) and must not be touched.
   */
  static boolean inUse(int n, String machineName) {
    if (Files.exists(Path.of("/sys/class/net", veth(machineName)))) {
      return true;
    }
    Pattern subnet = Pattern.compile("\\binet 198\\.18\\." + n + "\\.\\d+/");
    return subnet.matcher(Commands.check(TIMEOUT, List.of("ip", "-4", "-o", "addr", "show"))).find();
  }

  /** Whether the controller-side interface still exists. */
  static boolean exists(String machineName) {
    return Files.exists(Path.of("/sys/class/net", veth(machineName)));
  }

  /**
   * Addresses both ends once the veth exists; {@code leaderPid} is the container's PID 1 as seen
   * from here (its network namespace is entered with {@code nsenter}).
   */
  static void configure(HostSlot slot, long leaderPid) {
    String veth = veth(slot.machineName());
    Commands.check(TIMEOUT, List.of("ip", "addr", "add", slot.controllerAddress() + "/24", "dev", veth));
    Commands.check(TIMEOUT, List.of("ip", "link", "set", veth, "up"));
    String ns = String.valueOf(leaderPid);
    Commands.check(TIMEOUT, List.of("nsenter", "-t", ns, "-n", "ip", "addr", "add", slot.hostAddress() + "/24", "dev", "host0"));
    Commands.check(TIMEOUT, List.of("nsenter", "-t", ns, "-n", "ip", "link", "set", "host0", "up"));
    Commands.check(TIMEOUT, List.of("nsenter", "-t", ns, "-n", "ip", "route", "add", TEST_RANGE, "via", slot.controllerAddress()));
  }

  /**
   * Deletes the controller-side interface if it outlived the container. Only for a slot this JVM
   * holds: the slot check guarantees the interface was not there before the host booted.
   */
  static void remove(String machineName) {
    if (exists(machineName)) {
      Commands.run(TIMEOUT, List.of("ip", "link", "del", veth(machineName)));
    }
  }
}
