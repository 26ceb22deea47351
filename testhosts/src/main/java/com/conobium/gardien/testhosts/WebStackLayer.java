package com.conobium.gardien.testhosts;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The cached layer over the base image with the web packages installed ({@link PackageLayer}): a
 * host booted over it skips about 70 s of dpkg.
 */
final class WebStackLayer {
  /**
   * What the layer adds to the base image: the web stack, and the standard profile's hardening
   * tools (their dependencies are Perl and Python modules, many small packages).
   */
  static final List<String> PACKAGES = List.of("nginx", "php8.4-fpm", "mariadb-server", "fail2ban", "nftables",
      "chrony", "debsums", "needrestart", "apt-listchanges", "libpam-pwquality", "libpam-tmpdir");

  /** Named after its packages, so that a changed list builds a new layer instead of reusing the old. */
  private static final PackageLayer LAYER = new PackageLayer(
      "layer-web-trixie-" + Integer.toHexString(String.join(",", PACKAGES).hashCode()), PACKAGES, "gdnweb");

  private WebStackLayer() {}

  /** The layer, built on first use; {@code bootBase} boots a host over the base image alone. */
  static Path get(CacheDir cache, Function<HostOptions, TestHost> bootBase) {
    return LAYER.get(cache, bootBase);
  }
}
