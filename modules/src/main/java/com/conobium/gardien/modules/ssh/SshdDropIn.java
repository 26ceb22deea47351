package com.conobium.gardien.modules.ssh;

import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.model.SiteSpec;
import com.conobium.gardien.model.SshSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Renders Gardien's sshd drop-in. It is named to sort first in {@code sshd_config.d}, which
 * Debian's {@code sshd_config} includes at its top, and sshd keeps the first value it reads for a
 * keyword: these settings win over everything else. Key exchange, ciphers and MACs are the modern
 * ones Debian 13's OpenSSH offers (post-quantum hybrids first); ssh-audit finds no failure with
 * them. Dead clients are found by sshd's own encrypted keepalives (two missed at 60 s), not TCP's
 * spoofable ones; {@code LogLevel VERBOSE} logs each login's key fingerprint. The Fleet's
 * controller addresses are exempt from OpenSSH's {@code PerSourcePenalties}: the monitoring's SSH
 * banner checks are connections that never authenticate, which sshd would otherwise count against
 * the controller and, at short intervals, answer by refusing Gardien's own logins. Pure.
 */
final class SshdDropIn {
  static final String PATH = "/etc/ssh/sshd_config.d/00-gardien.conf";

  static final String KEX = "mlkem768x25519-sha256,sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com,"
      + "curve25519-sha256,curve25519-sha256@libssh.org";
  static final String CIPHERS = "chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com,"
      + "aes256-ctr,aes128-ctr";
  static final String MACS = "hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com,umac-128-etm@openssh.com";
  static final String HOST_KEYS = "ssh-ed25519,rsa-sha2-512,rsa-sha2-256";

  private SshdDropIn() {}

  /** The drop-in for a whole server spec: its ssh section and the users it lets in. */
  static String render(ServerSpec spec) {
    return render(spec, List.of());
  }

  /** The same, with {@code controllers} (addresses or CIDRs) exempt from sshd's per-source penalties. */
  static String render(ServerSpec spec, List<String> controllers) {
    String text = render(spec.ssh(), allowedUsers(spec));
    return controllers.isEmpty() ? text : text + "PerSourcePenaltyExemptList " + String.join(",", controllers) + "\n";
  }

  /**
   * Who may log in over SSH: the admin user, the connection user when another one is named, root
   * when root logins are permitted, and the user of each site with SFTP.
   */
  static List<String> allowedUsers(ServerSpec spec) {
    Set<String> users = new LinkedHashSet<>();
    users.add(spec.accounts().admin().name());
    if (spec.connection().user() != null) {
      users.add(spec.connection().user());
    }
    if (spec.ssh().permitRootLogin()) {
      users.add("root");
    }
    for (SiteSpec site : spec.sites()) {
      if (site.sftp().enabled()) {
        users.add(site.name());
      }
    }
    return List.copyOf(users);
  }

  static String render(SshSpec spec, List<String> allowedUsers) {
    return """
        # Managed by Gardien from the server's manifest (ssh: ...): edits here are reverted.
        Port %d
        AllowUsers %s
        PermitRootLogin %s
        PasswordAuthentication %s
        KbdInteractiveAuthentication no
        PubkeyAuthentication yes
        PermitEmptyPasswords no
        X11Forwarding no
        AllowAgentForwarding no
        AllowTcpForwarding %s
        MaxAuthTries %d
        MaxSessions %d
        LoginGraceTime 30
        ClientAliveInterval 60
        ClientAliveCountMax 2
        TCPKeepAlive no
        LogLevel VERBOSE
        KexAlgorithms %s
        Ciphers %s
        MACs %s
        HostKeyAlgorithms %s
        """
        .formatted(spec.port(), String.join(" ", allowedUsers), spec.permitRootLogin() ? "prohibit-password" : "no",
            spec.passwordAuthentication() ? "yes" : "no", spec.tcpForwarding() ? "yes" : "no",
            spec.maxAuthTries(), spec.maxSessions(), KEX, CIPHERS, MACS, HOST_KEYS);
  }
}
