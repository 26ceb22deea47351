package com.conobium.gardien.modules.time;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How one server keeps time.
 *
 * @param servers NTP servers chrony uses besides Debian's default pool, in manifest order, without
 *     duplicates
 * @param timezone IANA time zone name, e.g. {@code Europe/Paris}
 */
public record TimeDesired(List<String> servers, String timezone) {
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:-]*");
  private static final Pattern ZONE = Pattern.compile("[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*");

  public TimeDesired {
    servers = List.copyOf(new LinkedHashSet<>(servers));
    for (String server : servers) {
      if (!HOST.matcher(server).matches()) {
        throw new IllegalArgumentException("not an NTP server host name or address: " + server);
      }
    }
    if (!ZONE.matcher(timezone).matches()) {
      throw new IllegalArgumentException("not a time zone name: " + timezone);
    }
  }
}
