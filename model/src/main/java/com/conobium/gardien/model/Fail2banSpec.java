package com.conobium.gardien.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * fail2ban jails.
 *
 * @param enabled whether fail2ban is installed and managed
 * @param jails jail names to enable
 * @param maxRetry failures before a ban
 * @param findTime window in which failures are counted, e.g. {@code 10m}
 * @param banTime ban duration, e.g. {@code 1h}
 * @param ignoreIp sources never banned
 */
public record Fail2banSpec(
    @JsonPropertyDescription("whether fail2ban is installed and managed")
    Boolean enabled,
    @JsonPropertyDescription("jail names to enable")
    List<String> jails,
    @JsonPropertyDescription("failures before a ban")
    @NumberRange(min = 1, max = 1000) Integer maxRetry,
    @JsonPropertyDescription("window in which failures are counted, e.g. 10m")
    @TextPattern(value = Patterns.DURATION, describedAs = "a duration such as 10m, 1h or 7d") String findTime,
    @JsonPropertyDescription("ban duration, e.g. 1h")
    @TextPattern(value = Patterns.DURATION, describedAs = "a duration such as 10m, 1h or 7d") String banTime,
    @JsonPropertyDescription("sources never banned")
    List<String> ignoreIp) {
  public static final List<String> DEFAULT_JAILS =
      List.of("sshd", "nginx-http-auth", "nginx-botsearch", "nginx-limit-req", "nginx-scan");

  public Fail2banSpec {
    enabled = enabled == null || enabled;
    jails = jails == null ? DEFAULT_JAILS : List.copyOf(jails);
    maxRetry = maxRetry == null ? 6 : maxRetry;
    findTime = findTime == null ? "10m" : findTime;
    banTime = banTime == null ? "1h" : banTime;
    ignoreIp = ignoreIp == null ? List.of() : List.copyOf(ignoreIp);
  }
}
