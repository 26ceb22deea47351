package com.conobium.gardien.testhosts;

import java.nio.file.Path;
import java.util.List;

/**
 * How to boot a test host.
 *
 * @param aptProxy whether apt inside goes through the controller's caching proxy (a bare host has
 *     no route to a mirror otherwise)
 * @param layers extra read-only layers over the base image, topmost first
 */
public record HostOptions(boolean aptProxy, List<Path> layers) {
  public HostOptions {
    layers = List.copyOf(layers);
  }

  /** A freshly installed server whose apt goes through the controller's proxy. */
  public static HostOptions defaults() {
    return new HostOptions(true, List.of());
  }

  public HostOptions withoutAptProxy() {
    return new HostOptions(false, layers);
  }
}
