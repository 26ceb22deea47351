package com.conobium.gardien.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Login accounts: the admin user Gardien creates and the root password policy. */
public record AccountsSpec(Admin admin, RootPassword rootPassword) {
  public AccountsSpec {
    admin = admin == null ? new Admin(null, null, null) : admin;
    rootPassword = rootPassword == null ? new RootPassword(null, null) : rootPassword;
  }

  /**
   * The SSH login user.
   *
   * @param name user name
   * @param sshKeys OpenSSH public keys allowed to log in
   * @param passwordLength length of the generated password
   */
  public record Admin(
      @JsonPropertyDescription("user name")
    @TextPattern(value = Patterns.SITE_NAME, describedAs = "a lowercase name usable as a Debian user name") String name,
      @JsonPropertyDescription("OpenSSH public keys allowed to log in")
    @TextPattern(value = Patterns.PUBLIC_KEY, describedAs = "an OpenSSH public key on one line, such as ssh-ed25519 AAAAC3Nza...")
    List<String> sshKeys,
      @JsonPropertyDescription("length of the generated password")
    @NumberRange(min = 16, max = 128) Integer passwordLength) {
    public Admin {
      name = name == null ? "gardien" : name;
      sshKeys = sshKeys == null ? List.of() : List.copyOf(sshKeys);
      passwordLength = passwordLength == null ? 30 : passwordLength;
    }
  }

  /**
   * Root password policy.
   *
   * @param policy {@code random} replaces it with a generated secret; {@code keep} leaves it alone
   * @param length length of the generated password
   */
  public record RootPassword(
      @JsonPropertyDescription("random replaces it with a generated secret; keep leaves it alone")
    @AllowedValues({"random", "keep"}) String policy, @JsonPropertyDescription("length of the generated password")
    @NumberRange(min = 16, max = 128) Integer length) {
    public RootPassword {
      policy = policy == null ? "random" : policy;
      length = length == null ? 30 : length;
    }
  }
}
