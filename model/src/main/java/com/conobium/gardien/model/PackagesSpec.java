package com.conobium.gardien.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * Debian packages.
 *
 * @param install packages that must be installed (besides those the other modules need)
 * @param remove packages that must be absent (purged)
 * @param aptProxy HTTP proxy for apt, e.g. {@code http://10.0.0.1:3142}
 * @param listsMaxAge how old the apt lists may be before {@code apt-get update} runs, e.g. {@code 24h}
 */
public record PackagesSpec(
    @JsonPropertyDescription("packages that must be installed (besides those the other modules need)")
    @TextPattern(value = Patterns.PACKAGE, describedAs = "a Debian package name") List<String> install,
    @JsonPropertyDescription("packages that must be absent (purged)")
    @TextPattern(value = Patterns.PACKAGE, describedAs = "a Debian package name") List<String> remove,
    @TextPattern(value = "^https?://[^\\s/]+(/.*)?$", describedAs = "an http:// URL") String aptProxy,
    @JsonPropertyDescription("how old the apt lists may be before apt-get update runs, e.g. 24h")
    @TextPattern(value = Patterns.DURATION, describedAs = "a duration such as 10m, 1h or 7d") String listsMaxAge) {
  public PackagesSpec {
    install = install == null ? List.of() : List.copyOf(install);
    remove = remove == null ? List.of() : List.copyOf(remove);
    listsMaxAge = listsMaxAge == null ? "24h" : listsMaxAge;
  }
}
