package com.conobium.gardien.modules.spi;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a module's resources imply on a managed server, for the monthly maintenance to verify from
 * the outside of the module: the systemd units that must be active, the inbound ports the server
 * may answer on, the fail2ban jails that must run (with their {@code maxretry}). Modules declare
 * theirs in {@link ResourceModule#expectations}; the maintenance merges them. Pure data.
 *
 * @param units systemd unit names, e.g. {@code nginx.service}
 * @param openPorts inbound ports as {@code PORT/PROTOCOL}, e.g. {@code 443/tcp}
 * @param jails fail2ban jail names and the {@code maxretry} each must have
 */
public record Expectations(Set<String> units, Set<String> openPorts, Map<String, Integer> jails) {
  /** Nothing expected. */
  public static final Expectations NONE = new Expectations(Set.of(), Set.of(), Map.of());

  public Expectations {
    units = Set.copyOf(units);
    openPorts = Set.copyOf(openPorts);
    jails = Map.copyOf(jails);
  }

  /** Only {@code units} active. */
  public static Expectations units(String... units) {
    return new Expectations(Set.of(units), Set.of(), Map.of());
  }

  /** These expectations and {@code other}'s (the lowest {@code maxretry} of a jail both name). */
  public Expectations and(Expectations other) {
    Set<String> u = new TreeSet<>(units);
    u.addAll(other.units);
    Set<String> p = new TreeSet<>(openPorts);
    p.addAll(other.openPorts);
    Map<String, Integer> j = new TreeMap<>(jails);
    other.jails.forEach((name, retry) -> j.merge(name, retry, Math::min));
    return new Expectations(u, p, j);
  }
}
