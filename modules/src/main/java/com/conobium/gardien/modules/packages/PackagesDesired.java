package com.conobium.gardien.modules.packages;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The packages one server must have and must not have.
 *
 * @param install packages that must be installed, sorted: the manifest's list plus those other
 *     modules need (each declares them: {@link com.conobium.gardien.modules.spi.ResourceModule#packages})
 * @param remove packages that must be purged, sorted; a package that must also be installed is
 *     left out, so a contradictory manifest still converges
 * @param aptProxy the HTTP proxy apt uses, if any
 * @param listsMaxAge how old the apt lists may be before installing runs {@code apt-get update}
 */
public record PackagesDesired(
    List<String> install, List<String> remove, Optional<String> aptProxy, Duration listsMaxAge) {

  /** Debian policy 5.6.1: lower case letters, digits, {@code + - .}, at least two characters. */
  private static final Pattern PACKAGE_NAME = Pattern.compile("[a-z0-9][a-z0-9+.-]+");

  public PackagesDesired {
    install = sortedValidNames(install);
    TreeSet<String> purge = new TreeSet<>(sortedValidNames(remove));
    purge.removeAll(install);
    remove = List.copyOf(purge);
    aptProxy = aptProxy.filter(p -> !p.isBlank());
    aptProxy.ifPresent(PackagesDesired::requireSafeProxy);
    if (listsMaxAge.isNegative()) {
      throw new IllegalArgumentException("listsMaxAge must not be negative");
    }
  }

  private static List<String> sortedValidNames(Collection<String> names) {
    for (String name : names) {
      if (!PACKAGE_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("not a Debian package name: " + name);
      }
    }
    return List.copyOf(new TreeSet<>(names));
  }

  private static void requireSafeProxy(String url) {
    if (!url.matches("[\\x21-\\x7e&&[^\"\\\\;{}]]+")) {
      throw new IllegalArgumentException(
          "aptProxy must be a URL without spaces, quotes, backslashes, ';' or braces: " + url);
    }
  }
}
