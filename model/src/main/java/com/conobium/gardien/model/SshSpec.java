package com.conobium.gardien.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;

/**
 * The SSH daemon.
 *
 * @param port the port sshd listens on once the server is managed
 * @param permitRootLogin whether root may log in over SSH (the offer says no)
 * @param passwordAuthentication whether password logins are accepted
 * @param allowFrom source CIDRs allowed to reach SSH; empty means anywhere
 */
public record SshSpec(
    @JsonPropertyDescription("the port sshd listens on once the server is managed")
    @NumberRange(min = 1, max = 65535) Integer port, @JsonPropertyDescription("whether root may log in over SSH (the offer says no)")
    Boolean permitRootLogin, @JsonPropertyDescription("whether password logins are accepted")
    Boolean passwordAuthentication, @JsonPropertyDescription("source CIDRs allowed to reach SSH; empty means anywhere")
    List<String> allowFrom) {
  public SshSpec {
    port = port == null ? 22 : port;
    permitRootLogin = permitRootLogin != null && permitRootLogin;
    passwordAuthentication = passwordAuthentication != null && passwordAuthentication;
    allowFrom = allowFrom == null ? List.of() : List.copyOf(allowFrom);
  }
}
