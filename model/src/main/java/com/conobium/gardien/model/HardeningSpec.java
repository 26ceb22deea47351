package com.conobium.gardien.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * System hardening beyond the services: what a careful administrator of a web server sets on every
 * machine. Off unless the manifest turns it on (the {@code standard-web} profile does); then each
 * part has a safe default and can be changed or turned off by the manifest.
 *
 * @param enabled whether Gardien manages the hardening at all (default false)
 * @param sysctl kernel and network parameters set over {@link #DEFAULT_SYSCTL}; an empty value
 *     leaves that parameter to the kernel
 * @param coreDumps whether processes may write core dumps (setuid programs never do)
 * @param banner the warning of /etc/issue and /etc/issue.net, shown before console and network logins; empty leaves Debian's
 * @param shellTimeout idle interactive shells end after this long; {@code 0} never
 * @param disabledKernelModules kernel modules that may not be loaded: unused network protocols,
 *     file systems and removable storage
 * @param tools Debian packages of audit and hygiene tools installed on the server
 */
public record HardeningSpec(
    @JsonPropertyDescription("whether Gardien manages the hardening at all (default false; the standard-web profile turns it on)")
    Boolean enabled,
    @JsonPropertyDescription("kernel and network parameters set over Gardien's defaults"
        + " (docs/hardening.md); an empty value leaves that parameter to the kernel")
    Map<String, String> sysctl,
    @JsonPropertyDescription("whether processes may write core dumps (setuid programs never do)")
    Boolean coreDumps,
    @JsonPropertyDescription("the warning of /etc/issue and /etc/issue.net, shown before console and network logins; empty leaves Debian's")
    String banner,
    @JsonPropertyDescription("idle interactive shells end after this long, e.g. 15m; 0 never")
    @TextPattern(value = Patterns.DURATION_OR_ZERO, describedAs = "a duration such as 15m or 1h, or 0")
    String shellTimeout,
    @JsonPropertyDescription("kernel modules that may not be loaded")
    @TextPattern(value = Patterns.KERNEL_MODULE, describedAs = "a kernel module name such as usb-storage")
    List<String> disabledKernelModules,
    @JsonPropertyDescription("Debian packages of audit and hygiene tools installed on the server")
    @TextPattern(value = Patterns.PACKAGE, describedAs = "a Debian package name")
    List<String> tools) {

  /**
   * The parameters Gardien sets unless the manifest says otherwise. In a container the kernel's
   * own ones ({@code kernel.*}, {@code fs.*}, {@code dev.*}) belong to the host and are only
   * written to the file; the network ones are the container's and are set.
   */
  public static final Map<String, String> DEFAULT_SYSCTL = defaults();

  public static final String DEFAULT_BANNER =
      "Authorised access only. Activity on this system is monitored and recorded;"
          + " unauthorised use is prohibited and may be prosecuted.";

  /** Network protocols a web server does not use, file systems it never mounts, removable storage. */
  public static final List<String> DEFAULT_DISABLED_MODULES = List.of(
      "dccp", "sctp", "rds", "tipc", "cramfs", "freevxfs", "hfs", "hfsplus", "jffs2", "udf",
      "usb-storage", "firewire-core");

  /**
   * Audit and hygiene tools: package checksums (debsums), services left on old libraries after an
   * upgrade (needrestart), news of an upgrade (apt-listchanges), password strength (pwquality),
   * per-user temporary directories (pam_tmpdir). Not a rootkit scanner: rkhunter and chkrootkit
   * bring binutils, an assembler and linker an attacker could use.
   */
  public static final List<String> DEFAULT_TOOLS = List.of(
      "debsums", "needrestart", "apt-listchanges", "libpam-pwquality", "libpam-tmpdir");

  public HardeningSpec {
    enabled = enabled != null && enabled;
    Map<String, String> merged = new LinkedHashMap<>(DEFAULT_SYSCTL);
    if (sysctl != null) {
      merged.putAll(sysctl);
    }
    sysctl = java.util.Collections.unmodifiableMap(merged);
    coreDumps = coreDumps != null && coreDumps;
    banner = banner == null ? DEFAULT_BANNER : banner;
    shellTimeout = shellTimeout == null ? "15m" : shellTimeout;
    disabledKernelModules = disabledKernelModules == null ? DEFAULT_DISABLED_MODULES : List.copyOf(disabledKernelModules);
    tools = tools == null ? DEFAULT_TOOLS : List.copyOf(tools);
  }

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    // the kernel's (the host's, in a container)
    d.put("dev.tty.ldisc_autoload", "0");
    d.put("fs.protected_fifos", "2");
    d.put("fs.protected_hardlinks", "1");
    d.put("fs.protected_regular", "2");
    d.put("fs.protected_symlinks", "1");
    d.put("fs.suid_dumpable", "0");
    d.put("kernel.core_uses_pid", "1");
    d.put("kernel.ctrl-alt-del", "0");
    d.put("kernel.dmesg_restrict", "1");
    d.put("kernel.kptr_restrict", "2");
    d.put("kernel.perf_event_paranoid", "3");
    d.put("kernel.randomize_va_space", "2");
    d.put("kernel.unprivileged_bpf_disabled", "1");
    d.put("net.core.bpf_jit_harden", "2");
    // the network's: a web server routes nothing and trusts no redirect. Forwarding comes first:
    // the kernel sets accept_redirects to the opposite of forwarding whenever forwarding is written
    d.put("net.ipv4.conf.all.forwarding", "0");
    d.put("net.ipv4.conf.all.accept_redirects", "0");
    d.put("net.ipv4.conf.default.accept_redirects", "0");
    d.put("net.ipv4.conf.all.accept_source_route", "0");
    d.put("net.ipv4.conf.default.accept_source_route", "0");
    d.put("net.ipv4.conf.all.log_martians", "1");
    d.put("net.ipv4.conf.default.log_martians", "1");
    d.put("net.ipv4.conf.all.rp_filter", "1");
    d.put("net.ipv4.conf.default.rp_filter", "1");
    d.put("net.ipv4.conf.all.send_redirects", "0");
    d.put("net.ipv4.conf.default.send_redirects", "0");
    d.put("net.ipv4.icmp_echo_ignore_broadcasts", "1");
    d.put("net.ipv4.icmp_ignore_bogus_error_responses", "1");
    d.put("net.ipv4.tcp_syncookies", "1");
    d.put("net.ipv6.conf.all.accept_redirects", "0");
    d.put("net.ipv6.conf.default.accept_redirects", "0");
    d.put("net.ipv6.conf.all.accept_source_route", "0");
    d.put("net.ipv6.conf.default.accept_source_route", "0");
    return java.util.Collections.unmodifiableMap(d);
  }
}
