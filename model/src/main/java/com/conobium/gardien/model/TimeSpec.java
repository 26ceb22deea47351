package com.conobium.gardien.model;

import java.util.List;

/** Time keeping: the NTP servers chrony uses and the system time zone. */
public record TimeSpec(
    @TextPattern(value = Patterns.HOST, describedAs = "a host name or an IP address") List<String> servers,
    @TextPattern(value = Patterns.TIMEZONE, describedAs = "a time zone such as Europe/Paris") String timezone) {
  public static final List<String> DEFAULT_SERVERS = List.of("0.debian.pool.ntp.org", "1.debian.pool.ntp.org", "2.debian.pool.ntp.org");

  public TimeSpec {
    servers = servers == null ? DEFAULT_SERVERS : List.copyOf(servers);
    timezone = timezone == null ? "Etc/UTC" : timezone;
  }
}
