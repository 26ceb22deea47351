package com.conobium.gardien.model;

import java.util.List;

/** Time keeping: the NTP servers chrony uses and the system time zone. */
public record TimeSpec(List<String> servers, String timezone) {
  public static final List<String> DEFAULT_SERVERS = List.of("0.debian.pool.ntp.org", "1.debian.pool.ntp.org", "2.debian.pool.ntp.org");

  public TimeSpec {
    servers = servers == null ? DEFAULT_SERVERS : List.copyOf(servers);
    timezone = timezone == null ? "Etc/UTC" : timezone;
  }
}
