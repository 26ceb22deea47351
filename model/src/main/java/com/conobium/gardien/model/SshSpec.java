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
 * @param maxAuthTries authentication attempts per connection before sshd closes it
 * @param maxSessions sessions one connection may open at once (multiplexing)
 * @param tcpForwarding whether logged-in users may forward TCP ports through SSH
 */
public record SshSpec(
    @JsonPropertyDescription("the port sshd listens on once the server is managed")
    @NumberRange(min = 1, max = 65535) Integer port, @JsonPropertyDescription("whether root may log in over SSH (the offer says no)")
    Boolean permitRootLogin, @JsonPropertyDescription("whether password logins are accepted")
    Boolean passwordAuthentication, @JsonPropertyDescription("source CIDRs allowed to reach SSH; empty means anywhere")
    List<String> allowFrom,
    @JsonPropertyDescription("authentication attempts per connection before sshd closes it")
    @NumberRange(min = 1, max = 100) Integer maxAuthTries,
    @JsonPropertyDescription("sessions one connection may open at once (multiplexing)")
    @NumberRange(min = 1, max = 100) Integer maxSessions,
    @JsonPropertyDescription("whether logged-in users may forward TCP ports through SSH")
    Boolean tcpForwarding) {
  /** The offer's hardening limits: three attempts, two sessions, no TCP forwarding. */
  public SshSpec(Integer port, Boolean permitRootLogin, Boolean passwordAuthentication, List<String> allowFrom) {
    this(port, permitRootLogin, passwordAuthentication, allowFrom, null, null, null);
  }

  public SshSpec {
    port = port == null ? 22 : port;
    permitRootLogin = permitRootLogin != null && permitRootLogin;
    passwordAuthentication = passwordAuthentication != null && passwordAuthentication;
    allowFrom = allowFrom == null ? List.of() : List.copyOf(allowFrom);
    maxAuthTries = maxAuthTries == null ? 3 : maxAuthTries;
    maxSessions = maxSessions == null ? 2 : maxSessions;
    tcpForwarding = tcpForwarding != null && tcpForwarding;
  }
}
