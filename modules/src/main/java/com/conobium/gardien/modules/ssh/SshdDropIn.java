package com.conobium.gardien.modules.ssh;

import com.conobium.gardien.model.SshSpec;

/**
 * Renders Gardien's sshd drop-in. It is named to sort first in {@code sshd_config.d}, which
 * Debian's {@code sshd_config} includes at its top, and sshd keeps the first value it reads for a
 * keyword: these settings win over everything else. Key exchange, ciphers and MACs are the modern
 * ones Debian 13's OpenSSH offers (post-quantum hybrids first); ssh-audit finds no failure with
 * them. Pure.
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

  static String render(SshSpec spec) {
    return """
        # Managed by Gardien from the server's manifest (ssh: ...): edits here are reverted.
        Port %d
        PermitRootLogin %s
        PasswordAuthentication %s
        KbdInteractiveAuthentication no
        PubkeyAuthentication yes
        PermitEmptyPasswords no
        X11Forwarding no
        AllowAgentForwarding no
        MaxAuthTries 4
        LoginGraceTime 30
        ClientAliveInterval 60
        ClientAliveCountMax 3
        KexAlgorithms %s
        Ciphers %s
        MACs %s
        HostKeyAlgorithms %s
        """
        .formatted(spec.port(), spec.permitRootLogin() ? "prohibit-password" : "no",
            spec.passwordAuthentication() ? "yes" : "no", KEX, CIPHERS, MACS, HOST_KEYS);
  }
}
