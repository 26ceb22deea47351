package com.conobium.gardien.modules.packages;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.FileFacts;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares desired packages with the facts. Pure. The plan has at most three changes, in the order
 * they must be applied:
 *
 * <ol>
 *   <li>the apt proxy file (before any apt run, which needs it);
 *   <li>{@code + packages a, b}: one apt run installing every missing package, preceded by
 *       {@code apt-get update} when the lists are older than {@code listsMaxAge};
 *   <li>{@code - packages c}: one apt run purging every unwanted package still installed or with
 *       configuration files left.
 * </ol>
 *
 * The resource of a package change names exactly the packages concerned, sorted.
 */
final class PackagesPlanner {
  static final String PROXY_RESOURCE = "file " + AptProxyFile.PATH;

  ModulePlan plan(PackagesDesired desired, PackagesFacts facts) {
    List<Change> changes = new ArrayList<>();
    proxyChange(desired, facts).ifPresent(changes::add);
    installChange(desired, facts).ifPresent(changes::add);
    purgeChange(desired, facts).ifPresent(changes::add);
    return ModulePlan.of(changes);
  }

  private Optional<Change> proxyChange(PackagesDesired desired, PackagesFacts facts) {
    FileFacts actual = facts.proxyFile();
    if (desired.aptProxy().isEmpty()) {
      return actual.exists()
          ? Optional.of(
              Change.remove(
                  PROXY_RESOURCE,
                  AptProxyFile.describe(facts.proxyContent()),
                  List.of(new Step.Run("rm -f " + AptProxyFile.PATH + "\n"))))
          : Optional.empty();
    }
    String url = desired.aptProxy().get();
    Step.PutFile file = AptProxyFile.forProxy(url);
    if (actual.matches(file)) {
      return Optional.empty();
    }
    if (!actual.exists()) {
      return Optional.of(Change.add(PROXY_RESOURCE, url, List.of(file)));
    }
    String before = AptProxyFile.describe(facts.proxyContent());
    String after = url;
    if (actual.contentMatches(file.content())) {
      before += " (" + actual.attributes() + ")";
      after += " (" + FileFacts.attributesOf(file) + ")";
    }
    return Optional.of(Change.update(PROXY_RESOURCE, before, after, List.of(file)));
  }

  private Optional<Change> installChange(PackagesDesired desired, PackagesFacts facts) {
    List<String> missing =
        desired.install().stream().filter(p -> !facts.installed().contains(p)).toList();
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    List<Step> steps = new ArrayList<>();
    if (listsAreStale(desired, facts)) {
      steps.add(AptCommands.update());
    }
    steps.add(AptCommands.install(missing));
    return Optional.of(Change.add(resource(missing), "installed", steps));
  }

  private static boolean listsAreStale(PackagesDesired desired, PackagesFacts facts) {
    return facts.listsAge().map(age -> age.compareTo(desired.listsMaxAge()) > 0).orElse(true);
  }

  private Optional<Change> purgeChange(PackagesDesired desired, PackagesFacts facts) {
    List<String> installed =
        desired.remove().stream().filter(p -> facts.installed().contains(p)).toList();
    List<String> configOnly =
        desired.remove().stream().filter(p -> facts.configFilesOnly().contains(p)).toList();
    if (installed.isEmpty() && configOnly.isEmpty()) {
      return Optional.empty();
    }
    List<String> present =
        desired.remove().stream()
            .filter(p -> installed.contains(p) || configOnly.contains(p))
            .toList();
    String before;
    if (configOnly.isEmpty()) {
      before = "installed";
    } else if (installed.isEmpty()) {
      before = "configuration files left";
    } else {
      before =
          "installed: "
              + String.join(", ", installed)
              + "; configuration files left: "
              + String.join(", ", configOnly);
    }
    return Optional.of(
        Change.remove(resource(present), before, List.of(AptCommands.purge(present))));
  }

  private static String resource(List<String> packages) {
    return "packages " + String.join(", ", packages);
  }
}
