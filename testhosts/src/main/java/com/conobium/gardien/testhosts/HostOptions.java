package com.conobium.gardien.testhosts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How to boot a test host. Start from {@link #defaults()}.
 *
 * @param namePrefix the machine name is this prefix and the host's network number, e.g.
 *     {@code gdn3}; lower-case letters, digits and dashes, at most 9 characters (the interface
 *     {@code ve-NAME} must fit Linux's 15)
 * @param aptProxy whether apt inside goes through the controller's caching proxy (a bare host has
 *     no route to a mirror otherwise; Gardien's {@code packages.aptProxy} can set it instead)
 * @param webStack whether the host starts with the cached web-stack layer (nginx, php8.4-fpm,
 *     mariadb-server, fail2ban, nftables, chrony installed), built once on first use
 * @param layers extra read-only layers over the base image (and the web-stack layer), topmost first
 */
public record HostOptions(String namePrefix, boolean aptProxy, boolean webStack, List<Path> layers) {
  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9-]{0,8}");

  public HostOptions {
    if (!PREFIX.matcher(namePrefix).matches()) {
      throw new IllegalArgumentException("name prefix must match " + PREFIX + ": " + namePrefix);
    }
    layers = List.copyOf(layers);
  }

  /** A freshly installed server named {@code gdnN}, its apt going through the controller's proxy. */
  public static HostOptions defaults() {
    return new HostOptions("gdn", true, false, List.of());
  }

  /** Machine names {@code PREFIXN} instead of {@code gdnN}. */
  public HostOptions withNamePrefix(String prefix) {
    return new HostOptions(prefix, aptProxy, webStack, layers);
  }

  /** No apt proxy file: apt cannot reach a mirror until something (Gardien) configures one. */
  public HostOptions withoutAptProxy() {
    return new HostOptions(namePrefix, false, webStack, layers);
  }

  /** Starts from the cached layer with the web packages installed (skips about 70 s of dpkg). */
  public HostOptions withWebStack() {
    return new HostOptions(namePrefix, aptProxy, true, layers);
  }

  /** Adds a read-only layer above the ones already given. */
  public HostOptions withLayer(Path layer) {
    List<Path> all = new ArrayList<>();
    all.add(layer);
    all.addAll(layers);
    return new HostOptions(namePrefix, aptProxy, webStack, all);
  }
}
