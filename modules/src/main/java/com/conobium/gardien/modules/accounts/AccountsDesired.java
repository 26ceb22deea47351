package com.conobium.gardien.modules.accounts;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The login accounts one server should have.
 *
 * @param admin the admin user's name
 * @param sshKeys the OpenSSH public keys allowed to log in as the admin, in manifest order
 * @param adminPassword the admin's shadow password field, from the secret {@code admin-password}
 * @param rootPassword root's shadow password field, from the secret {@code root-password}; empty
 *     when the policy is {@code keep}
 */
record AccountsDesired(
    String admin, List<String> sshKeys, ShadowPassword adminPassword, Optional<ShadowPassword> rootPassword) {
  private static final Pattern USER = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  AccountsDesired {
    if (!USER.matcher(admin).matches() || admin.equals("root")) {
      throw new IllegalArgumentException("not an admin user name: " + admin);
    }
    sshKeys = List.copyOf(sshKeys);
    for (String key : sshKeys) {
      if (key.isBlank() || key.contains("\n") || key.contains("\r")) {
        throw new IllegalArgumentException("an SSH key must be one non-empty line");
      }
    }
  }

  /** The content of the admin's {@code authorized_keys}: one key a line. */
  String authorizedKeys() {
    StringBuilder content = new StringBuilder();
    sshKeys.forEach(k -> content.append(k.strip()).append('\n'));
    return content.toString();
  }
}
